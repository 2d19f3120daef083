import { chainHash, GENESIS_HASH } from './canonical-json';
import type { BrokenLink, RecordedEvent, VerifyOptions, VerifyReport } from './event-store.port';

export interface StreamHead {
  streamId: string;
  revision: number;
  lastHash: string;
}

const PAGE = 500;

/**
 * Walks every stream in order and recomputes its hash chain. Reports the first broken link: an event whose
 * content no longer matches its hash or its predecessor's (changed), a revision missing (deleted), or a stream
 * whose head no longer matches its last event (last event deleted or head rewritten).
 */
export async function verifyStreams(
  listStreams: (afterStreamId: string, limit: number) => Promise<StreamHead[]>,
  readStream: (streamId: string, fromRevision: number, limit: number) => Promise<RecordedEvent[]>,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  let streamsChecked = 0;
  let eventsChecked = 0;
  let after = '';
  for (;;) {
    const heads = await listStreams(after, PAGE);
    if (heads.length === 0) break;
    for (const head of heads) {
      if (options.streamPrefix && !head.streamId.startsWith(options.streamPrefix)) continue;
      const broken = await verifyStream(head, readStream, () => eventsChecked++);
      streamsChecked++;
      options.onProgress?.({ streamsChecked, eventsChecked });
      if (broken) return { ok: false, streamsChecked, eventsChecked, firstBroken: broken };
    }
    after = heads[heads.length - 1].streamId;
  }
  return { ok: true, streamsChecked, eventsChecked };
}

async function verifyStream(
  head: StreamHead,
  readStream: (streamId: string, fromRevision: number, limit: number) => Promise<RecordedEvent[]>,
  counted: () => void,
): Promise<BrokenLink | undefined> {
  let previousHash = GENESIS_HASH;
  let expectedRevision = 0;
  for (;;) {
    const page = await readStream(head.streamId, expectedRevision, PAGE);
    for (const event of page) {
      counted();
      if (event.revision !== expectedRevision) {
        return { streamId: head.streamId, revision: expectedRevision, problem: 'missing_revision', detail: `version ${expectedRevision} absente : événement supprimé` };
      }
      const recomputed = chainHash(previousHash, event);
      if (recomputed !== event.hash) {
        return {
          streamId: head.streamId,
          revision: event.revision,
          eventId: event.eventId,
          problem: 'hash_mismatch',
          detail: `empreinte recalculée ${recomputed.slice(0, 12)}… ≠ empreinte enregistrée ${event.hash.slice(0, 12)}… : contenu modifié`,
        };
      }
      previousHash = event.hash;
      expectedRevision++;
    }
    if (page.length < PAGE) break;
  }
  if (expectedRevision - 1 !== head.revision || previousHash !== head.lastHash) {
    return {
      streamId: head.streamId,
      revision: expectedRevision,
      problem: 'stream_head_mismatch',
      detail: `le flux annonce la version ${head.revision} mais ses événements s’arrêtent à ${expectedRevision - 1} : événement supprimé ou tête réécrite`,
    };
  }
  return undefined;
}
