/* An ITI operation programmed, agreed, paid in two claims and released — booked by commitments, to the cent. */
import { join } from 'node:path';
import { CommitmentsModule } from '@cvl/service-commitments';
import { ItiFederModule, publishedItiEvents } from '@cvl/service-iti-feder';
import { BOOKING_REQUESTS_TOPIC } from '@cvl/contracts';
import { ReportingModule } from '@cvl/service-reporting';
import { formatEurosFr, fromDecimalString, toDecimalString } from '@cvl/money';
import { Metrics } from '@cvl/platform';
import { relayedEnvelopes } from '@cvl/messaging';
import { answersAsDocumented, binaryBody, waitUntil } from '@cvl/testing';
import { printProblems, readPdf, readXlsx, renderFirstPage } from '@cvl/exports/read-back';
import { startApi, type Harness } from '../../services/renewal-urban/src/test-support/api-suite';

const effect = (effectiveDate: string, line = 4781) => ({
  effectiveDate,
  source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line },
});

export function itiBookingSuite(
  name: string,
  env: () => Promise<{ env: Record<string, string>; cleanup?: () => Promise<void> }>,
): void {
  describe(`ITI-FEDER operation booked through the ledger — ${name}`, () => {
    let h: Harness;
    let cleanup: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const setup = await env();
      cleanup = setup.cleanup;
      h = await startApi([CommitmentsModule, ItiFederModule, ReportingModule], setup.env);
    });
    afterAll(async () => {
      await h?.close();
      await cleanup?.();
    });

    it('programs, pays in two claims and releases the unused part; the ledger and the ITI agree to the cent; an axis is never exceeded', async () => {
      const ref = (collection: string, code: string, attributes?: Record<string, string>) =>
        h
          .http()
          .post(`/api/commitments/reference/${collection}`)
          .set(h.auth)
          .send({
            code,
            name: code,
            ...(attributes ? { attributes } : {}),
            trace: { reasonCode: 'referentiel', ...effect('2015-07-01', 6062) },
          })
          .expect(201);
      // Each funder's category, as the reference data has it: the CERFA's lines of resources follow it.
      for (const [funder, category] of [
        ['feder', 'eu'],
        ['region', 'region'],
        ['call', 'epci'],
      ])
        await ref('funders', funder, { category });
      await ref('quartiers', 'QP062024');
      await ref('programmes', 'iti-feder');
      await h
        .http()
        .post('/api/commitments/envelopes')
        .set(h.auth)
        .send({
          envelopeId: 'iti-feder-axe-3',
          funder: 'feder',
          label: 'ITI — axe 3',
          amount: '36000000.00',
          programme: 'iti-feder',
          trace: { reasonCode: 'ouverture-enveloppe', ...effect('2015-12-01') },
        })
        .expect(201);
      // The Région's own budget for the rehabilitation of mining housing: its co-funding draws on it, not on the FEDER's.
      await h
        .http()
        .post('/api/commitments/envelopes')
        .set(h.auth)
        .send({
          envelopeId: 'region-renovation-2016',
          funder: 'region',
          label: 'Région — rénovation du parc minier 2016',
          amount: '1000000.00',
          trace: { reasonCode: 'ouverture-enveloppe', ...effect('2016-01-01') },
        })
        .expect(201);

      const base = '/api/iti-feder/programmes/iti-call';
      await h
        .http()
        .put(`${base}/envelope`)
        .set(h.auth)
        .send({
          axes: [
            { axis: 1, label: 'Axe 1', amount: '12000000.00' },
            { axis: 2, label: 'Axe 2', amount: '6000000.00' },
            { axis: 3, label: 'Axe 3', amount: '36000000.00' },
            { axis: 4, label: 'Axe 4', amount: '27000000.00' },
          ],
          trace: effect('2015-12-01', 4779),
        })
        .expect(200);
      await h
        .http()
        .post(`${base}/strategy`)
        .set(h.auth)
        .send({ axes: [3, 4], trace: effect('2015-12-15', 4777) })
        .expect(201);
      const application = (
        operationId: string,
        eligibleCost: string,
        feder: string,
        coFunders: Array<{ funder: string; amount: string; envelope?: string }>,
      ) =>
        h
          .http()
          .post(`${base}/applications`)
          .set(h.auth)
          .send({
            operationId,
            label: 'Réhabilitation thermique de 40 logements',
            beneficiary: 'maisons-et-cites',
            quartier: 'QP062024',
            axis: 3,
            priority: '4c',
            eligibleCost,
            feder,
            coFunders,
            dwellings: [
              { id: 'L1', classBefore: 'G', consumptionAfter: 125 },
              { id: 'L2', classBefore: 'F', consumptionAfter: 98 },
            ],
            tranche: 2016,
            trace: effect('2016-03-01', 5106),
          });
      const step = (path: string, body: Record<string, unknown>, status = 200) =>
        h.http().post(`${base}/operations/${path}`).set(h.auth).send(body).expect(status);
      await application('op1', '2000000.00', '800000.00', [
        { funder: 'region', amount: '400000.00', envelope: 'region-renovation-2016' },
        { funder: 'call', amount: '200000.00' },
      ]).expect(201);
      await step('op1/completeness', { trace: effect('2016-03-15') });
      const appraised = await step('op1/appraisal', { trace: effect('2016-04-01') });
      expect(appraised.body.operations[0].checks.map((c: { passed: boolean }) => c.passed)).toEqual([true, true]);
      await step('op1/programming', { committeeDate: '2016-06-15', trace: effect('2016-06-15') });
      const view = async () => (await h.http().get(base).set(h.auth).expect(200)).body;
      await waitUntil(
        async () => Object.keys((await view()).operations[0].bookings).length === 3,
        60_000,
        'three lines booked',
      );
      await step('op1/agreement', {
        act: { reference: 'Convention FEDER 2016-17', date: '2016-07-01' },
        trace: effect('2016-07-01'),
      });
      const statement = async (funder: string) =>
        (await h.http().get(`/api/commitments/funders/${funder}/statement`).set(h.auth).expect(200)).body;
      await waitUntil(
        async () => (await statement('feder')).totals.firm === '800000.00',
        60_000,
        'FEDER firm after the agreement',
      );
      // The FEDER's convention binds the FEDER alone: the Région's line stays indicative, on its own envelope, until
      // the Région's own act — a deliberation dated before the programming committee is refused, naming the field.
      expect((await statement('region')).totals).toMatchObject({ indicative: '400000.00', firm: '0.00' });
      const regionBudget = async () =>
        (await h.http().get('/api/commitments/envelopes/region-renovation-2016').set(h.auth).expect(200)).body;
      expect(await regionBudget()).toMatchObject({ reserved: '400000.00', committed: '0.00', available: '600000.00' });
      const early = await step(
        'op1/co-funders/region/commitment',
        { act: { reference: 'Délibération CP 2016-01', date: '2016-05-01' }, trace: effect('2016-05-01') },
        422,
      );
      expect(early.body.errors[0].field).toBe('act.date');
      await step('op1/co-funders/region/commitment', {
        act: { reference: 'Délibération CP Région 2016-412', date: '2016-09-12' },
        trace: effect('2016-09-12'),
      });
      await waitUntil(
        async () => (await statement('region')).totals.firm === '400000.00',
        60_000,
        'the Région firm on its own act',
      );
      const regionLine = (await statement('region')).commitments[0] as { id: string; act?: { reference: string } };
      expect(regionLine.act?.reference).toBe('Délibération CP Région 2016-412');
      expect(await regionBudget()).toMatchObject({ reserved: '0.00', committed: '400000.00', available: '600000.00' });
      expect((await statement('call')).totals).toMatchObject({ indicative: '200000.00', firm: '0.00' });

      await step('op1/claims', { claimId: 'c1', expenses: '1000000.00', trace: effect('2017-03-01') }, 201);
      await step('op1/claims/c1/service-done', { acceptedExpenses: '900000.00', trace: effect('2017-04-01') });
      await step('op1/claims/c1/payment', { trace: effect('2017-04-15') });
      await step('op1/claims', { claimId: 'c2', expenses: '800000.00', final: true, trace: effect('2018-03-01') }, 201);
      await step('op1/claims/c2/service-done', { acceptedExpenses: '800000.00', trace: effect('2018-04-01') });
      await step('op1/claims/c2/payment', { trace: effect('2018-04-15') });
      const closed = await step('op1/release', { trace: effect('2018-05-01') });
      expect(closed.body.operations[0]).toMatchObject({ status: 'closed', paid: '680000.00', released: '120000.00' });
      // What the ITI routes answered is what contracts/http promises a generated client.
      const documented = answersAsDocumented(
        join(__dirname, '..', '..', 'contracts', 'http', 'iti-feder.openapi.json'),
      );
      const forecast = await h.http().get(`${base}/degagement-forecast?today=2018-06-01`).set(h.auth).expect(200);
      // The forecast's day is a calendar date or nothing: « abc » (or 30 February) is a 400 naming it.
      for (const today of ['abc', '2018-02-30'])
        expect(
          (await h.http().get(`${base}/degagement-forecast?today=${today}`).set(h.auth).expect(400)).body.errors[0]
            .field,
        ).toBe('today');
      expect([
        ...documented('post', '/api/iti-feder/programmes/{id}/operations/{operationId}/release', 200, closed.body),
        ...documented('get', '/api/iti-feder/programmes/{id}', 200, await view()),
        ...documented('get', '/api/iti-feder/programmes/{id}/degagement-forecast', 200, forecast.body),
      ]).toEqual([]);
      await waitUntil(
        async () => (await statement('feder')).totals.released === '120000.00',
        60_000,
        'the release booked',
      );
      const feder = await statement('feder');
      expect(feder.totals).toMatchObject({
        firm: '680000.00',
        paid: '680000.00',
        outstanding: '0.00',
        released: '120000.00',
      });
      expect(feder.commitments).toHaveLength(1);

      // A payment delivered twice pays once.
      const paid = (await h.infra.store.readStream('iti-feder-programme-iti-call')).filter(
        (e) => e.type === 'iti-feder.payment-made',
      );
      await h.infra.bus.publish(
        BOOKING_REQUESTS_TOPIC,
        relayedEnvelopes(publishedItiEvents, '/iti-feder', paid, BOOKING_REQUESTS_TOPIC),
      );
      const metrics = h.app.get(Metrics);
      const duplicates = async () =>
        (await metrics.eventsConsumed.get()).values
          .filter((v) => v.labels.consumer === 'commitments.booking-requests' && v.labels.outcome === 'duplicate')
          .reduce((s, v) => s + v.value, 0);
      await waitUntil(async () => (await duplicates()) >= 2, 60_000, 'the redelivered payments handled');
      expect((await statement('feder')).totals.paid).toBe('680000.00');

      // Reporting's card of the operation: the programme's facts beside each funder's commitments, as the ledger has them.
      const report = async (path: string) =>
        (await h.http().get(`/api/reporting/${path}`).set(h.auth).expect(200)).body;
      const projected = async () =>
        (await h.http().get('/api/reporting/operations/iti-feder/iti-call/op1').set(h.auth)).body;
      const figures = ['indicative', 'conditional', 'firm', 'paid', 'outstanding'];
      const ledgers = Object.fromEntries(
        await Promise.all(
          ['feder', 'region', 'call'].map(async (funder) => [funder, (await statement(funder)).totals]),
        ),
      );
      // The card joins two topics (iti-feder's and the ledger's): wait for both to be projected to their end.
      const caughtUp = (c: {
        feder?: { released: string };
        funders?: Array<{ funder: string; figures: Record<string, string> }>;
      }) =>
        c.feder?.released === '120000.00' &&
        ['feder', 'region', 'call'].every((funder) =>
          figures.every((f) => c.funders?.find((s) => s.funder === funder)?.figures[f] === ledgers[funder][f]),
        );
      await waitUntil(
        async () => caughtUp(await projected()),
        60_000,
        'reporting has the operation and the ledger’s figures for it',
      );
      const card = await report('operations/iti-feder/iti-call/op1');
      expect(card).toMatchObject({
        source: 'iti-feder',
        label: 'Réhabilitation thermique de 40 logements',
        status: 'soldée',
        axis: 3,
        cost: '2000000.00',
        act: { reference: 'Convention FEDER 2016-17' },
        feder: { programmed: '800000.00', paid: '680000.00', released: '120000.00' },
      });
      for (const funder of ['feder', 'region', 'call'])
        expect(card.funders.find((f: { funder: string }) => f.funder === funder).booking).toBe('engagée');
      expect(card.totals.paid).toBe('680000.00');
      expect(card.funders.find((f: { funder: string }) => f.funder === 'feder')).toMatchObject({
        planned: '800000.00',
        share: 4000,
      });
      expect(card.history.map((e: { type: string }) => e.type)).toContain('iti-feder.operation-programmed');
      await h.http().get('/api/reporting/operations/iti-feder/iti-call/inconnue').set(h.auth).expect(404);
      // Where the card's FEDER euros come from: the commitment booked for the operation, and each event behind it.
      const paidProvenance = await report('provenance?operation=iti-feder:iti-call:op1&figure=paid&funder=feder');
      expect(paidProvenance.total).toBe(
        card.funders.find((f: { funder: string }) => f.funder === 'feder').figures.paid,
      );
      expect(
        paidProvenance.commitments[0].events.filter((e: { type: string }) => e.type === 'commitments.payment-recorded'),
      ).toHaveLength(2);
      // Under the axis of its operation in the matrix: FEDER has no stake of the contract, its axis stands in.
      expect((await report('co-financing?funder=feder&stake=axe-3')).total.paid).toBe('680000.00');

      // The axis and the funder's budget: programmed and available, after the release gave 120 000 € back.
      const envelopes = (await report('envelopes')).envelopes;
      expect(envelopes.find((e: { id: string }) => e.id === 'iti-call:axe-3')).toMatchObject({
        kind: 'iti-axis',
        cap: '36000000.00',
        programmed: '680000.00',
        firm: '680000.00',
        paid: '680000.00',
        available: '35320000.00',
        operations: 1,
      });
      expect(envelopes.find((e: { id: string }) => e.id === 'iti-feder-axe-3')).toMatchObject({
        kind: 'budget',
        funder: 'feder',
        programmed: '680000.00',
        paid: '680000.00',
        available: '35320000.00',
      });
      const pdf = await h
        .http()
        .get('/api/reporting/envelopes?format=pdf')
        .set(h.auth)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const { text } = await readPdf(pdf.body);
      const available = envelopes
        .filter((e: { kind: string }) => e.kind === 'iti-axis')
        .reduce((sum: bigint, e: { available: string }) => sum + fromDecimalString(e.available), 0n);
      expect(text).toMatch(new RegExp(`Axes de l’ITI FEDER[\\s\\S]*Total [0-9 ,€]* ${formatEurosFr(available)}`));
      expect(text).toContain('iti-call:axe-3');

      // The funders' own documents, from the same events, each as PDF and XLSX: printable (fonts embedded, every
      // word inside the page, nothing cut), first page rendered, and their figures the ledger's.
      const file = async (path: string, format: 'pdf' | 'xlsx') =>
        (
          await h
            .http()
            .get(`${path}${path.includes('?') ? '&' : '?'}format=${format}`)
            .set(h.auth)
            .buffer(true)
            .parse(binaryBody)
            .expect(200)
        ).body as Buffer;
      const looked = async (path: string, artefact: string) => {
        const body = await file(path, 'pdf');
        expect(await printProblems(body)).toEqual([]);
        renderFirstPage(body, join(__dirname, '..', 'documents', 'artifacts', `${artefact}.png`));
        return {
          text: (await readPdf(body)).text.replace(/\s+/g, ' '),
          sheets: await readXlsx(await file(path, 'xlsx')),
        };
      };
      // The FEDER état récapitulatif des dépenses and plan de financement of op1.
      const expenses = (await h.http().get(`${base}/operations/op1/expense-statement`).set(h.auth).expect(200)).body;
      expect(expenses.totals).toMatchObject({
        declared: '1800000.00',
        retained: '1700000.00',
        paidFeder: feder.totals.paid,
      });
      expect(expenses.plan.find((l: { funder: string }) => l.funder === 'region')).toMatchObject({
        amount: '400000.00',
        act: { reference: 'Délibération CP Région 2016-412' },
      });
      const federDocument = await looked(`${base}/operations/op1/expense-statement`, 'feder-etat-recapitulatif');
      expect(federDocument.text).toContain(`Total ${formatEurosFr(fromDecimalString(expenses.totals.declared))}`);
      expect(federDocument.sheets.get('État récapitulatif')?.at(-1)?.slice(3)).toEqual([
        1800000,
        1700000,
        undefined, // cumulative public aid: no total (an empty cell)
        680000,
        Number(feder.totals.paid),
      ]);
      // The CALL's AP/CP annex of 2017: its co-funding an AP, the total its committed amount in the ledger.
      const callTotals = (await statement('call')).totals;
      const annex = (await h.http().get('/api/commitments/funders/call/ap-cp-annex?year=2017').set(h.auth).expect(200))
        .body;
      expect(annex.totals.authorised).toBe(
        toDecimalString(
          ['indicative', 'conditional', 'firm'].reduce((sum, f) => sum + fromDecimalString(callTotals[f]), 0n),
        ),
      );
      expect(annex.totals.paidBefore).toBe('0.00');
      const annexDocument = await looked(
        '/api/commitments/funders/call/ap-cp-annex?year=2017',
        'annexe-ap-cp-call-2017',
      );
      expect(annexDocument.text).toContain('exercice 2017');
      expect(annexDocument.sheets.get('AP-CP 2017')?.at(-1)?.[3]).toBe(Number(annex.totals.authorised));
      // The compte rendu financier of the Région's subsidy: the action's resources planned and paid, the ledger's.
      const crf = (
        await h.http().get(`/api/commitments/commitments/${regionLine.id}/financial-report`).set(h.auth).expect(200)
      ).body;
      const regionTotals = (await statement('region')).totals;
      expect(crf.products.find((p: { line: string }) => p.line === '74 — Région(s)')).toMatchObject({
        planned: regionTotals.firm,
        realised: regionTotals.paid,
      });
      const crfDocument = await looked(
        `/api/commitments/commitments/${regionLine.id}/financial-report`,
        'compte-rendu-financier',
      );
      expect(crfDocument.text).toContain('Compte rendu financier de subvention (CERFA n° 15059)');
      expect(crfDocument.sheets.get('Produits')?.at(-1)?.[1]).toBe(Number(crf.totals.planned));

      await application('op2', '80000000.00', '35500000.00', []).expect(201);
      await step('op2/completeness', { trace: effect('2016-09-01') });
      await step('op2/appraisal', { trace: effect('2016-09-15') });
      // Axis 3 holds 36 M€; 680 000 € stay programmed on op1 (the 120 000 € released went back to the axis).
      const exceeded = await step('op2/programming', { committeeDate: '2016-10-15', trace: effect('2016-10-15') }, 422);
      expect(exceeded.body).toMatchObject({ type: '/problems/axis-envelope-exceeded', excess: '180000.00' });
      expect(exceeded.body.detail).toContain('180 000,00 €');
    });
  });
}
