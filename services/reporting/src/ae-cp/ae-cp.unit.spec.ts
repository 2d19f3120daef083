import { projectedEvents } from '../test-support/projected-events';
import { fromDecimalString } from '@cvl/money';
import {
  figuresOf,
  project,
  type CommitmentsProjectedEvent,
  type ProjectedCommitment,
} from '../projection/commitment-projection';
import { aeCpDisagreements, aeCpRows } from './ae-cp';

const on = (effectiveDate: string) => ({
  actor: { subject: 'finance', organisation: 'call', roles: ['financeur'] },
  reasonCode: 'x',
  effectiveDate,
  recordedAt: `${effectiveDate}T10:00:00.000Z`,
  source: { kind: 'document', document: 'cdv', line: 1 },
});
const event = projectedEvents<CommitmentsProjectedEvent>({
  typePrefix: 'commitments.',
  actor: '{"subject":"finance","organisation":"call","roles":["financeur"]}',
  time: '2016-01-02T00:00:00.000Z',
  trace: on('2016-01-01'),
});
const at = (date: string, type: string, data: Record<string, unknown>) => event(type, { ...data, trace: on(date) });

function run(events: CommitmentsProjectedEvent[]): ProjectedCommitment[] {
  const docs = new Map<string, ProjectedCommitment>();
  for (const e of events) for (const doc of project(docs, e)) docs.set(doc.id, doc);
  return [...docs.values()];
}

const attribution = { label: 'x', year: 2016, scale: 'CALL' };

describe('reporting’s AE/CP, year by year, from the projected commitments', () => {
  it('engages in the year a commitment becomes firm, pays in the year it pays, and carries what remains to pay', () => {
    const docs = run([
      // An intention of 2015 engages nothing; firmed in 2016 it engages 1 000 000,00 €.
      at('2015-07-01', 'commitment-recorded', {
        commitmentId: 'c',
        funder: 'region',
        status: 'indicative',
        amount: '1000000.00',
        isPool: false,
        attribution,
      }),
      at('2016-03-01', 'commitment-firmed', { commitmentId: 'c', amount: '1000000.00' }),
      at('2016-10-01', 'payment-recorded', { commitmentId: 'c', kind: 'avance', amount: '300000.00' }),
      // Amended while firm in 2017 (+ 200 000,00 €), paid, then the rest released in 2018 (a negative AE).
      at('2017-02-01', 'commitment-amended', {
        commitmentId: 'c',
        kind: 'avenant',
        before: '1000000.00',
        after: '1200000.00',
      }),
      at('2017-11-01', 'payment-recorded', { commitmentId: 'c', kind: 'acompte', amount: '700000.00' }),
      at('2018-05-01', 'commitment-released', { commitmentId: 'c', amount: '200000.00' }),
      // Recorded firm in 2016 on its act: engaged that year.
      at('2016-06-15', 'commitment-recorded', {
        commitmentId: 'd',
        funder: 'call',
        status: 'firm',
        amount: '50000.00',
        isPool: false,
        attribution,
      }),
      // An indicative one amended engages nothing.
      at('2016-06-15', 'commitment-recorded', {
        commitmentId: 'e',
        funder: 'call',
        status: 'indicative',
        amount: '10.00',
        isPool: false,
        attribution,
      }),
      at('2017-06-15', 'commitment-amended', { commitmentId: 'e', kind: 'avenant', before: '10.00', after: '20.00' }),
    ]);
    const { rows, totals } = aeCpRows(docs);
    expect(rows.map((r) => [r.year, r.engaged, r.paid, r.remaining])).toEqual([
      [2016, '1050000.00', '300000.00', '750000.00'],
      [2017, '200000.00', '700000.00', '250000.00'],
      [2018, '-200000.00', '0.00', '50000.00'],
    ]);
    expect(totals).toMatchObject({ engaged: '1050000.00', paid: '1000000.00', remaining: '50000.00' });
    expect(rows[0].formatted.engaged).toBe('1 050 000,00 €');
    // What remains to pay at the end equals what the figures say is outstanding.
    const outstanding = docs.reduce((sum, doc) => sum + figuresOf(doc).outstanding, 0n);
    expect(fromDecimalString(totals.remaining)).toBe(outstanding);
  });

  it('engages nothing when a condition met leaves a commitment indicative (no act of its own)', () => {
    const docs = run([
      at('2015-07-01', 'commitment-recorded', {
        commitmentId: 'mc',
        funder: 'maisons-et-cites',
        status: 'conditional',
        conditionId: 'tfpb',
        amount: '65000000.00',
        isPool: true,
        attribution,
      }),
      at('2016-06-30', 'condition-resolved', {
        conditionId: 'tfpb',
        outcome: 'met',
        amounts: { mc: '65000000.00' },
        statuses: { mc: 'indicative' },
        commitmentIds: ['mc'],
      }),
    ]);
    expect(docs[0]).toMatchObject({ status: 'indicative', amount: '65000000.00' });
    expect(docs[0].provenance.at(-1)?.change).toBe('condition remplie : indicatif, en attente de son acte');
    expect(aeCpRows(docs).rows).toEqual([]);
  });

  it('names every year and figure where it differs from the ledger’s table', () => {
    const docs = run([
      at('2016-06-15', 'commitment-recorded', {
        commitmentId: 'd',
        funder: 'call',
        status: 'firm',
        amount: '50000.00',
        isPool: false,
        attribution,
      }),
    ]);
    const ours = aeCpRows(docs).rows;
    expect(aeCpDisagreements(ours, { rows: [{ year: 2016, engaged: '50000.00', paid: '0.00' }] })).toEqual([]);
    expect(
      aeCpDisagreements(ours, {
        rows: [
          { year: 2016, engaged: '40000.00', paid: '0.00' },
          { year: 2017, engaged: '0.00', paid: '100.00' },
        ],
      }),
    ).toEqual([
      { year: 2016, figure: 'engaged', readModel: '50000.00', ledger: '40000.00' },
      { year: 2017, figure: 'paid', readModel: '0.00', ledger: '100.00' },
    ]);
  });
});
