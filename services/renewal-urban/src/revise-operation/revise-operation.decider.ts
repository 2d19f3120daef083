import { fromDecimalString, toDecimalString, type Cents } from '@cvl/money';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { avenantProblem } from '../domain/avenant';
import type { RenewalEvent, Trace } from '../domain/events';
import { refuse } from '../domain/refusals';
import { liveOperation, type Operation, type Protocol } from '../domain/state';

type Act = { reference: string; date: string };

export interface ReviseOperation {
  operationId: string;
  start?: string;
  end?: string;
  eligibleBaseCents?: Cents;
  /** Once the protocol is signed: the avenant that changes the operation. */
  act?: Act;
  trace: Trace;
}

export interface WithdrawOperation {
  operationId: string;
  act?: Act;
  trace: Trace;
}

/** The operation a change is about, still in the protocol; after signature, the change comes by avenant. */
function changeable(
  state: Protocol | undefined,
  operationId: string,
  act: Act | undefined,
  what: string,
): { protocol: Protocol; operation: Operation } | Refusal {
  if (!state) return refuse('unknown-protocol', 'Protocole inconnu');
  const operation = liveOperation(state, operationId);
  if (isRefusal(operation)) return operation;
  return avenantProblem(state, act, what) ?? { protocol: state, operation };
}

/**
 * An operation's calendar or eligible base changes: freely while the protocol is drawn up, by avenant once it is
 * signed. A new base clears the plan, which added up to the old one to the cent: a new plan is set for the new base,
 * then approved — the ledger then applies that later version to what the earlier one booked.
 */
export function decideReviseOperation(command: ReviseOperation, state: Protocol | undefined): RenewalEvent[] | Refusal {
  const found = changeable(state, command.operationId, command.act, 'une opération change');
  if (isRefusal(found)) return found;
  const { protocol, operation } = found;
  const start = command.start !== undefined && command.start !== operation.start ? command.start : undefined;
  const end = command.end !== undefined && command.end !== operation.end ? command.end : undefined;
  const base =
    command.eligibleBaseCents !== undefined && command.eligibleBaseCents !== operation.eligibleBaseCents
      ? command.eligibleBaseCents
      : undefined;
  if (start === undefined && end === undefined && base === undefined)
    return refuse('nothing-to-revise', 'Rien ne change : calendrier et assiette sont déjà ceux-là', {
      field: 'eligibleBase',
    });
  if (base !== undefined && base <= 0n)
    return refuse('base-not-positive', 'L’assiette subventionnable HT doit être strictement positive', {
      field: 'eligibleBase',
    });
  if ((end ?? operation.end) < (start ?? operation.start))
    return refuse(
      'calendar-inverted',
      `La fin (${end ?? operation.end}) précède le début (${start ?? operation.start})`,
      { field: end !== undefined ? 'end' : 'start' },
    );
  const planned = operation.plan.reduce((sum, line) => sum + fromDecimalString(line.amount), 0n);
  return [
    {
      type: 'renewal-urban.operation-revised',
      data: {
        protocolId: protocol.id,
        operationId: operation.id,
        ...(start !== undefined ? { start } : {}),
        ...(end !== undefined ? { end } : {}),
        ...(base !== undefined ? { eligibleBase: toDecimalString(base) } : {}),
        planCleared: base !== undefined && operation.plan.length > 0 && planned !== base,
        ...(protocol.status === 'signed' && command.act ? { act: command.act } : {}),
        trace: command.trace,
      },
    },
  ];
}

/**
 * An operation is withdrawn: freely before signature, by avenant after. It leaves the financial table (its history
 * stays), and what the ledger booked for it is asked back — each line of the plan it booked, released whole. A firm
 * line partly paid cannot be released whole: the ledger refuses it, and its answer shows on the operation.
 */
export function decideWithdrawOperation(
  command: WithdrawOperation,
  state: Protocol | undefined,
): RenewalEvent[] | Refusal {
  const found = changeable(state, command.operationId, command.act, 'une opération se retire');
  if (isRefusal(found)) return found;
  const { protocol, operation } = found;
  // What each commitment holds: the last version the ledger booked for the funder (a later one it refused left it so).
  const booked = [...(operation.booked ?? [])].map(([funder, amount]) => ({ funder, amount }));
  return [
    {
      type: 'renewal-urban.operation-withdrawn',
      data: {
        protocolId: protocol.id,
        operationId: operation.id,
        ...(protocol.status === 'signed' && command.act ? { act: command.act } : {}),
        ...(booked.length > 0 && operation.approvedVersion ? { planVersion: operation.approvedVersion } : {}),
        released: booked,
        trace: command.trace,
      },
    },
  ];
}
