import type { RecordedEvent, VerifyOptions, VerifyReport } from './event-store.port';
import { LogAudit, type StreamHeadRow } from './signed-log/log-audit';

export type StreamHead = StreamHeadRow;

const PAGE = 500;

/**
 * Hash chains only, for a store that does not sign (KurrentDB): walks every stream in order, reports every broken
 * link — an event whose content no longer matches its hash or its predecessor's, a revision missing, a stream
 * whose head no longer matches its last event.
 */
export async function verifyStreams(
  listStreams: (afterStreamId: string, limit: number) => Promise<StreamHead[]>,
  readStream: (streamId: string, fromRevision: number, limit: number) => Promise<RecordedEvent[]>,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const audit = new LogAudit({ mode: 'full', streamPrefix: options.streamPrefix });
  const walked: StreamHead[] = [];
  let after = '';
  for (;;) {
    const heads = await listStreams(after, PAGE);
    if (heads.length === 0) break;
    for (const head of heads) {
      if (options.streamPrefix && !head.streamId.startsWith(options.streamPrefix)) continue;
      for (let from = 0; ;) {
        const page = await readStream(head.streamId, from, PAGE);
        for (const event of page) audit.event({ ...event, leafIndex: null });
        if (page.length < PAGE) break;
        from = page[page.length - 1].revision + 1;
      }
      walked.push(head);
      const progress = audit.progress();
      options.onProgress?.(progress);
    }
    after = heads[heads.length - 1].streamId;
  }
  return audit.finish(walked);
}
