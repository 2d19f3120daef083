import {
  ANY,
  BACKWARDS,
  END,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  START as KURRENT_START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendStreamState,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { checkExpected, validateAppend } from '../append-validation';
import { chainHash, GENESIS_HASH } from '../canonical-json';
import {
  EventIdConflictError,
  isTagCondition,
  MAX_READ_COUNT,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type GlobalCheckpoint,
  type JsonObject,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type VerifyOptions,
  type VerifyReport,
} from '../event-store.port';
import type { CheckpointStore } from '../subscription';
import { verifyStreams, type StreamHead } from '../verify';

/** Our bookkeeping travels in each event's metadata under this key; readers never see it. */
const OWN = '$cvl';

interface OwnMetadata {
  hash: string;
  recordedAt: string;
  schemaVersion: number;
  tags?: string[];
}

function toRecorded(resolved: ResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !event.isJson) return undefined;
  const { [OWN]: own, ...metadata } = (event.metadata ?? {}) as Record<string, unknown>;
  const ours = own as OwnMetadata | undefined;
  if (!ours) return undefined;
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    eventId: event.id,
    type: event.type,
    schemaVersion: ours.schemaVersion,
    data: event.data as JsonObject,
    metadata: metadata as EventMetadata,
    recordedAt: ours.recordedAt,
    hash: ours.hash,
    ...(ours.tags && ours.tags.length > 0 ? { tags: ours.tags } : {}),
    checkpoint: { commit: event.position?.commit ?? 0n, position: event.position?.prepare ?? 0n },
  };
}

/**
 * The event store on KurrentDB (formerly EventStoreDB). The hash chain and the recorded time travel in metadata;
 * the global checkpoint is KurrentDB's (commit, prepare) position. Runs the shared contract suite when
 * KURRENTDB_CONNECTION_STRING is set.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly appendListeners = new Set<() => void>();

  constructor(connectionString: string) {
    this.client = KurrentDBClient.connectionString`${connectionString}`;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    for (let attempt = 0; attempt < 20; attempt++) {
      const existing = await this.readStream(streamId);
      const replay = findReplay(streamId, existing, events);
      if (replay) return replay;
      await this.refuseIdsUsedElsewhere(events);
      const current = existing.length - 1;
      checkExpected(streamId, expected, current, existing);
      const recordedAt = new Date().toISOString();
      let hash = existing.length > 0 ? existing[existing.length - 1].hash : GENESIS_HASH;
      const payload = events.map((event, index) => {
        const metadata = event.metadata ?? {};
        const tags = event.tags && event.tags.length > 0 ? [...event.tags] : undefined;
        hash = chainHash(hash, {
          streamId,
          revision: current + 1 + index,
          eventId: event.eventId,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata,
          recordedAt,
          tags,
        });
        return jsonEvent({
          id: event.eventId,
          type: event.type,
          data: event.data,
          metadata: {
            ...metadata,
            [OWN]: { hash, recordedAt, schemaVersion: event.schemaVersion, ...(tags ? { tags } : {}) },
          },
        });
      });
      const state: AppendStreamState = current === -1 ? NO_STREAM : BigInt(current);
      try {
        await this.client.appendToStream(streamId, payload, { streamState: state });
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          // 'any' and a tag condition try again on the stream as it now stands; a number is the caller's conflict.
          if (expected === 'any' || isTagCondition(expected)) continue;
          throw new WrongExpectedRevisionError(streamId, expected, await this.streamRevision(streamId));
        }
        throw error;
      }
      const stored = await this.readStream(streamId, { fromRevision: current + 1 });
      for (const listener of this.appendListeners) listener();
      return { streamId, revision: current + events.length, events: stored, idempotentReplay: false };
    }
    throw new WrongExpectedRevisionError(streamId, expected, await this.streamRevision(streamId));
  }

  /** KurrentDB indexes no event id across streams: scan $all for them (bounded), as the contract demands. */
  private async refuseIdsUsedElsewhere(events: readonly NewEvent[]): Promise<void> {
    const ids = new Set(events.map((e) => e.eventId));
    let scanned = 0;
    for await (const resolved of this.client.readAll({
      fromPosition: KURRENT_START,
      direction: FORWARDS,
      filter: excludeSystemEvents(),
    })) {
      if (resolved.event && ids.has(resolved.event.id)) {
        throw new EventIdConflictError([resolved.event.id], 'un autre flux le porte déjà');
      }
      if (++scanned > 1_000_000) break;
    }
  }

  onAppended(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => void this.appendListeners.delete(listener);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: BigInt(options.fromRevision ?? 0),
        maxCount: Math.min(options.maxCount ?? MAX_READ_COUNT, MAX_READ_COUNT),
        direction: FORWARDS,
      })) {
        const event = toRecorded(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async streamRevision(streamId: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      })) {
        return Number(resolved.event?.revision ?? -1n);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return -1;
      throw error;
    }
    return -1;
  }

  async readAll(after: GlobalCheckpoint, maxCount: number): Promise<RecordedEvent[]> {
    const limit = Math.max(1, Math.min(maxCount, MAX_READ_COUNT));
    const from =
      after.commit === 0n && after.position === 0n ? KURRENT_START : { commit: after.commit, prepare: after.position };
    const events: RecordedEvent[] = [];
    for await (const resolved of this.client.readAll({
      fromPosition: from,
      direction: FORWARDS,
      maxCount: limit + 1,
      filter: excludeSystemEvents(),
    })) {
      const event = toRecorded(resolved);
      if (!event) continue;
      if (event.checkpoint.commit === after.commit && event.checkpoint.position === after.position) continue;
      events.push(event);
      if (events.length === limit) break;
    }
    return events;
  }

  async verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    const heads = new Map<string, StreamHead>();
    for await (const resolved of this.client.readAll({
      fromPosition: KURRENT_START,
      direction: FORWARDS,
      filter: excludeSystemEvents(),
    })) {
      const event = toRecorded(resolved);
      if (event)
        heads.set(event.streamId, { streamId: event.streamId, revision: event.revision, lastHash: event.hash });
    }
    const sorted = [...heads.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
    return verifyStreams(
      async (afterStream, limit) => sorted.filter((h) => h.streamId > afterStream).slice(0, limit),
      (streamId, fromRevision, limit) => this.readStream(streamId, { fromRevision, maxCount: limit }),
      options,
    );
  }

  async ping(): Promise<boolean> {
    try {
      await this.streamRevision('$cvl-ping');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /** Checkpoints as one small stream per subscription. */
  checkpointStore(): CheckpointStore {
    return {
      load: async (name) => {
        try {
          for await (const resolved of this.client.readStream(`cvl-checkpoint-${name}`, {
            fromRevision: END,
            direction: BACKWARDS,
            maxCount: 1,
          })) {
            const data = resolved.event?.data as { commit: string; position: string } | undefined;
            if (data) return { commit: BigInt(data.commit), position: BigInt(data.position) };
          }
        } catch (error) {
          if (!(error instanceof StreamNotFoundError)) throw error;
        }
        return { commit: 0n, position: 0n };
      },
      save: async (name, checkpoint) => {
        await this.client.appendToStream(
          `cvl-checkpoint-${name}`,
          jsonEvent({
            type: 'checkpoint',
            data: { commit: checkpoint.commit.toString(), position: checkpoint.position.toString() },
          }),
          { streamState: ANY },
        );
      },
    };
  }
}

function findReplay(
  streamId: string,
  existing: RecordedEvent[],
  events: readonly NewEvent[],
): AppendResult | undefined {
  const ids = new Set(events.map((e) => e.eventId));
  const stored = existing.filter((e) => ids.has(e.eventId));
  if (stored.length === 0) return undefined;
  if (stored.length !== events.length)
    throw new EventIdConflictError(
      stored.map((e) => e.eventId),
      'une partie du lot est déjà enregistrée',
    );
  return { streamId, revision: stored[stored.length - 1].revision, events: stored, idempotentReplay: true };
}
