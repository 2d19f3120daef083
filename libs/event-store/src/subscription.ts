import { START, type EventStore, type GlobalCheckpoint, type RecordedEvent } from './event-store.port';

/** Where a subscription durably keeps its position. */
export interface CheckpointStore {
  load(name: string): Promise<GlobalCheckpoint>;
  save(name: string, checkpoint: GlobalCheckpoint): Promise<void>;
}

export interface CatchUpOptions {
  /** Names the subscription's checkpoint (« relay:commitments », « projection:funder-statement »). */
  name: string;
  checkpoints: CheckpointStore;
  /** Handles one batch, in global order. The checkpoint moves past the batch only once this resolves. */
  handle: (events: RecordedEvent[]) => Promise<void>;
  batchSize?: number;
  /** Wait between polls when caught up. */
  idleDelayMs?: number;
  /** Failures of `handle` in a row before the subscription gives up (and `done` rejects). */
  maxConsecutiveFailures?: number;
  onError?: (error: unknown, failures: number) => void;
  onCaughtUp?: (checkpoint: GlobalCheckpoint) => void;
}

export interface CatchUpSubscription {
  stop(): Promise<void>;
  /** Settles when the subscription stops: resolves on stop(), rejects when it gave up. */
  readonly done: Promise<void>;
  position(): GlobalCheckpoint;
}

interface RunState {
  stopped: boolean;
  wake?: () => void;
  /** An append was told while the subscription was busy: the next pause does not wait. */
  appended: boolean;
}

/** A pause that stop() — or an append, when the store tells of them — cuts short. */
function pause(ms: number, state: RunState): Promise<void> {
  if (state.appended || state.stopped) {
    state.appended = false;
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    state.wake = () => {
      clearTimeout(timer);
      state.wake = undefined;
      resolve();
    };
  });
}

/**
 * Follows the store's global order from the subscription's durable checkpoint: reads a batch, hands it over,
 * saves the checkpoint, and so on; polls when caught up. At-least-once: a crash between handling and saving
 * hands the batch over again, so handlers must be idempotent.
 */
export function catchUp(store: EventStore, options: CatchUpOptions): CatchUpSubscription {
  const batchSize = options.batchSize ?? 200;
  const idleDelayMs = options.idleDelayMs ?? 100;
  const maxFailures = options.maxConsecutiveFailures ?? 10;
  const state: RunState = { stopped: false, appended: false };
  let position: GlobalCheckpoint = START;
  // Woken by the store's appends rather than waiting out the idle delay (which stays, for appends the store cannot
  // tell of: a notification lost while its listening connection was away, a store without notifications).
  const unsubscribe = store.onAppended?.(() => {
    if (state.wake) state.wake();
    else state.appended = true;
  });

  const run = async () => {
    position = await options.checkpoints.load(options.name);
    let failures = 0;
    while (!state.stopped) {
      let events: RecordedEvent[] = [];
      try {
        events = await store.readAll(position, batchSize);
        if (events.length > 0) {
          await options.handle(events);
          const last = events[events.length - 1].checkpoint;
          await options.checkpoints.save(options.name, last);
          position = last;
        }
        failures = 0;
      } catch (error) {
        failures++;
        options.onError?.(error, failures);
        if (failures >= maxFailures) throw error;
        await pause(Math.min(idleDelayMs * 2 ** failures, 5_000), state);
        continue;
      }
      if (events.length < batchSize) {
        options.onCaughtUp?.(position);
        await pause(idleDelayMs, state);
      }
    }
  };

  const done = run().finally(() => unsubscribe?.());
  done.catch(() => undefined);
  return {
    done,
    position: () => position,
    stop: async () => {
      state.stopped = true;
      state.wake?.();
      await done.catch(() => undefined);
    },
  };
}
