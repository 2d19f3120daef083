/*
 * The suite under a bounded load while its parts fail for real: the Kafka broker killed with SIGKILL, the suite's
 * own process killed with SIGKILL, its PostgreSQL connections ended by the server (pg_terminate_backend). The
 * suite runs as npm start does, the four services in one process, but on PostgreSQL and a Kafka broker of this
 * test's own. Clients retry what was not answered, with the same Idempotency-Key. After each fault: every command
 * acknowledged is in the ledger, once; the ledger holds nothing else; reporting's read models equal the ledger to
 * the cent and the integrity report is clean.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { createTestSchema, spawnTsProcess, waitUntil, type TsProcess } from '@cvl/testing';

const COMMANDS_PER_FAULT = 16;
const KAFKA_PORT = Number(process.env.CVL_FAULT_KAFKA_PORT ?? 19188);
const ROOT = join(__dirname, '..', '..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('the suite under load while its parts fail (fault)', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'cvl-fault-suite-'));
  const kafkaDir = mkdtempSync(join(tmpdir(), 'cvl-fault-kafka-'));
  const kafka = (action: 'start' | 'stop') =>
    execFileSync('bash', [join(ROOT, 'deploy/local/kafka.sh'), action], {
      env: { ...process.env, KAFKA_PORT: String(KAFKA_PORT), KAFKA_DATA_DIR: kafkaDir },
      stdio: 'inherit',
    });
  let port = 0;
  let suite: TsProcess | undefined;
  let token = '';
  const url = () => `http://127.0.0.1:${port}`;
  const acknowledged = new Map<string, bigint>();

  const startSuite = async () => {
    suite = spawnTsProcess('services/suite/src/main.ts', {
      PORT: String(port),
      CVL_DATA_DIR: dataDir,
      DATABASE_URL: schema.url,
      DB_SCHEMA: schema.schema,
      KAFKA_BROKERS: `127.0.0.1:${KAFKA_PORT}`,
      RATE_LIMIT_COSTLY_PER_MINUTE: '100000',
    });
    await suite.waitForLine(/^Mode intégré : /, 120_000);
    await suite.waitForLine(/^Arrêt/, 120_000);
    token = suite.lines[suite.lines.findIndex((line) => line.startsWith('Jeton')) + 1].trim();
  };

  beforeAll(async () => {
    schema = await createTestSchema('suitefault');
    port = await freePort();
    kafka('start');
    await startSuite();
  }, 300_000);

  afterAll(async () => {
    suite?.child.kill('SIGKILL');
    try {
      kafka('stop');
    } catch {
      // already stopped
    }
    await schema.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(kafkaDir, { recursive: true, force: true });
  });

  const send = (method: 'GET' | 'POST', path: string, body?: unknown, key?: string) =>
    fetch(`${url()}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        ...(key ? { 'Idempotency-Key': key } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
  /** A read, tried again on a connection the server had just closed (keep-alive): reads change nothing. */
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, key?: string): Promise<Response> => {
    if (method === 'POST') return send(method, path, body, key);
    for (let attempt = 1; ; attempt++) {
      try {
        return await send(method, path);
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  };

  /** One command, sent again (same key) until answered: a network error or a 5xx is « not answered », anything else is. */
  const command = async (commitmentId: string, amount: string) => {
    const key = randomUUID();
    const body = {
      commitmentId,
      funder: 'maisons-et-cites',
      status: 'indicative',
      amount,
      attribution: { label: `Charge de panne ${commitmentId}`, year: 2016, scale: 'CALL' },
      trace: {
        reasonCode: 'intention',
        effectiveDate: '2016-01-20',
        source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line: 5104 },
      },
    };
    // What the last tries got: when a command is never answered, the next person needs to know how it was not.
    const seen: string[] = [];
    for (let attempt = 0; attempt < 180; attempt++) {
      try {
        const response = await call('POST', '/api/commitments/commitments', body, key);
        if (response.status !== 201) seen.push(`${response.status} ${(await response.clone().text()).slice(0, 200)}`);
        if (response.status === 201) {
          acknowledged.set(commitmentId, BigInt(amount.replace('.', '')));
          return;
        }
        // 409 with Retry-After: the same key still « in progress » — its first request died with the process.
        const retryLater = response.status === 409 && response.headers.get('retry-after') !== null;
        if (response.status < 500 && !retryLater)
          throw new Error(`refusé ${response.status} : ${await response.text()}`);
      } catch (error) {
        if ((error as Error).message.startsWith('refusé')) throw error;
        seen.push(`sans réponse : ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const said = [...(suite?.lines ?? []), ...(suite?.stderr() ?? '').split('\n')].map((l) => l.slice(0, 300));
    throw new Error(
      `${commitmentId} : jamais répondu ; derniers essais : ${[...new Set(seen.slice(-20))].join(' | ')} ; la suite a dit en dernier : ${said.slice(-25).join(' / ')}`,
    );
  };

  const load = async (label: string, fault: () => Promise<void>) => {
    const sent = Array.from({ length: COMMANDS_PER_FAULT }, (_, i) => ({
      id: `${label}-${i}`,
      amount: `${(i + 1) * 1000 + 17}.${String(i).padStart(2, '0')}`,
    }));
    let done = 0;
    const running = (async () => {
      for (const { id, amount } of sent) {
        await command(id, amount);
        done++;
      }
    })();
    await waitUntil(() => done >= 4, 120_000, `${label} : les premières commandes`);
    await fault();
    await running;
  };

  /** The ledger holds exactly what was acknowledged; reporting equals the ledger; integrity holds. */
  const everythingHolds = async (label: string) => {
    const ledger = async () => {
      const response = await call('GET', '/api/commitments/funders/maisons-et-cites/statement');
      return (await response.json()) as { commitments?: Array<{ commitmentId?: string; id?: string }> };
    };
    for (const [id, cents] of acknowledged) {
      const response = await call('GET', `/api/commitments/commitments/${id}`);
      expect({ id, status: response.status }).toEqual({ id, status: 200 });
      const commitment = (await response.json()) as { figures: { indicative: string } };
      expect({ id, cents: BigInt(commitment.figures.indicative.replace('.', '')) }).toEqual({ id, cents });
    }
    const statement = JSON.stringify(await ledger());
    const ours = new Set(
      [...statement.matchAll(/"(?:commitmentId|id)":"((?:broker|process|database)-\d+)"/g)].map((m) => m[1]),
    );
    expect([...ours].filter((id) => !acknowledged.has(id))).toEqual([]);
    let integrity: {
      ok: boolean;
      checks: Array<{ check: string; ok: boolean; detail: string }>;
      disagreements?: Array<{ funder: string; figure: string; readModel: string; ledger: string }>;
    } = {
      ok: false,
      checks: [],
    };
    await waitUntil(
      async () => {
        const response = await call('GET', '/api/reporting/integrity').catch(() => undefined);
        if (!response?.ok) return false;
        integrity = (await response.json()) as typeof integrity;
        return integrity.ok;
        // After a broker killed with SIGKILL, the consumers rejoin their groups on kafkajs's own backoff: once in
        // a few runs this took over two minutes (see the closing note of issue 12). Bounded, and failing if exceeded.
      },
      300_000,
      `${label} : rapport d’intégrité au vert`,
    ).catch(() => undefined);
    // On failure, what differs (which side is behind or ahead, by how much) and what the suite said of Kafka last:
    // the figures the next person needs, not only « 1 écart ».
    const failing = integrity.checks.filter((c) => !c.ok);
    expect({
      failing,
      disagreements: integrity.disagreements ?? [],
      ...(failing.length > 0
        ? {
            kafka: [...(suite?.lines ?? []), ...(suite?.stderr() ?? '').split('\n')]
              .filter((line) => /kafka|consumer|groupe|rebalanc|abonnement/i.test(line))
              .map((line) => line.slice(0, 300))
              .slice(-15),
          }
        : {}),
    }).toEqual({ failing: [], disagreements: [] });
    expect(
      suite
        ?.stderr()
        .match(/Error: .*/g)
        ?.filter((line) => !/nouvel essai|ECONNREFUSED|broker|Kafka|connexion PostgreSQL perdue/i.test(line)) ?? [],
    ).toEqual([]);
  };

  it('the broker killed (SIGKILL) mid-load, then restarted: nothing lost, nothing counted twice', async () => {
    await load('broker', async () => {
      execFileSync('kill', ['-9', readFileSync(join(kafkaDir, 'kafka.pid'), 'utf8').trim()]);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      kafka('start');
    });
    await everythingHolds('broker');
  }, 700_000);

  it('the suite itself killed (SIGKILL) mid-load, then restarted: nothing lost, nothing counted twice', async () => {
    await load('process', async () => {
      suite?.child.kill('SIGKILL');
      await suite?.exited;
      await startSuite();
    });
    await everythingHolds('process');
  }, 400_000);

  it('its PostgreSQL connections ended by the server mid-load: no crash, nothing lost, nothing counted twice', async () => {
    const admin = new Client({ connectionString: schema.url });
    await admin.connect();
    try {
      let ended = 0;
      await load('database', async () => {
        for (let round = 0; round < 3; round++) {
          ended +=
            (
              await admin.query(
                `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cvl-suite' AND pid <> pg_backend_pid()`,
              )
            ).rowCount ?? 0;
          await new Promise((resolve) => setTimeout(resolve, 400));
        }
      });
      expect(ended).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    expect(
      suite &&
        (await Promise.race([
          suite.exited.then(() => 'exited'),
          new Promise((resolve) => setTimeout(() => resolve('running'), 100)),
        ])),
    ).toBe('running');
    await everythingHolds('database');
  }, 400_000);
});
