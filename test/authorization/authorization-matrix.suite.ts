/*
 * Every cell of the role × route matrix, called for real: each route of the four services with no token, then with
 * a token of each role, against a runtime that holds a small contract (a funder's commitment, a condition, an
 * envelope, a signed NPNRU protocol, an ITI operation). The expectation of each cell comes from the declared policy.
 */
import { ROLES, type Principal, type Role, type RouteEntry } from '@cvl/platform';
import { waitUntil } from '@cvl/testing';
import { cellOf, suiteRoutes } from '../../services/suite/src/authorization-matrix';

export interface Runtime {
  /** Where each service answers (one address embedded, four distributed). */
  urlOf(service: string): string;
  sign(principal: Principal): Promise<string>;
  close(): Promise<void>;
}

/** One principal per role, each of an organisation of the seeded contract. */
export const PRINCIPALS: Record<Role, Principal> = {
  admin: { subject: 'operateur', organisation: 'cvl', roles: ['admin'] },
  pilotage: { subject: 'cheffe-de-projet', organisation: 'call', roles: ['pilotage'] },
  financeur: { subject: 'comptable', organisation: 'region', roles: ['financeur'] },
  'maitre-ouvrage': { subject: 'chargee-operation', organisation: 'maisons-et-cites', roles: ['maitre-ouvrage'] },
  'instructeur-anru': { subject: 'instructeur', organisation: 'anru', roles: ['instructeur-anru'] },
  'autorite-gestion': { subject: 'gestionnaire-feder', organisation: 'region', roles: ['autorite-gestion'] },
  auditeur: { subject: 'magistrate', organisation: 'cour-des-comptes', roles: ['auditeur'] },
  exploitation: { subject: 'astreinte', organisation: 'cvl', roles: ['exploitation'] },
};

const doc = (line: number) => ({ kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line });
const effect = (effectiveDate: string, line = 3521) => ({ effectiveDate, source: doc(line) });
const trace = (reasonCode: string, effectiveDate: string, line = 5465) => ({
  reasonCode,
  ...effect(effectiveDate, line),
});

/** The concrete request for a route: its parameters filled with the seeded contract's ids. */
function concretePath(route: RouteEntry): string {
  const values: Record<string, string> = {
    collection: 'quartiers',
    code: 'region',
    funder: 'region',
    source: 'iti-feder',
    programme: 'mx-iti',
    operation: 'op',
    claimId: 'c1',
  };
  const path = route.path
    .replace(/^\/api\/commitments\/commitments\/:id/, '/api/commitments/commitments/mx-region')
    .replace(/^\/api\/commitments\/conditions\/:id/, '/api/commitments/conditions/mx-cond')
    .replace(/^\/api\/commitments\/envelopes\/:id/, '/api/commitments/envelopes/mx-env-region')
    .replace(/^\/api\/renewal-urban\/protocols\/:id/, '/api/renewal-urban/protocols/mx-npnru')
    .replace(/^\/api\/iti-feder\/programmes\/:id/, '/api/iti-feder/programmes/mx-iti')
    .replace(/^\/api\/commitments\/operations\/:id/, '/api/commitments/operations/mx-op')
    .replace(/^\/api\/commitments\/avenant-drafts\/:id/, '/api/commitments/avenant-drafts/mx-draft')
    .replace(/:otherId/, 'mx-draft-2')
    .replace(/:operationId/, route.path.includes('renewal-urban') ? 'etude' : 'op')
    .replace(/:(\w+)/g, (_, name: string) => values[name] ?? name);
  if (path.endsWith('/financial-table/diff')) return `${path}?from=1&to=1`;
  if (path.endsWith('/ap-cp-annex')) return `${path}?year=2017`;
  return path.endsWith('/document-text') ? `${path}?line=1` : path;
}

const serviceOf = (path: string) => /^\/api\/([a-z-]+)/.exec(path)?.[1] ?? 'commitments';

export function authorizationMatrixSuite(name: string, open: () => Promise<Runtime>): void {
  describe(`who may see and do what — ${name}`, () => {
    let runtime: Runtime;
    const tokens = new Map<Role, string>();
    const call = async (method: string, path: string, token?: string, body?: unknown) => {
      const response = await fetch(`${runtime.urlOf(serviceOf(path))}${path}`, {
        method,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, text };
    };
    const admin = async (method: string, path: string, body?: unknown) => {
      const answer = await call(method, path, tokens.get('admin'), body);
      if (answer.status >= 400) throw new Error(`${method} ${path} → ${answer.status} ${answer.text}`);
      return answer.text ? JSON.parse(answer.text) : undefined;
    };

    beforeAll(async () => {
      runtime = await open();
      for (const role of ROLES) tokens.set(role, await runtime.sign(PRINCIPALS[role]));
      for (const code of ['region', 'anru', 'call', 'maisons-et-cites', 'caf', 'feder'])
        await admin('POST', '/api/commitments/reference/funders', {
          code,
          name: code,
          trace: trace('referentiel', '2015-07-01', 6062),
        });
      // An auditor funds nothing: its organisation is registered as such (a token's organisation must be in the reference data).
      await admin('POST', '/api/commitments/reference/organisations', {
        code: 'cour-des-comptes',
        name: 'Chambre régionale des comptes',
        trace: {
          reasonCode: 'referentiel',
          effectiveDate: '2015-07-01',
          source: { kind: 'act', reference: 'Convention d’accès de la chambre régionale des comptes' },
        },
      });
      await admin('POST', '/api/commitments/reference/quartiers', {
        code: 'QP062024',
        name: 'Cité 12-14',
        trace: trace('referentiel', '2015-07-01', 549),
      });
      await admin('POST', '/api/commitments/envelopes', {
        envelopeId: 'mx-env-region',
        funder: 'region',
        label: 'Budget de la Région',
        amount: '1000000.00',
        trace: trace('ouverture-enveloppe', '2015-12-01', 4781),
      });
      await admin('POST', '/api/commitments/conditions', {
        conditionId: 'mx-cond',
        label: 'Vote du budget régional',
        description: 'Subvention soumise au vote du budget régional',
        trace: trace('engagement-initial', '2015-12-01', 6064),
      });
      await admin('POST', '/api/commitments/operations', {
        operationId: 'mx-op',
        label: 'Centre social de la cité 12-14',
        projectOwner: 'call',
        quartiers: ['QP062024'],
        eligibleBase: '200000.00',
        trace: trace('referentiel', '2015-12-01', 6064),
      });
      const attribution = { label: 'Centre social', quartier: 'QP062024', year: 2016, scale: 'CALL' };
      await admin('POST', '/api/commitments/commitments', {
        commitmentId: 'mx-region',
        funder: 'region',
        envelopeId: 'mx-env-region',
        status: 'conditional',
        conditionId: 'mx-cond',
        amount: '50000.00',
        attribution,
        trace: trace('sollicitation', '2016-01-10'),
      });
      await admin('POST', '/api/commitments/commitments', {
        commitmentId: 'mx-caf',
        funder: 'caf',
        status: 'indicative',
        amount: '20000.00',
        attribution,
        trace: trace('previsionnel', '2016-01-10'),
      });

      // Two drafts avenant (not shared: a financeur reads neither, a 404 to it).
      for (const draftId of ['mx-draft', 'mx-draft-2'])
        await admin('POST', '/api/commitments/avenant-drafts', {
          draftId,
          title: `Projet ${draftId}`,
          kind: 'avenant',
          changes: [
            {
              action: 'modifier-montant',
              commitmentId: 'mx-caf',
              kind: 'avenant',
              newAmount: '25000.00',
              effectiveDate: '2016-06-01',
            },
          ],
        });

      const protocol = '/api/renewal-urban/protocols/mx-npnru';
      await admin('POST', '/api/renewal-urban/npnru-quartiers', {
        code: 'QP062024',
        name: 'Cité 12-14',
        interest: 'national',
        trace: effect('2015-04-29'),
      });
      await admin('POST', '/api/renewal-urban/protocols', {
        protocolId: 'mx-npnru',
        label: 'Protocole NPNRU',
        quartiers: [{ code: 'QP062024', interest: 'national' }],
        parties: ['anru', 'call'].map((code) => ({ code, role: 'partie' })),
        trace: effect('2015-10-01'),
      });
      await admin('POST', `${protocol}/operations`, {
        operationId: 'etude',
        label: 'Étude urbaine',
        nature: 'etude',
        projectOwner: 'call',
        quartier: 'QP062024',
        eligibleBase: '300000.00',
        start: '2016-03-01',
        end: '2016-12-31',
        costsFrom: '2016-03-01',
        boughtByGroup: false,
        trace: effect('2015-12-01'),
      });
      await admin('PUT', `${protocol}/operations/etude/financing-plan`, {
        lines: [
          { funder: 'anru', amount: '150000.00' },
          { funder: 'call', amount: '150000.00' },
        ],
        trace: effect('2016-01-10'),
      });
      await admin('POST', `${protocol}/submission`, { trace: effect('2016-01-15') });
      await admin('POST', `${protocol}/committee`, { date: '2016-02-01', trace: effect('2016-02-01') });
      await admin('POST', `${protocol}/signature`, {
        reference: 'Protocole signé',
        date: '2016-03-01',
        trace: effect('2016-03-01'),
      });

      const iti = '/api/iti-feder/programmes/mx-iti';
      await admin('PUT', `${iti}/envelope`, {
        axes: [
          { axis: 3, label: 'Axe 3', amount: '36000000.00' },
          { axis: 4, label: 'Axe 4', amount: '27000000.00' },
        ],
        trace: effect('2015-12-01', 4781),
      });
      await admin('POST', `${iti}/strategy`, { axes: [3, 4], trace: effect('2015-12-15', 4777) });
      await admin('POST', `${iti}/applications`, {
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
      await waitUntil(
        async () =>
          (await call('GET', '/api/reporting/operations/iti-feder/mx-iti/op', tokens.get('admin'))).status === 200 &&
          (await call('GET', '/api/reporting/funders/region/statement', tokens.get('admin'))).text.includes('50000.00'),
        90_000,
        'reporting has projected the seeded contract',
      );
    }, 240_000);
    afterAll(async () => runtime?.close());

    const routes = suiteRoutes();
    // Reads first: a write that is let in may change what a later read finds (a replay empties the read models).
    const ordered = [...routes.filter((r) => r.method === 'GET'), ...routes.filter((r) => r.method !== 'GET')];

    it('answers every route as its policy says, for no token and for each role', async () => {
      const wrong: string[] = [];
      for (const route of ordered) {
        const path = concretePath(route);
        const body = route.method === 'GET' ? undefined : {};
        const anonymous = await call(route.method, path, undefined, body);
        const publicRoute = route.policy === 'public';
        if (publicRoute ? anonymous.status !== 200 : anonymous.status !== 401)
          wrong.push(`${route.method} ${path} sans jeton → ${anonymous.status}`);
        if (publicRoute) continue;
        for (const role of ROLES) {
          const cell = cellOf(route, role);
          const { status, text } = await call(route.method, path, tokens.get(role), body);
          // Let in: never 401/403, never a 5xx. A read on everything is 200; a read on one's own part is 200, or 404
          // where the seeded resource is not the principal's. A write with an empty body reaches its validation (400);
          // an upload sent as JSON is refused for its type (415: a file is expected).
          const expected =
            cell.kind === 'forbidden'
              ? [403]
              : route.method === 'GET'
                ? cell.kind === 'all'
                  ? [200]
                  : [200, 404]
                : route.path.endsWith('/replay')
                  ? [202, 409]
                  : route.path.endsWith('/imports')
                    ? [415]
                    : [400];
          if (!expected.includes(status))
            wrong.push(`${route.method} ${path} en ${role} (${cell.kind}) → ${status} ${text.slice(0, 160)}`);
        }
      }
      expect(wrong).toEqual([]);
    }, 300_000);

    it('a financeur writes its own commitments only, reads its own statement only, and sees others’ shares only where it co-finances', async () => {
      // The matrix above let a replay in: wait for the read models to be whole again.
      await waitUntil(
        async () =>
          JSON.parse((await call('GET', '/api/reporting/replay', tokens.get('admin'))).text).upToDate === true &&
          (await call('GET', '/api/reporting/operations/iti-feder/mx-iti/op', tokens.get('admin'))).status === 200,
        90_000,
        'reporting rebuilt',
      );
      const region = tokens.get('financeur');
      const other = await runtime.sign({ subject: 'comptable', organisation: 'caf', roles: ['financeur'] });
      const attribution = { label: 'Action jeunesse', quartier: 'QP062024', year: 2016, scale: 'CALL' };
      const forRegion = {
        commitmentId: 'mx-region-2',
        funder: 'region',
        status: 'indicative',
        amount: '1000.00',
        attribution,
        trace: trace('previsionnel', '2016-02-01'),
      };
      expect((await call('POST', '/api/commitments/commitments', other, forRegion)).status).toBe(403);
      expect(
        (
          await call('POST', '/api/commitments/commitments/mx-region/payments', other, {
            paymentId: 'p1',
            kind: 'acompte',
            amount: '10.00',
            trace: trace('paiement', '2016-03-01'),
          })
        ).status,
      ).toBe(403);
      expect((await call('POST', '/api/commitments/commitments', region, forRegion)).status).toBe(201);
      expect((await call('GET', '/api/commitments/funders/region/statement', other)).status).toBe(403);
      expect((await call('GET', '/api/reporting/funders/region/statement', other)).status).toBe(403);
      expect((await call('GET', '/api/commitments/commitments/mx-region', other)).status).toBe(404);
      const listed = JSON.parse((await call('GET', '/api/commitments/commitments', other)).text) as {
        items: Array<{ funder: string }>;
      };
      expect(listed.items.map((c) => c.funder)).toEqual(['caf']);
      const matrix = JSON.parse((await call('GET', '/api/reporting/co-financing', other)).text) as {
        rows: Array<{ funder: string }>;
      };
      expect(new Set(matrix.rows.map((r) => r.funder))).toEqual(new Set(['caf']));
      // The Région co-finances the ITI operation: it sees the FEDER's share beside its own; the CAF does not see the operation.
      expect((await call('GET', '/api/reporting/operations/iti-feder/mx-iti/op', other)).status).toBe(404);
      const card = JSON.parse((await call('GET', '/api/reporting/operations/iti-feder/mx-iti/op', region)).text) as {
        funders: Array<{ funder: string }>;
      };
      expect(card.funders.map((s) => s.funder)).toEqual(expect.arrayContaining(['feder', 'region']));
      const cards = JSON.parse((await call('GET', '/api/reporting/operations', other)).text) as {
        operations: unknown[];
      };
      expect(cards.operations).toEqual([]);
    });

    it('a project owner files for its own operations only, and reads only them', async () => {
      const owner = tokens.get('maitre-ouvrage'); // Maisons et Cités: beneficiary of the ITI operation, owner of no NPNRU one
      const application = (operationId: string, beneficiary: string) => ({
        operationId,
        label: 'Réhabilitation',
        beneficiary,
        quartier: 'QP062024',
        axis: 3,
        priority: '4c',
        eligibleCost: '100000.00',
        feder: '40000.00',
        coFunders: [],
        dwellings: [{ id: 'L9', classBefore: 'E', consumptionAfter: 80 }],
        tranche: 2016,
        trace: effect('2016-04-01', 5106),
      });
      expect(
        (await call('POST', '/api/iti-feder/programmes/mx-iti/applications', owner, application('op-call', 'call')))
          .status,
      ).toBe(403);
      const filed = await call(
        'POST',
        '/api/iti-feder/programmes/mx-iti/applications',
        owner,
        application('op-mc', 'maisons-et-cites'),
      );
      expect(filed.status).toBe(201);
      // What it gets back is its own operations, not the programme's axes nor anyone else's operations.
      expect(
        (JSON.parse(filed.text) as { operations: Array<{ beneficiary: string }> }).operations.every(
          (o) => o.beneficiary === 'maisons-et-cites',
        ),
      ).toBe(true);
      expect(JSON.parse(filed.text)).not.toHaveProperty('axes');
      const plan = {
        lines: [
          { funder: 'anru', amount: '150000.00' },
          { funder: 'call', amount: '150000.00' },
        ],
        trace: effect('2016-04-10'),
      };
      expect(
        (await call('PUT', '/api/renewal-urban/protocols/mx-npnru/operations/etude/financing-plan', owner, plan))
          .status,
      ).toBe(403);
      expect((await call('GET', '/api/renewal-urban/protocols/mx-npnru', owner)).status).toBe(404);
    });

    it('a token whose organisation is not in the reference data is refused where the reference data lives', async () => {
      const stranger = await runtime.sign({
        subject: 'inconnu',
        organisation: 'societe-inconnue',
        roles: ['auditeur'],
      });
      const refused = await call('GET', '/api/commitments/commitments', stranger);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('societe-inconnue');
    });

    it('an auditeur reads everything and may write nothing', async () => {
      const auditor = tokens.get('auditeur');
      for (const path of [
        '/api/commitments/commitments/mx-region/history',
        '/api/commitments/funders/caf/statement',
        '/api/reporting/integrity',
        '/api/renewal-urban/protocols/mx-npnru/financial-table?format=csv',
        '/api/iti-feder/programmes/mx-iti',
      ]) {
        expect([path, (await call('GET', path, auditor)).status]).toEqual([path, 200]);
      }
      const writes = routes.filter((r) => r.method !== 'GET' && r.policy !== 'public');
      for (const route of writes)
        expect([route.path, (await call(route.method, concretePath(route), auditor, {})).status]).toEqual([
          route.path,
          403,
        ]);
    });
  });
}
