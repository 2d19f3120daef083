import { currentActor, effectOf, type EffectDto } from '@cvl/platform';
import type { Trace } from '../domain/events';

export function toTrace(dto: EffectDto): Trace {
  return effectOf(dto, currentActor()) as Trace;
}
