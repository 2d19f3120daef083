import type { RenewalEvent, Trace } from '../domain/events';
import type { Refusal } from '@cvl/refusal';
import { DecisionScenario } from '@cvl/testing';
import { evolve, type Protocol } from '../domain/state';

export const trace = (effectiveDate = '2016-01-15'): Trace => ({
  actor: { subject: 'chef-de-projet', organisation: 'call', roles: ['instructeur-anru'] },
  effectiveDate,
  recordedAt: `${effectiveDate}T10:00:00.000Z`,
  source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line: 3521 },
});

export type Decide = (state: Protocol | undefined) => RenewalEvent[] | Refusal;

/** Given / when / then over one protocol's stream. */
export class ProtocolScenario extends DecisionScenario<Protocol | undefined, RenewalEvent> {
  constructor() {
    super({ evolve, initial: () => undefined, context: () => undefined });
  }
}
