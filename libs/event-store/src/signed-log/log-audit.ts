import type { KeyObject } from 'node:crypto';
import { chainHash, GENESIS_HASH } from '../canonical-json';
import type { BrokenLink, RecordedEvent, SignedLogSummary, VerifyReport } from '../event-store.port';
import { EMPTY_ROOT, Frontier, leafHash, verifyInclusion } from './merkle';
import { keyIdOf, verifyTreeHead, type SignedTreeHead } from './tree-head';

/** An event as the audit reads it: its place in the signed log (null: placed by nobody who signs). */
export interface AuditedEvent extends Omit<RecordedEvent, 'checkpoint'> {
  leafIndex: number | null;
  /** Partial packs only: the hash of the event before it in its stream, and its audit path to the pack's head. */
  previousHash?: string;
  inclusionProof?: string[];
}

export interface StreamHeadRow {
  streamId: string;
  revision: number;
  lastHash: string;
}

export interface SignedLogEvidence {
  log: string;
  publicKey: KeyObject;
  /** The heads kept in the database, in sequence order. */
  heads: readonly SignedTreeHead[];
  /** The heads kept outside it. */
  witness: readonly SignedTreeHead[];
  witnessLocation?: string;
}

export interface AuditOptions {
  /** Absent for a store that keeps hash chains only (KurrentDB): then the chains alone are checked. */
  signed?: SignedLogEvidence;
  /** Count and report the chains of these streams only (a service's own); the signed log is always checked whole. */
  streamPrefix?: string;
  /**
   * 'full': every event of the log is given, in leaf order, and every root is recomputed. 'proofs': a selection,
   * each with its audit path to the latest head (an export for one funder).
   */
  mode: 'full' | 'proofs';
}

/** Past this many, problems are counted and not listed: one bad migration must not produce a gigabyte of report. */
export const MAX_LISTED_PROBLEMS = 1_000;

/**
 * Checks a log the way an auditor would, one event at a time, and reports every problem found rather than the
 * first: each stream's hash chain (content, deletions, order), then the Merkle tree over all events against every
 * signed head, in the database and in the witness. The same code checks the database (`verify`) and an exported
 * audit pack (`cvl audit verify`), so that the two cannot disagree.
 */
export class LogAudit {
  private readonly problems: BrokenLink[] = [];
  private problemCount = 0;
  private readonly chains = new Map<string, { next: number; lastHash: string }>();
  private readonly frontier = Frontier.empty();
  private readonly checkpoints: Array<{ head: SignedTreeHead; source: 'base' | 'témoin' }>;
  private nextCheckpoint = 0;
  private readonly reportedMismatch = new Set<string>();
  private lastMatchingSize = 0;
  private eventsChecked = 0;
  private readonly streamsSeen = new Set<string>();
  private unsigned = 0;
  private readonly latest: SignedTreeHead | undefined;

  constructor(private readonly options: AuditOptions) {
    const signed = options.signed;
    this.latest = signed ? this.checkHeads(signed) : undefined;
    const all = signed
      ? [
          ...signed.heads.map((head) => ({ head, source: 'base' as const })),
          ...signed.witness
            .filter((head) => head.log === signed.log && head.sequence >= 0)
            .map((head) => ({ head, source: 'témoin' as const })),
        ]
      : [];
    this.checkpoints = all.sort((a, b) => a.head.treeSize - b.head.treeSize);
    this.passCheckpoints(0);
  }

  event(event: AuditedEvent): void {
    const counted = !this.options.streamPrefix || event.streamId.startsWith(this.options.streamPrefix);
    if (counted) {
      this.eventsChecked++;
      this.streamsSeen.add(event.streamId);
      this.checkChain(event);
    }
    if (this.options.signed) this.checkPlace(event);
  }

  progress(): { streamsChecked: number; eventsChecked: number } {
    return { streamsChecked: this.streamsSeen.size, eventsChecked: this.eventsChecked };
  }

  /** Ends the walk: the stream rows of the database (if any), and heads that claim more events than were found. */
  finish(streamHeads: readonly StreamHeadRow[] | undefined): VerifyReport {
    if (this.options.mode === 'full' && this.options.signed) {
      const size = this.frontier.size;
      // One problem per source (the database's heads, the witness's): the first head beyond the log says it all.
      const told = new Set<string>();
      for (const { head, source } of this.checkpoints.slice(this.nextCheckpoint)) {
        if (head.treeSize > Number(size) && !told.has(source)) {
          told.add(source);
          this.add({
            streamId: '',
            revision: -1,
            problem: source === 'témoin' ? 'rollback' : 'missing_leaf',
            detail:
              source === 'témoin'
                ? `le témoin garde la tête n° ${head.sequence} du ${frDate(head.signedAt)} signée sur ${head.treeSize} événements ; le journal n’en a plus que ${size} : événements supprimés ou base restaurée à un état antérieur`
                : `la tête signée n° ${head.sequence} couvre ${head.treeSize} événements ; le journal n’en a plus que ${size} : événements supprimés`,
          });
        }
      }
    }
    if (streamHeads) this.checkStreamRows(streamHeads);
    const ok = this.problemCount === 0;
    return {
      ok,
      streamsChecked: this.streamsSeen.size,
      eventsChecked: this.eventsChecked,
      problemCount: this.problemCount,
      broken: this.problems,
      ...(this.problems[0] ? { firstBroken: this.problems[0] } : {}),
      ...(this.options.signed ? { signedLog: this.summary(this.options.signed) } : {}),
    };
  }

  private summary(signed: SignedLogEvidence): SignedLogSummary {
    const witness = signed.witness.filter((head) => head.log === signed.log);
    return {
      log: signed.log,
      ...(this.latest
        ? {
            latestHead: {
              sequence: this.latest.sequence,
              treeSize: this.latest.treeSize,
              rootHash: this.latest.rootHash,
              signedAt: this.latest.signedAt,
              keyId: this.latest.keyId,
            },
          }
        : {}),
      unsignedEvents: this.unsigned,
      witness: {
        location: signed.witnessLocation ?? 'non fourni',
        heads: witness.length,
        ...(witness.length ? { latestSequence: witness[witness.length - 1].sequence } : {}),
      },
    };
  }

  /** Each head's signature; the witness's heads against the database's; returns the latest valid head. */
  private checkHeads(signed: SignedLogEvidence): SignedTreeHead | undefined {
    const { log, publicKey } = signed;
    let latest: SignedTreeHead | undefined;
    const bySequence = new Map<number, SignedTreeHead>();
    signed.heads.forEach((head, index) => {
      bySequence.set(head.sequence, head);
      // Every head of the database is checked against the tree below; its signature only where it matters — the
      // latest (what the log claims now) and any that does not match (verifying 10⁶ signatures would take a minute).
      const isLatest = index === signed.heads.length - 1;
      if (isLatest && (head.log !== log || !verifyTreeHead(head, publicKey))) {
        this.add({
          streamId: '',
          revision: -1,
          problem: 'invalid_signature',
          detail: `la dernière tête du journal (n° ${head.sequence}) ne porte pas une signature valide de la clé ${keyIdOf(publicKey)} : tête forgée ou clé changée`,
        });
        return;
      }
      if (isLatest) latest = head;
    });
    for (const head of signed.witness) {
      if (head.log !== log || head.sequence < 0 || !verifyTreeHead(head, publicKey)) {
        this.add({
          streamId: '',
          revision: -1,
          problem: 'invalid_signature',
          detail: `le témoin ${signed.witnessLocation ?? ''} contient une tête illisible ou mal signée (n° ${head.sequence}) : témoin altéré`,
        });
        continue;
      }
      const inBase = bySequence.get(head.sequence);
      if (
        this.options.mode === 'full' &&
        inBase &&
        (inBase.treeSize !== head.treeSize || inBase.rootHash !== head.rootHash)
      ) {
        this.add({
          streamId: '',
          revision: -1,
          problem: 'witness_mismatch',
          detail: `la tête n° ${head.sequence} diffère entre la base (${inBase.treeSize} événements) et le témoin (${head.treeSize} événements) : tête réécrite dans la base`,
        });
      }
      if (this.options.mode === 'full' && (!latest || head.sequence > latest.sequence)) {
        this.add({
          streamId: '',
          revision: -1,
          problem: 'rollback',
          detail: `le témoin garde la tête n° ${head.sequence} (${frDate(head.signedAt)}) que la base n’a plus${latest ? ` (sa dernière est la n° ${latest.sequence})` : ''} : base restaurée à un état antérieur ou têtes supprimées`,
        });
      }
    }
    if (!latest && signed.heads.length === 0 && this.options.mode === 'proofs') {
      this.add({
        streamId: '',
        revision: -1,
        problem: 'invalid_signature',
        detail: 'aucune tête signée : rien ne prouve ces événements',
      });
    }
    return latest;
  }

  private checkChain(event: AuditedEvent): void {
    const known = this.chains.get(event.streamId);
    const state =
      known ??
      (this.options.mode === 'proofs' && event.previousHash !== undefined
        ? { next: event.revision, lastHash: event.previousHash }
        : { next: 0, lastHash: GENESIS_HASH });
    if (event.revision < state.next) {
      this.add({
        streamId: event.streamId,
        revision: event.revision,
        eventId: event.eventId,
        problem: 'reordered',
        detail: `la version ${event.revision} apparaît après la version ${state.next - 1} : événements réordonnés ou dupliqués`,
      });
      return;
    }
    if (event.revision > state.next) {
      if (this.options.mode === 'full') {
        const missing =
          event.revision - state.next === 1
            ? `version ${state.next} absente`
            : `versions ${state.next} à ${event.revision - 1} absentes`;
        this.add({
          streamId: event.streamId,
          revision: state.next,
          problem: 'missing_revision',
          detail: `${missing} : événement supprimé ou déplacé`,
        });
      }
      // Its predecessor is not here: the chain resumes from what this event records.
      this.chains.set(event.streamId, { next: event.revision + 1, lastHash: event.hash });
      if (this.options.mode === 'proofs' && event.previousHash !== undefined) this.checkHash(event, event.previousHash);
      return;
    }
    if (this.options.mode === 'proofs' && event.previousHash !== undefined && event.previousHash !== state.lastHash) {
      this.add({
        streamId: event.streamId,
        revision: event.revision,
        eventId: event.eventId,
        problem: 'hash_mismatch',
        detail: 'l’empreinte annoncée du précédent ne correspond pas à l’événement précédent du paquet',
      });
    }
    this.checkHash(event, state.lastHash);
    this.chains.set(event.streamId, { next: event.revision + 1, lastHash: event.hash });
  }

  private checkHash(event: AuditedEvent, previousHash: string): void {
    const recomputed = chainHash(previousHash, event);
    if (recomputed !== event.hash) {
      this.add({
        streamId: event.streamId,
        revision: event.revision,
        eventId: event.eventId,
        problem: 'hash_mismatch',
        detail: `empreinte recalculée ${recomputed.slice(0, 12)}… ≠ empreinte enregistrée ${event.hash.slice(0, 12)}… : contenu modifié (données, type, acteur, dates ou métadonnées), ou le précédent réécrit`,
      });
    }
  }

  /** Where the event sits in the signed tree: under a head, or not. */
  private checkPlace(event: AuditedEvent): void {
    const where = { streamId: event.streamId, revision: event.revision, eventId: event.eventId };
    const latestSize = this.latest?.treeSize ?? 0;
    if (event.leafIndex === null || event.leafIndex >= latestSize) {
      this.unsigned++;
      this.add({
        ...where,
        problem: 'unsigned_event',
        detail:
          event.leafIndex === null
            ? 'événement absent du journal signé : écrit hors de l’application (chaque écriture de l’application est signée dans sa transaction)'
            : `événement placé en position ${event.leafIndex}, au-delà de la dernière tête signée (${latestSize} événements) : écrit hors de l’application`,
      });
      if (event.leafIndex === null) return;
    }
    if (this.options.mode === 'proofs') {
      const head = this.latest;
      if (!head || event.leafIndex >= head.treeSize) return;
      const proof = (event.inclusionProof ?? []).map((hex) => Buffer.from(hex, 'hex'));
      if (
        !verifyInclusion(
          leafHash(event.hash),
          BigInt(event.leafIndex),
          BigInt(head.treeSize),
          proof,
          Buffer.from(head.rootHash, 'hex'),
        )
      ) {
        this.add({
          ...where,
          problem: 'tree_mismatch',
          detail: `l’événement ne figure pas, tel quel, dans l’arbre signé n° ${head.sequence} (${head.treeSize} événements) : modifié, déplacé ou inventé`,
        });
      }
      return;
    }
    const expected = Number(this.frontier.size);
    if (event.leafIndex !== expected) {
      this.add({
        ...where,
        problem: 'missing_leaf',
        detail:
          event.leafIndex > expected
            ? `positions ${expected} à ${event.leafIndex - 1} du journal signé absentes : événements supprimés`
            : `position ${event.leafIndex} du journal signé occupée deux fois`,
      });
      if (event.leafIndex < expected) return;
    }
    this.frontier.append(leafHash(event.hash));
    this.passCheckpoints(Number(this.frontier.size));
  }

  /** Compares the recomputed root with every head signed at this size. */
  private passCheckpoints(size: number): void {
    while (
      this.nextCheckpoint < this.checkpoints.length &&
      this.checkpoints[this.nextCheckpoint].head.treeSize <= size
    ) {
      const { head, source } = this.checkpoints[this.nextCheckpoint++];
      if (head.treeSize < size) continue;
      const root = (size === 0 ? EMPTY_ROOT : this.frontier.root()).toString('hex');
      if (root === head.rootHash) {
        this.lastMatchingSize = size;
        continue;
      }
      // The first head that no longer matches bounds where the change is; later ones only repeat it.
      if (this.reportedMismatch.has(source)) continue;
      this.reportedMismatch.add(source);
      const forged = source === 'base' && !verifyTreeHead(head, (this.options.signed as SignedLogEvidence).publicKey);
      this.add({
        streamId: '',
        revision: -1,
        problem: forged ? 'invalid_signature' : 'tree_mismatch',
        detail: forged
          ? `la tête n° ${head.sequence} de la base ne correspond pas aux événements et sa signature n’est pas valide : tête forgée`
          : `les ${size} premiers événements ne donnent plus la racine signée dans la tête n° ${head.sequence} (${source}, ${frDate(head.signedAt)}) : un événement entre les positions ${this.lastMatchingSize} et ${size - 1} a été modifié, inséré, supprimé ou déplacé, même si les empreintes ont été recalculées`,
      });
    }
  }

  private checkStreamRows(rows: readonly StreamHeadRow[]): void {
    const listed = new Set<string>();
    for (const row of rows) {
      if (this.options.streamPrefix && !row.streamId.startsWith(this.options.streamPrefix)) continue;
      listed.add(row.streamId);
      const walked = this.chains.get(row.streamId);
      if (!walked || walked.next - 1 !== row.revision || walked.lastHash !== row.lastHash) {
        this.add({
          streamId: row.streamId,
          revision: walked ? walked.next : 0,
          problem: 'stream_head_mismatch',
          detail: `le flux annonce la version ${row.revision} mais ses événements s’arrêtent à ${walked ? walked.next - 1 : 'aucune'} : événement supprimé ou tête réécrite`,
        });
      }
    }
    for (const streamId of this.streamsSeen) {
      if (!listed.has(streamId))
        this.add({
          streamId,
          revision: 0,
          problem: 'stream_head_mismatch',
          detail:
            'des événements existent pour ce flux mais le flux n’est pas déclaré : événements insérés hors de l’application',
        });
    }
  }

  private add(problem: BrokenLink): void {
    this.problemCount++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push(problem);
  }
}

function frDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' });
}
