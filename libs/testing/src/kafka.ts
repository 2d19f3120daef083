/** The Kafka broker the integration tiers use: KAFKA_BROKERS, else the local broker started by tools/test.sh. */
export function testKafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}
