import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { loadMigrations, migrate, type SqlClient, type SqlExecutor } from '@cvl/event-store';
import { SQL_CLIENT } from '@cvl/platform';
import type { ProjectedCommitment } from '../projection/commitment-projection';
import {
  refKey,
  withItiAxes,
  type DocKind,
  type DocRef,
  type EnvelopeDoc,
  type OperationDoc,
  type ProgrammeDoc,
  type PourMemoireDoc,
  type ReferenceDoc,
} from '../projection/programme-projection';

/** A cell of the co-financing matrix as SQL sums it (figures in euros, decimal text). */
export interface MatrixCellRow {
  funder: string;
  stake: string;
  quartier: string;
  year: number;
  commitments: number;
  indicative: string;
  conditional: string;
  firm: string;
  paid: string;
  outstanding: string;
}

/** The read models were rebuilt (another generation started) since this projector subscribed. */
export class GenerationChanged extends Error {
  constructor(
    readonly expected: string,
    readonly current: string,
  ) {
    super(`génération des modèles de lecture changée : ${expected} → ${current}`);
    this.name = 'GenerationChanged';
  }
}

/** The projected commitments, operations and envelopes, in the service's database. */
@Injectable()
export class ReadModels {
  private ready?: Promise<unknown>;

  constructor(@Inject(SQL_CLIENT) readonly sql: SqlClient) {}

  init(): Promise<unknown> {
    this.ready ??= migrate(this.sql, loadMigrations(join(__dirname, 'migrations')), 'reporting').then(() =>
      this.sql.query('INSERT INTO rm_generation (id, generation) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [
        randomUUID(),
      ]),
    );
    return this.ready;
  }

  /** The generation of these read models (a new one at each rebuild). */
  async generation(): Promise<string> {
    await this.init();
    return (await this.sql.query<{ generation: string }>('SELECT generation FROM rm_generation WHERE id = 1')).rows[0]
      .generation;
  }

  /** The current generation and whether a rebuild started it. */
  async currentGeneration(): Promise<{ generation: string; rebuild: boolean }> {
    await this.init();
    return (
      await this.sql.query<{ generation: string; rebuild: boolean }>(
        'SELECT generation, rebuild FROM rm_generation WHERE id = 1',
      )
    ).rows[0];
  }

  /**
   * Inside a projection's transaction: the generation it projects for must still be the current one. The row is
   * read FOR SHARE, so a rebuild (which takes it FOR UPDATE) waits for the projections under way and every later one
   * sees the new generation: a replica still on the old one never writes into the rebuilt read models.
   */
  async assertGeneration(tx: SqlExecutor, generation: string): Promise<void> {
    const current = (
      await tx.query<{ generation: string }>('SELECT generation FROM rm_generation WHERE id = 1 FOR SHARE')
    ).rows[0].generation;
    if (current !== generation) throw new GenerationChanged(generation, current);
  }

  /**
   * Starts a new generation: the read models emptied and their processed marks dropped, in one transaction, so the
   * projector (subscribed again under the new generation's group) rebuilds them from the start of every topic. With
   * `from`, only if the current generation is still that one: of two replicas asked at once, the second is refused.
   */
  async startGeneration(consumers: readonly string[], from?: string): Promise<string> {
    await this.init();
    const generation = randomUUID();
    await this.sql.transaction(async (tx) => {
      const current = (
        await tx.query<{ generation: string }>('SELECT generation FROM rm_generation WHERE id = 1 FOR UPDATE')
      ).rows[0].generation;
      if (from !== undefined && current !== from) throw new GenerationChanged(from, current);
      await tx.query('TRUNCATE rm_commitments, rm_documents');
      await tx.query('DELETE FROM processed_events WHERE consumer = ANY($1::text[])', [consumers]);
      await tx.query('UPDATE rm_generation SET generation = $1, created_at = now(), rebuild = true WHERE id = 1', [
        generation,
      ]);
    });
    return generation;
  }

  /** When the current generation started, and how many events it has projected so far. */
  async progress(consumers: readonly string[]): Promise<{ generation: string; startedAt: string; projected: number }> {
    await this.init();
    const generation = await this.sql.query<{ generation: string; created_at: Date | string }>(
      'SELECT generation, created_at FROM rm_generation WHERE id = 1',
    );
    const projected = await this.sql.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM processed_events WHERE consumer = ANY($1::text[])',
      [consumers],
    );
    return {
      generation: generation.rows[0].generation,
      startedAt: new Date(generation.rows[0].created_at).toISOString(),
      projected: Number(projected.rows[0].n),
    };
  }

  async load(db: SqlExecutor, ids: string[]): Promise<Map<string, ProjectedCommitment>> {
    if (ids.length === 0) return new Map();
    const rows = await db.query<{ id: string; doc: ProjectedCommitment }>(
      'SELECT id, doc FROM rm_commitments WHERE id = ANY($1::text[])',
      [ids],
    );
    return new Map(rows.rows.map((r) => [r.id, r.doc]));
  }

  /** Writes documents in one statement, each once (a batch's fold leaves one version of each). */
  async save(db: SqlExecutor, docs: readonly ProjectedCommitment[]): Promise<void> {
    if (docs.length === 0) return;
    await db.query(
      `INSERT INTO rm_commitments (id, funder, doc) SELECT id, funder, doc::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS d (id, funder, doc)
       ON CONFLICT (id) DO UPDATE SET funder = EXCLUDED.funder, doc = EXCLUDED.doc, updated_at = now()`,
      [docs.map((d) => d.id), docs.map((d) => d.funder), docs.map((d) => JSON.stringify(d))],
    );
  }

  /**
   * The projected commitments, the ITI's attributed to their operation's axis (see withItiAxes): every one, or one
   * funder's (read on its index, so a financeur's view costs its own commitments, not the country's) with the parts
   * of its pools, whoever holds them (`doc ? 'poolId'` repeats the partial index's predicate, so the planner can use it).
   */
  async all(scope: { funder?: string } = {}): Promise<ProjectedCommitment[]> {
    await this.init();
    const rows =
      scope.funder === undefined
        ? await this.sql.query<{ doc: ProjectedCommitment }>('SELECT doc FROM rm_commitments ORDER BY id')
        : await this.sql.query<{ doc: ProjectedCommitment }>(
            `SELECT doc FROM rm_commitments WHERE funder = $1
             OR (doc ? 'poolId' AND doc->>'poolId' IN (SELECT id FROM rm_commitments WHERE funder = $1 AND (doc->>'isPool')::boolean))
             ORDER BY id`,
            [scope.funder],
          );
    return withItiAxes(
      rows.rows.map((r) => r.doc),
      await this.operations(),
    );
  }

  /**
   * The co-financing matrix's cells summed in SQL — funder × stake (an ITI commitment without one takes its
   * operation's axis, as withItiAxes does) × quartier × year — over one funder's commitments (its index) or all;
   * the figures as figuresOf gives them, exact (numeric sums of the decimal amounts).
   */
  async matrixCells(
    scope: { funder?: string },
    filter: { funder?: string; quartier?: string; stake?: string; year?: number },
    none: string,
  ): Promise<MatrixCellRow[]> {
    await this.init();
    const rows = await this.sql.query<MatrixCellRow>(
      `WITH c AS (
         SELECT c.funder,
           CASE WHEN coalesce(c.doc->'attribution'->>'stake', '') = '' AND o.doc->>'axis' IS NOT NULL THEN 'axe-' || (o.doc->>'axis')
                ELSE coalesce(c.doc->'attribution'->>'stake', $5) END AS stake,
           coalesce(c.doc->'attribution'->>'quartier', $5) AS quartier,
           (c.doc->'attribution'->>'year')::int AS year,
           c.doc->>'status' AS status, (c.doc->>'amount')::numeric AS amount, (c.doc->>'paid')::numeric AS paid
         FROM rm_commitments c
         LEFT JOIN rm_documents o ON c.doc->'request'->>'source' = 'iti-feder' AND o.kind = 'operation'
           AND o.id = 'iti-feder:' || (c.doc->'request'->>'protocolId') || ':' || (c.doc->'request'->>'operationId') AND o.doc->>'source' = 'iti-feder'
         WHERE ($1::text IS NULL OR c.funder = $1) AND ($2::text IS NULL OR c.funder = $2)
       )
       SELECT funder, stake, quartier, year, count(*)::int AS commitments,
         sum(CASE WHEN status = 'indicative' THEN amount ELSE 0 END)::numeric(32, 2)::text AS indicative,
         sum(CASE WHEN status = 'conditional' THEN amount ELSE 0 END)::numeric(32, 2)::text AS conditional,
         sum(CASE WHEN status = 'firm' THEN amount ELSE 0 END)::numeric(32, 2)::text AS firm,
         sum(paid)::numeric(32, 2)::text AS paid,
         sum(CASE WHEN status = 'firm' THEN amount - paid ELSE 0 END)::numeric(32, 2)::text AS outstanding
       FROM c
       WHERE ($3::text IS NULL OR quartier = $3) AND ($4::text IS NULL OR stake = $4) AND ($6::int IS NULL OR year = $6)
       GROUP BY funder, stake, quartier, year`,
      [
        scope.funder ?? null,
        filter.funder ?? null,
        filter.quartier ?? null,
        filter.stake ?? null,
        none,
        filter.year ?? null,
      ],
    );
    return rows.rows;
  }

  async loadDocuments(db: SqlExecutor, refs: readonly DocRef[]): Promise<Map<string, ProgrammeDoc>> {
    if (refs.length === 0) return new Map();
    const rows = await db.query<{ kind: DocKind; id: string; doc: ProgrammeDoc }>(
      'SELECT kind, id, doc FROM rm_documents WHERE (kind, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
      [refs.map((r) => r.kind), refs.map((r) => r.id)],
    );
    return new Map(rows.rows.map((r) => [refKey(r), r.doc]));
  }

  async saveDocuments(db: SqlExecutor, items: ReadonlyArray<{ ref: DocRef; doc: ProgrammeDoc }>): Promise<void> {
    if (items.length === 0) return;
    await db.query(
      `INSERT INTO rm_documents (kind, id, doc) SELECT kind, id, doc::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS d (kind, id, doc)
       ON CONFLICT (kind, id) DO UPDATE SET doc = EXCLUDED.doc, updated_at = now()`,
      [items.map((i) => i.ref.kind), items.map((i) => i.ref.id), items.map((i) => JSON.stringify(i.doc))],
    );
  }

  async operations(): Promise<OperationDoc[]> {
    await this.init();
    return (
      await this.sql.query<{ doc: OperationDoc }>("SELECT doc FROM rm_documents WHERE kind = 'operation' ORDER BY id")
    ).rows.map((r) => r.doc);
  }

  async envelopes(): Promise<EnvelopeDoc[]> {
    await this.init();
    return (
      await this.sql.query<{ doc: EnvelopeDoc }>("SELECT doc FROM rm_documents WHERE kind = 'envelope' ORDER BY id")
    ).rows.map((r) => r.doc);
  }

  /** A funder's participations pour mémoire (announced without an amount), in document order. */
  async pourMemoire(funder: string): Promise<PourMemoireDoc[]> {
    await this.init();
    return (
      await this.sql.query<{ doc: PourMemoireDoc }>(
        "SELECT doc FROM rm_documents WHERE kind = 'memo' AND doc->>'funder' = $1 ORDER BY (doc->>'line')::int, id",
        [funder],
      )
    ).rows.map((r) => r.doc);
  }

  /** The names of the reference data (funders, quartiers, stakes…), for what people read: codes stay beside them. */
  async names(): Promise<Names> {
    await this.init();
    const rows = (
      await this.sql.query<{ doc: ReferenceDoc }>("SELECT doc FROM rm_documents WHERE kind = 'reference'")
    ).rows.map((r) => r.doc);
    return new Names(rows);
  }
}

/** Code → name, by kind of the reference data; an unknown code reads as itself. */
export class Names {
  private readonly byKey: ReadonlyMap<string, string>;
  constructor(items: readonly ReferenceDoc[]) {
    this.byKey = new Map(items.map((i) => [`${i.kind}:${i.code}`, i.name]));
  }
  /** How many codes are known, of every kind (none: the read models hold no reference data yet). */
  get size(): number {
    return this.byKey.size;
  }
  has(kind: 'funder' | 'quartier' | 'stake' | 'programme' | 'epci', code: string): boolean {
    return this.byKey.has(`${kind}:${code}`);
  }
  of(kind: 'funder' | 'quartier' | 'stake' | 'programme' | 'epci', code: string): string {
    return this.byKey.get(`${kind}:${code}`) ?? code;
  }
  /** « QP062021, QP062033 » → their names, in the same order. */
  list(kind: 'quartier', codes: string): string {
    return codes
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => this.of(kind, c))
      .join(', ');
  }
}
