// A relay in a process of its own, so the fault tests can kill it for real (SIGKILL, no clean-up).
// Prints one JSON line per published batch, then waits PAUSE_AFTER_PUBLISH_MS before the checkpoint is saved:
// the window in which a crash leaves a batch published but not checkpointed.
import { openSqlEventStore, SqlCheckpointStore } from '@cvl/event-store';
import { KafkaBus, Relay } from '@cvl/messaging';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} manquant`);
    return value;
  };
  const pauseMs = Number(process.env.PAUSE_AFTER_PUBLISH_MS ?? '0');
  const { store, client } = await openSqlEventStore({
    databaseUrl: env('DATABASE_URL'),
    schema: env('DB_SCHEMA'),
    applicationName: 'relay-fault',
  });
  const bus = new KafkaBus({ brokers: env('KAFKA_BROKERS').split(','), clientId: 'relay-fault' });
  const relay = new Relay(store, new SqlCheckpointStore(client), bus, {
    name: env('RELAY_NAME'),
    topic: env('TOPIC'),
    source: '/fault-test',
    batchSize: Number(process.env.BATCH_SIZE ?? '20'),
    idleDelayMs: 20,
    onPublished: async (events, upTo) => {
      process.stdout.write(
        `${JSON.stringify({ published: events.length, upTo: `${upTo.commit}:${upTo.position}` })}\n`,
      );
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    },
  });
  await relay.start();
  process.stdout.write(`${JSON.stringify({ started: true })}\n`);
  process.on('SIGTERM', () => {
    void relay
      .stop()
      .then(() => bus.close())
      .then(() => store.close())
      .then(() => process.exit(0));
  });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
