// The suite as its clients see it: the commitments service (and reporting) started on the benchmark's PostgreSQL and
// Kafka broker, commands sent over HTTP by a bounded script (keep-alive fetch), then command → visible in reporting's
// read model at a steady rate. Asserts nothing. Client and server share this process and its two cores, as said.
import { performance } from 'node:perf_hooks';
import type { SqlClient } from '@cvl/event-store';
import { createTestSchema } from '@cvl/testing';
import { CommitmentsModule } from '@cvl/service-commitments';
import { ReportingModule } from '@cvl/service-reporting';
import { startApi } from '../../../services/renewal-urban/src/test-support/api-suite';
import { percentiles, pool, say, type Latencies } from './measure';

export interface HttpFigures {
  concurrency: number;
  shared: boolean;
  acceptedPerSecond: number;
  accepted: number;
  /** 409 answers: a conflict the clients did not cause would show here. */
  conflicts: number;
  /** 503 answers: the server gave up deciding again. */
  contention: number;
  latency: Latencies;
}

export interface VisibleFigures {
  ratePerSecond: number;
  commands: number;
  latency: Latencies;
}

const trace = (reasonCode: string) => ({
  reasonCode,
  effectiveDate: '2016-01-20',
  source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line: 5465 },
});

export async function httpBench(options: {
  kafkaBrokers?: string;
  commandsPerLevel: number;
  visibleSeconds: number;
}): Promise<{ http: HttpFigures[]; visible?: VisibleFigures }> {
  // A schema of its own: the service starts on an empty ledger, as a deployment would.
  const schema = await createTestSchema('bench_http');
  const env: Record<string, string> = {
    DATABASE_URL: schema.url,
    DB_SCHEMA: schema.schema,
    ...(options.kafkaBrokers ? { KAFKA_BROKERS: options.kafkaBrokers } : {}),
  };
  const api = await startApi(options.kafkaBrokers ? [CommitmentsModule, ReportingModule] : [CommitmentsModule], env);
  try {
    const address = api.app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    let lastRefusal = '';
    const post = async (path: string, body: unknown): Promise<number> => {
      const response = await fetch(`${base}/api/commitments/${path}`, {
        method: 'POST',
        headers: { ...api.auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status >= 400) lastRefusal = text.slice(0, 500);
      return response.status;
    };
    const run = Date.now().toString(36);
    const funder = `banc-${run}`;
    const envelopeId = `env-banc-${run}`;
    if (
      (await post('reference/funders', {
        code: funder,
        name: `Financeur du banc d’essai ${run}`,
        trace: trace('referentiel'),
      })) !== 201
    )
      throw new Error(`financeur du banc d’essai refusé : ${lastRefusal}`);
    const envelopeStatus = await post('envelopes', {
      envelopeId,
      funder,
      label: 'Enveloppe partagée du banc d’essai',
      amount: '1000000000.00',
      trace: trace('ouverture-enveloppe'),
    });
    const commitmentBody = (id: string, shared: boolean) => ({
      commitmentId: id,
      funder,
      status: 'firm',
      act: { reference: `Convention ${id}`, date: '2016-01-20' },
      amount: '1000.00',
      ...(shared ? { envelopeId } : {}),
      attribution: { label: `Opération ${id}`, year: 2016, scale: 'CALL' },
      trace: trace('engagement-juridique'),
    });
    if (envelopeStatus !== 201) throw new Error(`enveloppe du banc d’essai refusée : ${lastRefusal}`);

    const figures: HttpFigures[] = [];
    for (const shared of [false, true]) {
      for (const concurrency of [1, 8, 32]) {
        say(`HTTP : ${concurrency} clients, ${shared ? 'une enveloppe partagée' : 'engagements distincts'}`);
        const tag = `${run}-${shared ? 's' : 'd'}${concurrency}`;
        const statuses: number[] = [];
        const result = await pool(options.commandsPerLevel, concurrency, async (i) =>
          statuses.push(await post('commitments', commitmentBody(`${tag}-${i}`, shared))),
        );
        const accepted = statuses.filter((s) => s === 201).length;
        const unexpected = statuses.find((s) => s !== 201 && s !== 409 && s !== 503);
        if (unexpected !== undefined)
          throw new Error(`réponse HTTP ${unexpected} à une commande du banc d’essai : ${lastRefusal}`);
        figures.push({
          concurrency,
          shared,
          acceptedPerSecond: Math.round((accepted * 1000) / result.elapsedMs),
          accepted,
          conflicts: statuses.filter((s) => s === 409).length,
          contention: statuses.filter((s) => s === 503).length,
          latency: percentiles(result.durations),
        });
      }
    }
    if (!options.kafkaBrokers) return { http: figures };
    return {
      http: figures,
      visible: await visibleInReporting(api.infra.sql, post, commitmentBody, run, options.visibleSeconds),
    };
  } finally {
    await api.close();
    await schema.drop();
  }
}

/**
 * Commands sent at 200/s for a few seconds; each one's time from sending to its commitment being in reporting's read
 * model (relay → Kafka → projector), watched every 2 ms in the database reporting writes to.
 */
async function visibleInReporting(
  sql: SqlClient,
  post: (path: string, body: unknown) => Promise<number>,
  body: (id: string, shared: boolean) => unknown,
  run: string,
  seconds: number,
): Promise<VisibleFigures> {
  const ratePerSecond = 200;
  const total = ratePerSecond * seconds;
  say(`commande → visible dans les restitutions : ${total} commandes à ${ratePerSecond}/s par Kafka`);
  const sentAt = new Map<string, number>();
  const seen: number[] = [];
  let sending = true;
  // Watched while the commands go out, not after: a commitment's latency is from its own sending.
  const watching = (async () => {
    const deadline = performance.now() + seconds * 1_000 + 60_000;
    while ((sending || sentAt.size > 0) && performance.now() < deadline) {
      if (sentAt.size > 0) {
        const rows = await sql.query<{ id: string }>('SELECT id FROM rm_commitments WHERE id = ANY($1::text[])', [
          [...sentAt.keys()],
        ]);
        const now = performance.now();
        for (const { id } of rows.rows) {
          seen.push(now - (sentAt.get(id) as number));
          sentAt.delete(id);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const sends: Array<Promise<number>> = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const id = `${run}-v${i}`;
    sentAt.set(id, performance.now());
    sends.push(post('commitments', body(id, false)));
  }
  const statuses = await Promise.all(sends);
  sending = false;
  await watching;
  const refused = statuses.filter((status) => status !== 201).length;
  if (refused > 0) throw new Error(`${refused} commandes refusées pendant la mesure de commande → visible`);
  if (sentAt.size > 0) throw new Error(`${sentAt.size} commandes jamais visibles dans les restitutions`);
  return { ratePerSecond, commands: total, latency: percentiles(seen) };
}
