// Run as a child process by national.bench.ts: a process starting on a ledger already built (a restart), timed to
// its first command accepted; prints one JSON line. Arguments: database URL, schema, key file, and « snapshot » (start
// from the ledger's sealed snapshot, as the service does) or « fold » (read the whole log).
import { performance } from 'node:perf_hooks';
import { openSqlEventStore } from '@cvl/event-store';
import { runInContext } from '@cvl/platform';
import { CommitmentsLedger } from '../../../services/commitments/src/infrastructure/commitments-ledger';
import { LedgerProjection } from '../../../services/commitments/src/infrastructure/ledger-projection';
import { LedgerSnapshots } from '../../../services/commitments/src/infrastructure/ledger-snapshots';
import { commitment } from '../../../services/commitments/src/test-support/fixtures';
import { funders } from './country';

async function main(): Promise<void> {
  const [databaseUrl, schema, keyFile, mode] = process.argv.slice(2);
  const started = performance.now();
  const opened = await openSqlEventStore({ databaseUrl, schema, signing: { keyFile, log: schema } });
  await opened.store.ready();
  const projection = new LedgerProjection(opened.client);
  const ledger = new CommitmentsLedger(
    opened.store,
    projection,
    mode === 'snapshot' ? new LedgerSnapshots(opened.client, projection) : undefined,
  );
  await runInContext({ correlationId: 'bench-startup', commandKey: `bench-startup:${Date.now()}` }, () =>
    ledger.write(
      undefined,
      commitment({ commitmentId: `startup-${Date.now()}`, funder: funders.landlord(0), amountCents: 1_000_00n }),
    ),
  );
  const firstCommandMs = performance.now() - started;
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  process.stdout.write(`${JSON.stringify({ firstCommandMs, rssMb })}\n`);
  await opened.store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
