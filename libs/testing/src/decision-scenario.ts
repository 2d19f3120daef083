/**
 * Given / when / then for deciders, whatever the service: facts (events already recorded, or decisions accepted)
 * fold into a state with the service's `evolve`; `when` decides on it and, accepted, evolves it too. The three
 * services' scenarios are this one with their own state, events, decision context and invariants.
 */

/** What a decider answers when it refuses (@cvl/ledger's Refusal, by its shape): a decision is that or its events. */
export interface Refused {
  refused: true;
  code: string;
  message: string;
}

export interface DecisionScenarioOptions<S, E, C> {
  evolve: (state: S, event: E) => S;
  initial: () => S;
  /** The context of the n-th decision (1, 2, 3…): the ids and instants a decider is given. */
  context: (n: number) => C;
  /** Checked after every decision accepted: what does not hold, in words (none: an empty list). */
  invariants?: (state: S) => string[];
}

const isRefused = <E, R extends Refused>(result: E[] | R): result is R => !Array.isArray(result);

export class DecisionScenario<S, E, C = undefined> {
  state: S;
  /** The events of the last decision accepted. */
  last: E[] = [];
  /** Every event accepted or given, in order: the scenario's own stream. */
  readonly history: E[] = [];
  private decisions = 0;

  constructor(private readonly options: DecisionScenarioOptions<S, E, C>) {
    this.state = options.initial();
  }

  /** The next decision's context. */
  context(): C {
    return this.options.context(++this.decisions);
  }

  /** Facts as events already recorded. */
  givenEvents(...events: E[]): this {
    this.apply(events);
    return this;
  }

  /** A fact as a decision that must be accepted: the test fails with the refusal's words otherwise. */
  given<R extends Refused>(decide: (state: S, context: C) => E[] | R): this {
    const result = decide(this.state, this.context());
    if (isRefused(result)) throw new Error(`refus inattendu : ${result.code} — ${result.message}`);
    this.apply(result);
    return this;
  }

  /** The decision under test: its events (the state evolved by them) or its refusal (the state unchanged). */
  when<R extends Refused>(decide: (state: S, context: C) => E[] | R): E[] | R {
    const result = decide(this.state, this.context());
    if (!isRefused(result)) this.apply(result);
    return result;
  }

  private apply(events: E[]): void {
    this.last = events;
    this.history.push(...events);
    for (const event of events) this.state = this.options.evolve(this.state, event);
    const problems = this.options.invariants?.(this.state) ?? [];
    if (problems.length > 0) throw new Error(`état incohérent : ${problems.join(' ; ')}`);
  }
}
