import { fromDecimalString, toDecimalString, type Cents } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { PRIORITIES } from '../domain/rules';
import { programmedOnAxis, type Programme } from '../domain/state';

export interface SetEnvelope {
  programmeId: string;
  axes: Array<{ axis: number; label: string; amountCents: Cents; callShareCents?: Cents; priorities?: string[] }>;
  /** The avenant that sets or changes the envelope (the CALL's share, end of 2015, l. 4869). */
  act?: { reference: string; date: string };
  trace: Trace;
}

/** The ITI envelope by axis, versioned: each avenant is a new version, never an edit; never below what is programmed. */
export function decideSetEnvelope(command: SetEnvelope, state: Programme | undefined): ItiEvent[] | Refusal {
  if (state && !command.act) return refuse('act-required', 'Changer l’enveloppe suppose un avenant', { field: 'act' });
  if (command.axes.length === 0)
    return refuse('axes-required', 'L’enveloppe porte sur au moins un axe', { field: 'axes' });
  for (const [index, axis] of command.axes.entries()) {
    if (!PRIORITIES[axis.axis])
      return refuse('unknown-axis', `Axe inconnu : ${axis.axis}`, { field: `axes[${index}].axis` });
    if (axis.amountCents <= 0n)
      return refuse('amount-not-positive', 'Montant d’axe strictement positif', { field: `axes[${index}].amount` });
    if (axis.callShareCents !== undefined && axis.callShareCents > axis.amountCents)
      return refuse('share-above-envelope', 'La part de la CALL dépasse l’enveloppe régionale de l’axe', {
        field: `axes[${index}].callShare`,
        excessCents: axis.callShareCents - axis.amountCents,
      });
    const unknown = (axis.priorities ?? []).find((p) => !PRIORITIES[axis.axis].includes(p));
    if (unknown)
      return refuse('unknown-priority', `Priorité ${unknown} étrangère à l’axe ${axis.axis}`, {
        field: `axes[${index}].priorities`,
      });
    if (state) {
      const programmed = programmedOnAxis(state, axis.axis);
      const cap = axis.callShareCents ?? axis.amountCents;
      if (cap < programmed)
        return refuse(
          'below-programmed',
          `L’axe ${axis.axis} ne peut descendre sous ce qui est déjà programmé (${toDecimalString(programmed)} €)`,
          { field: `axes[${index}]`, excessCents: programmed - cap },
        );
    }
  }
  return [
    {
      type: 'iti-feder.envelope-set',
      data: {
        programmeId: command.programmeId,
        version: (state?.envelopeVersion ?? 0) + 1,
        ...(command.act ? { act: command.act } : {}),
        axes: command.axes.map((a) => ({
          axis: a.axis,
          label: a.label,
          amount: toDecimalString(a.amountCents),
          ...(a.callShareCents !== undefined ? { callShare: toDecimalString(a.callShareCents) } : {}),
          priorities: a.priorities ?? PRIORITIES[a.axis],
        })),
        trace: command.trace,
      },
    },
  ];
}

export const sumAxes = (axes: Array<{ amount: string }>) =>
  axes.reduce((sum, a) => sum + fromDecimalString(a.amount), 0n);
