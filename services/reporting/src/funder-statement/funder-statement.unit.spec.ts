import { projectedEvents } from '../test-support/projected-events';
import { fromDecimalString } from '@cvl/money';
import { project, type ProjectedCommitment, type CommitmentsProjectedEvent } from '../projection/commitment-projection';
import { statementReport } from './funder-statement.report';
import { funderStatement } from './funder-statement';

const trace = {
  actor: { subject: 'finance', organisation: 'call', roles: ['financeur'] },
  reasonCode: 'x',
  effectiveDate: '2016-01-01',
  recordedAt: '2016-01-02T00:00:00.000Z',
  source: { kind: 'document', document: 'cdv', line: 5465 },
};
const event = projectedEvents<CommitmentsProjectedEvent>({
  typePrefix: 'commitments.',
  actor: '{"subject":"finance","organisation":"call","roles":["financeur"]}',
  time: '2016-01-02T00:00:00.000Z',
  trace,
});
const recorded = (
  commitmentId: string,
  funder: string,
  status: string,
  amount: string,
  attribution: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) =>
  event('commitment-recorded', {
    commitmentId,
    funder,
    status,
    amount,
    isPool: false,
    attribution: { label: commitmentId, scale: 'CALL', ...attribution },
    commitmentIds: [commitmentId],
    ...extra,
  });

function run(events: CommitmentsProjectedEvent[]): ProjectedCommitment[] {
  const docs = new Map<string, ProjectedCommitment>();
  for (const e of events) for (const doc of project(docs, e)) docs.set(doc.id, doc);
  return [...docs.values()];
}

describe('a funder’s statement in reporting', () => {
  const docs = run([
    recorded('caf-1', 'caf', 'firm', '45000.00', { year: 2016, quartier: 'QP062024', stake: 'E2', programme: 'cdv' }),
    event('payment-recorded', { commitmentId: 'caf-1', kind: 'avance', amount: '13500.00', commitmentIds: ['caf-1'] }),
    recorded('caf-2', 'caf', 'conditional', '1000.01', { year: 2017, quartier: 'QP062030' }, { conditionId: 'tfpb' }),
    recorded('caf-3', 'caf', 'indicative', '500.00', { year: 2016, stake: 'E1' }, { isPool: true }),
    recorded('region-1', 'region', 'firm', '99.99', { year: 2016, quartier: 'QP062024' }),
  ]);
  const statement = funderStatement(docs, 'caf');

  it('totals only that funder’s commitments', () => {
    expect(statement.commitments).toBe(3);
    expect(statement.totals).toEqual({
      indicative: '500.00',
      conditional: '1000.01',
      firm: '45000.00',
      paid: '13500.00',
      outstanding: '31500.00',
    });
    expect(statement.awaitingConditions).toEqual([
      {
        conditionId: 'tfpb',
        pending: '1000.01',
        commitments: 1,
        byFunder: [{ funder: 'caf', pending: '1000.01', commitments: ['caf-2'] }],
      },
    ]);
    expect(statement.pools.map((p) => p.poolId)).toEqual(['caf-3']);
  });

  it('breaks the totals down five ways, each adding up to the totals, unattributed figures included', () => {
    for (const axis of ['programme', 'quartier', 'stake', 'year', 'epci'] as const) {
      for (const figure of ['indicative', 'conditional', 'firm', 'paid', 'outstanding'] as const) {
        const sum = statement.by[axis].reduce((total, row) => total + fromDecimalString(row.figures[figure]), 0n);
        expect(sum).toBe(fromDecimalString(statement.totals[figure]));
      }
    }
    expect(statement.by.year).toEqual([
      {
        year: '2016',
        figures: {
          indicative: '500.00',
          conditional: '0.00',
          firm: '45000.00',
          paid: '13500.00',
          outstanding: '31500.00',
        },
      },
      {
        year: '2017',
        figures: { indicative: '0.00', conditional: '1000.01', firm: '0.00', paid: '0.00', outstanding: '0.00' },
      },
    ]);
    expect(statement.by.quartier.map((row) => row.quartier)).toEqual(['(non rattaché)', 'QP062024', 'QP062030']);
  });

  it('answers an empty statement for a funder with no commitment', () => {
    expect(funderStatement(docs, 'personne')).toMatchObject({
      commitments: 0,
      totals: { firm: '0.00' },
      awaitingConditions: [],
      pools: [],
    });
  });

  it('lists a participation pour mémoire beside the totals, never in them', () => {
    const memo = {
      figureId: 'region-2016',
      funder: 'region',
      text: 'à définir',
      wording: 'défini par la clause de revoyure',
      period: { fromYear: 2016, toYear: 2020 },
      line: 4868,
    };
    const statement = funderStatement(docs, 'region', [memo]);
    expect(statement.totals).toEqual(funderStatement(docs, 'region').totals);
    expect(statement.pourMemoire).toEqual([
      {
        figureId: 'region-2016',
        text: 'à définir',
        wording: 'défini par la clause de revoyure',
        period: { fromYear: 2016, toYear: 2020 },
        line: 4868,
      },
    ]);
    const report = statementReport(statement, '2026-12-04T00:00:00.000Z');
    expect(report.tables.find((t) => t.name === 'Pour mémoire')?.rows).toEqual([
      ['à définir — défini par la clause de revoyure', '2016-2020', 'l. 4868'],
    ]);
  });

  it('is titled with the funder’s name as a restitution, and says so when the read models are empty', () => {
    const report = statementReport(
      { ...statement, funderName: 'CAF du Pas-de-Calais', readModelEmpty: false },
      '2026-12-04T00:00:00.000Z',
    );
    expect(report.title).toBe('Restitution des engagements de CAF du Pas-de-Calais');
    expect(report.notices).toBeUndefined();
    const empty = statementReport(
      { ...funderStatement([], 'caf'), funderName: 'caf', readModelEmpty: true },
      '2026-12-04T00:00:00.000Z',
    );
    expect(empty.notices).toEqual([
      'Modèles de lecture vides (en reconstruction, ou rien encore reçu) : ces montants ne sont pas encore ceux du grand livre.',
    ]);
  });
});
