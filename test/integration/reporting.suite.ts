/* Reporting's matrix, provenance and exports, built from commitments' events, against the ledger's own figures. */
import { CommitmentsModule, publishedLedgerEvents } from '@cvl/service-commitments';
import { ReportingModule } from '@cvl/service-reporting';
import { RenewalUrbanModule } from '@cvl/service-renewal-urban';
import { ItiFederModule } from '@cvl/service-iti-feder';
import { Metrics } from '@cvl/platform';
import { formatEurosFr, fromDecimalString } from '@cvl/money';
import { Kafka, logLevel } from 'kafkajs';
import { relayedEnvelopes } from '@cvl/messaging';
import { join } from 'node:path';
import { answersAsDocumented, binaryBody, testKafkaBrokers, waitUntil } from '@cvl/testing';
import { centsFromFrench, readCsv, readPdf, readXlsx } from '@cvl/exports/read-back';
import { startApi, type Harness } from '../../services/renewal-urban/src/test-support/api-suite';

const trace = (reasonCode: string, effectiveDate: string, line = 5465) => ({
  reasonCode,
  effectiveDate,
  source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line },
});

export function reportingSuite(
  name: string,
  env: () => Promise<{ env: Record<string, string>; cleanup?: () => Promise<void> }>,
): void {
  describe(`reporting from the ledger's events — ${name}`, () => {
    let h: Harness;
    let cleanup: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const setup = await env();
      cleanup = setup.cleanup;
      h = await startApi([CommitmentsModule, RenewalUrbanModule, ItiFederModule, ReportingModule], setup.env);
    });
    afterAll(async () => {
      await h?.close();
      await cleanup?.();
    });

    // Funders of this run only: on a shared broker the topic also carries other tests' events.
    const run = Date.now().toString(36);
    const caf = `caf-${run}`;
    const region = `region-${run}`;

    it('shows the same euros as the ledger in the matrix, traces each figure to its events, exports what it shows, and counts a redelivered event once', async () => {
      const post = (path: string, body: Record<string, unknown>, status = 201) =>
        h.http().post(`/api/commitments/${path}`).set(h.auth).send(body).expect(status);
      for (const code of [region, caf])
        await post('reference/funders', { code, name: code, trace: trace('referentiel', '2015-07-01', 6062) });
      await post('reference/quartiers', {
        code: 'QP062024',
        name: 'Cité 12-14',
        trace: trace('referentiel', '2015-07-01', 549),
      });
      await post('reference/stakes', { code: 'E2', name: 'Habitat', trace: trace('referentiel', '2015-07-01', 3450) });
      const attribution = { label: 'Centre social', quartier: 'QP062024', stake: 'E2', year: 2016, scale: 'CALL' };
      await post('commitments', {
        commitmentId: `${caf}-1`,
        funder: caf,
        status: 'firm',
        act: { reference: 'Convention CAF 1', date: '2016-01-20' },
        amount: '45000.00',
        attribution,
        trace: trace('engagement-juridique', '2016-01-20'),
      });
      await post(
        `commitments/${caf}-1/payments`,
        { paymentId: 'm1', kind: 'avance', amount: '13500.00', trace: trace('paiement', '2016-02-15') },
        200,
      );
      await post('commitments', {
        commitmentId: `${region}-1`,
        funder: region,
        status: 'indicative',
        amount: '120000.00',
        attribution,
        trace: trace('previsionnel', '2016-01-01'),
      });

      const matrix = async (query = '') =>
        (await h.http().get(`/api/reporting/co-financing${query}`).set(h.auth).expect(200)).body;
      await waitUntil(
        async () =>
          (await matrix(`?funder=${caf}`)).total.paid === '13500.00' &&
          (await matrix(`?funder=${region}`)).total.indicative === '120000.00',
        60_000,
        'the read model caught up',
      );
      const ledger = (await h.http().get(`/api/commitments/funders/${caf}/statement`).set(h.auth).expect(200)).body
        .totals;
      const cafCell = (await matrix(`?funder=${caf}`)).rows[0];
      expect(cafCell).toMatchObject({ funder: caf, stake: 'E2', quartier: 'QP062024', year: 2016 });
      for (const figure of ['indicative', 'conditional', 'firm', 'paid', 'outstanding'])
        expect(cafCell.figures[figure]).toBe(ledger[figure]);

      const provenance = (
        await h.http().get(`/api/reporting/provenance?funder=${caf}&figure=paid`).set(h.auth).expect(200)
      ).body;
      expect(provenance.total).toBe('13500.00');
      expect(provenance.commitments[0].events.map((e: { type: string }) => e.type)).toEqual([
        'commitments.commitment-recorded',
        'commitments.payment-recorded',
      ]);
      expect(provenance.commitments[0].events[1]).toMatchObject({
        actor: { subject: 'admin', organisation: 'cvl', roles: ['admin'] },
        reasonCode: 'paiement',
        effectiveDate: '2016-02-15',
        source: { line: 5465 },
      });

      const download = (path: string) =>
        h.http().get(`/api/reporting/${path}`).set(h.auth).buffer(true).parse(binaryBody).expect(200);
      const rows = readCsv((await download('co-financing?format=csv&stake=E2&year=2016&quartier=QP062024')).body);
      expect(rows[0]).toEqual([
        'Financeur',
        'Enjeu / axe',
        'Quartier',
        'Année',
        'Indicatif',
        'Conditionnel',
        'Ferme',
        'Payé',
        'Reste à payer',
      ]);
      const mine = rows.slice(1).filter((r) => r[0] === caf || r[0] === region);
      // People read names: the quartier's and the stake's, as the reference data recorded them.
      expect(new Set(mine.map((r) => `${r[1]} / ${r[2]}`))).toEqual(new Set(['Habitat / Cité 12-14']));
      const csvCents = (column: number) => mine.reduce((sum, r) => sum + centsFromFrench(r[column]), 0n);
      expect(csvCents(6)).toBe(4_500_000n);
      expect(csvCents(4)).toBe(12_000_000n);
      const sheet =
        (await readXlsx((await download(`co-financing?format=xlsx&funder=${caf}`)).body)).get('Cofinancement') ?? [];
      expect(sheet.slice(1, -1).reduce((sum, row) => sum + (row[7] as number), 0)).toBe(13500);
      expect(
        sheet
          .at(-1)
          ?.slice(0, 1)
          .concat(sheet.at(-1)?.slice(4) ?? []),
      ).toEqual([
        'Total',
        ...['indicative', 'conditional', 'firm', 'paid', 'outstanding'].map((f) => Number(ledger[f])),
      ]);
      const matrixPdf = (await readPdf((await download(`co-financing?format=pdf&funder=${caf}`)).body)).text;
      expect(matrixPdf).toContain(`Filtre : financeur ${caf}`);
      expect(matrixPdf).toContain(
        `Total ${['indicative', 'conditional', 'firm', 'paid', 'outstanding'].map((f) => formatEurosFr(fromDecimalString(ledger[f]))).join(' ')}`,
      );

      // Every ledger event delivered again: the read model counts none twice.
      const before = await matrix(`?funder=${caf}`);
      const events = await h.infra.store.readStream('commitments-ledger');
      await h.infra.bus.publish(
        'commitments.events.v1',
        relayedEnvelopes(publishedLedgerEvents, '/commitments', events, 'commitments.events.v1'),
      );
      const metrics = h.app.get(Metrics);
      const duplicates = async () =>
        (await metrics.eventsConsumed.get()).values
          .filter((v) => v.labels.consumer === 'reporting.commitments' && v.labels.outcome === 'duplicate')
          .reduce((s, v) => s + v.value, 0);
      await waitUntil(async () => (await duplicates()) >= events.length, 60_000, 'the redelivered events handled');
      expect(await matrix(`?funder=${caf}`)).toEqual(before);
    });
    it('lists what waits on each condition and what is left to split in each pool, and gives each funder the ledger’s totals', async () => {
      const post = (path: string, body: Record<string, unknown>, status = 201) =>
        h.http().post(`/api/commitments/${path}`).set(h.auth).send(body).expect(status);
      const conditionId = `tfpb-${run}`;
      await post('conditions', {
        conditionId,
        label: 'Abattement de TFPB',
        description: 'l. 5070-5080',
        trace: trace('intention', '2015-07-01', 5070),
      });
      const epci = `call-${run}`;
      await post('reference/epcis', {
        code: epci,
        name: 'Communauté d’Agglomération de Lens-Liévin',
        trace: trace('referentiel', '2015-07-01', 1),
      });
      const attribution = { label: 'Réhabilitation', year: 2016, scale: 'Bassin Minier' };
      await post('commitments', {
        commitmentId: `${region}-tfpb`,
        funder: region,
        status: 'conditional',
        conditionId,
        amount: '250000.50',
        attribution,
        trace: trace('intention', '2015-07-01', 5070),
      });
      await post('commitments', {
        commitmentId: `${region}-pool`,
        funder: region,
        status: 'indicative',
        isPool: true,
        amount: '1000.00',
        attribution,
        trace: trace('sollicitation', '2015-07-01'),
      });
      await post(
        `commitments/${region}-pool/splits`,
        {
          parts: [{ commitmentId: `${caf}-part`, funder: caf, amount: '400.00', epci }],
          trace: trace('ventilation', '2016-09-01', 5104),
        },
        200,
      );

      const get = async (path: string) => (await h.http().get(`/api/reporting/${path}`).set(h.auth).expect(200)).body;
      await waitUntil(
        async () =>
          (await get('pools')).pools.some(
            (p: { poolId: string; allocated: string }) => p.poolId === `${region}-pool` && p.allocated === '400.00',
          ),
        60_000,
        'the split projected',
      );
      const pool = (await get('pools')).pools.find((p: { poolId: string }) => p.poolId === `${region}-pool`);
      expect(pool).toMatchObject({
        funder: region,
        unallocated: '600.00',
        allocated: '400.00',
        parts: [{ commitmentId: `${caf}-part`, funder: caf, epci, amount: '400.00' }],
      });
      const condition = (await get('conditions')).conditions.find(
        (c: { conditionId: string }) => c.conditionId === conditionId,
      );
      expect(condition).toEqual({
        conditionId,
        pending: '250000.50',
        commitments: 1,
        byFunder: [{ funder: region, pending: '250000.50', commitments: [`${region}-tfpb`] }],
      });
      const ledger = (await h.http().get(`/api/commitments/funders/${region}/statement`).set(h.auth).expect(200)).body
        .totals;
      expect(ledger.conditional).toBe('250000.50');

      // A funder's statement in reporting: the ledger's totals, to the cent, for every funder of this run.
      for (const funder of [region, caf]) {
        const ledgerTotals = (
          await h.http().get(`/api/commitments/funders/${funder}/statement`).set(h.auth).expect(200)
        ).body.totals;
        const reported = await get(`funders/${funder}/statement`);
        for (const figure of ['indicative', 'conditional', 'firm', 'paid', 'outstanding'])
          expect(reported.totals[figure]).toBe(ledgerTotals[figure]);
        // Its AE/CP, year by year, is the ledger's: engaged, paid, restes à payer.
        const ledgerAeCp = (await h.http().get(`/api/commitments/funders/${funder}/ae-cp`).set(h.auth).expect(200))
          .body as { rows: Array<{ year: number; engaged: string; paid: string; remaining: string }> };
        const years = (rows: Array<{ year: number; engaged: string; paid: string; remaining: string }>) =>
          rows
            .filter((r) => r.engaged !== '0.00' || r.paid !== '0.00')
            .map((r) => [r.year, r.engaged, r.paid, r.remaining]);
        expect(years(reported.aeCp.rows)).toEqual(years(ledgerAeCp.rows));
      }

      // The statement downloaded three ways: each file, read back, carries the ledger's totals.
      const download = (format: string) =>
        h
          .http()
          .get(`/api/reporting/funders/${region}/statement?format=${format}`)
          .set(h.auth)
          .buffer(true)
          .parse(binaryBody)
          .expect(200);
      const figures = ['indicative', 'conditional', 'firm', 'paid', 'outstanding'];
      const french = figures.map((f) => formatEurosFr(fromDecimalString(ledger[f]), { symbol: false }));
      const csv = readCsv((await download('csv')).body);
      expect(csv.slice(0, 3)).toEqual([
        ['Synthèse'],
        ['Financeur', 'Indicatif', 'Conditionnel', 'Ferme', 'Payé', 'Reste à payer'],
        [region, ...french],
      ]);
      expect(csv.filter((row) => row[0] === 'Total').slice(0, 5)).toEqual(Array(5).fill(['Total', ...french]));
      const sheets = await readXlsx((await download('xlsx')).body);
      expect([...sheets.keys()]).toEqual([
        'Synthèse',
        'Par programme',
        'Par quartier',
        'Par enjeu',
        'Par année',
        'Par EPCI',
        'AE-CP',
        'Conditions en attente',
        'Enveloppes communes',
        'À propos',
      ]);
      expect(sheets.get('Synthèse')?.[1]).toEqual([region, ...figures.map((f) => Number(ledger[f]))]);
      expect(sheets.get('Conditions en attente')?.[1]).toEqual([conditionId, region, 1, 250000.5]);
      const pdf = await download('pdf');
      expect(pdf.headers['content-disposition']).toContain(`releve-${region}.pdf`);
      const { text } = await readPdf(pdf.body);
      expect(text).toContain(`Restitution des engagements de ${region}`);
      expect(text).toContain(`${region} ${figures.map((f) => formatEurosFr(fromDecimalString(ledger[f]))).join(' ')}`);
      expect(text).toContain(`${conditionId} ${region} 1 250 000,50`);
      expect((await get(`funders/${region}/statement`)).awaitingConditions).toEqual([condition]);
      const invalid = await h.http().get('/api/reporting/funders/Pas%20un%20code/statement').set(h.auth).expect(400);
      expect(invalid.body.errors[0].field).toBe('funder');
      // A funder the reference data does not know: a 404, never a statement of zeros.
      const unknown = await h.http().get('/api/reporting/funders/personne/statement').set(h.auth).expect(404);
      expect(unknown.body.detail).toBe('Financeur inconnu : personne');
      expect((await get(`funders/${region}/statement`)).readModelEmpty).toBe(false);

      // The integrity report: every service's hash chains, the ledger balanced, reporting's totals = the ledger's.
      const integrity = await get('integrity');
      expect(integrity.ok).toBe(true);
      expect(integrity.checks.map((c: { check: string }) => c.check)).toEqual([
        'chaîne d’empreintes — commitments',
        'chaîne d’empreintes — renewal-urban',
        'chaîne d’empreintes — iti-feder',
        'relais — commitments : tout événement publié',
        'relais — renewal-urban : tout événement publié',
        'relais — iti-feder : tout événement publié',
        'consommateurs — commitments : tout message reçu conforme au contrat',
        'consommateurs — renewal-urban : tout message reçu conforme au contrat',
        'consommateurs — iti-feder : tout message reçu conforme au contrat',
        'grand livre équilibré (Σ débits = Σ crédits)',
        'vues du registre = comptes du grand livre',
        'totaux de reporting = totaux du grand livre',
        'plafonds de cofinancement : toute opération dans les siens (tous programmes et financeurs)',
        'AE/CP de reporting = AE/CP du grand livre, année par année',
        'rapprochement des montants du document',
      ]);
      expect(integrity.checks[0].detail).toMatch(
        /^\d+ flux, \d+ événements vérifiés ; journal signé : tête n° \d+ sur \d+ événements/,
      );
      expect(integrity.disagreements).toEqual([]);
      const integrityPdf = await readPdf(
        (
          await h
            .http()
            .get('/api/reporting/integrity?format=pdf')
            .set(h.auth)
            .buffer(true)
            .parse(binaryBody)
            .expect(200)
        ).body,
      );
      expect(integrityPdf.text).toContain('Contrôle d’intégrité — tout concorde');

      // Every view in one workbook, a sheet each; its matrix total is the API's.
      const workbook = await readXlsx(
        (await h.http().get('/api/reporting/workbook').set(h.auth).buffer(true).parse(binaryBody).expect(200)).body,
      );
      expect([...workbook.keys()]).toEqual([
        'Cofinancement',
        'Opérations',
        'Budgets',
        'Axes ITI',
        'Conditions en attente',
        'Enveloppes communes',
        'À propos',
      ]);
      const total = (await get('co-financing')).total;
      expect(workbook.get('Cofinancement')?.at(-1)?.slice(4)).toEqual(
        ['indicative', 'conditional', 'firm', 'paid', 'outstanding'].map((f) => Number(total[f])),
      );
      const conditionsCsv = readCsv(
        (
          await h
            .http()
            .get('/api/reporting/conditions?format=csv')
            .set(h.auth)
            .buffer(true)
            .parse(binaryBody)
            .expect(200)
        ).body,
      );
      expect(conditionsCsv).toContainEqual([conditionId, region, '1', '250 000,50']);
    });

    it('rebuilds the same read models from the services’ own stores after the transport lost every record', async () => {
      const views = [
        'co-financing',
        'conditions',
        'pools',
        'operations',
        'envelopes',
        `funders/${caf}/statement`,
        `provenance?funder=${caf}&figure=paid`,
      ];
      const snapshot = async () =>
        Promise.all(
          views.map(async (view) => (await h.http().get(`/api/reporting/${view}`).set(h.auth).expect(200)).body),
        );
      const before = await snapshot();
      // Every view is what reporting's document (contracts/http) promises a generated client.
      const documented = answersAsDocumented(
        join(__dirname, '..', '..', 'contracts', 'http', 'reporting.openapi.json'),
      );
      const routes = views.map((view) => `/api/reporting/${view.split('?')[0].replace(caf, '{funder}')}`);
      expect(before.flatMap((body, i) => documented('get', routes[i], 200, body))).toEqual([]);
      // Every record gone from the topics, as an operator's deletion or a lost broker would leave them.
      if (h.infra.bus.kind === 'kafka') {
        const admin = new Kafka({
          clientId: 'forget',
          brokers: testKafkaBrokers(),
          logLevel: logLevel.NOTHING,
        }).admin();
        await admin.connect();
        for (const source of ['commitments', 'renewal-urban', 'iti-feder']) {
          const topic = `${h.topicPrefix}${source}.events.v1`;
          const offsets = await admin.fetchTopicOffsets(topic);
          await admin.deleteTopicRecords({
            topic,
            partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
          });
          expect((await admin.fetchTopicOffsets(topic)).every((o) => o.low === o.high)).toBe(true);
        }
        await admin.disconnect();
      } else {
        await h.infra.sql.query('DELETE FROM bus_messages');
      }
      const started = (await h.http().post('/api/reporting/replay').set(h.auth).expect(202)).body;
      expect(started).toMatchObject({ phase: 'stores', upToDate: false });
      let progress = started;
      await waitUntil(
        async () => {
          progress = (await h.http().get('/api/reporting/replay').set(h.auth).expect(200)).body;
          return progress.upToDate;
        },
        60_000,
        'the rebuild from the stores done',
      );
      expect(progress.warning).toBeUndefined();
      expect(progress.projected).toBeGreaterThan(0);
      expect(await snapshot()).toEqual(before);
      const integrity = (await h.http().get('/api/reporting/integrity').set(h.auth).expect(200)).body;
      expect(integrity.disagreements).toEqual([]);
      expect([
        ...documented('post', '/api/reporting/replay', 202, started),
        ...documented('get', '/api/reporting/replay', 200, progress),
        ...documented('get', '/api/reporting/integrity', 200, integrity),
      ]).toEqual([]);
    });
  });
}
