import type { RenewalEvent, Trace } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/ledger';
import { evolve, type Protocol } from '../domain/state';

export const trace = (effectiveDate = '2016-01-15'): Trace => ({
  actor: { subject: 'chef-de-projet', organisation: 'call', roles: ['instructeur-anru'] },
  effectiveDate,
  recordedAt: `${effectiveDate}T10:00:00.000Z`,
  source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line: 3521 },
});

export type Decide = (state: Protocol | undefined) => RenewalEvent[] | Refusal;

/** Given / when / then over one protocol's stream. */
export class ProtocolScenario {
  state: Protocol | undefined;
  last: RenewalEvent[] = [];

  given(decide: Decide): this {
    const result = decide(this.state);
    if (isRefusal(result)) throw new Error(`refus inattendu : ${result.code} — ${result.message}`);
    return this.apply(result);
  }

  when(decide: Decide): RenewalEvent[] | Refusal {
    const result = decide(this.state);
    if (!isRefusal(result)) this.apply(result);
    return result;
  }

  private apply(events: RenewalEvent[]): this {
    this.last = events;
    for (const event of events) this.state = evolve(this.state, event);
    return this;
  }
}
