import { currentActor, sourceOf, type EffectDto } from '@cvl/platform';
import type { Trace } from '../domain/events';

export function toTrace(dto: EffectDto): Trace {
  return { actor: currentActor(), effectiveDate: dto.effectiveDate, recordedAt: new Date().toISOString(), source: sourceOf(dto.source) as Trace['source'], ...(dto.memo ? { memo: dto.memo } : {}) };
}
