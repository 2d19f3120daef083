// The test tiers' servers as containers (CVL_TEST_SERVERS=containers, on a machine with a Docker engine): PostgreSQL,
// Apache Kafka (KRaft) and KurrentDB through testcontainers. Writes the variables the tiers read to the file given
// as argument (DATABASE_URL, KAFKA_BROKERS, KURRENTDB_CONNECTION_STRING), then holds the containers until it is
// stopped (SIGTERM from tools/test.sh); testcontainers' reaper removes them if this process dies.
//   node -r ./tools/register-ts.js tools/test-servers/containers.ts /tmp/servers.env
// The machines this project runs on here have no Docker engine: there, tools/test.sh uses local processes.
import { writeFileSync } from 'node:fs';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { KafkaContainer } from '@testcontainers/kafka';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';

/** The images, pinned; override one with its variable to follow a partner's versions. */
const IMAGES = {
  postgres: process.env.CVL_TEST_POSTGRES_IMAGE ?? 'postgres:16-bookworm',
  kafka: process.env.CVL_TEST_KAFKA_IMAGE ?? 'confluentinc/cp-kafka:7.9.0',
  kurrentdb: process.env.CVL_TEST_KURRENTDB_IMAGE ?? 'docker.kurrent.io/kurrent-latest/kurrentdb:25.0',
};

async function main(envFile: string): Promise<void> {
  const say = (line: string) => process.stdout.write(`[conteneurs] ${line}\n`);
  say(`PostgreSQL (${IMAGES.postgres}), Kafka (${IMAGES.kafka}), KurrentDB (${IMAGES.kurrentdb})…`);
  const [postgres, kafka, kurrent] = await Promise.all([
    new PostgreSqlContainer(IMAGES.postgres)
      .withDatabase('test')
      .withUsername('postgres')
      .withPassword('postgres')
      .start(),
    new KafkaContainer(IMAGES.kafka).withKraft().start(),
    new GenericContainer(IMAGES.kurrentdb)
      .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_RUN_PROJECTIONS: 'None', KURRENTDB_MEM_DB: 'true' })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .start(),
  ]);
  const started: StartedTestContainer[] = [postgres, kafka, kurrent];
  writeFileSync(
    envFile,
    [
      `DATABASE_URL=${postgres.getConnectionUri()}`,
      `KAFKA_BROKERS=${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
      `KURRENTDB_CONNECTION_STRING=kurrentdb://${kurrent.getHost()}:${kurrent.getMappedPort(2113)}?tls=false`,
      '',
    ].join('\n'),
  );
  say(`prêts ; variables dans ${envFile}`);
  const stop = async () => {
    await Promise.allSettled(started.map((container) => container.stop()));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  // Held until stopped: the containers live as long as this process.
  setInterval(() => undefined, 60_000);
}

const envFile = process.argv[2];
if (!envFile) {
  process.stderr.write('usage : node -r ./tools/register-ts.js tools/test-servers/containers.ts <fichier .env>\n');
  process.exit(2);
}
main(envFile).catch((error: Error) => {
  process.stderr.write(`[conteneurs] échec : ${error.message}\n`);
  process.exit(1);
});
