import type { ItiEvent, Trace } from '../domain/events';
import { coFunderStep, operationIn, requestId } from '../domain/operations';
import type { Programme } from '../domain/state';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';

export interface CommitCoFunder {
  operationId: string;
  funder: string;
  /** The co-funder's own act: its deliberation or convention, dated on or after the programming committee. */
  act: { reference: string; date: string };
  trace: Trace;
}

/** The stages at which the programming committee has decided the financing plan the co-funder commits to. */
const PROGRAMMED = ['programmed', 'agreed', 'closed'];

/**
 * A co-funder of an ITI operation commits by its own act — the FEDER convention binds the FEDER only. Its line,
 * booked indicative at programming (on its own envelope when the application named one), becomes firm in the ledger
 * on that act. Once per co-funder; never before the committee that programmed it.
 */
export function decideCommitCoFunder(command: CommitCoFunder, state: Programme | undefined): ItiEvent[] | Refusal {
  const found = operationIn(state, command.operationId);
  if (isRefusal(found)) return found;
  const { programme, operation } = found;
  if (!PROGRAMMED.includes(operation.status))
    return refuse('not-programmed', 'Un cofinanceur s’engage sur le plan que le comité a programmé');
  const line = operation.coFunders.find((l) => l.funder === command.funder);
  if (!line)
    return refuse(
      'unknown-co-funder',
      `« ${command.funder} » ne cofinance pas l’opération ${operation.id} (cofinanceurs : ${operation.coFunders.map((l) => l.funder).join(', ') || 'aucun'})`,
      { field: 'funder' },
    );
  const known = operation.coFunderActs?.get(command.funder);
  if (known)
    return refuse('co-funder-committed', `« ${command.funder} » s’est déjà engagé (${known.reference}, ${known.date})`);
  if (!command.act.reference.trim())
    return refuse('act-required', 'Référence de l’acte du cofinanceur obligatoire', { field: 'act.reference' });
  if (operation.committeeDate && command.act.date < operation.committeeDate)
    return refuse(
      'act-before-programming',
      `L’acte du ${command.act.date} précède le comité de programmation du ${operation.committeeDate}`,
      { field: 'act.date' },
    );
  return [
    {
      type: 'iti-feder.co-funder-committed',
      data: {
        programmeId: programme.id,
        operationId: operation.id,
        funder: line.funder,
        amount: line.amount,
        act: command.act,
        requestId: requestId(programme.id, operation.id, line.funder, coFunderStep(line.funder)),
        trace: command.trace,
      },
    },
  ];
}
