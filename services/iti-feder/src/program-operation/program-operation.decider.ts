import { formatEurosFr, toDecimalString } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { operationIn, requestId } from '../domain/operations';
import { axisCap, programmedOnAxis, type Programme } from '../domain/state';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';

export interface ProgramOperation {
  operationId: string;
  /** The programming committee's date. */
  committeeDate: string;
  trace: Trace;
}

/** The programming committee decides: never beyond the axis's envelope (the excess is said); the ledger books the lines. */
export function decideProgramOperation(command: ProgramOperation, state: Programme | undefined): ItiEvent[] | Refusal {
  const found = operationIn(state, command.operationId);
  if (isRefusal(found)) return found;
  const { programme, operation } = found;
  if (operation.status !== 'appraised')
    return refuse('not-appraised', `Seul un dossier instruit et éligible se programme (statut : ${operation.status})`);
  const cap = axisCap(programme, operation.axis) ?? 0n;
  const after = programmedOnAxis(programme, operation.axis) + operation.federCents;
  if (after > cap) {
    return refuse(
      'axis-envelope-exceeded',
      `L’axe ${operation.axis} serait programmé au-delà de son enveloppe (${formatEurosFr(cap)}) de ${formatEurosFr(after - cap)}`,
      { field: 'feder', excessCents: after - cap },
    );
  }
  const lines = [{ funder: 'feder', amount: toDecimalString(operation.federCents) }, ...operation.coFunders].map(
    (line) => ({ ...line, requestId: requestId(programme.id, operation.id, line.funder, 'programmation') }),
  );
  return [
    {
      type: 'iti-feder.operation-programmed',
      data: {
        programmeId: programme.id,
        operationId: operation.id,
        committeeDate: command.committeeDate,
        axis: operation.axis,
        feder: toDecimalString(operation.federCents),
        label: operation.label,
        quartier: operation.quartier,
        lines,
        operation: {
          id: operation.registryOperation,
          projectOwner: operation.beneficiary,
          eligibleBase: toDecimalString(operation.eligibleCostCents),
        },
        trace: command.trace,
      },
    },
  ];
}
