// Given / when / then for the deciders: build a state from decided events, then assert on events or refusals.
import { ledgerViolations, limitViolations } from '@cvl/ledger';
import type { DecisionContext } from '../domain/booking';
import type { CommitmentsEvent } from '../domain/events';
import { evolve } from '../domain/evolve';
import { figuresOf, viewLedgerDisagreements, type Figures } from '../domain/figures';
import { isRefusal, type Refusal } from '@cvl/ledger';
import { initialState, type CommitmentsState } from '../domain/state';
import type { BookingTrace } from '../domain/trace';

export const trace = (overrides: Partial<BookingTrace> = {}): BookingTrace => ({
  actor: { subject: 'finance', organisation: 'call', roles: ['financeur'] },
  reasonCode: 'engagement-initial',
  effectiveDate: '2015-07-01',
  recordedAt: '2015-07-02T09:00:00.000Z',
  source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line: 5465 },
  ...overrides,
});

export type Decide = (state: CommitmentsState, context: DecisionContext) => CommitmentsEvent[] | Refusal;

/** A ledger under test: each `when` decides against the current state and, when accepted, evolves it. */
export class Scenario {
  state: CommitmentsState = initialState();
  private counter = 0;
  last: CommitmentsEvent[] = [];
  /** Every accepted event, in order: the scenario's own stream. */
  readonly history: CommitmentsEvent[] = [];

  context(): DecisionContext {
    this.counter++;
    return {
      eventId: `evt-${this.counter}`,
      recordedAt: `2016-01-01T00:00:${String(this.counter % 60).padStart(2, '0')}.000Z`,
    };
  }

  /** Accepted or the test fails with the refusal's words. */
  given(decide: Decide): this {
    const result = decide(this.state, this.context());
    if (isRefusal(result)) throw new Error(`refus inattendu : ${result.code} — ${result.message}`);
    this.apply(result);
    return this;
  }

  figures(commitmentId: string): Figures {
    const commitment = this.state.commitments.get(commitmentId);
    if (!commitment) throw new Error(`engagement ${commitmentId} absent`);
    return figuresOf(commitment);
  }

  account(accountId: string) {
    const account = this.state.ledger.accounts.get(accountId);
    if (!account) throw new Error(`compte ${accountId} absent`);
    return account;
  }

  when(decide: Decide): CommitmentsEvent[] | Refusal {
    const result = decide(this.state, this.context());
    if (!isRefusal(result)) this.apply(result);
    return result;
  }

  private apply(events: CommitmentsEvent[]): void {
    this.last = events;
    this.history.push(...events);
    for (const event of events) this.state = evolve(this.state, event);
    const problems = [
      ...ledgerViolations(this.state.ledger),
      ...limitViolations(this.state.ledger),
      ...viewLedgerDisagreements(this.state),
    ];
    if (problems.length > 0) throw new Error(`grand livre incohérent : ${problems.join(' ; ')}`);
  }
}
