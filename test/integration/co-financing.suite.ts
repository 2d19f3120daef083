/*
 * One operation, two programmes: the same works entered in an NPNRU protocol and in the ITI, four public funders
 * in each. The ledger's registry holds the operation once; the second programme's lines past the caps are refused
 * with the rule, its source and the excess — and nothing is booked behind a programme's back.
 */
import { CommitmentsModule } from '@cvl/service-commitments';
import { ItiFederModule } from '@cvl/service-iti-feder';
import { RenewalUrbanModule } from '@cvl/service-renewal-urban';
import { ReportingModule } from '@cvl/service-reporting';
import { waitUntil } from '@cvl/testing';
import { startApi, type Harness } from '../../services/renewal-urban/src/test-support/api-suite';

const doc = (line: number) => ({ kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line });
const effect = (effectiveDate: string, line = 5106) => ({ effectiveDate, source: doc(line) });
const OPERATION = 'rehabilitation-cite-12-14';

export function coFinancingSuite(
  name: string,
  env: () => Promise<{ env: Record<string, string>; cleanup?: () => Promise<void> }>,
): void {
  describe(`no euro financed twice — ${name}`, () => {
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

    it('refuses the ITI lines that would finance the works the NPNRU already finances past 80 %, and lists what a stricter rule finds over its cap', async () => {
      const post = async (path: string, body: object, status: number) => {
        const answer = await h.http().post(path).set(h.auth).send(body);
        expect({ path, status: answer.status, ...(answer.status !== status ? { body: answer.body } : {}) }).toEqual({
          path,
          status,
        });
        return answer;
      };
      const funders: Array<[string, string]> = [
        ['anru', 'anru'],
        ['feder', 'eu'],
        ['etat-p147', 'state'],
        ['region', 'region'],
        ['maisons-et-cites', 'landlord'],
      ];
      for (const [code, category] of funders)
        await post(
          '/api/commitments/reference/funders',
          {
            code,
            name: code,
            attributes: { category },
            trace: { reasonCode: 'referentiel', ...effect('2015-07-01', 6062) },
          },
          201,
        );
      for (const [collection, code] of [
        ['quartiers', 'QP062024'],
        ['programmes', 'npnru'],
        ['programmes', 'iti-feder'],
        ['stakes', 'cadre-de-vie'],
      ])
        await post(
          `/api/commitments/reference/${collection}`,
          { code, name: code, trace: { reasonCode: 'referentiel', ...effect('2015-07-01', 6062) } },
          201,
        );
      await post(
        '/api/commitments/envelopes',
        {
          envelopeId: 'iti-feder-axe-3',
          funder: 'feder',
          label: 'ITI — axe 3',
          amount: '36000000.00',
          programme: 'iti-feder',
          trace: { reasonCode: 'ouverture-enveloppe', ...effect('2015-12-01', 4781) },
        },
        201,
      );
      // The works, once, in the registry: 1 000 000,00 € HT, Maisons et Cités' thermal rehabilitation.
      const declared = await post(
        '/api/commitments/operations',
        {
          operationId: OPERATION,
          label: 'Réhabilitation thermique de la cité 12-14',
          projectOwner: 'maisons-et-cites',
          quartiers: ['QP062024'],
          nature: 'rehabilitation',
          eligibleBase: '1000000.00',
          start: '2016-09-01',
          end: '2018-12-31',
          references: [{ system: 'dauphin', reference: 'P147-2016-0042' }],
          trace: { reasonCode: 'referentiel', ...effect('2016-01-15') },
        },
        201,
      );
      expect(declared.body).toMatchObject({ id: OPERATION, eligibleBase: '1000000.00', funders: [] });

      // The NPNRU finances the works: ANRU, FEDER, P147 and Région, 600 000,00 € of public aid (60 %).
      const protocol = '/api/renewal-urban/protocols/npnru-co';
      await post(
        '/api/renewal-urban/npnru-quartiers',
        { code: 'QP062024', name: 'Cité 12-14', interest: 'national', trace: effect('2015-04-29', 3519) },
        201,
      );
      await post(
        '/api/renewal-urban/protocols',
        {
          protocolId: 'npnru-co',
          label: 'Protocole NPNRU — cité 12-14',
          quartiers: [{ code: 'QP062024', interest: 'national' }],
          parties: funders.map(([code]) => ({ code, role: 'partie' })),
          stake: 'cadre-de-vie',
          trace: effect('2015-10-01', 3521),
        },
        201,
      );
      await post(
        `${protocol}/operations`,
        {
          operationId: 'rehab',
          label: 'Réhabilitation thermique de la cité 12-14',
          nature: 'rehabilitation',
          projectOwner: 'maisons-et-cites',
          quartier: 'QP062024',
          eligibleBase: '1000000.00',
          start: '2016-09-01',
          end: '2018-12-31',
          costsFrom: '2016-09-01',
          registryOperation: OPERATION,
          trace: effect('2016-02-01', 3521),
        },
        201,
      );
      await h
        .http()
        .put(`${protocol}/operations/rehab/financing-plan`)
        .set(h.auth)
        .send({
          lines: [
            { funder: 'anru', amount: '200000.00' },
            { funder: 'feder', amount: '200000.00' },
            { funder: 'etat-p147', amount: '100000.00' },
            { funder: 'region', amount: '100000.00' },
            { funder: 'maisons-et-cites', amount: '400000.00' },
          ],
          trace: effect('2016-02-10', 3521),
        })
        .expect(200);
      await post(`${protocol}/operations/rehab/approval`, { trace: effect('2016-02-20', 3521) }, 200);
      const registry = async () =>
        (await h.http().get(`/api/commitments/operations/${OPERATION}`).set(h.auth).expect(200)).body;
      await waitUntil(
        async () => (await registry()).funders.length === 5,
        60_000,
        'the NPNRU lines booked for the operation',
      );

      // Its bookings carry the protocol's stake: the matrix filtered on « cadre de vie » keeps ANRU's money.
      const anru = (
        await h.http().get('/api/commitments/commitments/renewal-urban.npnru-co.rehab.v1.anru').set(h.auth).expect(200)
      ).body;
      expect(anru.attribution).toMatchObject({ stake: 'cadre-de-vie', operation: OPERATION, programme: 'npnru' });

      // The ITI receives the same works, with the same four funders: FEDER first, then its co-funders.
      const iti = '/api/iti-feder/programmes/iti-co';
      await h
        .http()
        .put(`${iti}/envelope`)
        .set(h.auth)
        .send({
          axes: [
            { axis: 3, label: 'Axe 3', amount: '36000000.00' },
            { axis: 4, label: 'Axe 4', amount: '27000000.00' },
          ],
          trace: effect('2015-12-01', 4779),
        })
        .expect(200);
      await post(`${iti}/strategy`, { axes: [3, 4], trace: effect('2015-12-15', 4777) }, 201);
      await post(
        `${iti}/applications`,
        {
          operationId: 'op-rehab',
          label: 'Réhabilitation thermique de la cité 12-14',
          beneficiary: 'maisons-et-cites',
          quartier: 'QP062024',
          axis: 3,
          priority: '4c',
          eligibleCost: '1000000.00',
          feder: '200000.00',
          coFunders: [
            { funder: 'anru', amount: '200000.00' },
            { funder: 'etat-p147', amount: '100000.00' },
            { funder: 'region', amount: '100000.00' },
          ],
          dwellings: [{ id: 'L1', classBefore: 'F', consumptionAfter: 90 }],
          tranche: 2016,
          registryOperation: OPERATION,
          trace: effect('2016-03-01'),
        },
        201,
      );
      await post(`${iti}/operations/op-rehab/completeness`, { trace: effect('2016-03-15') }, 200);
      await post(`${iti}/operations/op-rehab/appraisal`, { trace: effect('2016-04-01') }, 200);
      await post(
        `${iti}/operations/op-rehab/programming`,
        { committeeDate: '2016-06-15', trace: effect('2016-06-15') },
        200,
      );
      type Answer = { outcome: 'booked' | 'refused'; reason?: string };
      const answers = async () =>
        (await h.http().get(iti).set(h.auth).expect(200)).body.operations[0].bookings as Record<string, Answer>;
      await waitUntil(async () => Object.keys(await answers()).length === 4, 60_000, 'the four ITI lines answered');
      const answered = await answers();
      // FEDER takes public aid to exactly 80 %; past that, each line is refused with the rule and its excess.
      expect(answered.feder.outcome).toBe('booked');
      for (const [funder, excess] of [
        ['anru', '200 000,00 €'],
        ['etat-p147', '100 000,00 €'],
        ['region', '100 000,00 €'],
      ]) {
        expect({ funder, outcome: answered[funder].outcome }).toEqual({ funder, outcome: 'refused' });
        expect(answered[funder].reason).toContain(`dépassé de ${excess}`);
        expect(answered[funder].reason).toContain('décret n° 99-1060');
      }
      const card = await registry();
      expect(card.references.map((r: { system: string }) => r.system).sort()).toEqual([
        'dauphin',
        'iti-feder',
        'renewal-urban',
      ]);
      expect(
        Object.fromEntries(card.funders.map((f: { funder: string; amount: string }) => [f.funder, f.amount])),
      ).toEqual({
        anru: '200000.00',
        feder: '400000.00',
        'etat-p147': '100000.00',
        region: '100000.00',
        'maisons-et-cites': '400000.00',
      });
      expect(card.caps.find((c: { rule: string }) => c.rule === 'etat-80-decret-99-1060')).toMatchObject({
        cap: '800000.00',
        counted: '800000.00',
        ok: true,
      });

      // Reporting's card of the ITI dossier shows every funder of the works, whichever programme booked its aid.
      const itiCard = async () =>
        (await h.http().get('/api/reporting/operations/iti-feder/iti-co/op-rehab').set(h.auth)).body as {
          registryOperation?: string;
          funders?: Array<{ funder: string; committed: string; programmes: string[] }>;
        };
      await waitUntil(
        async () => (await itiCard()).funders?.find((f) => f.funder === 'feder')?.committed === '400000.00',
        60_000,
        'reporting has both programmes’ aid on the card',
      );
      const shown = await itiCard();
      expect(shown.registryOperation).toBe(OPERATION);
      expect(
        Object.fromEntries((shown.funders ?? []).map((f) => [f.funder, [f.committed, f.programmes.join('+')]])),
      ).toEqual({
        anru: ['200000.00', 'renewal-urban'],
        feder: ['400000.00', 'iti-feder+renewal-urban'],
        'etat-p147': ['100000.00', 'renewal-urban'],
        region: ['100000.00', 'renewal-urban'],
        'maisons-et-cites': ['400000.00', 'renewal-urban'],
      });

      // A line the NPNRU booked does not change behind its back: the avenant goes through the protocol.
      const behind = await post(
        '/api/commitments/commitments/renewal-urban.npnru-co.rehab.v1.region/amendments',
        {
          kind: 'avenant',
          newAmount: '150000.00',
          act: { reference: 'Avenant direct', date: '2017-01-10' },
          trace: { reasonCode: 'avenant', ...effect('2017-01-10') },
        },
        409,
      );
      expect(behind.body.type).toBe('/problems/booked-by-programme');
      expect(behind.body.detail).toContain('renewal-urban');

      // A stricter rule recorded: the operation it finds over its cap is listed by the integrity report.
      const integrity = async () =>
        (await h.http().get('/api/reporting/integrity').set(h.auth).expect(200)).body as {
          ok: boolean;
          checks: Array<{ check: string; ok: boolean; detail: string }>;
        };
      const capsCheck = (report: Awaited<ReturnType<typeof integrity>>) =>
        report.checks.find((c) => c.check.startsWith('plafonds de cofinancement'));
      expect(capsCheck(await integrity())).toMatchObject({ ok: true });
      await post(
        '/api/commitments/co-financing-rules',
        {
          rule: {
            id: 'feder-plafond-30',
            from: '2016-01-01',
            label: 'FEDER : au plus 30 % de la dépense éligible',
            source: 'délibération d’essai de l’autorité de gestion',
            bounds: 'funder',
            funder: 'feder',
            maxRateBasisPoints: 3_000,
          },
          trace: { reasonCode: 'referentiel', ...effect('2016-07-01', 4779) },
        },
        201,
      );
      const after = capsCheck(await integrity());
      expect(after?.ok).toBe(false);
      expect(after?.detail).toContain(OPERATION);
      expect(after?.detail).toContain('100 000,00 € de trop');
      const listed = (await h.http().get('/api/commitments/operations?overCap=true').set(h.auth).expect(200)).body;
      expect(listed.operations.map((o: { id: string }) => o.id)).toEqual([OPERATION]);
    }, 240_000);
  });
}
