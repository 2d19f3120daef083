import { concernsFunder } from './funder-selection';

describe('the events of one funder, for its audit pack', () => {
  it('takes its reference, what names it, and what later carries the ids those opened — nothing else', () => {
    const select = concernsFunder('maisons-et-cites');
    const log = [
      { data: { kind: 'funder', code: 'maisons-et-cites', name: 'Maisons et Cités' } },
      { data: { kind: 'funder', code: 'anru', name: 'ANRU' } },
      { data: { commitmentId: 'c-1', funder: 'maisons-et-cites', amount: '259000000.00' } },
      { data: { commitmentId: 'c-2', funder: 'anru', amount: '1700000.00' } },
      { data: { commitmentId: 'c-1', paymentId: 'p-1', amount: '300000.00' } },
      { data: { commitmentId: 'c-2', paymentId: 'p-2', amount: '100000.00' } },
      { data: { poolId: 'bassin', parts: [{ commitmentId: 'c-3', funder: 'maisons-et-cites', amount: '1.00' }] } },
      { data: { commitmentId: 'c-3', amount: '1.00' } },
    ];
    expect(log.map((event) => select(event as never))).toEqual([true, false, true, false, true, false, true, true]);
  });
});
