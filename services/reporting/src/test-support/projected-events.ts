import type { ProjectedEvent } from '../projection/commitment-projection';

/**
 * Builds the events a projection spec feeds in: ids in order, one actor, time and trace for all. A spec's event
 * carries the fields the projection reads, not every field its schema requires (the suites check whole events
 * against contracts/), so it is typed here by the publishers' union the projection takes.
 */
export function projectedEvents<E extends ProjectedEvent<{ type: string; data: object }>>(defaults: {
  typePrefix?: string;
  actor: string;
  time: string;
  trace: object;
}) {
  let n = 0;
  return (type: string, data: Record<string, unknown>): E =>
    ({
      id: `e${++n}`,
      type: `${defaults.typePrefix ?? ''}${type}`,
      actor: defaults.actor,
      time: defaults.time,
      data: { trace: defaults.trace, ...data },
    }) as unknown as E;
}
