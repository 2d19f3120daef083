import { formatEurosFr, toDecimalString } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { refuse, type Refusal } from '@cvl/refusal';
import { axisCap, programmedOnAxis, type Programme } from '../domain/state';

/** The id of a line the programme asks the ledger for, at one step (programmation, convention, paiement-…). */
export function requestId(programmeId: string, operationId: string, funder: string, step: string): string {
  return `iti:${programmeId}:${operationId}:${step}:${funder}`;
}

/** The programming committee decides: never beyond the axis's envelope (the excess is said); the ledger books the lines. */
export function decideProgram(
  operationId: string,
  committeeDate: string,
  trace: Trace,
  state: Programme | undefined,
): ItiEvent[] | Refusal {
  const operation = state?.operations.get(operationId);
  if (!state || !operation)
    return refuse('unknown-operation', `Opération inconnue : ${operationId}`, { kind: 'unknown' });
  if (operation.status !== 'appraised')
    return refuse('not-appraised', `Seul un dossier instruit et éligible se programme (statut : ${operation.status})`, {
      kind: 'conflict',
    });
  const cap = axisCap(state, operation.axis) ?? 0n;
  const after = programmedOnAxis(state, operation.axis) + operation.federCents;
  if (after > cap) {
    return refuse(
      'axis-envelope-exceeded',
      `L’axe ${operation.axis} serait programmé au-delà de son enveloppe (${formatEurosFr(cap)}) de ${formatEurosFr(after - cap)}`,
      { field: 'feder', excessCents: after - cap },
    );
  }
  const lines = [{ funder: 'feder', amount: toDecimalString(operation.federCents) }, ...operation.coFunders].map(
    (line) => ({ ...line, requestId: requestId(state.id, operation.id, line.funder, 'programmation') }),
  );
  return [
    {
      type: 'iti-feder.operation-programmed',
      data: {
        programmeId: state.id,
        operationId,
        committeeDate,
        axis: operation.axis,
        feder: toDecimalString(operation.federCents),
        label: operation.label,
        quartier: operation.quartier,
        lines,
        trace,
      },
    },
  ];
}
