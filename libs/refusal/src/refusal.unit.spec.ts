import { isRefusal, refuse } from './refusal';

describe('refusals: what a decider will not do, of a kind, never with an HTTP status', () => {
  it('is a rule refused unless said otherwise, names the field to correct and the excess', () => {
    expect(
      refuse('rate-above-cap', 'Taux ANRU au-delà de 50 %', { field: 'lines[0].amount', excessCents: 1_00n }),
    ).toEqual({
      refused: true,
      code: 'rate-above-cap',
      message: 'Taux ANRU au-delà de 50 %',
      kind: 'rule',
      field: 'lines[0].amount',
      excessCents: 1_00n,
    });
    expect(refuse('unknown-operation', 'Opération inconnue : op', { kind: 'unknown' })).toEqual({
      refused: true,
      code: 'unknown-operation',
      message: 'Opération inconnue : op',
      kind: 'unknown',
    });
  });

  it('is told apart from a decision’s events', () => {
    expect(isRefusal(refuse('x', 'x', { kind: 'conflict' }))).toBe(true);
    expect(isRefusal([])).toBe(false);
    expect(isRefusal({ refused: 'yes' })).toBe(false);
    expect(isRefusal(null)).toBe(false);
  });
});
