import type { ItiEvent, Trace } from '../domain/events';
import { operationIn } from '../domain/operations';
import type { Programme } from '../domain/state';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';

export interface CompleteApplication {
  operationId: string;
  trace: Trace;
}

/** The CALL checks the file is complete (intermediate body). */
export function decideCompleteApplication(
  command: CompleteApplication,
  state: Programme | undefined,
): ItiEvent[] | Refusal {
  const found = operationIn(state, command.operationId);
  if (isRefusal(found)) return found;
  if (found.operation.status !== 'received') return refuse('not-received', `Dossier déjà ${found.operation.status}`);
  return [
    {
      type: 'iti-feder.application-completed',
      data: { programmeId: found.programme.id, operationId: command.operationId, trace: command.trace },
    },
  ];
}
