import { exportSPKI, generateKeyPair } from 'jose';
import { signToken } from '@cvl/platform';
import {
  createTestSchema,
  spawnTsProcess,
  startOtlpCollector,
  testKafkaBrokers,
  waitUntil,
  type TsProcess,
} from '@cvl/testing';
import { checkMetrics } from '../deploy/promtool';

const doc = (line: number) => ({ kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line });
const effect = (effectiveDate: string, line = 3521) => ({ effectiveDate, source: doc(line) });

describe('distributed: the four services as processes over PostgreSQL and Kafka (e2e)', () => {
  const processes: TsProcess[] = [];
  const schemas: Array<Awaited<ReturnType<typeof createTestSchema>>> = [];
  let env: Record<string, string>;
  let token: string;
  let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
  const run = Date.now().toString(36);

  const start = async (service: string, schema: string, extra: Record<string, string> = {}) => {
    const child = spawnTsProcess(`services/${service}/src/main.ts`, { ...env, PORT: '0', DB_SCHEMA: schema, ...extra });
    processes.push(child);
    const [, url] = await child.waitForLine(
      new RegExp(`^${service} : (http://127\\.0\\.0\\.1:\\d+)/api/${service}`),
      90_000,
    );
    return { child, url };
  };
  const call = async (url: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  const scrape = async (url: string) => (await fetch(`${url}/metrics`)).text();
  /** The value of one series (0 when absent), and the sum of the series whose line starts with a prefix. */
  const sample = (text: string, series: string) =>
    Number(
      text
        .split('\n')
        .find((line) => line.startsWith(`${series} `))
        ?.split(' ')
        .at(-1) ?? 0,
    );
  const sum = (text: string, prefix: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(prefix))
      .reduce((total, line) => total + Number(line.split(' ').at(-1)), 0);

  beforeAll(async () => {
    for (let i = 0; i < 4; i++) schemas.push(await createTestSchema(`dist${i}`));
    // Every process exports its spans by OTLP/HTTP to this in-memory collector, as it would to an operator's.
    collector = await startOtlpCollector();
    const keys = await generateKeyPair('EdDSA', { extractable: true });
    token = await signToken(
      keys.privateKey,
      { subject: 'e2e', organisation: 'cvl', roles: ['admin'] },
      { issuer: 'https://idp.e2e', audience: 'cvl' },
    );
    env = {
      CVL_DEPLOYMENT: `e2e-${run}`,
      KAFKA_TOPIC_PREFIX: `e2e-${run}.`,
      DATABASE_URL: schemas[0].url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      AUTH_PUBLIC_KEY: await exportSPKI(keys.publicKey),
      AUTH_ISSUER: 'https://idp.e2e',
      AUTH_AUDIENCE: 'cvl',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.tracesEndpoint,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await collector?.close();
    for (const schema of schemas) await schema.drop();
  });

  it('a study approved in renewal-urban and an ITI operation programmed are booked by commitments and reported with the same euros; reporting killed mid-stream recovers exactly', async () => {
    const commitments = await start('commitments', schemas[0].schema);
    const renewal = await start('renewal-urban', schemas[1].schema);
    const iti = await start('iti-feder', schemas[2].schema);
    const funders = ['anru', 'call', 'ville-lens', 'ville-avion', 'ville-lievin', 'feder', 'region'].map((f) => `${f}`);
    for (const code of funders)
      await call(commitments.url, 'POST', '/api/commitments/reference/funders', {
        code,
        name: code,
        trace: { reasonCode: 'referentiel', ...effect('2015-07-01', 6062) },
      });
    await call(commitments.url, 'POST', '/api/commitments/reference/quartiers', {
      code: 'QP062024',
      name: 'Cité 12-14',
      trace: { reasonCode: 'referentiel', ...effect('2015-07-01', 549) },
    });
    await call(commitments.url, 'POST', '/api/commitments/envelopes', {
      envelopeId: 'iti-feder-axe-3',
      funder: 'feder',
      label: 'ITI — axe 3',
      amount: '36000000.00',
      trace: { reasonCode: 'ouverture-enveloppe', ...effect('2015-12-01', 4781) },
    });

    const protocol = `npnru-${run}`;
    await call(renewal.url, 'POST', '/api/renewal-urban/npnru-quartiers', {
      code: 'QP062024',
      name: 'Cité 12-14',
      interest: 'national',
      trace: effect('2015-04-29'),
    });
    await call(renewal.url, 'POST', '/api/renewal-urban/protocols', {
      protocolId: protocol,
      label: 'Protocole NPNRU',
      quartiers: [{ code: 'QP062024', interest: 'national' }],
      parties: ['anru', 'call', 'ville-lens', 'ville-avion', 'ville-lievin'].map((code) => ({ code, role: 'partie' })),
      trace: effect('2015-10-01'),
    });
    await call(renewal.url, 'PUT', `/api/renewal-urban/protocols/${protocol}/purchasing-group`, {
      members: [
        { code: 'call', weight: 40 },
        { code: 'ville-lens', weight: 20 },
        { code: 'ville-avion', weight: 20 },
        { code: 'ville-lievin', weight: 20 },
      ],
      trace: effect('2015-11-01'),
    });
    await call(renewal.url, 'POST', `/api/renewal-urban/protocols/${protocol}/operations`, {
      operationId: 'etude',
      label: 'Étude urbaine',
      nature: 'etude',
      projectOwner: 'call',
      quartier: 'QP062024',
      eligibleBase: '300000.00',
      start: '2016-03-01',
      end: '2016-12-31',
      costsFrom: '2016-03-01',
      boughtByGroup: true,
      trace: effect('2015-12-01'),
    });
    await call(renewal.url, 'PUT', `/api/renewal-urban/protocols/${protocol}/operations/etude/financing-plan`, {
      lines: [{ funder: 'anru', amount: '150000.00' }],
      groupShare: '150000.00',
      trace: effect('2016-01-10'),
    });
    await call(renewal.url, 'POST', `/api/renewal-urban/protocols/${protocol}/operations/etude/approval`, {
      trace: effect('2016-01-20'),
    });

    const programme = `iti-${run}`;
    await call(iti.url, 'PUT', `/api/iti-feder/programmes/${programme}/envelope`, {
      axes: [
        { axis: 3, label: 'Axe 3', amount: '36000000.00' },
        { axis: 4, label: 'Axe 4', amount: '27000000.00' },
      ],
      trace: effect('2015-12-01', 4781),
    });
    await call(iti.url, 'POST', `/api/iti-feder/programmes/${programme}/strategy`, {
      axes: [3, 4],
      trace: effect('2015-12-15', 4777),
    });
    await call(iti.url, 'POST', `/api/iti-feder/programmes/${programme}/applications`, {
      operationId: 'op',
      label: 'Réhabilitation thermique',
      beneficiary: 'maisons-et-cites',
      quartier: 'QP062024',
      axis: 3,
      priority: '4c',
      eligibleCost: '2000000.00',
      feder: '800000.00',
      coFunders: [{ funder: 'region', amount: '400000.00' }],
      dwellings: [{ id: 'L1', classBefore: 'F', consumptionAfter: 90 }],
      tranche: 2016,
      trace: effect('2016-03-01', 5106),
    });
    for (const stepName of ['completeness', 'appraisal'])
      await call(iti.url, 'POST', `/api/iti-feder/programmes/${programme}/operations/op/${stepName}`, {
        trace: effect('2016-04-01'),
      });
    await call(iti.url, 'POST', `/api/iti-feder/programmes/${programme}/operations/op/programming`, {
      committeeDate: '2016-06-15',
      trace: effect('2016-06-15'),
    });

    const statement = async (funder: string) =>
      (await call(commitments.url, 'GET', `/api/commitments/funders/${funder}/statement`)).totals;
    await waitUntil(
      async () =>
        (await statement('anru')).indicative === '150000.00' && (await statement('feder')).indicative === '800000.00',
      90_000,
      'both booked by commitments',
    );
    // More of the ledger's events, for reporting to have a stream to be killed in the middle of — and a load under
    // which the operators' metrics must move.
    const beforeLoad = await scrape(commitments.url);
    for (let i = 0; i < 120; i++)
      await call(commitments.url, 'POST', '/api/commitments/commitments', {
        commitmentId: `extra-${i}`,
        funder: 'region',
        status: 'indicative',
        amount: `${1000 + i}.00`,
        attribution: { label: `Action ${i}`, year: 2016, scale: 'CALL', quartier: 'QP062024' },
        trace: { reasonCode: 'previsionnel', ...effect('2016-01-01', 5465) },
      });

    const afterLoad = await scrape(commitments.url);
    const commitmentsPosted =
      'http_request_duration_seconds_count{method="POST",route="/api/commitments/commitments",status="201"}';
    expect(sample(afterLoad, commitmentsPosted) - sample(beforeLoad, commitmentsPosted)).toBe(120);
    expect(
      sum(afterLoad, 'cvl_events_appended_total{service="commitments"') -
        sum(beforeLoad, 'cvl_events_appended_total{service="commitments"'),
    ).toBeGreaterThanOrEqual(120);
    expect(sample(afterLoad, 'cvl_db_pool_connections{state="max"}')).toBe(10);
    expect(sample(afterLoad, 'cvl_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(afterLoad).toMatch(/^cvl_relay_backlog_events\{relay="commitments"\} \d+$/m);
    expect(afterLoad).toMatch(/^cvl_consumer_lag_messages\{group="e2e-[a-z0-9]+\.[^"]+"\} \d+$/m);

    const peers = { COMMITMENTS_URL: commitments.url, RENEWAL_URBAN_URL: renewal.url, ITI_FEDER_URL: iti.url };
    const slow = { REPORTING_PROJECTION_DELAY_MS: '40', ...peers };
    const first = await start('reporting', schemas[3].schema, slow);
    const matrix = async (url: string, funder: string) =>
      (await call(url, 'GET', `/api/reporting/co-financing?funder=${funder}`)).total;
    await waitUntil(
      async () => {
        const rows = (await call(first.url, 'GET', '/api/reporting/co-financing')).rows.length;
        return rows > 0;
      },
      90_000,
      'reporting has started projecting',
    );
    // The slowed projection is behind: its groups' lag shows it.
    const projectionLag = async (url: string) => sum(await scrape(url), 'cvl_consumer_lag_messages{group=');
    await waitUntil(async () => (await projectionLag(first.url)) > 0, 30_000, 'the projection lag shows');
    const partial = (await matrix(first.url, 'region')).indicative;
    first.child.child.kill('SIGKILL');
    expect(await first.child.exited).toBe('SIGKILL');
    expect(BigInt(partial.replace('.', ''))).toBeLessThan(
      BigInt((await statement('region')).indicative.replace('.', '')),
    );
    const second = await start('reporting', schemas[3].schema, peers);
    for (const funder of ['anru', 'call', 'ville-lens', 'feder', 'region']) {
      const ledger = await statement(funder);
      await waitUntil(
        async () => {
          const reported = await matrix(second.url, funder);
          return ['indicative', 'conditional', 'firm', 'paid', 'outstanding'].every((f) => reported[f] === ledger[f]);
        },
        90_000,
        `reporting equals the ledger for ${funder}`,
      );
    }
    // Caught up: the lag of every reporting group falls to zero.
    await waitUntil(async () => (await projectionLag(second.url)) === 0, 60_000, 'the projection lag falls to zero');
    // Every exposition is what Prometheus reads (promtool's own parser and lint).
    for (const url of [commitments.url, renewal.url, iti.url, second.url]) checkMetrics(await scrape(url));
    const provenance = await call(second.url, 'GET', '/api/reporting/provenance?funder=anru&figure=indicative');
    expect(provenance.total).toBe('150000.00');
    expect(provenance.commitments[0].events[0]).toMatchObject({
      type: 'commitments.commitment-recorded',
      actor: { subject: 'e2e', organisation: 'cvl', roles: ['admin'] },
    });
    const feder = await call(second.url, 'GET', '/api/reporting/provenance?funder=feder&figure=indicative');
    expect(feder.total).toBe('800000.00');

    // One card per operation, across programmes: the programme's plan beside what commitments booked, same euros.
    const card = async (path: string) =>
      (await (
        await fetch(`${second.url}/api/reporting/operations/${path}`, { headers: { Authorization: `Bearer ${token}` } })
      ).json()) as { status?: string; funders: Array<{ funder: string }> };
    await waitUntil(
      async () =>
        (await card(`iti-feder/${programme}/op`)).status === 'programmée' &&
        (await card(`renewal-urban/${protocol}/etude`)).status === 'plan approuvé (version 1)',
      90_000,
      'both operations projected',
    );
    const study = await card(`renewal-urban/${protocol}/etude`);
    expect(study.funders.find((f: { funder: string }) => f.funder === 'anru')).toMatchObject({
      planned: '150000.00',
      booking: 'engagée',
      figures: { indicative: (await statement('anru')).indicative },
    });
    const itiOperation = await card(`iti-feder/${programme}/op`);
    expect(itiOperation.funders.find((f: { funder: string }) => f.funder === 'feder')).toMatchObject({
      planned: '800000.00',
      share: 4000,
      figures: { indicative: (await statement('feder')).indicative },
    });

    // Integrity across the four processes: each service's hash chains, the ledger balanced, reporting = ledger.
    const integrity = await call(second.url, 'GET', '/api/reporting/integrity');
    expect(integrity.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
    expect(integrity.ok).toBe(true);

    // Rebuilt from Kafka under a new generation, the read models equal the live ones.
    const views = ['co-financing', 'operations', 'envelopes', 'funders/region/statement'];
    const snapshot = async () => Promise.all(views.map((view) => call(second.url, 'GET', `/api/reporting/${view}`)));
    const live = await snapshot();
    const replay = await call(second.url, 'POST', '/api/reporting/replay');
    let last = -1;
    await waitUntil(
      async () => {
        const progress = await call(second.url, 'GET', '/api/reporting/replay');
        const done =
          progress.generation !== replay.generation ? false : progress.upToDate && progress.projected === last;
        last = progress.projected;
        return done;
      },
      90_000,
      'the replay caught up',
    );
    expect(await snapshot()).toEqual(live);

    // One trace, across the processes, from a person's HTTP command to the projection in reporting: ANRU's share of
    // a second study is approved in renewal-urban, booked by commitments from Kafka, projected by reporting.
    await call(renewal.url, 'POST', `/api/renewal-urban/protocols/${protocol}/operations`, {
      operationId: 'etude-tracee',
      label: 'Étude de peuplement',
      nature: 'etude',
      projectOwner: 'call',
      quartier: 'QP062024',
      eligibleBase: '100000.00',
      start: '2016-09-01',
      end: '2016-12-31',
      costsFrom: '2016-09-01',
      boughtByGroup: true,
      trace: effect('2016-07-01'),
    });
    await call(renewal.url, 'PUT', `/api/renewal-urban/protocols/${protocol}/operations/etude-tracee/financing-plan`, {
      lines: [{ funder: 'anru', amount: '50000.00' }],
      groupShare: '50000.00',
      trace: effect('2016-07-10'),
    });
    const approval = await fetch(
      `${renewal.url}/api/renewal-urban/protocols/${protocol}/operations/etude-tracee/approval`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ trace: effect('2016-07-20') }),
      },
    );
    expect(approval.status).toBeLessThan(300);
    const httpSpan = () =>
      collector
        .spans()
        .find(
          (span) =>
            span.service === 'cvl-renewal-urban' &&
            span.name === 'POST /api/renewal-urban/protocols/:id/operations/:operationId/approval' &&
            span.attributes['cvl.correlation_id'] === approval.headers.get('x-correlation-id'),
        );
    // The projection in reporting of what commitments booked for that approval: a span whose ancestry climbs, through
    // commitments and the two relays, to that request.
    const projectionOfApproval = () => {
      const root = httpSpan();
      if (!root) return undefined;
      return collector
        .spans()
        .filter(
          (span) =>
            span.traceId === root.traceId && span.service === 'cvl-reporting' && span.name.startsWith('project '),
        )
        .map((span) => collector.ancestry(span))
        .find(
          (chain) =>
            chain[chain.length - 1].spanId === root.spanId && chain.some((s) => s.service === 'cvl-commitments'),
        );
    };
    await waitUntil(
      async () => projectionOfApproval() !== undefined,
      60_000,
      'the approval traced to its projection',
    ).catch((error: Error) => {
      // What did arrive of that trace, to tell which link is missing.
      const root = httpSpan();
      const spans = collector.spans().filter((span) => root && span.traceId === root.traceId);
      throw new Error(
        `${error.message}\n${root ? spans.map((s) => `${s.service} ${s.name} ${s.spanId} ← ${s.parentSpanId}`).join('\n') : 'no request span'}`,
      );
    });
    const chain = projectionOfApproval()!.reverse();
    const steps = chain.map((span) => `${span.service} ${span.name}`);
    // From the request down: renewal-urban decides and appends, its relay publishes; commitments consumes, decides,
    // appends, publishes; reporting projects.
    expect(steps[0]).toBe('cvl-renewal-urban POST /api/renewal-urban/protocols/:id/operations/:operationId/approval');
    const order = [
      /^cvl-renewal-urban command /,
      /^cvl-renewal-urban publish /,
      /^cvl-commitments process /,
      /^cvl-commitments command /,
      /^cvl-commitments publish commitments\.events\.v1$/,
      /^cvl-reporting project commitments\.events\.v1$/,
    ];
    let at = 0;
    for (const step of order) {
      const found = steps.findIndex((s, i) => i >= at && step.test(s));
      expect({ step: String(step), found, steps }).toMatchObject({ found: expect.any(Number) });
      expect(found).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
    // The append spans sit under the commands that wrote them.
    const trace = collector.spans().filter((span) => span.traceId === chain[0].traceId);
    for (const service of ['cvl-renewal-urban', 'cvl-commitments'])
      expect(trace.some((span) => span.service === service && span.name === 'append')).toBe(true);
  });
});
