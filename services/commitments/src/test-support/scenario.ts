// Given / when / then for the deciders: build a state from decided events, then assert on events or refusals.
import { ledgerViolations, limitViolations } from '@cvl/ledger';
import type { DecisionContext } from '../domain/booking';
import type { CommitmentsEvent } from '../domain/events';
import { evolve } from '../domain/evolve';
import { figuresOf, viewLedgerDisagreements, type Figures } from '../domain/figures';
import type { Refusal } from '@cvl/refusal';
import { DecisionScenario } from '@cvl/testing';
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
export class Scenario extends DecisionScenario<CommitmentsState, CommitmentsEvent, DecisionContext> {
  constructor() {
    super({
      evolve,
      initial: initialState,
      context: (n) => ({ eventId: `evt-${n}`, recordedAt: `2016-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z` }),
      // Every accepted decision leaves a ledger that balances, within its limits, that the views agree with.
      invariants: (state) => [
        ...ledgerViolations(state.ledger),
        ...limitViolations(state.ledger),
        ...viewLedgerDisagreements(state),
      ],
    });
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
}
