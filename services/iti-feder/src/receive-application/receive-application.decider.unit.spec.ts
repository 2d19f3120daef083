import { accepted, refusalOf } from '@cvl/testing';
import { application, envelope, ItiScenario, strategy } from '../test-support/scenario';

describe('applications: FEDER rate, over-financing, priorities', () => {
  it('refuses a FEDER rate above the cap, with the excess', () => {
    const s = new ItiScenario().given(envelope).given(strategy);
    expect(
      refusalOf(s.when(application('op', { federCents: 120_000_000n, coFunders: [] })), 'feder-rate-above-cap')
        .excessCents,
    ).toBe(20_000_000n);
    accepted(s.when(application('op', { federCents: 100_000_000n, coFunders: [] })));
  });
  it('refuses aid above the eligible cost, a priority foreign to the axis, a 4c application without dwellings', () => {
    const s = new ItiScenario().given(envelope).given(strategy);
    expect(
      refusalOf(
        s.when(application('op', { coFunders: [{ funder: 'region', amountCents: 130_000_000n }] })),
        'over-financed',
      ).excessCents,
    ).toBe(10_000_000n);
    refusalOf(s.when(application('op', { priority: '6c' })), 'priority-outside-axis');
    refusalOf(s.when(application('op', { dwellings: [] })), 'dwellings-required');
    refusalOf(s.when(application('op', { coFunders: [{ funder: 'feder', amountCents: 1n }] })), 'duplicate-funder');
  });
  it('takes a cost per dwelling for every dwelling or none, never beyond the operation’s eligible cost', () => {
    const s = new ItiScenario().given(envelope).given(strategy);
    const dwelling = (id: string, eligibleCost?: string) => ({
      id,
      classBefore: 'F' as const,
      consumptionAfter: 90,
      ...(eligibleCost ? { eligibleCost } : {}),
    });
    expect(
      refusalOf(
        s.when(application('op', { dwellings: [dwelling('L1', '1000.00'), dwelling('L2')] })),
        'dwelling-costs-partial',
      ).field,
    ).toBe('dwellings[1].eligibleCost');
    expect(
      refusalOf(s.when(application('op', { dwellings: [dwelling('L1'), dwelling('L1')] })), 'duplicate-dwelling').field,
    ).toBe('dwellings[1].id');
    expect(
      refusalOf(
        s.when(application('op', { dwellings: [dwelling('L1', '1500000.00'), dwelling('L2', '500000.01')] })),
        'dwelling-costs-above-cost',
      ).excessCents,
    ).toBe(1n);
    accepted(s.when(application('op', { dwellings: [dwelling('L1', '1500000.00'), dwelling('L2', '500000.00')] })));
  });
});
