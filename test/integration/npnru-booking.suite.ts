/* A study of the préfiguration protocol approved in renewal-urban, booked by commitments, answered back. */
import { join } from 'node:path';
import { CommitmentsModule } from '@cvl/service-commitments';
import { ReportingModule } from '@cvl/service-reporting';
import { publishedRenewalEvents, RenewalUrbanModule } from '@cvl/service-renewal-urban';
import { BOOKING_REQUESTS_TOPIC } from '@cvl/contracts';
import { relayedEnvelopes } from '@cvl/messaging';
import { answersAsDocumented, binaryBody, waitUntil } from '@cvl/testing';
import { printProblems, readXlsx, renderFirstPage } from '@cvl/exports/read-back';
import { Metrics } from '@cvl/platform';
import { startApi, type Harness } from '../../services/renewal-urban/src/test-support/api-suite';

const doc = (line: number) => ({ kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line });
const effect = (effectiveDate: string, line = 3521) => ({ effectiveDate, source: doc(line) });

export function npnruBookingSuite(
  name: string,
  env: () => Promise<{ env: Record<string, string>; cleanup?: () => Promise<void> }>,
): void {
  describe(`NPNRU plan booked through the ledger — ${name}`, () => {
    let h: Harness;
    let cleanup: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const setup = await env();
      cleanup = setup.cleanup;
      h = await startApi([CommitmentsModule, RenewalUrbanModule, ReportingModule], setup.env);
    });
    afterAll(async () => {
      await h?.close();
      await cleanup?.();
    });

    it('books each funder line once, even when the approval is delivered twice, and shows refusals with the ledger’s reason', async () => {
      const ref = (collection: string, code: string, extra: Record<string, unknown> = {}) =>
        h
          .http()
          .post(`/api/commitments/reference/${collection}`)
          .set(h.auth)
          .send({ code, name: code, trace: { reasonCode: 'referentiel', ...effect('2015-07-01', 6062) }, ...extra })
          .expect(201);
      for (const funder of ['anru', 'call', 'ville-lens', 'ville-avion', 'ville-lievin']) await ref('funders', funder);
      await ref('quartiers', 'QP062024');
      await ref('programmes', 'npnru');
      await h
        .http()
        .post('/api/commitments/envelopes')
        .set(h.auth)
        .send({
          envelopeId: 'lievin-npnru-2016',
          funder: 'ville-lievin',
          label: 'Liévin — études NPNRU 2016',
          amount: '10000.00',
          programme: 'npnru',
          trace: { reasonCode: 'ouverture-enveloppe', ...effect('2016-01-01', 3530) },
        })
        .expect(201);

      const base = '/api/renewal-urban/protocols/npnru-call';
      for (const [code, name, interest] of [
        ['QP062024', 'Cité 12-14', 'national'],
        ['QP062019', 'République - Cité 4', 'regional'],
        ['QP062028', 'Calonne - Marichelles - Vent De Bise', 'regional'],
      ])
        await h
          .http()
          .post('/api/renewal-urban/npnru-quartiers')
          .set(h.auth)
          .send({ code, name, interest, trace: effect('2015-04-29') })
          .expect(201);
      await h
        .http()
        .post('/api/renewal-urban/protocols')
        .set(h.auth)
        .send({
          protocolId: 'npnru-call',
          label: 'Protocole de préfiguration NPNRU de la CALL',
          quartiers: [
            { code: 'QP062024', interest: 'national' },
            { code: 'QP062019', interest: 'regional' },
            { code: 'QP062028', interest: 'regional' },
          ],
          parties: ['anru', 'call', 'ville-lens', 'ville-avion', 'ville-lievin'].map((code) => ({
            code,
            role: 'partie',
          })),
          trace: effect('2015-10-01'),
        })
        .expect(201);
      await h
        .http()
        .put(`${base}/purchasing-group`)
        .set(h.auth)
        .send({
          members: [
            { code: 'call', weight: 40 },
            { code: 'ville-lens', weight: 20 },
            { code: 'ville-avion', weight: 20 },
            { code: 'ville-lievin', weight: 20 },
          ],
          trace: effect('2015-11-01', 3525),
        })
        .expect(200);
      await h
        .http()
        .post(`${base}/operations`)
        .set(h.auth)
        .send({
          operationId: 'etude-urbaine',
          label: 'Étude urbaine des trois quartiers',
          nature: 'etude',
          projectOwner: 'call',
          quartier: 'QP062024',
          eligibleBase: '300000.00',
          start: '2016-03-01',
          end: '2016-12-31',
          costsFrom: '2016-03-01',
          boughtByGroup: true,
          trace: effect('2015-12-01'),
        })
        .expect(201);

      const overRate = await h
        .http()
        .put(`${base}/operations/etude-urbaine/financing-plan`)
        .set(h.auth)
        .send({
          lines: [{ funder: 'anru', amount: '165000.00' }],
          groupShare: '135000.00',
          trace: effect('2016-01-10'),
        })
        .expect(422);
      expect(overRate.body.detail).toContain('dépasse le plafond de 50,00 %');
      await h
        .http()
        .put(`${base}/operations/etude-urbaine/financing-plan`)
        .set(h.auth)
        .send({
          lines: [{ funder: 'anru', amount: '150000.00' }],
          groupShare: '150000.00',
          trace: effect('2016-01-10'),
        })
        .expect(200);
      await h
        .http()
        .post(`${base}/operations/etude-urbaine/approval`)
        .set(h.auth)
        .send({ trace: effect('2016-01-20') })
        .expect(200);

      const lines = async () =>
        (await h.http().get(base).set(h.auth).expect(200)).body.operations[0].plan as Array<{
          funder: string;
          booking: { outcome: string; reason?: string; commitmentId?: string };
        }>;
      await waitUntil(
        async () => (await lines()).every((l) => l.booking.outcome === 'booked' || l.booking.outcome === 'refused'),
        60_000,
        'every line answered by the ledger',
      );
      const answered = await lines();
      const protocol = (await h.http().get(base).set(h.auth).expect(200)).body;
      expect(protocol.operations[0].status).toBe('inscrite en partie');
      // What the protocol route answers is what contracts/http promises a generated client.
      const documented = answersAsDocumented(
        join(__dirname, '..', '..', 'contracts', 'http', 'renewal-urban.openapi.json'),
      );
      expect(documented('get', '/api/renewal-urban/protocols/{id}', 200, protocol)).toEqual([]);
      expect(
        answered
          .filter((l) => l.booking.outcome === 'booked')
          .map((l) => l.funder)
          .sort(),
      ).toEqual(['anru', 'call', 'ville-avion', 'ville-lens']);
      const refused = answered.find((l) => l.funder === 'ville-lievin');
      expect(refused?.booking).toMatchObject({ outcome: 'refused' });
      expect(refused?.booking.reason).toContain('Enveloppe « Liévin — études NPNRU 2016 » dépassée de 20 000,00 €');

      // The booking request delivered a second time, as Kafka may: the ledger books nothing more.
      const approval = (await h.infra.store.readStream('renewal-urban-protocol-npnru-call')).find(
        (e) => e.type === 'renewal-urban.financing-plan-approved',
      );
      if (!approval) throw new Error('approval event missing');
      const redelivered = relayedEnvelopes(
        publishedRenewalEvents,
        '/renewal-urban',
        [approval],
        BOOKING_REQUESTS_TOPIC,
      );
      expect(redelivered.map((e) => e.type)).toEqual(['commitments.booking-requested']);
      await h.infra.bus.publish(BOOKING_REQUESTS_TOPIC, redelivered);
      const metrics = h.app.get(Metrics);
      const duplicatesSeen = async () =>
        (await metrics.eventsConsumed.get()).values
          .filter((v) => v.labels.consumer === 'commitments.booking-requests' && v.labels.outcome === 'duplicate')
          .reduce((sum, v) => sum + v.value, 0);
      await waitUntil(
        async () => (await duplicatesSeen()) >= 5,
        60_000,
        'the redelivered approval handled by the ledger',
      );
      const statement = async (funder: string) =>
        (await h.http().get(`/api/commitments/funders/${funder}/statement`).set(h.auth).expect(200)).body;
      const anru = await statement('anru');
      expect(anru.commitments).toHaveLength(1);
      expect(anru.totals.indicative).toBe('150000.00');
      expect((await statement('call')).totals.indicative).toBe('60000.00');
      expect((await statement('ville-lens')).totals.indicative).toBe('30000.00');
      expect((await statement('ville-lievin')).commitments).toHaveLength(0);
      const recorded = (await h.infra.store.readStream('commitments-ledger')).filter(
        (e) => e.type === 'commitments.commitment-recorded' && (e.data as { request?: unknown }).request,
      );
      expect(recorded).toHaveLength(4);
      const refusals = (await h.infra.store.readStream('commitments-ledger')).filter(
        (e) => e.type === 'commitments.booking-request-refused',
      );
      expect(refusals).toHaveLength(1);
      const history = await h
        .http()
        .get(`/api/commitments/commitments/${anru.commitments[0].id}/history`)
        .set(h.auth)
        .expect(200);
      expect(history.body.events[0]).toMatchObject({
        actor: { subject: 'admin', organisation: 'cvl', roles: ['admin'] },
        reasonCode: 'previsionnel',
        source: { line: 3521 },
      });

      // Signed, the plan approved again: the same commitments become firm — none is booked a second time.
      await h
        .http()
        .post(`${base}/submission`)
        .set(h.auth)
        .send({ trace: effect('2016-02-01') })
        .expect(200);
      await h
        .http()
        .post(`${base}/committee`)
        .set(h.auth)
        .send({ date: '2016-02-15', trace: effect('2016-02-15') })
        .expect(200);
      await h
        .http()
        .post(`${base}/signature`)
        .set(h.auth)
        .send({ reference: 'Protocole de préfiguration NPNRU CALL', date: '2016-06-15', trace: effect('2016-06-15') })
        .expect(200);
      await h
        .http()
        .put(`${base}/operations/etude-urbaine/financing-plan`)
        .set(h.auth)
        .send({
          lines: [{ funder: 'anru', amount: '150000.00' }],
          groupShare: '150000.00',
          trace: effect('2016-06-16'),
        })
        .expect(200);
      await h
        .http()
        .post(`${base}/operations/etude-urbaine/approval`)
        .set(h.auth)
        .send({ trace: effect('2016-06-20') })
        .expect(200);
      await waitUntil(
        async () => (await statement('anru')).totals.firm === '150000.00',
        60_000,
        'ANRU’s line firmed by the signed protocol',
      );
      const firmed = await statement('anru');
      expect(firmed.commitments).toHaveLength(1);
      expect(firmed.totals).toMatchObject({ indicative: '0.00', firm: '150000.00' });
      await waitUntil(
        async () =>
          (await lines())
            .filter((l) => l.funder !== 'ville-lievin')
            .every((l) => l.booking.outcome === 'booked' && (l.booking as { planVersion?: number }).planVersion === 2),
        60_000,
        'version 2 answered',
      );

      // Reporting's card of the study: the plan beside what the ledger booked, the refused line with the ledger's reason.
      const card = async () =>
        (await h.http().get('/api/reporting/operations/renewal-urban/npnru-call/etude-urbaine').set(h.auth)).body;
      const settled = (c: {
        totals?: { firm: string };
        status?: string;
        funders?: Array<{ funder: string; booking: string }>;
      }) =>
        c.totals?.firm === '270000.00' &&
        c.status === 'plan approuvé (version 2)' &&
        c.funders?.find((f) => f.funder === 'ville-lievin')?.booking === 'refusée';
      await waitUntil(
        async () => settled(await card()),
        60_000,
        'reporting has the study and every answer to its version 2',
      );
      const study = await card();
      expect(study).toMatchObject({
        source: 'renewal-urban',
        label: 'Étude urbaine des trois quartiers',
        nature: 'etude',
        owner: 'call',
        cost: '300000.00',
        planned: '300000.00',
      });
      expect(study.funders.find((f: { funder: string }) => f.funder === 'anru')).toMatchObject({
        planned: '150000.00',
        share: 5000,
        booking: 'engagée',
        figures: { firm: '150000.00' },
      });
      const lievin = study.funders.find((f: { funder: string }) => f.funder === 'ville-lievin');
      expect(lievin).toMatchObject({ booking: 'refusée', committed: '0.00' });
      expect(lievin.reason).toContain('dépassée de 20 000,00 €');
      for (const funder of ['anru', 'call', 'ville-lens', 'ville-avion'])
        expect(study.funders.find((f: { funder: string }) => f.funder === funder).figures.firm).toBe(
          (await statement(funder)).totals.firm,
        );
      // ANRU's maquette financière of the protocol, from the same events: each booked funder's column is what the
      // ledger holds for it; the workbook and the PDF carry the API's figures, the PDF printable as issued.
      const maquette = (
        await h.http().get('/api/renewal-urban/protocols/npnru-call/financial-table').set(h.auth).expect(200)
      ).body as { totals: { byFunder: Array<{ key: string; amount: string }> } };
      for (const funder of ['anru', 'call', 'ville-lens', 'ville-avion'])
        expect(maquette.totals.byFunder.find((t) => t.key === funder)?.amount).toBe(
          (await statement(funder)).totals.firm,
        );
      const maquetteFile = async (format: string) =>
        (
          await h
            .http()
            .get(`/api/renewal-urban/protocols/npnru-call/financial-table?format=${format}`)
            .set(h.auth)
            .buffer(true)
            .parse(binaryBody)
            .expect(200)
        ).body as Buffer;
      const byFunderSheet = (await readXlsx(await maquetteFile('xlsx'))).get('Par financeur') ?? [];
      expect(
        byFunderSheet
          .slice(1, -1)
          .map((row) => row[1] as number)
          .sort((a, b) => a - b),
      ).toEqual(maquette.totals.byFunder.map((t) => Number(t.amount)).sort((a, b) => a - b));
      const maquettePdf = await maquetteFile('pdf');
      expect(await printProblems(maquettePdf)).toEqual([]);
      renderFirstPage(maquettePdf, join(__dirname, '..', 'documents', 'artifacts', 'maquette-npnru-signee.png'));
      const listed = (
        await h.http().get('/api/reporting/operations?quartier=QP062024&funder=anru').set(h.auth).expect(200)
      ).body.operations;
      expect(listed.map((o: { key: string }) => o.key)).toEqual(['renewal-urban:npnru-call:etude-urbaine']);
      // The card and the list are what reporting's document promises a generated client.
      const reportingDocumented = answersAsDocumented(
        join(__dirname, '..', '..', 'contracts', 'http', 'reporting.openapi.json'),
      );
      expect([
        ...reportingDocumented('get', '/api/reporting/operations/{source}/{programme}/{operation}', 200, study),
        ...reportingDocumented('get', '/api/reporting/operations', 200, {
          filter: { quartier: 'QP062024', funder: 'anru' },
          operations: listed,
        }),
      ]).toEqual([]);
      const invalid = await h.http().get('/api/reporting/operations?quartier=Lens').set(h.auth).expect(400);
      expect(invalid.body.errors[0].field).toBe('quartier');
    });

    it('withdraws the signed study by avenant: the ledger releases every line it booked, the protocol shows each answer', async () => {
      const base = '/api/renewal-urban/protocols/npnru-call';
      const statement = async (funder: string) =>
        (await h.http().get(`/api/commitments/funders/${funder}/statement`).set(h.auth).expect(200)).body;
      // Signed: a change without its avenant is refused, naming the field, and nothing is written.
      const unsigned = await h
        .http()
        .post(`${base}/operations/etude-urbaine/withdrawal`)
        .set(h.auth)
        .send({ trace: effect('2017-01-10') })
        .expect(422);
      expect(unsigned.body.errors[0].field).toBe('act');
      const inverted = await h
        .http()
        .post(`${base}/operations/etude-urbaine/revisions`)
        .set(h.auth)
        .send({
          end: '2015-12-31',
          act: { reference: 'Avenant n° 1', date: '2016-09-01' },
          trace: effect('2016-09-01'),
        })
        .expect(422);
      expect(inverted.body.errors[0].field).toBe('end');
      // The avenant raises the study's base and extends it: the plan is set again for the new base and approved —
      // the ledger's registry follows the programme that declared the operation, its caps on the new base.
      const revised = await h
        .http()
        .post(`${base}/operations/etude-urbaine/revisions`)
        .set(h.auth)
        .send({
          end: '2017-06-30',
          eligibleBase: '320000.00',
          act: { reference: 'Avenant n° 1', date: '2016-09-01' },
          trace: effect('2016-09-01'),
        })
        .expect(201);
      expect(revised.body.operations[0]).toMatchObject({ eligibleBase: '320000.00', status: 'prévue', plan: [] });
      await h
        .http()
        .put(`${base}/operations/etude-urbaine/financing-plan`)
        .set(h.auth)
        .send({
          lines: [{ funder: 'anru', amount: '160000.00' }],
          groupShare: '160000.00',
          trace: effect('2016-09-02'),
        })
        .expect(200);
      await h
        .http()
        .post(`${base}/operations/etude-urbaine/approval`)
        .set(h.auth)
        .send({ trace: effect('2016-09-05') })
        .expect(200);
      const registered = async () =>
        (
          await h
            .http()
            .get('/api/commitments/operations/renewal-urban.npnru-call.etude-urbaine')
            .set(h.auth)
            .expect(200)
        ).body as { eligibleBase: string; end?: string };
      await waitUntil(
        async () => (await registered()).eligibleBase === '320000.00',
        60_000,
        'the registry follows the revised base',
      );
      expect((await registered()).end).toBe('2017-06-30');
      await waitUntil(
        async () => (await statement('anru')).totals.firm === '160000.00',
        60_000,
        'the new version applied to ANRU’s commitment',
      );
      await waitUntil(
        async () =>
          (
            (await h.http().get(base).set(h.auth).expect(200)).body.operations[0].plan as Array<{
              booking: { planVersion?: number };
            }>
          ).every((l) => l.booking.planVersion === 3),
        60_000,
        'every line of version 3 answered',
      );
      const withdrawn = await h
        .http()
        .post(`${base}/operations/etude-urbaine/withdrawal`)
        .set(h.auth)
        .send({ act: { reference: 'Avenant n° 2', date: '2017-01-10' }, trace: effect('2017-01-10') })
        .expect(201);
      expect(withdrawn.body.operations[0]).toMatchObject({
        status: 'retirée',
        calendar: { end: '2017-06-30' },
        withdrawn: { on: '2017-01-10' },
      });
      const answered = async () =>
        (await h.http().get(base).set(h.auth).expect(200)).body.operations[0].releases as
          Record<string, { outcome: string }> | undefined;
      await waitUntil(
        async () => Object.keys((await answered()) ?? {}).length === 4,
        60_000,
        'the ledger answered the release of every booked line',
      );
      // ville-lievin's line was refused at booking: nothing to release for it.
      expect(await answered()).toEqual({
        anru: { outcome: 'booked' },
        call: { outcome: 'booked' },
        'ville-avion': { outcome: 'booked' },
        'ville-lens': { outcome: 'booked' },
      });
      for (const [funder, amount] of [
        ['anru', '160000.00'],
        ['call', '64000.00'],
        ['ville-lens', '32000.00'],
      ])
        expect((await statement(funder)).totals).toMatchObject({ released: amount, outstanding: '0.00' });
      // Released on the avenant's date: the ledger's history of the line names it.
      const anru = await statement('anru');
      const history = await h
        .http()
        .get(`/api/commitments/commitments/${anru.commitments[0].id}/history`)
        .set(h.auth)
        .expect(200);
      expect(history.body.events.at(-1)).toMatchObject({
        reasonCode: 'degagement',
        effectiveDate: '2017-01-10',
        source: { kind: 'act', reference: 'Avenant n° 2' },
      });
      const card = async () =>
        (await h.http().get('/api/reporting/operations/renewal-urban/npnru-call/etude-urbaine').set(h.auth)).body as {
          status?: string;
        };
      await waitUntil(async () => (await card()).status === 'retirée du protocole', 60_000, 'reporting shows it');
    });
  });
}
