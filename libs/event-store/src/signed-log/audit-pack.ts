import { canonicalJson } from '../canonical-json';
import type { VerifyReport } from '../event-store.port';
import type { SqlEventStore } from '../sql/sql-event-store';
import { LogAudit, type AuditedEvent } from './log-audit';
import { InclusionProver, leafHash } from './merkle';
import { keyIdOf, publicKeyFromPem, type SignedTreeHead } from './tree-head';

/**
 * An audit pack: what an auditor takes away to check the log with no server and no database — the events in
 * canonical form with their hashes and places, the signed heads (the database's and the witness's) and the public
 * key. docs/paquet-d-audit.md describes the format and the algorithm, for whoever wants to re-implement the check.
 */
export const AUDIT_PACK_FORMAT = 'cvl-paquet-audit/1';

export interface PackedEvent extends AuditedEvent {
  leafIndex: number;
  /** The hash of the event before it in its stream (« 000… » for the first). */
  previousHash: string;
  /** Selections only: the audit path of the event's leaf to the pack's head, bottom up, hex. */
  inclusionProof?: string[];
}

export interface AuditPack {
  format: typeof AUDIT_PACK_FORMAT;
  log: string;
  exportedAt: string;
  /**
   * complete: every event of the log up to `head`, so every root is recomputed; otherwise a selection (one
   * funder's events), each proven to belong to `head` by its audit path — which shows nothing of the others.
   */
  scope: { complete: boolean; funder?: string; asOf?: string; description: string };
  publicKey: { keyId: string; pem: string };
  /** The head the pack is checked against: the last one signed at `asOf`, or the latest. */
  head: SignedTreeHead;
  /** Every head up to `head`: the database's (complete packs), then the witness's. */
  heads: SignedTreeHead[];
  witness: SignedTreeHead[];
  events: PackedEvent[];
}

export interface ExportOptions {
  /** Only the heads signed up to this instant, and the events they cover. */
  asOf?: Date;
  /** A selection: events for which this returns true, called in the log's order. */
  select?: (event: AuditedEvent) => boolean;
  funder?: string;
  exportedAt?: Date;
  onProgress?: (events: number) => void;
}

const PAGE = 5_000;

/** Nothing to pack: no head was signed by the instant asked for (or the log is empty). */
export class NoSignedHeadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoSignedHeadError';
  }
}

export async function exportAuditPack(store: SqlEventStore, options: ExportOptions = {}): Promise<AuditPack> {
  const signedLog = store.signedLog;
  if (!signedLog) throw new Error('ce magasin ne signe pas son journal : pas de paquet d’audit possible');
  const allHeads = await store.signedHeads();
  const asOf = options.asOf?.toISOString();
  const heads = asOf ? allHeads.filter((head) => head.signedAt <= asOf) : allHeads;
  const head = heads[heads.length - 1];
  if (!head)
    throw new NoSignedHeadError(
      asOf
        ? `aucune tête signée au ${asOf} : le journal commence plus tard`
        : 'aucune tête signée : le journal est vide',
    );
  const events: PackedEvent[] = [];
  const leaves: Buffer[] = [];
  const previous = new Map<string, string>();
  for (let after = -1; after < head.treeSize - 1;) {
    const page = await store.readSigned(after, Math.min(PAGE, head.treeSize - 1 - after));
    if (page.length === 0) break;
    for (const event of page) {
      leaves.push(leafHash(event.hash));
      const previousHash = previous.get(event.streamId) ?? '0'.repeat(64);
      previous.set(event.streamId, event.hash);
      if (!options.select || options.select(event))
        events.push({ ...event, leafIndex: event.leafIndex as number, previousHash });
    }
    after = page[page.length - 1].leafIndex as number;
    options.onProgress?.(leaves.length);
  }
  const complete = !options.select;
  if (!complete) {
    const prover = new InclusionProver(leaves);
    for (const event of events)
      event.inclusionProof = prover.path(event.leafIndex, head.treeSize).map((hash) => hash.toString('hex'));
  }
  const witness = signedLog.witness
    .heads()
    .filter((h) => h.log === signedLog.log && h.treeSize <= head.treeSize && h.sequence <= head.sequence);
  return {
    format: AUDIT_PACK_FORMAT,
    log: signedLog.log,
    exportedAt: (options.exportedAt ?? new Date()).toISOString(),
    scope: {
      complete,
      ...(options.funder ? { funder: options.funder } : {}),
      ...(asOf ? { asOf } : {}),
      description: complete
        ? `tout le journal « ${signedLog.log} » jusqu’à la tête n° ${head.sequence} (${head.treeSize} événements)`
        : `${events.length} événement(s) sur ${head.treeSize}${options.funder ? ` concernant ${options.funder}` : ''}, chacun prouvé dans la tête n° ${head.sequence}`,
    },
    publicKey: { keyId: signedLog.config.key.keyId, pem: signedLog.config.key.publicKeyPem() },
    head,
    heads: complete ? heads : [head],
    witness,
    events,
  };
}

export interface PackVerification extends VerifyReport {
  /** The key the pack was checked with, and whether it is the one the auditor trusts. */
  keyId: string;
  trustedKey: 'confirmée' | 'non confirmée' | 'différente';
  scope?: AuditPack['scope'];
}

/**
 * Checks a pack alone. `trustedKeyId`, when the auditor has it from elsewhere (published by the CALL, printed by
 * `cvl audit cle`), must be the pack's: a pack re-signed from end to end with another key is otherwise consistent.
 */
export function verifyAuditPack(input: unknown, options: { trustedKeyId?: string } = {}): PackVerification {
  const formatProblem = (detail: string): PackVerification => ({
    ok: false,
    streamsChecked: 0,
    eventsChecked: 0,
    problemCount: 1,
    broken: [{ streamId: '', revision: -1, problem: 'invalid_signature', detail }],
    firstBroken: { streamId: '', revision: -1, problem: 'invalid_signature', detail },
    keyId: '',
    trustedKey: 'non confirmée',
  });
  const pack = input as Partial<AuditPack>;
  if (typeof pack !== 'object' || pack === null || pack.format !== AUDIT_PACK_FORMAT)
    return formatProblem(
      `format inconnu : « ${String((pack as { format?: unknown })?.format)} » (attendu ${AUDIT_PACK_FORMAT})`,
    );
  if (
    !pack.publicKey?.pem ||
    !pack.head ||
    !Array.isArray(pack.events) ||
    !Array.isArray(pack.heads) ||
    !Array.isArray(pack.witness) ||
    typeof pack.log !== 'string' ||
    !pack.scope
  ) {
    return formatProblem('paquet incomplet : log, scope, publicKey, head, heads, witness et events sont requis');
  }
  let publicKey;
  try {
    publicKey = publicKeyFromPem(pack.publicKey.pem);
  } catch (error) {
    return formatProblem(`clé publique illisible : ${(error as Error).message}`);
  }
  const keyId = keyIdOf(publicKey);
  const complete = pack.scope.complete === true;
  // A complete pack is checked against all its heads; a selection against the one head its proofs lead to.
  const heads = complete ? pack.heads : [pack.head];
  if (!complete && canonicalJson(pack.heads as never) !== canonicalJson([pack.head] as never)) {
    return formatProblem('sélection : la tête annoncée et la liste des têtes diffèrent');
  }
  if (complete && canonicalJson(pack.heads[pack.heads.length - 1] as never) !== canonicalJson(pack.head as never)) {
    return formatProblem('la tête annoncée n’est pas la dernière des têtes du paquet');
  }
  const audit = new LogAudit({
    mode: complete ? 'full' : 'proofs',
    signed: { log: pack.log, publicKey, heads, witness: pack.witness, witnessLocation: 'paquet' },
  });
  const events = [...pack.events].sort((a, b) => a.leafIndex - b.leafIndex);
  for (const event of events) audit.event(event);
  const report = audit.finish(undefined);
  const trustedKey =
    options.trustedKeyId === undefined ? 'non confirmée' : options.trustedKeyId === keyId ? 'confirmée' : 'différente';
  if (trustedKey === 'différente') {
    const problem = {
      streamId: '',
      revision: -1,
      problem: 'invalid_signature' as const,
      detail: `le paquet est signé par la clé ${keyId}, pas par la clé attendue ${options.trustedKeyId} : paquet re-signé par un tiers`,
    };
    report.broken.unshift(problem);
    report.problemCount++;
    report.ok = false;
    report.firstBroken = problem;
  }
  return { ...report, keyId, trustedKey, scope: pack.scope };
}
