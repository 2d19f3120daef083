import type { JsonValue } from '../event-store.port';
import type { AuditedEvent } from './log-audit';

/**
 * Which events of the log concern a funder, for a pack of its own: the funder's reference, every event that names
 * it (as `funder`, or in the parts of a split), and every later event that carries the id of something those
 * opened — a commitment, an envelope, a payment, a pending transfer. Called in the log's order, it learns the ids
 * as it goes. An event that names several funders (a pool split) is given whole: its hash covers all of it.
 */
const LINKING_KEYS = new Set(['commitmentId', 'envelopeId', 'paymentId', 'pendingTransferId']);

export function concernsFunder(funder: string): (event: Pick<AuditedEvent, 'data'>) => boolean {
  const ids = new Set<string>();
  return (event) => {
    const found = { names: false, links: [] as string[] };
    walk(event.data, funder, found, 0);
    const isReference = event.data.kind === 'funder' && event.data.code === funder;
    if (found.names || isReference) {
      for (const id of found.links) ids.add(id);
      return true;
    }
    return found.links.some((id) => ids.has(id));
  };
}

/** Bounded: event data are at most 16 levels deep (the edge refuses deeper bodies). */
function walk(
  value: JsonValue | undefined,
  funder: string,
  found: { names: boolean; links: string[] },
  depth: number,
): void {
  if (depth > 32 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, funder, found, depth + 1);
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'funder' && inner === funder) found.names = true;
    if (LINKING_KEYS.has(key) && typeof inner === 'string') found.links.push(inner);
    walk(inner, funder, found, depth + 1);
  }
}
