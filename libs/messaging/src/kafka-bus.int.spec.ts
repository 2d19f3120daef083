import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { testKafkaBrokers } from '@cvl/testing';
import { integrationBusContract, sampleEvent } from './contract/integration-bus.contract';
import { UnpublishableEventError } from './integration-bus.port';
import { KafkaBus, TOPIC_CONFIG, topicConfigOf } from './kafka/kafka-bus';

integrationBusContract(
  'Kafka (real broker)',
  async () => {
    const bus = new KafkaBus({ brokers: testKafkaBrokers(), clientId: 'contract-suite' });
    if (!(await bus.ping()))
      throw new Error(
        `Kafka injoignable sur ${testKafkaBrokers().join(',')} : lancez « npm run kafka:start » ou définissez KAFKA_BROKERS.`,
      );
    return bus;
  },
  60_000,
);

describe('Kafka topics keep every message (real broker)', () => {
  const bus = new KafkaBus({ brokers: testKafkaBrokers(), clientId: 'retention-suite' });
  const admin = new Kafka({
    clientId: 'retention-admin',
    brokers: testKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  }).admin();
  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.disconnect();
    await bus.close();
  });

  it('creates topics with retention off and 1 MiB messages, and brings a 7-day topic made by hand back in line at start', async () => {
    const fresh = `retention-${randomUUID()}`;
    await bus.ensureTopics([fresh]);
    expect(await bus.topicConfig(fresh)).toEqual(TOPIC_CONFIG);

    const byHand = `retention-${randomUUID()}`;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: byHand,
          numPartitions: 1,
          configEntries: [{ name: 'retention.ms', value: String(7 * 24 * 3600 * 1000) }],
        },
      ],
    });
    expect((await bus.topicConfig(byHand))['retention.ms']).toBe(String(7 * 24 * 3600 * 1000));
    await bus.ensureTopics([byHand]);
    expect(await bus.topicConfig(byHand)).toEqual(TOPIC_CONFIG);
  });

  it('sets the retention and the in-sync replicas a production deployment asks for, and refuses what would lose messages', async () => {
    const month = 30 * 24 * 3600 * 1000;
    const production = new KafkaBus({
      brokers: testKafkaBrokers(),
      clientId: 'retention-production',
      retentionMs: month,
      minInsyncReplicas: 1,
    });
    try {
      const topic = `retention-${randomUUID()}`;
      await bus.ensureTopics([topic]);
      expect((await production.topicConfig(topic))['retention.ms']).toBe('-1');
      // Opened with the deployment's settings, an existing topic is brought to them.
      await production.ensureTopics([topic]);
      expect(await production.topicConfig(topic)).toEqual(topicConfigOf({ retentionMs: month, minInsyncReplicas: 1 }));
      expect((await production.topicConfig(topic))['min.insync.replicas']).toBe('1');
    } finally {
      await production.close();
    }
    expect(() => new KafkaBus({ brokers: testKafkaBrokers(), clientId: 'x', retentionMs: 3_600_000 })).toThrow(
      /30 jours/,
    );
    expect(
      () => new KafkaBus({ brokers: testKafkaBrokers(), clientId: 'x', replicationFactor: 1, minInsyncReplicas: 2 }),
    ).toThrow(/aucune écriture ne passerait/);
  });

  it('refuses a message above 1 MiB as unpublishable, naming the event, and sends a large batch in several requests', async () => {
    const topic = `size-${randomUUID()}`;
    await bus.ensureTopics([topic]);
    const big = { ...sampleEvent('s', 0), data: { note: 'x'.repeat(1024 * 1024 + 1) } };
    await expect(bus.publish(topic, [big])).rejects.toThrow(UnpublishableEventError);
    // 12 events of 200 KiB: 2,4 MB in all, more than one request may carry.
    const many = Array.from({ length: 12 }, (_, revision) => ({
      ...sampleEvent('s', revision),
      data: { note: 'y'.repeat(200 * 1024) },
    }));
    await bus.publish(topic, many);
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.reduce((sum, partition) => sum + Number(partition.high), 0)).toBe(12);
  });
});
