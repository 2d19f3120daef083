import type { RenewalEvent, Trace } from '../domain/events';
import { type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { currentTable, liveOperations, type Protocol } from '../domain/state';

export type LifecycleCommand =
  | { kind: 'submit'; trace: Trace }
  | { kind: 'record-committee'; date: string; trace: Trace }
  | { kind: 'sign'; act: { reference: string; date: string }; trace: Trace }
  | { kind: 'sign-amendment'; act: { reference: string; date: string }; trace: Trace };

/**
 * draft → submitted → comité d'engagement (its date) → signed → amended. The signature, then each avenant, fixes a
 * version of the financial table, kept whole so any earlier version can be shown and compared.
 */
export function decideLifecycle(command: LifecycleCommand, state: Protocol | undefined): RenewalEvent[] | Refusal {
  if (!state) return refuse('unknown-protocol', 'Protocole inconnu');
  const protocolId = state.id;
  switch (command.kind) {
    case 'submit':
      if (state.status !== 'draft') return refuse('not-draft', `Le protocole n’est plus un projet (${state.status})`);
      if (liveOperations(state).length === 0)
        return refuse('no-operation', 'Un protocole soumis porte au moins une opération', { field: 'operations' });
      return [{ type: 'renewal-urban.protocol-submitted', data: { protocolId, trace: command.trace } }];
    case 'record-committee': {
      if (state.status !== 'submitted')
        return refuse('not-submitted', 'Le comité d’engagement examine un protocole soumis');
      const beforeSubmission = stepBefore(
        command.date,
        state.submittedOn,
        'le comité d’engagement',
        'la soumission',
        'date',
      );
      if (beforeSubmission) return beforeSubmission;
      const early = [...state.operations.values()].filter((o) => o.costsFrom < command.date);
      if (early.length > 0) {
        return refuse(
          'costs-before-committee',
          `Ces opérations engagent des coûts avant le comité d’engagement du ${command.date}, inéligibles : ${early.map((o) => `${o.id} (${o.costsFrom})`).join(', ')}`,
          { field: 'date' },
        );
      }
      return [
        {
          type: 'renewal-urban.engagement-committee-held',
          data: { protocolId, date: command.date, trace: command.trace },
        },
      ];
    }
    case 'sign': {
      if (state.status !== 'committee-held')
        return refuse('committee-required', 'Le protocole se signe après le comité d’engagement');
      const beforeCommittee = stepBefore(
        command.act.date,
        state.committeeDate,
        'la signature',
        'le comité d’engagement',
      );
      if (beforeCommittee) return beforeCommittee;
      const unplanned = [...state.operations.values()].filter((o) => o.plan.length === 0);
      if (unplanned.length > 0)
        return refuse(
          'plan-missing',
          `Opérations sans plan de financement : ${unplanned.map((o) => o.id).join(', ')}`,
          { field: 'operations' },
        );
      return [
        {
          type: 'renewal-urban.protocol-signed',
          data: { protocolId, act: command.act, version: 1, table: currentTable(state), trace: command.trace },
        },
      ];
    }
    case 'sign-amendment': {
      if (state.status !== 'signed') return refuse('not-signed', 'Un avenant modifie un protocole signé');
      const table = currentTable(state);
      const last = state.versions[state.versions.length - 1];
      const beforeLast = stepBefore(command.act.date, last.act.date, 'l’avenant', `la version ${last.version} signée`);
      if (beforeLast) return beforeLast;
      if (JSON.stringify(last.table) === JSON.stringify(table))
        return refuse('amendment-empty', 'Cet avenant ne change rien au tableau financier');
      return [
        {
          type: 'renewal-urban.amendment-signed',
          data: {
            protocolId,
            number: state.amendments + 1,
            act: command.act,
            version: last.version + 1,
            table,
            trace: command.trace,
          },
        },
      ];
    }
  }
}

/** The protocol's steps in order: each dated on or after the one before (a comité before the submission is refused). */
function stepBefore(
  date: string,
  previous: string | undefined,
  step: string,
  previousStep: string,
  field = 'act.date',
): Refusal | undefined {
  return previous !== undefined && date < previous
    ? refuse(
        'step-before-previous',
        `${step[0].toUpperCase()}${step.slice(1)} (${date}) ne peut précéder ${previousStep} (${previous})`,
        { field },
      )
    : undefined;
}
