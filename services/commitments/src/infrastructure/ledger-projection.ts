import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DERIVED_COMMIT_EXPRESSION, loadMigrations, migrate, type SqlClient } from '@cvl/event-store';
import type { Cents } from '@cvl/money';
import { SQL_CLIENT } from '@cvl/platform';
import type { CommitmentAttribution, CommitmentStatus } from '../domain/events';
import type { Figures } from '../domain/figures';
import type { LegalAct } from '../domain/trace';
import type { HistoryEntry } from '../queries/history';
import type { Projected } from '../queries/ledger-movements';
import type { CommitmentAt } from '../queries/statement';

export interface PointInTime {
  /** Valid time: bookings that took effect on or before this date (AAAA-MM-JJ). */
  asOf?: string;
  /** Transaction time: what the ledger had recorded by this instant (ISO). */
  knownAt?: string;
}

export interface LedgerTotalsAt {
  debitsPostedCents: Cents;
  creditsPostedCents: Cents;
  debitsPendingCents: Cents;
  creditsPendingCents: Cents;
}

const NAME = 'commitments-ledger';
/** Events projected per statement: a page of the ledger (1 000 events) is one. */
const ROWS_PER_STATEMENT = 2_000;

interface CommitmentRow extends FigureSums {
  commitment_id: string;
  funder: string;
  status: CommitmentStatus;
  is_pool: boolean;
  condition_id: string | null;
  attribution: CommitmentAttribution;
  act: LegalAct | null;
}

const big = (text: string | null | undefined) => BigInt(text ?? '0');

type FigureSums = Record<'indicative' | 'conditional' | 'firm' | 'paid' | 'outstanding' | 'released', string>;

/** The six sums of a query (text, exact) as figures in cents. */
function figuresOfSums(row: FigureSums): Figures {
  return {
    indicativeCents: big(row.indicative),
    conditionalCents: big(row.conditional),
    firmCents: big(row.firm),
    paidCents: big(row.paid),
    outstandingCents: big(row.outstanding),
    releasedCents: big(row.released),
  };
}

/** The SQL that sums them, the same for every query. */
const FIGURE_SUMS = `sum(d_indicative)::text AS indicative, sum(d_conditional)::text AS conditional, sum(d_firm)::text AS firm,
         sum(d_paid)::text AS paid, sum(d_outstanding)::text AS outstanding, sum(d_released)::text AS released`;

/** The current figures of ledger_current, as FIGURE_SUMS names them (one row per commitment: no sum). */
const CURRENT_FIGURES = `indicative::text AS indicative, conditional::text AS conditional, firm::text AS firm, paid::text AS paid,
         outstanding::text AS outstanding, released::text AS released`;
const CURRENT_SUMS = `sum(indicative)::text AS indicative, sum(conditional)::text AS conditional, sum(firm)::text AS firm,
         sum(paid)::text AS paid, sum(outstanding)::text AS outstanding, sum(released)::text AS released`;

/** No date and no instant: the present, read from the current figures rather than summed from every movement. */
const isPresent = (at: PointInTime) => !at.asOf && !at.knownAt;

/** The filter of a point in time, its parameters numbered from `first`. */
function pointFilter(at: PointInTime, first: number): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  if (at.asOf) {
    params.push(at.asOf);
    clauses.push(`effective_date <= $${first + params.length - 1}`);
  }
  if (at.knownAt) {
    params.push(at.knownAt);
    clauses.push(`recorded_at <= $${first + params.length - 1}::timestamptz`);
  }
  return { sql: clauses.length ? clauses.join(' AND ') : 'true', params };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Movement = Projected['movements'][number];
type TotalsMovement = NonNullable<Projected['totals']>;
type HistoryLine = Projected['history'][number];

// bigint as JSON numbers would lose cents past 2^53: text, read back by PostgreSQL as bigint.
const movementRow = (m: Movement) => ({
  revision: m.revision,
  commitment_id: m.commitmentId,
  funder: m.funder,
  status: m.status,
  is_pool: m.isPool,
  condition_id: m.conditionId ?? null,
  attribution: m.attribution,
  act: m.act ?? null,
  effective_date: m.effectiveDate,
  recorded_at: m.recordedAt,
  d_indicative: m.delta.indicativeCents.toString(),
  d_conditional: m.delta.conditionalCents.toString(),
  d_firm: m.delta.firmCents.toString(),
  d_paid: m.delta.paidCents.toString(),
  d_outstanding: m.delta.outstandingCents.toString(),
  d_released: m.delta.releasedCents.toString(),
  d_pending_net: m.pendingNetCents.toString(),
  d_posted_net: m.postedNetCents.toString(),
});

const totalsRow = (t: TotalsMovement) => ({
  revision: t.revision,
  effective_date: t.effectiveDate,
  recorded_at: t.recordedAt,
  d_debits_posted: t.debitsPostedCents.toString(),
  d_credits_posted: t.creditsPostedCents.toString(),
  d_debits_pending: t.debitsPendingCents.toString(),
  d_credits_pending: t.creditsPendingCents.toString(),
});

const historyRow = (h: HistoryLine) => ({ commitment_id: h.commitmentId, revision: h.revision, entry: h.entry });

/**
 * What a part of a page projected, with how far the projection goes, in one statement. Alone (its own
 * transaction), it also makes its commit a derived one: it holds only what the log gives again.
 */
function writeStatement(alone: boolean): string {
  return `WITH ${alone ? `derived AS (SELECT ${DERIVED_COMMIT_EXPRESSION} AS setting), ` : ''}movements AS (
       INSERT INTO ledger_movements (revision, commitment_id, funder, status, is_pool, condition_id, attribution, act, effective_date, recorded_at,
         d_indicative, d_conditional, d_firm, d_paid, d_outstanding, d_released, d_pending_net, d_posted_net)
       SELECT r.revision, r.commitment_id, r.funder, r.status, r.is_pool, r.condition_id, r.attribution, r.act, r.effective_date, r.recorded_at::timestamptz,
         r.d_indicative, r.d_conditional, r.d_firm, r.d_paid, r.d_outstanding, r.d_released, r.d_pending_net, r.d_posted_net
       FROM jsonb_to_recordset($1::jsonb) AS r(revision bigint, commitment_id text, funder text, status text, is_pool boolean, condition_id text, attribution jsonb, act jsonb,
         effective_date text, recorded_at text, d_indicative bigint, d_conditional bigint, d_firm bigint, d_paid bigint, d_outstanding bigint, d_released bigint, d_pending_net bigint, d_posted_net bigint)
       ON CONFLICT (revision, commitment_id) DO NOTHING
       RETURNING *
     ), current AS (
       -- In the order of the commitments (two writers lock their rows in one order), each adding what it inserted.
       INSERT INTO ledger_current AS c (commitment_id, revision, funder, status, is_pool, condition_id, attribution, act,
         indicative, conditional, firm, paid, outstanding, released, pending_net, posted_net)
       SELECT m.commitment_id, max(m.revision),
         (array_agg(m.funder ORDER BY m.revision DESC))[1], (array_agg(m.status ORDER BY m.revision DESC))[1], (array_agg(m.is_pool ORDER BY m.revision DESC))[1],
         (array_agg(m.condition_id ORDER BY m.revision DESC))[1], (array_agg(m.attribution ORDER BY m.revision DESC))[1], (array_agg(m.act ORDER BY m.revision DESC))[1],
         sum(m.d_indicative)::bigint, sum(m.d_conditional)::bigint, sum(m.d_firm)::bigint, sum(m.d_paid)::bigint, sum(m.d_outstanding)::bigint,
         sum(m.d_released)::bigint, sum(m.d_pending_net)::bigint, sum(m.d_posted_net)::bigint
       FROM movements m GROUP BY m.commitment_id ORDER BY m.commitment_id
       ON CONFLICT (commitment_id) DO UPDATE SET
         indicative = c.indicative + EXCLUDED.indicative, conditional = c.conditional + EXCLUDED.conditional, firm = c.firm + EXCLUDED.firm,
         paid = c.paid + EXCLUDED.paid, outstanding = c.outstanding + EXCLUDED.outstanding, released = c.released + EXCLUDED.released,
         pending_net = c.pending_net + EXCLUDED.pending_net, posted_net = c.posted_net + EXCLUDED.posted_net,
         funder = CASE WHEN EXCLUDED.revision > c.revision THEN EXCLUDED.funder ELSE c.funder END,
         status = CASE WHEN EXCLUDED.revision > c.revision THEN EXCLUDED.status ELSE c.status END,
         is_pool = CASE WHEN EXCLUDED.revision > c.revision THEN EXCLUDED.is_pool ELSE c.is_pool END,
         condition_id = CASE WHEN EXCLUDED.revision > c.revision THEN EXCLUDED.condition_id ELSE c.condition_id END,
         attribution = CASE WHEN EXCLUDED.revision > c.revision THEN EXCLUDED.attribution ELSE c.attribution END,
         act = CASE WHEN EXCLUDED.revision > c.revision THEN EXCLUDED.act ELSE c.act END,
         revision = GREATEST(c.revision, EXCLUDED.revision)
       RETURNING 1
     ), totals AS (
       INSERT INTO ledger_totals_movements (revision, effective_date, recorded_at, d_debits_posted, d_credits_posted, d_debits_pending, d_credits_pending)
       SELECT r.revision, r.effective_date, r.recorded_at::timestamptz, r.d_debits_posted, r.d_credits_posted, r.d_debits_pending, r.d_credits_pending
       FROM jsonb_to_recordset($2::jsonb) AS r(revision bigint, effective_date text, recorded_at text, d_debits_posted bigint, d_credits_posted bigint, d_debits_pending bigint, d_credits_pending bigint)
       ON CONFLICT (revision) DO NOTHING
       RETURNING *
     ), totals_current AS (
       INSERT INTO ledger_totals_current AS t (name, debits_posted, credits_posted, debits_pending, credits_pending)
       SELECT $4, sum(d_debits_posted)::bigint, sum(d_credits_posted)::bigint, sum(d_debits_pending)::bigint, sum(d_credits_pending)::bigint
       FROM totals HAVING count(*) > 0
       ON CONFLICT (name) DO UPDATE SET debits_posted = t.debits_posted + EXCLUDED.debits_posted, credits_posted = t.credits_posted + EXCLUDED.credits_posted,
         debits_pending = t.debits_pending + EXCLUDED.debits_pending, credits_pending = t.credits_pending + EXCLUDED.credits_pending
       RETURNING 1
     ), history AS (
       INSERT INTO ledger_history (commitment_id, revision, entry)
       SELECT r.commitment_id, r.revision, r.entry FROM jsonb_to_recordset($3::jsonb) AS r(commitment_id text, revision bigint, entry jsonb)
       ON CONFLICT (commitment_id, revision) DO NOTHING
       RETURNING 1
     )
     INSERT INTO ledger_projection (name, revision) SELECT $4, $5::bigint${alone ? ' FROM derived' : ''}
     ON CONFLICT (name) DO UPDATE SET revision = GREATEST(ledger_projection.revision, EXCLUDED.revision), updated_at = now()`;
}

function writeParams(part: readonly Projected[], upTo: number): unknown[] {
  return [
    JSON.stringify(part.flatMap((p) => p.movements).map(movementRow)),
    JSON.stringify(part.flatMap((p) => (p.totals ? [totalsRow(p.totals)] : []))),
    JSON.stringify(part.flatMap((p) => p.history).map(historyRow)),
    NAME,
    upTo,
  ];
}

/**
 * The ledger's read side in SQL: the movements, totals and history lines the ledger projects as it folds its
 * stream (queries/ledger-movements.ts), and the aggregates every query of the ledger is answered from. Amounts
 * are bigint cents; sums come back as text and become bigint.
 */
@Injectable()
export class LedgerProjection {
  private ready?: Promise<unknown>;

  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  init(): Promise<unknown> {
    this.ready ??= migrate(this.sql, loadMigrations(join(__dirname, 'migrations')), 'commitments').catch(
      (error: unknown) => {
        this.ready = undefined;
        throw error;
      },
    );
    return this.ready;
  }

  /** The last revision of the ledger's stream projected (-1: none). */
  async revision(): Promise<number> {
    await this.init();
    const found = await this.sql.query<{ revision: string }>(
      'SELECT revision::text AS revision FROM ledger_projection WHERE name = $1',
      [NAME],
    );
    return found.rowCount > 0 ? Number(found.rows[0].revision) : -1;
  }

  /**
   * Writes what a page of events projected, and how far that goes, in one transaction of one statement (per
   * ROWS_PER_STATEMENT events projected); rows already there stay.
   */
  async write(projected: readonly Projected[], upTo: number): Promise<void> {
    await this.init();
    const parts = chunks(projected, ROWS_PER_STATEMENT);
    // A page of one part (a command's events, the usual case): one statement, its own transaction, one round trip.
    if (parts.length === 1) {
      await this.sql.query(writeStatement(true), writeParams(parts[0], upTo));
      return;
    }
    await this.sql.transaction(
      async (tx) => {
        for (const part of parts) await tx.query(writeStatement(false), writeParams(part, upTo));
      },
      { derivedCommit: true },
    );
  }

  /**
   * Every commitment (of one funder, or all) as it stood at the point in time: the sums of its movements effective
   * and recorded by then, with the state its latest one left.
   */
  async commitmentsAt(at: PointInTime, funder?: string): Promise<CommitmentAt[]> {
    await this.init();
    const filter = pointFilter(at, funder ? 2 : 1);
    const rows = isPresent(at)
      ? await this.sql.query<CommitmentRow>(
          `SELECT commitment_id, funder, status, is_pool, condition_id, attribution, act, ${CURRENT_FIGURES}
           FROM ledger_current ${funder ? 'WHERE funder = $1' : ''} ORDER BY commitment_id`,
          funder ? [funder] : [],
        )
      : await this.sql.query<CommitmentRow>(
          `SELECT commitment_id,
             (array_agg(funder ORDER BY revision DESC))[1] AS funder,
             (array_agg(status ORDER BY revision DESC))[1] AS status,
             (array_agg(is_pool ORDER BY revision DESC))[1] AS is_pool,
             (array_agg(condition_id ORDER BY revision DESC))[1] AS condition_id,
             (array_agg(attribution ORDER BY revision DESC))[1] AS attribution,
             (array_agg(act ORDER BY revision DESC))[1] AS act,
             ${FIGURE_SUMS}
           FROM ledger_movements
           WHERE ${funder ? 'funder = $1 AND ' : ''}${filter.sql}
           GROUP BY commitment_id
           ORDER BY commitment_id`,
          [...(funder ? [funder] : []), ...filter.params],
        );
    return rows.rows.map((row) => ({
      id: row.commitment_id,
      funder: row.funder,
      status: row.status,
      isPool: row.is_pool,
      ...(row.condition_id ? { conditionId: row.condition_id } : {}),
      attribution: row.attribution,
      ...(row.act ? { act: row.act } : {}),
      figures: figuresOfSums(row),
    }));
  }

  /** Each funder's figures at the point in time, summed in SQL. */
  async fundersAt(at: PointInTime): Promise<Array<{ funder: string; figures: Figures }>> {
    await this.init();
    const filter = pointFilter(at, 1);
    // A commitment's funder does not change: grouping its rows by the funder they carry is grouping by commitment.
    const rows = await this.sql.query<{ funder: string } & FigureSums>(
      isPresent(at)
        ? `SELECT funder, ${CURRENT_SUMS} FROM ledger_current GROUP BY funder ORDER BY funder`
        : `SELECT funder, ${FIGURE_SUMS}
           FROM ledger_movements WHERE ${filter.sql} GROUP BY funder ORDER BY funder`,
      filter.params,
    );
    return rows.rows.map((row) => ({ funder: row.funder, figures: figuresOfSums(row) }));
  }

  /** The ledger's totals at the point in time. */
  async totalsAt(at: PointInTime): Promise<LedgerTotalsAt> {
    await this.init();
    const filter = pointFilter(at, 1);
    const row = (
      await this.sql.query<Record<'dp' | 'cp' | 'dn' | 'cn', string | null>>(
        isPresent(at)
          ? `SELECT sum(debits_posted)::text AS dp, sum(credits_posted)::text AS cp, sum(debits_pending)::text AS dn, sum(credits_pending)::text AS cn
             FROM ledger_totals_current`
          : `SELECT sum(d_debits_posted)::text AS dp, sum(d_credits_posted)::text AS cp, sum(d_debits_pending)::text AS dn, sum(d_credits_pending)::text AS cn
             FROM ledger_totals_movements WHERE ${filter.sql}`,
        filter.params,
      )
    ).rows[0];
    return {
      debitsPostedCents: big(row.dp),
      creditsPostedCents: big(row.cp),
      debitsPendingCents: big(row.dn),
      creditsPendingCents: big(row.cn),
    };
  }

  /**
   * The commitments whose views disagree with their ledger account at the point in time (reserved ≠ pending net,
   * or outstanding ≠ posted net): the same check as viewLedgerDisagreements, over the projection.
   */
  async disagreementsAt(at: PointInTime): Promise<string[]> {
    await this.init();
    const filter = pointFilter(at, 1);
    if (isPresent(at)) {
      // The predicate of the partial index ledger_current_disagreements, word for word, so that it serves.
      const present = await this.sql.query<{ commitment_id: string }>(
        `SELECT commitment_id FROM ledger_current
         WHERE indicative + conditional <> pending_net OR (CASE WHEN status = 'firm' THEN outstanding ELSE 0 END) <> posted_net
         ORDER BY commitment_id LIMIT 100`,
      );
      return present.rows.map((row) => row.commitment_id);
    }
    const rows = await this.sql.query<{ commitment_id: string }>(
      `SELECT commitment_id FROM (
         SELECT commitment_id, (array_agg(status ORDER BY revision DESC))[1] AS status,
           sum(d_indicative) + sum(d_conditional) AS reserved, sum(d_pending_net) AS pending_net,
           sum(d_outstanding) AS outstanding, sum(d_posted_net) AS posted_net
         FROM ledger_movements WHERE ${filter.sql} GROUP BY commitment_id
       ) AS c
       WHERE reserved <> pending_net OR (CASE WHEN status = 'firm' THEN outstanding ELSE 0 END) <> posted_net
       ORDER BY commitment_id LIMIT 100`,
      filter.params,
    );
    return rows.rows.map((row) => row.commitment_id);
  }

  /** A commitment's history lines, in the ledger's order. */
  async history(commitmentId: string): Promise<HistoryEntry[]> {
    await this.init();
    const rows = await this.sql.query<{ entry: HistoryEntry }>(
      'SELECT entry FROM ledger_history WHERE commitment_id = $1 ORDER BY revision',
      [commitmentId],
    );
    return rows.rows.map((row) => row.entry);
  }
}
