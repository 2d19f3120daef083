import { formatEurosFr } from '@cvl/money';
import { projectedEvents } from '../test-support/projected-events';
import {
  figuresOf,
  project,
  touched,
  type ProjectedCommitment,
  type CommitmentsProjectedEvent,
} from './commitment-projection';

const trace = {
  actor: { subject: 'finance', organisation: 'call', roles: ['financeur'] },
  reasonCode: 'x',
  effectiveDate: '2016-01-01',
  recordedAt: '2016-01-02T00:00:00.000Z',
  source: { kind: 'document', document: 'cdv', line: 1 },
};
const event = projectedEvents<CommitmentsProjectedEvent>({
  typePrefix: 'commitments.',
  actor: '{"subject":"finance","organisation":"call","roles":["financeur"]}',
  time: '2016-01-02T00:00:00.000Z',
  trace,
});

function run(events: CommitmentsProjectedEvent[]): Map<string, ProjectedCommitment> {
  const docs = new Map<string, ProjectedCommitment>();
  for (const e of events) for (const doc of project(docs, e)) docs.set(doc.id, doc);
  return docs;
}

describe('the reporting projection of commitments events', () => {
  const attribution = { label: 'x', year: 2016, scale: 'CALL', quartier: 'QP062024' };
  it('follows a commitment from intention to release, and keeps every event as provenance', () => {
    const docs = run([
      event('commitment-recorded', {
        commitmentId: 'c',
        funder: 'mc',
        status: 'indicative',
        amount: '1500000.00',
        isPool: false,
        attribution,
        commitmentIds: ['c'],
      }),
      event('commitment-made-conditional', { commitmentId: 'c', conditionId: 'tfpb', commitmentIds: ['c'] }),
      event('condition-resolved', {
        conditionId: 'tfpb',
        outcome: 'met',
        amounts: { c: '1500000.00' },
        commitmentIds: ['c'],
      }),
      event('commitment-amended', {
        commitmentId: 'c',
        kind: 'clause-de-revoyure',
        before: '1500000.00',
        after: '1800000.00',
        commitmentIds: ['c'],
      }),
      event('payment-recorded', { commitmentId: 'c', kind: 'avance', amount: '540000.00', commitmentIds: ['c'] }),
      event('payment-recorded', { commitmentId: 'c', kind: 'acompte', amount: '900000.00', commitmentIds: ['c'] }),
      event('commitment-released', { commitmentId: 'c', amount: '360000.00', commitmentIds: ['c'] }),
    ]);
    const c = docs.get('c');
    if (!c) throw new Error('missing');
    expect(figuresOf(c)).toEqual({
      indicative: 0n,
      conditional: 0n,
      firm: 144_000_000n,
      paid: 144_000_000n,
      outstanding: 0n,
    });
    expect(c.provenance).toHaveLength(7);
    expect(c.provenance[3].change).toBe(
      `clause de revoyure : ${formatEurosFr(150_000_000n)} → ${formatEurosFr(180_000_000n)}`,
    );
  });

  it('splits pools without counting a euro twice, and lets failed conditions lapse', () => {
    const docs = run([
      event('commitment-recorded', {
        commitmentId: 'pool',
        funder: 'pp',
        status: 'conditional',
        conditionId: 'k',
        amount: '100.00',
        isPool: true,
        attribution,
        commitmentIds: ['pool'],
      }),
      event('pool-split', {
        poolId: 'pool',
        parts: [{ commitmentId: 'part', funder: 'region', amount: '40.00', fundingAccount: 'x', epci: 'CALL' }],
        remaining: '60.00',
        commitmentIds: ['pool', 'part'],
      }),
      event('condition-resolved', {
        conditionId: 'k',
        outcome: 'failed',
        amounts: { pool: '60.00', part: '40.00' },
        commitmentIds: ['part', 'pool'],
      }),
    ]);
    expect(docs.get('part')).toMatchObject({
      funder: 'region',
      status: 'lapsed',
      amount: '0.00',
      attribution: { epci: 'CALL' },
    });
    expect(docs.get('pool')?.status).toBe('lapsed');
    expect(touched(event('pool-split', { poolId: 'p', parts: [{ commitmentId: 'q' }] }))).toEqual(['p', 'q']);
  });

  it('ignores what does not change a commitment, and an event for one it does not know', () => {
    expect(project(new Map(), event('reference-recorded', { kind: 'funder' }))).toEqual([]);
    expect(project(new Map(), event('payment-recorded', { commitmentId: 'nope', amount: '1.00' }))).toEqual([]);
  });
});
