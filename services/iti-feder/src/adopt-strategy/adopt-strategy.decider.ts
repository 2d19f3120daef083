import type { ItiEvent, Trace } from '../domain/events';
import type { Programme } from '../domain/state';
import { type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';

export interface AdoptStrategy {
  axes: number[];
  trace: Trace;
}

/** An ITI strategy combines at least two priority axes (l. 4777). */
export function decideAdoptStrategy(command: AdoptStrategy, state: Programme | undefined): ItiEvent[] | Refusal {
  if (!state) return refuse('no-envelope', 'Fixez d’abord l’enveloppe par axe');
  const axes = [...new Set(command.axes)];
  if (axes.length < 2)
    return refuse('strategy-single-axis', 'Une stratégie ITI combine au moins deux axes prioritaires', {
      field: 'axes',
    });
  const unknown = axes.find((a) => !state.axes.some((e) => e.axis === a));
  if (unknown !== undefined)
    return refuse('axis-without-envelope', `L’axe ${unknown} n’a pas d’enveloppe`, { field: 'axes' });
  return [{ type: 'iti-feder.strategy-adopted', data: { programmeId: state.id, axes, trace: command.trace } }];
}
