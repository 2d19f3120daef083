import { projectedEvents } from '../test-support/projected-events';
import { fromDecimalString } from '@cvl/money';
import { project, type ProjectedCommitment, type CommitmentsProjectedEvent } from '../projection/commitment-projection';
import { pendingByCondition, poolPositions } from './conditions-and-pools';

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
const attribution = { label: 'Réhabilitation', year: 2016, scale: 'Bassin Minier' };

function run(events: CommitmentsProjectedEvent[]): ProjectedCommitment[] {
  const docs = new Map<string, ProjectedCommitment>();
  for (const e of events) for (const doc of project(docs, e)) docs.set(doc.id, doc);
  return [...docs.values()];
}

describe('what waits on conditions and what is left in pools', () => {
  const recorded = (
    commitmentId: string,
    funder: string,
    status: string,
    amount: string,
    extra: Record<string, unknown> = {},
  ) =>
    event('commitment-recorded', {
      commitmentId,
      funder,
      status,
      amount,
      isPool: false,
      attribution,
      commitmentIds: [commitmentId],
      ...extra,
    });

  it('sums the conditional euros per condition and funder, and drops a condition once resolved', () => {
    const pending = [
      recorded('mc-1', 'maisons-et-cites', 'conditional', '1500000.00', { conditionId: 'tfpb' }),
      recorded('mc-2', 'maisons-et-cites', 'conditional', '2500000.00', { conditionId: 'tfpb' }),
      recorded('etat-1', 'etat', 'conditional', '100000.01', { conditionId: 'tfpb' }),
      recorded('caf-1', 'caf', 'firm', '45000.00'),
      recorded('x-1', 'x', 'conditional', '7.00', { conditionId: 'autre' }),
    ];
    expect(pendingByCondition(run(pending))).toEqual([
      {
        conditionId: 'autre',
        pending: '7.00',
        commitments: 1,
        byFunder: [{ funder: 'x', pending: '7.00', commitments: ['x-1'] }],
      },
      {
        conditionId: 'tfpb',
        pending: '4100000.01',
        commitments: 3,
        byFunder: [
          { funder: 'etat', pending: '100000.01', commitments: ['etat-1'] },
          { funder: 'maisons-et-cites', pending: '4000000.00', commitments: ['mc-1', 'mc-2'] },
        ],
      },
    ]);
    const resolved = run([
      ...pending,
      event('condition-resolved', {
        conditionId: 'tfpb',
        outcome: 'met',
        amounts: { 'mc-1': '1500000.00', 'mc-2': '2500000.00', 'etat-1': '100000.01' },
        commitmentIds: ['mc-1', 'mc-2', 'etat-1'],
      }),
    ]);
    expect(pendingByCondition(resolved).map((c) => c.conditionId)).toEqual(['autre']);
  });

  it('shows a pool whole until split, then its parts and the rest, never counting a euro twice', () => {
    const pool = recorded('mc-subventions', 'partenaires-publics', 'indicative', '94000000.00', { isPool: true });
    expect(poolPositions(run([pool]))).toEqual([
      {
        poolId: 'mc-subventions',
        funder: 'partenaires-publics',
        label: 'Réhabilitation',
        status: 'indicative',
        unallocated: '94000000.00',
        allocated: '0.00',
        parts: [],
      },
    ]);
    const split = run([
      pool,
      event('pool-split', {
        poolId: 'mc-subventions',
        parts: [
          { commitmentId: 'region-call', funder: 'region', amount: '10000000.00', epci: 'CALL' },
          { commitmentId: 'etat-call', funder: 'etat', amount: '2500000.50', epci: 'CALL' },
        ],
        remaining: '81499999.50',
        commitmentIds: ['mc-subventions', 'region-call', 'etat-call'],
      }),
    ]);
    const [position] = poolPositions(split);
    expect(position).toMatchObject({ unallocated: '81499999.50', allocated: '12500000.50' });
    expect(position.parts).toEqual([
      { commitmentId: 'etat-call', funder: 'etat', epci: 'CALL', status: 'indicative', amount: '2500000.50' },
      { commitmentId: 'region-call', funder: 'region', epci: 'CALL', status: 'indicative', amount: '10000000.00' },
    ]);
    expect(fromDecimalString(position.unallocated) + fromDecimalString(position.allocated)).toBe(9_400_000_000n);
  });
});
