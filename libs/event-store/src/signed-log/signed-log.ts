import { canonicalJson } from '../canonical-json';
import type { SqlClient, SqlExecutor } from '../sql/sql-client';
import { Frontier, leafHash } from './merkle';
import { LogSigningKey, verifyTreeHead, type SignedTreeHead } from './tree-head';
import type { Witness } from './witness';

export interface SignedLogConfig {
  key: LogSigningKey;
  /** The log's name in every head it signs. */
  log: string;
  witness: Witness;
  /** How often the latest head is copied to the witness (and always at close). 5 s by default. */
  witnessIntervalMs?: number;
}

/** The database's signed log disagrees with its signature or with the witness: nothing is written on top of it. */
export class TamperedLogError extends Error {
  constructor(detail: string) {
    super(`Journal signé incohérent, écriture refusée : ${detail}. Lancez « cvl verify » pour le détail.`);
    this.name = 'TamperedLogError';
  }
}

export interface StateRow {
  head: SignedTreeHead;
  frontier: string[];
}

/** What an append adds to the signed log: its events' leaves, the new head and frontier to store. */
export interface PlacedEvents {
  leafIndexes: number[];
  head: SignedTreeHead;
  frontier: string[];
  committed: () => void;
}

const ADOPTION_PAGE = 10_000;
const SIGNED_LOG_INIT_LOCK = 7_310_662_016;
/**
 * Every append to a signed store takes this lock first (an advisory lock: taken before any write, so a waiter's
 * transaction id comes after the holder's commit and the global order stays the order of the appends): the tree
 * grows one append at a time, and the append reads the stream's head and the log's state without row locks.
 */
export const SIGNED_APPEND_LOCK = 7_310_662_017;

/**
 * The writer's side of the signed log. Each append, in its own transaction, locks the current head, checks that it
 * is one this key signed, places its events as the next leaves and signs the new head; so every event the suite
 * writes is covered by a signed head the moment it is committed, and an event inserted by SQL never is.
 */
export class SignedLog {
  /** The last head committed by this process, with its frontier: when the row still holds it, no re-check. */
  private trusted?: { head: SignedTreeHead; frontier: Frontier };
  private witnessedSequence = 0;
  private timer?: NodeJS.Timeout;

  constructor(readonly config: SignedLogConfig) {}

  get log(): string {
    return this.config.log;
  }

  get publicKey() {
    return this.config.key.publicKey;
  }

  get witness(): Witness {
    return this.config.witness;
  }

  /**
   * Run once before the first append: checks the current head and the witness, or — on a store that has no signed
   * log yet — places the events already there (in their global order) and signs the first head.
   */
  async initialise(client: SqlClient, now: () => Date): Promise<void> {
    await client.transaction(async (tx) => {
      // Several processes opening a fresh store at once: one signs the first head, the others then find it
      // (a row lock cannot guard a row that does not exist yet).
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SIGNED_LOG_INIT_LOCK]);
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SIGNED_APPEND_LOCK]);
      const row = (await tx.query<StateRow>('SELECT head, frontier FROM signed_log_state WHERE singleton')).rows[0];
      const witnessed = this.config.witness.heads().filter((head) => head.log === this.config.log);
      const latestWitnessed = witnessed[witnessed.length - 1];
      if (row) {
        const frontier = this.checkedFrontier(row);
        if (
          latestWitnessed &&
          (latestWitnessed.sequence > row.head.sequence || latestWitnessed.treeSize > row.head.treeSize)
        ) {
          throw new TamperedLogError(
            `le témoin (${this.config.witness.location}) garde la tête n° ${latestWitnessed.sequence} sur ${latestWitnessed.treeSize} événements, la base n’est qu’à la n° ${row.head.sequence} : base restaurée à un état antérieur`,
          );
        }
        this.trusted = { head: row.head, frontier };
        this.witnessedSequence = latestWitnessed?.sequence ?? 0;
        return;
      }
      if (latestWitnessed) {
        throw new TamperedLogError(
          `le témoin (${this.config.witness.location}) garde ${witnessed.length} tête(s) signée(s) de ce journal, la base n’en a aucune : base remplacée ou têtes supprimées`,
        );
      }
      const frontier = await this.adoptExisting(tx);
      const head = this.config.key.sign({
        log: this.config.log,
        sequence: 1,
        treeSize: Number(frontier.size),
        rootHash: frontier.root().toString('hex'),
        signedAt: now().toISOString(),
        keyId: this.config.key.keyId,
      });
      await this.store(tx, head, frontier, 'insert');
      this.trusted = { head, frontier };
    });
    this.recordWitness();
    const interval = this.config.witnessIntervalMs ?? 5_000;
    this.timer = setInterval(() => this.recordWitness(), interval);
    this.timer.unref();
  }

  /**
   * In the append's transaction, under the store's append lock, with the state row the append read: the events'
   * places as the next leaves, the new head signed, and what to do once committed. The store writes the row.
   */
  place(row: StateRow | undefined, eventHashes: readonly string[], signedAt: string): PlacedEvents {
    if (!row || !row.head) throw new TamperedLogError('la tête courante du journal signé a disparu de la base');
    const frontier = this.checkedFrontier(row);
    const leafIndexes = eventHashes.map((hash) => {
      const index = Number(frontier.size);
      frontier.append(leafHash(hash));
      return index;
    });
    const head = this.config.key.sign({
      log: this.config.log,
      sequence: row.head.sequence + 1,
      treeSize: Number(frontier.size),
      rootHash: frontier.root().toString('hex'),
      signedAt,
      keyId: this.config.key.keyId,
    });
    return {
      leafIndexes,
      head,
      frontier: frontier.toJSON(),
      committed: () => void (this.trusted = { head, frontier }),
    };
  }

  /** The state this process last committed or checked, as its row should hold it: what an append builds on. */
  trustedState(): StateRow | undefined {
    return this.trusted ? { head: this.trusted.head, frontier: this.trusted.frontier.toJSON() } : undefined;
  }

  /** Copies the latest head this process signed to the witness, if not there yet; returns it. */
  recordWitness(): SignedTreeHead | undefined {
    const latest = this.trusted?.head;
    if (latest && latest.sequence > this.witnessedSequence) {
      this.config.witness.record(latest);
      this.witnessedSequence = latest.sequence;
    }
    return latest;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.recordWitness();
  }

  /** The row's frontier, once its head is shown to be ours and to match it. */
  private checkedFrontier(row: StateRow): Frontier {
    const trusted = this.trusted;
    // Only the very row this process committed is taken on trust: any other field changed (root, size, frontier)
    // and it is checked again.
    if (
      trusted &&
      canonicalJson({ head: { ...trusted.head }, frontier: trusted.frontier.toJSON() }) ===
        canonicalJson({ head: { ...row.head }, frontier: row.frontier })
    )
      return trusted.frontier.clone();
    if (row.head.log !== this.config.log || !verifyTreeHead(row.head, this.config.key.publicKey)) {
      throw new TamperedLogError(
        `la tête courante (n° ${row.head.sequence}) n’est pas signée par la clé du journal ${this.config.key.keyId}`,
      );
    }
    let frontier: Frontier;
    try {
      frontier = Frontier.restore(BigInt(row.head.treeSize), row.frontier);
    } catch (error) {
      throw new TamperedLogError((error as Error).message);
    }
    if (frontier.root().toString('hex') !== row.head.rootHash)
      throw new TamperedLogError('la frontière de l’arbre ne donne pas la racine signée');
    return frontier;
  }

  /** A store older than signing: its events, in global order, become the first leaves. */
  private async adoptExisting(tx: SqlExecutor): Promise<Frontier> {
    await tx.query(
      `UPDATE events SET leaf_index = placed.leaf_index
       FROM (SELECT position, row_number() OVER (ORDER BY transaction_id, position) - 1 AS leaf_index FROM events WHERE leaf_index IS NULL) AS placed
       WHERE events.position = placed.position`,
    );
    const frontier = Frontier.empty();
    for (let after = -1; ;) {
      const page = await tx.query<{ leaf_index: string; hash: string }>(
        'SELECT leaf_index::text AS leaf_index, hash FROM events WHERE leaf_index > $1 ORDER BY leaf_index LIMIT $2',
        [after, ADOPTION_PAGE],
      );
      for (const row of page.rows) frontier.append(leafHash(row.hash));
      if (page.rows.length < ADOPTION_PAGE) break;
      after = Number(page.rows[page.rows.length - 1].leaf_index);
    }
    return frontier;
  }

  private async store(
    tx: SqlExecutor,
    head: SignedTreeHead,
    frontier: Frontier,
    how: 'insert' | 'update',
  ): Promise<void> {
    const state = [JSON.stringify(head), JSON.stringify(frontier.toJSON())];
    if (how === 'insert')
      await tx.query(
        'INSERT INTO signed_log_state (singleton, head, frontier) VALUES (true, $1::jsonb, $2::jsonb)',
        state,
      );
    else await tx.query('UPDATE signed_log_state SET head = $1::jsonb, frontier = $2::jsonb WHERE singleton', state);
    await tx.query('INSERT INTO signed_tree_heads (sequence, tree_size, head) VALUES ($1, $2, $3::jsonb)', [
      head.sequence,
      head.treeSize,
      JSON.stringify(head),
    ]);
  }
}
