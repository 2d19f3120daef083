import { accepted, refusalOf } from './decisions';
import { DecisionScenario } from './decision-scenario';

// A counter that may not go below zero: the smallest decider with a rule, an invariant and a context.
type Counted = { type: 'added'; data: { by: number; id: string } };
const refused = (code: string) => ({ refused: true as const, code, message: code });
const add = (by: number) => (state: number, context: { id: string }) =>
  state + by < 0 ? refused('below-zero') : [{ type: 'added' as const, data: { by, id: context.id } }];
const counter = (invariants?: (state: number) => string[]) =>
  new DecisionScenario<number, Counted, { id: string }>({
    evolve: (state, event) => state + event.data.by,
    initial: () => 0,
    context: (n) => ({ id: `decision-${n}` }),
    ...(invariants ? { invariants } : {}),
  });

describe('DecisionScenario: given facts, when a decision, then its events or its refusal', () => {
  it('folds the facts, evolves on acceptance, leaves the state as it was on refusal', () => {
    const s = counter()
      .givenEvents({ type: 'added', data: { by: 2, id: 'recorded' } })
      .given(add(3));
    expect(s.state).toBe(5);
    expect(accepted(s.when(add(-4)))).toEqual([{ type: 'added', data: { by: -4, id: 'decision-2' } }]);
    expect(s.state).toBe(1);
    refusalOf(s.when(add(-2)), 'below-zero');
    expect(s.state).toBe(1);
    expect(s.history.map((e) => e.data.by)).toEqual([2, 3, -4]);
    expect(s.last.map((e) => e.data.id)).toEqual(['decision-2']);
  });

  it('fails a refused fact with its words, and a state that breaks an invariant', () => {
    expect(() => counter().given(add(-1))).toThrow(/refus inattendu : below-zero/);
    expect(() => counter((state) => (state > 10 ? ['plus de dix'] : [])).given(add(11))).toThrow(
      /état incohérent : plus de dix/,
    );
  });
});
