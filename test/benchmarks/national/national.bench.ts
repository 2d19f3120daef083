// `npm run bench`: the ledger at the scale of a country, and its store beside a raw INSERT and Emmett's, on one
// PostgreSQL. Prints a table in French and, last, one JSON line with every figure (to compare runs across commits).
// Asserts nothing: the targets of issue 13 are read here, not in timed tests.
//   npm run bench                                  small country (10 contracts × 200 commitments, ≈ 5 000 events)
//   npm run bench -- --contracts=435 --commitments=2100   national scale (≈ 2 million events; hours of building)
//   npm run bench -- --quick                       the size CI runs (2 contracts × 50 commitments)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  openSqlEventStore,
  START,
  type DocumentSeals,
  type EventStore,
  type GlobalCheckpoint,
  type SqlClient,
} from '@cvl/event-store';
import { envelopeFor, IdempotentConsumer } from '@cvl/messaging';
import { ContentionError, runInContext } from '@cvl/platform';
import { createTestSchema } from '@cvl/testing';
import {
  CommitmentsLedger,
  LEDGER_STREAM,
  type BatchCommand,
} from '../../../services/commitments/src/infrastructure/commitments-ledger';
import { LedgerProjection } from '../../../services/commitments/src/infrastructure/ledger-projection';
import { LedgerSnapshots } from '../../../services/commitments/src/infrastructure/ledger-snapshots';
import { funderStatement } from '../../../services/commitments/src/queries/statement';
import { commitment } from '../../../services/commitments/src/test-support/fixtures';
import { countingConflicts } from '../../../services/commitments/src/test-support/ledger-races';
import { matrixOfSums, NONE } from '../../../services/reporting/src/co-financing-matrix/co-financing-matrix';
import { ReadModels } from '../../../services/reporting/src/infrastructure/read-models';
import { projectEvents } from '../../../services/reporting/src/projection/read-model-projector';
import { countryCommands, envelopes, eventsFor, funders, type CountrySize } from './country';
import { fr, percentiles, pool, progress, round, sample, say, type Latencies } from './measure';
import { httpBench } from './http-commands';
import { measureAppends } from './store-appends';

const argument = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = process.argv.includes('--quick');
const size: CountrySize = {
  contracts: Number(argument('contracts') ?? (quick ? 2 : 10)),
  commitmentsPerContract: Number(argument('commitments') ?? (quick ? 50 : 200)),
};
const QUERY_SAMPLES = quick ? 10 : 50;
const COMMANDS_PER_LEVEL = quick ? 32 : 128;
const root = join(__dirname, '..', '..', '..');

async function buildCountry(ledger: CommitmentsLedger): Promise<{ events: number; eventsPerSecond: number }> {
  const expected = eventsFor(size);
  const started = performance.now();
  let batch: BatchCommand[] = [];
  let appended = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const outcome = await ledger.executeBatch(batch);
    appended += outcome.recorded.length;
    batch = [];
    progress('construction du pays (événements)', Math.min(appended, expected), expected);
  };
  for (const command of countryCommands(size)) {
    batch.push(command);
    if (batch.length >= 2_000) await flush();
  }
  await flush();
  progress('construction du pays (événements)', expected, expected);
  return { events: appended, eventsPerSecond: Math.round((appended * 1000) / (performance.now() - started)) };
}

interface CommandFigures {
  concurrency: number;
  acceptedPerSecond: number;
  accepted: number;
  contention: number;
  conflicts: number;
  latency: Latencies;
}

async function commands(
  ledger: CommitmentsLedger,
  conflicts: () => number,
  concurrency: number,
  shared: boolean,
): Promise<CommandFigures> {
  const before = conflicts();
  const tag = `${shared ? 'shared' : 'distinct'}-${concurrency}-${Date.now()}`;
  const run = await pool(COMMANDS_PER_LEVEL, concurrency, (i) =>
    runInContext({ correlationId: `bench-${tag}`, commandKey: `bench:${tag}:${i}` }, () =>
      ledger.write(
        undefined,
        commitment({
          commitmentId: `${tag}-${i}`,
          amountCents: 1_000_00n,
          ...(shared
            ? { funder: funders.region(0), envelopeId: envelopes.region(0) }
            : { funder: funders.landlord(0) }),
        }),
      ),
    ),
  );
  const accepted = run.results.filter((r) => r.status === 'fulfilled').length;
  const contention = run.results.filter((r) => r.status === 'rejected' && r.reason instanceof ContentionError).length;
  const other = run.results.find((r) => r.status === 'rejected' && !(r.reason instanceof ContentionError));
  if (other && other.status === 'rejected') throw other.reason;
  return {
    concurrency,
    acceptedPerSecond: Math.round((accepted * 1000) / run.elapsedMs),
    accepted,
    contention,
    conflicts: conflicts() - before,
    latency: percentiles(run.durations),
  };
}

/**
 * Reporting's read models rebuilt from the ledger's store, as `cvl replay` does (a feed page of 1 000 events, one
 * transaction each), then its matrix read: the whole country's, and one financeur's (on the funder index).
 */
async function reporting(store: EventStore, sql: SqlClient, total: number) {
  const readModels = new ReadModels(sql);
  await readModels.init();
  const consumer = new IdempotentConsumer(sql, `bench.reporting.${Date.now()}`);
  const started = performance.now();
  let from: GlobalCheckpoint = START;
  let projected = 0;
  for (let pages = 0; pages < 100_000; pages++) {
    const page = await store.readAll(from, 1_000);
    if (page.length === 0) break;
    from = page[page.length - 1].checkpoint;
    const events = page.filter((e) => e.type.startsWith('commitments.')).map((e) => envelopeFor(e, '/commitments'));
    await consumer.consumeBatch(events, (tx, fresh) => projectEvents(readModels, tx, 'commitments', fresh));
    projected += events.length;
    progress('reconstruction des vues de restitution (événements)', Math.min(projected, total), total);
  }
  const rebuildMs = performance.now() - started;
  // As the controller does: summed in SQL over the financeur's commitments, or the country's.
  const matrixOf = async (funder?: string) =>
    matrixOfSums(
      await readModels.matrixCells(
        funder === undefined ? {} : { funder },
        funder === undefined ? {} : { funder },
        NONE,
      ),
      funder === undefined ? {} : { funder },
    );
  return {
    rebuild: { events: projected, eventsPerSecond: Math.round((projected * 1000) / rebuildMs) },
    matrix: {
      funder: percentiles(await sample(QUERY_SAMPLES, () => matrixOf(funders.landlord(0)))),
      country: percentiles(await sample(Math.min(QUERY_SAMPLES, 10), () => matrixOf())),
    },
  };
}

async function main(): Promise<void> {
  say(
    `pays synthétique : ${fr(size.contracts, 0)} contrats × ${fr(size.commitmentsPerContract, 0)} engagements (≈ ${fr(eventsFor(size), 0)} événements)`,
  );
  const appends = await measureAppends(quick ? 100 : 500, quick ? 10 : 50);

  const schema = await createTestSchema('bench_country');
  const keys = mkdtempSync(join(tmpdir(), 'cvl-bench-'));
  const keyFile = join(keys, 'cle.pem');
  try {
    const opened = await openSqlEventStore({
      databaseUrl: schema.url,
      schema: schema.schema,
      signing: { keyFile, createKey: true, log: schema.schema },
    });
    await opened.store.ready();
    const counted = countingConflicts(opened.store);
    const projection = new LedgerProjection(opened.client);
    const snapshots = new LedgerSnapshots(opened.client, projection);
    const ledger = new CommitmentsLedger(counted.store, projection, snapshots);
    const built = await buildCountry(ledger);
    // The state as of now, sealed (the ledger takes one every SNAPSHOT_EVERY_EVENTS): the restart folds the rest.
    const { state, revision: builtTo } = await ledger.current();
    const snapshotBytes = await snapshots.save(opened.store.seals as DocumentSeals, {
      revision: builtTo,
      eventHash: (await opened.store.readStream(LEDGER_STREAM, { fromRevision: builtTo, maxCount: 1 }))[0].hash,
      state,
    });

    say(
      'redémarrage : jusqu’à la première commande acceptée (processus neuf), depuis l’instantané puis en relisant tout le journal',
    );
    const restart = (mode: 'snapshot' | 'fold') =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            '-r',
            join(root, 'tools', 'register-ts.js'),
            join(__dirname, 'startup.ts'),
            schema.url,
            schema.schema,
            keyFile,
            mode,
          ],
          { encoding: 'utf8', maxBuffer: 1 << 20 },
        )
          .trim()
          .split('\n')
          .pop() as string,
      ) as { firstCommandMs: number; rssMb: number };
    const startup = restart('snapshot');
    const startupFolding = restart('fold');

    say('lectures : relevés, soldes, « à la date », historique');
    const statementOf = async (code: string, at = {}) => {
      const { state } = await ledger.current();
      return funderStatement(
        await projection.commitmentsAt(at, code),
        { code, name: code },
        (id) => state.conditions.get(id)?.label ?? id,
      );
    };
    const queries = {
      contractStatement: percentiles(await sample(QUERY_SAMPLES, () => statementOf(funders.landlord(0)))),
      contractStatementAsOf: percentiles(
        await sample(QUERY_SAMPLES, () => statementOf(funders.landlord(0), { asOf: '2016-06-30' })),
      ),
      nationalStatement: percentiles(await sample(QUERY_SAMPLES, () => statementOf(funders.state))),
      balances: percentiles(
        await sample(QUERY_SAMPLES, async () => {
          await ledger.current();
          return Promise.all([projection.fundersAt({}), projection.totalsAt({}), projection.disagreementsAt({})]);
        }),
      ),
      history: percentiles(await sample(QUERY_SAMPLES, () => projection.history('cv0-e0'))),
    };

    say('commandes simultanées : engagements distincts, puis une enveloppe partagée');
    const distinct: CommandFigures[] = [];
    const shared: CommandFigures[] = [];
    for (const concurrency of [1, 8, 32]) distinct.push(await commands(ledger, counted.conflicts, concurrency, false));
    for (const concurrency of [1, 8, 32]) shared.push(await commands(ledger, counted.conflicts, concurrency, true));

    say('reconstruction de la projection du grand livre');
    await opened.client.exec(
      'TRUNCATE ledger_movements, ledger_totals_movements, ledger_history, ledger_projection, ledger_current, ledger_totals_current',
    );
    const rebuildStarted = performance.now();
    const rebuilt = new CommitmentsLedger(opened.store, new LedgerProjection(opened.client));
    const { revision } = await rebuilt.current();
    const rebuildMs = performance.now() - rebuildStarted;
    say('vues de restitution : reconstruction, matrice de cofinancement');
    const views = await reporting(opened.store, opened.client, revision + 1);
    await opened.store.close();

    say(
      `le service par HTTP${process.env.KAFKA_BROKERS ? ', puis les restitutions par Kafka' : ' (KAFKA_BROKERS absent : restitutions par Kafka non mesurées)'}`,
    );
    const served = await httpBench({
      kafkaBrokers: process.env.KAFKA_BROKERS,
      commandsPerLevel: COMMANDS_PER_LEVEL,
      visibleSeconds: quick ? 2 : 10,
    });

    const figures = {
      size: { ...size, events: revision + 1 },
      appends,
      ratios: {
        singleVsRaw: round(appends.cvl.singleEventsPerSecond / appends.raw.singleEventsPerSecond),
        singleVsEmmett: round(appends.cvl.singleEventsPerSecond / appends.emmett.singleEventsPerSecond),
        batchVsRaw: round(appends.cvl.batchEventsPerSecond / appends.raw.batchEventsPerSecond),
        batchVsEmmett: round(appends.cvl.batchEventsPerSecond / appends.emmett.batchEventsPerSecond),
      },
      build: built,
      startup: {
        firstCommandMs: Math.round(startup.firstCommandMs),
        rssMb: Math.round(startup.rssMb),
        snapshotBytes,
        foldingFirstCommandMs: Math.round(startupFolding.firstCommandMs),
        foldingRssMb: Math.round(startupFolding.rssMb),
      },
      queries,
      commands: { distinct, shared },
      projectionRebuild: { events: revision + 1, eventsPerSecond: Math.round(((revision + 1) * 1000) / rebuildMs) },
      reporting: views,
      http: served.http,
      visible: served.visible ?? null,
    };
    print(figures);
  } finally {
    await schema.drop();
    rmSync(keys, { recursive: true, force: true });
  }
}

function print(f: {
  size: CountrySize & { events: number };
  appends: Awaited<ReturnType<typeof measureAppends>>;
  ratios: Record<string, number>;
  build: { events: number; eventsPerSecond: number };
  startup: {
    firstCommandMs: number;
    rssMb: number;
    snapshotBytes: number;
    foldingFirstCommandMs: number;
    foldingRssMb: number;
  };
  queries: Record<string, Latencies>;
  commands: { distinct: CommandFigures[]; shared: CommandFigures[] };
  projectionRebuild: { events: number; eventsPerSecond: number };
  reporting: Awaited<ReturnType<typeof reporting>>;
  http: Awaited<ReturnType<typeof httpBench>>['http'];
  visible: NonNullable<Awaited<ReturnType<typeof httpBench>>['visible']> | null;
}): void {
  const ms = (l: Latencies) => `${fr(l.p50Ms)} / ${fr(l.p95Ms)} / ${fr(l.p99Ms)} ms`;
  const rate = (n: number) => `${fr(n, 0)} év./s`;
  const lines = [
    `| mesure | valeur |`,
    `|---|---|`,
    `| taille | ${fr(f.size.contracts, 0)} contrats, ${fr(f.size.commitmentsPerContract, 0)} engagements chacun, ${fr(f.size.events, 0)} événements |`,
    `| ajout d’un événement : INSERT brut / ce magasin / Emmett / PGlite | ${rate(f.appends.raw.singleEventsPerSecond)} / ${rate(f.appends.cvl.singleEventsPerSecond)} / ${rate(f.appends.emmett.singleEventsPerSecond)} / ${rate(f.appends.pglite.singleEventsPerSecond)} |`,
    `| ajouts de 100 événements : INSERT brut / ce magasin / Emmett / PGlite | ${rate(f.appends.raw.batchEventsPerSecond)} / ${rate(f.appends.cvl.batchEventsPerSecond)} / ${rate(f.appends.emmett.batchEventsPerSecond)} / ${rate(f.appends.pglite.batchEventsPerSecond)} |`,
    `| ratios ce magasin ÷ brut, ÷ Emmett (un événement) | ${fr(f.ratios.singleVsRaw, 2)} ; ${fr(f.ratios.singleVsEmmett, 2)} |`,
    `| ratios ce magasin ÷ brut, ÷ Emmett (100 événements) | ${fr(f.ratios.batchVsRaw, 2)} ; ${fr(f.ratios.batchVsEmmett, 2)} |`,
    `| construction du pays par le grand livre (lots) | ${rate(f.build.eventsPerSecond)} |`,
    `| redémarrage → première commande acceptée ; mémoire résidente (depuis l’instantané de ${fr(f.startup.snapshotBytes / 1024 / 1024, 1)} Mo) | ${fr(f.startup.firstCommandMs, 0)} ms ; ${fr(f.startup.rssMb, 0)} Mo |`,
    `| même redémarrage en relisant tout le journal | ${fr(f.startup.foldingFirstCommandMs, 0)} ms ; ${fr(f.startup.foldingRssMb, 0)} Mo |`,
    `| relevé d’un financeur d’un contrat, p50 / p95 / p99 | ${ms(f.queries.contractStatement)} |`,
    `| même relevé « à la date » (asOf) | ${ms(f.queries.contractStatementAsOf)} |`,
    `| relevé national de l’État | ${ms(f.queries.nationalStatement)} |`,
    `| soldes du grand livre | ${ms(f.queries.balances)} |`,
    `| historique d’un engagement | ${ms(f.queries.history)} |`,
    ...f.commands.distinct.map(
      (c) =>
        `| commandes sur engagements distincts, ${c.concurrency} en parallèle | ${fr(c.acceptedPerSecond, 0)} acceptées/s, p50 ${fr(c.latency.p50Ms)} ms, p99 ${fr(c.latency.p99Ms)} ms, ${c.conflicts} conflits, ${c.contention} abandons |`,
    ),
    ...f.commands.shared.map(
      (c) =>
        `| commandes sur une enveloppe partagée, ${c.concurrency} en parallèle | ${fr(c.acceptedPerSecond, 0)} acceptées/s, p50 ${fr(c.latency.p50Ms)} ms, p99 ${fr(c.latency.p99Ms)} ms, ${c.conflicts} conflits, ${c.contention} abandons |`,
    ),
    `| reconstruction de la projection du grand livre | ${rate(f.projectionRebuild.eventsPerSecond)} |`,
    `| reconstruction des vues de restitution (reporting, par pages de 1 000) | ${rate(f.reporting.rebuild.eventsPerSecond)} |`,
    `| matrice de cofinancement d’un financeur (bailleur d’un contrat) | ${ms(f.reporting.matrix.funder)} |`,
    `| matrice de cofinancement du pays entier | ${ms(f.reporting.matrix.country)} |`,
    ...f.http.map(
      (c) =>
        `| HTTP, ${c.shared ? 'une enveloppe partagée' : 'engagements distincts'}, ${c.concurrency} clients | ${fr(c.acceptedPerSecond, 0)} acceptées/s, p50 ${fr(c.latency.p50Ms)} ms, p99 ${fr(c.latency.p99Ms)} ms, ${c.conflicts} × 409, ${c.contention} × 503 |`,
    ),
    f.visible
      ? `| commande → visible dans les restitutions par Kafka, ${fr(f.visible.ratePerSecond, 0)} commandes/s | ${ms(f.visible.latency)} |`
      : `| commande → visible dans les restitutions par Kafka | non mesuré (KAFKA_BROKERS absent) |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n${JSON.stringify(f)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
