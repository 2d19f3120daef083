import type { RecordedEvent } from '@cvl/event-store';
import {
  COMMITMENTS_EVENT_TYPES,
  SCHEMA_VERSION,
  type CommitmentsEvent,
  type CommitmentsEventType,
} from '../domain/events';

/**
 * Stored events are never rewritten: an older schemaVersion is lifted to the current shape when read. Each entry
 * takes the data of (type, version) to version + 1; reading chains them up to SCHEMA_VERSION.
 * None is needed yet (every type is at version 1); the first breaking change adds its step here, with a test.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export const UPCASTERS: Record<string, Upcaster> = {};

export class UnknownEventError extends Error {
  constructor(readonly event: Pick<RecordedEvent, 'type' | 'schemaVersion' | 'eventId'>) {
    super(`Événement illisible : ${event.type} v${event.schemaVersion} (${event.eventId})`);
  }
}

export function upcast(
  event: Pick<RecordedEvent, 'type' | 'schemaVersion' | 'eventId' | 'data'>,
  upcasters: Record<string, Upcaster> = UPCASTERS,
): CommitmentsEvent {
  if (!COMMITMENTS_EVENT_TYPES.includes(event.type as CommitmentsEventType)) throw new UnknownEventError(event);
  let data = event.data as Record<string, unknown>;
  for (let version = event.schemaVersion; version < SCHEMA_VERSION; version++) {
    const step = upcasters[`${event.type}@${version}`];
    if (!step) throw new UnknownEventError(event);
    data = step(data);
  }
  if (event.schemaVersion > SCHEMA_VERSION) throw new UnknownEventError(event);
  return { type: event.type, data } as unknown as CommitmentsEvent;
}
