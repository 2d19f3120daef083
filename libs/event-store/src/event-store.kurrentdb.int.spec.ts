// Runs only when KURRENTDB_CONNECTION_STRING names a server (e.g. through testcontainers where Docker exists):
// jest.config.js leaves this file out otherwise, and tools/test.sh says so, so nothing passes by skipping.
import { eventStoreContract } from './contract/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';

eventStoreContract('KurrentDB', async () => {
  const store = new KurrentDbEventStore(process.env.KURRENTDB_CONNECTION_STRING as string);
  return { store, checkpoints: store.checkpointStore(), cleanup: () => store.close() };
});
