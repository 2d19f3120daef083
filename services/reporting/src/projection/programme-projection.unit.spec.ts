import { projectedEvents } from '../test-support/projected-events';
import { envelopePositions } from '../envelopes/envelopes';
import { operationCard, operationCards } from '../operation-cards/operation-cards';
import type { ProjectedCommitment } from './commitment-projection';
import {
  documentsTouched,
  projectProgrammes,
  refKey,
  withItiAxes,
  type EnvelopeDoc,
  type ProgrammeDoc,
  type ReferenceDoc,
  type OperationDoc,
  type ProgrammesProjectedEvent,
} from './programme-projection';
import { Names } from '../infrastructure/read-models';

const trace = {
  actor: { subject: 'instructeur', organisation: 'call', roles: ['financeur'] },
  recordedAt: '2016-06-15T10:00:00.000Z',
  effectiveDate: '2016-06-15',
  source: { kind: 'document', document: 'contrat', line: 4781 },
};
const event = projectedEvents<ProgrammesProjectedEvent>({
  actor: '{"subject":"instructeur","organisation":"call","roles":["financeur"]}',
  time: '2016-06-15T10:00:00.000Z',
  trace,
});

/** Applies events one by one, as the projector does, keeping every document. */
function run(events: ProgrammesProjectedEvent[]) {
  const docs = new Map<string, ProgrammeDoc>();
  for (const e of events) for (const { ref, doc } of projectProgrammes(docs, e)) docs.set(refKey(ref), doc);
  return docs;
}

const ids = { programmeId: 'iti-call', operationId: 'op1' };
const application = event('iti-feder.application-received', {
  ...ids,
  label: 'Réhabilitation',
  beneficiary: 'maisons-et-cites',
  quartier: 'QP062024',
  axis: 3,
  priority: '4c',
  eligibleCost: '2000000.00',
  feder: '800000.00',
  coFunders: [{ funder: 'region', amount: '400000.00' }],
  dwellings: [],
  tranche: 2016,
});
const programmed = event('iti-feder.operation-programmed', {
  ...ids,
  committeeDate: '2016-06-15',
  axis: 3,
  feder: '800000.00',
  label: 'Réhabilitation',
  quartier: 'QP062024',
  lines: [
    { funder: 'feder', amount: '800000.00', requestId: 'r1' },
    { funder: 'region', amount: '400000.00', requestId: 'r2' },
  ],
});

describe('reporting: operations and envelopes from the programmes’ events', () => {
  it('follows an ITI operation from its application to its release, each step in its history', () => {
    const docs = run([
      application,
      programmed,
      event('iti-feder.booking-answered', {
        ...ids,
        funder: 'region',
        requestId: 'r2',
        outcome: 'refused',
        reason: 'Enveloppe dépassée de 1 000,00 €',
      }),
      event('iti-feder.grant-agreed', {
        ...ids,
        act: { reference: 'Convention 2016-17', date: '2016-07-01' },
        lines: [],
      }),
      event('iti-feder.payment-made', {
        ...ids,
        claimId: 'c1',
        amount: '360000.00',
        requestId: 'p1',
        kind: 'acompte',
        serviceDoneDate: '2017-04-01',
      }),
      event('iti-feder.payment-made', {
        ...ids,
        claimId: 'c2',
        amount: '320000.00',
        requestId: 'p2',
        kind: 'solde',
        serviceDoneDate: '2018-04-01',
      }),
      event('iti-feder.unused-released', { ...ids, amount: '120000.00', requestId: 'x1' }),
    ]);
    const op = docs.get('operation:iti-feder:iti-call:op1') as OperationDoc;
    expect(op).toMatchObject({
      status: 'soldée',
      cost: '2000000.00',
      act: { reference: 'Convention 2016-17' },
      feder: { programmed: '800000.00', paid: '680000.00', released: '120000.00' },
    });
    expect(op.plan).toEqual([
      { funder: 'feder', amount: '800000.00', requestId: 'r1' },
      {
        funder: 'region',
        amount: '400000.00',
        requestId: 'r2',
        booking: 'refused',
        reason: 'Enveloppe dépassée de 1 000,00 €',
      },
    ]);
    expect(op.provenance).toHaveLength(7);
    expect(op.provenance[1]).toMatchObject({
      actor: { subject: 'instructeur', organisation: 'call', roles: ['financeur'] },
      reasonCode: 'operation-programmed',
      effectiveDate: '2016-06-15',
      source: { line: 4781 },
    });
  });

  it('ignores what concerns an operation it never saw created, and creates an operation once', () => {
    expect(run([programmed]).size).toBe(0);
    const twice = run([application, application]);
    expect((twice.get('operation:iti-feder:iti-call:op1') as OperationDoc).provenance).toHaveLength(1);
    expect(documentsTouched(event('commitments.payment-recorded', { commitmentId: 'c' }))).toEqual([]);
  });

  it('computes programmed and available per ITI axis (the CALL share as cap) and per funder budget', () => {
    const docs = run([
      event('iti-feder.envelope-set', {
        programmeId: 'iti-call',
        version: 2,
        axes: [{ axis: 3, label: 'Axe 3', amount: '36000000.00', callShare: '5000000.00', priorities: [] }],
      }),
      event('commitments.envelope-opened', {
        envelopeId: 'budget-region',
        funder: 'region',
        label: 'Budget',
        amount: '1000000.00',
      }),
      application,
      programmed,
      event('iti-feder.unused-released', { ...ids, amount: '100000.00', requestId: 'x1' }),
    ]);
    const envelopes = [...docs.values()].filter((d): d is EnvelopeDoc => 'kind' in d);
    const operations = [...docs.values()].filter((d): d is OperationDoc => 'operationId' in d);
    const commitment = (id: string, status: ProjectedCommitment['status'], amount: string): ProjectedCommitment => ({
      id,
      funder: 'region',
      status,
      amount,
      paid: '0.00',
      released: '0.00',
      isPool: false,
      envelopeId: 'budget-region',
      attribution: { label: 'x', year: 2016, scale: 'CALL' },
      provenance: [],
    });
    const positions = envelopePositions(
      envelopes,
      [
        commitment('a', 'firm', '300000.00'),
        commitment('b', 'indicative', '50000.00'),
        commitment('c', 'lapsed', '0.00'),
      ],
      operations,
    );
    expect(positions.find((p) => p.id === 'iti-call:axe-3')).toMatchObject({
      cap: '5000000.00',
      programmed: '700000.00',
      firm: '0.00',
      available: '4300000.00',
    });
    expect(positions.find((p) => p.id === 'budget-region')).toMatchObject({
      programmed: '350000.00',
      firm: '300000.00',
      available: '650000.00',
      operations: 2,
    });
  });

  it('puts the ledger’s commitments for an operation beside its plan, with each funder’s share of the cost', () => {
    const op = run([application, programmed]).get('operation:iti-feder:iti-call:op1') as OperationDoc;
    const booked: ProjectedCommitment = {
      id: 'iti-call.op1.feder',
      funder: 'feder',
      status: 'firm',
      amount: '800000.00',
      paid: '200000.00',
      released: '0.00',
      isPool: false,
      request: { source: 'iti-feder', protocolId: 'iti-call', operationId: 'op1', requestId: 'r1' },
      attribution: { label: 'x', year: 2016, scale: 'CALL' },
      provenance: [],
    };
    const elsewhere = { ...booked, id: 'other', request: { ...booked.request!, operationId: 'op2' } };
    const card = operationCard(op, [booked, elsewhere]);
    expect(card.funders).toEqual([
      expect.objectContaining({
        funder: 'feder',
        planned: '800000.00',
        share: 4000,
        booking: 'engagée',
        committed: '800000.00',
        commitments: ['iti-call.op1.feder'],
      }),
      expect.objectContaining({
        funder: 'region',
        planned: '400000.00',
        share: 2000,
        booking: 'en attente',
        committed: '0.00',
      }),
    ]);
    expect(card.totals).toMatchObject({ firm: '800000.00', paid: '200000.00', outstanding: '600000.00' });
  });

  it('gives an operation only the registry follows its own card, every funder’s commitment for it on it', () => {
    const declared = (operationId: string, references: Array<{ system: string; reference: string }>) =>
      event('commitments.operation-declared', {
        operationId,
        label: 'Amélioration thermique de 4 000 logements',
        projectOwner: 'maisons-et-cites',
        quartiers: ['QP062024', 'QP062025'],
        nature: 'rehabilitation',
        eligibleBase: '129500000.00',
        references,
        trace,
      });
    const docs = run([
      declared('mc-thermique', []),
      event('commitments.operation-referenced', {
        operationId: 'mc-thermique',
        reference: { system: 'call-ap', reference: 'AP-2015-07' },
        trace,
      }),
      // Declared by a programme's request: the programme's card stands for it, no second card.
      declared('renewal-urban.p1.op1', [{ system: 'renewal-urban', reference: 'p1:op1' }]),
    ]);
    expect([...docs.keys()]).toEqual(['operation:registre:registre:mc-thermique']);
    const op = docs.get('operation:registre:registre:mc-thermique') as OperationDoc;
    expect(op).toMatchObject({ source: 'registre', cost: '129500000.00', status: 'inscrite au registre' });
    const commitment = (id: string, funder: string, amount: string, operation?: string): ProjectedCommitment => ({
      id,
      funder,
      status: 'indicative',
      amount,
      paid: '0.00',
      released: '0.00',
      isPool: true,
      attribution: { label: id, year: 2015, scale: 'Bassin Minier', ...(operation ? { operation } : {}) },
      provenance: [],
    });
    const card = operationCard(op, [
      commitment('mc-investissement-thermique', 'maisons-et-cites', '65000000.00', 'mc-thermique'),
      commitment('pp-subventions-thermique', 'partenaires-publics', '64500000.00', 'mc-thermique'),
      commitment('pp-subventions-relogement', 'partenaires-publics', '7500000.00', 'mc-relogement'),
    ]);
    expect(card.references).toEqual([{ system: 'call-ap', reference: 'AP-2015-07' }]);
    expect(card.history.map((h) => h.change)).toEqual([
      'opération inscrite au registre, assiette 129500000.00 € HT',
      'référencée dans call-ap : AP-2015-07',
    ]);
    expect(card.funders.map((f) => [f.funder, f.committed, f.share, f.programmes])).toEqual([
      ['maisons-et-cites', '65000000.00', 5019, ['registre']],
      ['partenaires-publics', '64500000.00', 4981, ['registre']],
    ]);
    const revised = run([
      declared('mc-thermique', [{ system: 'call-ap', reference: 'AP-2015-07' }]),
      event('commitments.operation-revised', {
        operationId: 'mc-thermique',
        eligibleBase: '130000000.00',
        by: { system: 'call-ap', reference: 'AP-2015-07' },
        trace,
      }),
    ]).get('operation:registre:registre:mc-thermique') as OperationDoc;
    expect(revised.cost).toBe('130000000.00');
    expect(revised.provenance.at(-1)?.change).toBe('révisée par call-ap : assiette 130000000.00 € HT');
    expect(operationCards([op], [], { quartier: 'QP062025' })).toHaveLength(1);
    expect(operationCards([op], [], { quartier: 'QP062026' })).toHaveLength(0);
  });

  it('shows an appraisal that excluded dwellings: the cost and plan kept, the dwellings named in its history', () => {
    const appraised = event('iti-feder.application-appraised', {
      ...ids,
      eligible: true,
      checks: [],
      excluded: [{ dwelling: 'L2', reason: 'logement L2 : 140 kWh/m²/an — non conforme' }],
      retained: {
        dwellings: 1,
        of: 2,
        basis: 'pro-rata',
        eligibleCost: '1000000.00',
        feder: '400000.00',
        coFunders: [{ funder: 'region', amount: '200000.00' }],
      },
      trace,
    });
    const op = run([application, appraised]).get('operation:iti-feder:iti-call:op1') as OperationDoc;
    expect(op).toMatchObject({ status: 'instruite : éligible', cost: '1000000.00' });
    expect(op.plan).toEqual([
      { funder: 'feder', amount: '400000.00' },
      { funder: 'region', amount: '200000.00' },
    ]);
    expect(op.provenance.at(-1)?.change).toBe(
      'instruction : éligible — 1 logement(s) exclu(s) sur 2 (L2), coût retenu 1000000.00 €',
    );
  });

  it('puts an ITI commitment under its operation’s axis when the ledger gave it no stake', () => {
    const op = run([application, programmed]).get('operation:iti-feder:iti-call:op1') as OperationDoc;
    const base: ProjectedCommitment = {
      id: 'c',
      funder: 'feder',
      status: 'indicative',
      amount: '1.00',
      paid: '0.00',
      released: '0.00',
      isPool: false,
      attribution: { label: 'x', year: 2016, scale: 'CALL' },
      provenance: [],
    };
    const requested = {
      ...base,
      request: { source: 'iti-feder', protocolId: 'iti-call', operationId: 'op1', requestId: 'r1' },
    };
    const staked = { ...requested, id: 'd', attribution: { ...base.attribution, stake: 'E2' } };
    expect(withItiAxes([base, requested, staked], [op]).map((c) => c.attribution.stake)).toEqual([
      undefined,
      'axe-3',
      'E2',
    ]);
  });
  it('keeps each reference item’s name, the last recorded one winning, for what people read', () => {
    const named = (name: string) =>
      event('commitments.reference-recorded', { kind: 'quartier', code: 'QP062024', name, attributes: {}, trace });
    const docs = run([named('Cité 12/14'), named('Cité 12-14')]);
    expect(docs.get('reference:quartier:QP062024')).toEqual({ kind: 'quartier', code: 'QP062024', name: 'Cité 12-14' });
    const names = new Names([...docs.values()] as ReferenceDoc[]);
    expect(names.list('quartier', 'QP062024, QP062999')).toBe('Cité 12-14, QP062999');
  });

  it('keeps the document’s participations pour mémoire for their funder’s statement, and no other line', () => {
    const line = (role: string, extra: Record<string, unknown> = {}) =>
      event('commitments.document-figure-recorded', {
        figureId: `f-${role}`,
        role,
        text: role === 'pour-memoire' ? 'à définir' : '20 M€',
        scale: 'CALL',
        period: { fromYear: 2016, toYear: 2020 },
        trace: { ...trace, source: { kind: 'document', document: 'cdv', line: 4868 } },
        ...extra,
      });
    const docs = run([line('pour-memoire', { funder: 'region' }), line('subtotal', { amount: '20000000.00' })]);
    expect([...docs.keys()]).toEqual(['memo:f-pour-memoire']);
    expect(docs.get('memo:f-pour-memoire')).toEqual({
      figureId: 'f-pour-memoire',
      funder: 'region',
      text: 'à définir',
      period: { fromYear: 2016, toYear: 2020 },
      line: 4868,
    });
  });
});
