import { NotFoundException } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import { toDecimalString } from '@cvl/money';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import { referenceKey, type CommitmentsState } from '../domain/state';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import { LedgerProjection, type PointInTime } from '../infrastructure/ledger-projection';
import { funderStatement } from '../queries/statement';
import { figuresView } from '../queries/views';
import { lineOf } from '../record-document-figure/document-figures.query';

export type FunderStatementView = { at: PointInTime; pourMemoire: PourMemoire[] } & Omit<
  ReturnType<typeof funderStatement>,
  'commitments'
> & {
    commitments: Array<
      ReturnType<typeof funderStatement>['commitments'][number] & {
        since: string;
        firmSince?: string;
        documentLines: number[];
      }
    >;
  };

interface PourMemoire {
  figureId: string;
  text: string;
  wording?: string;
  period: { fromYear: number; toYear: number };
  line: number;
}

export class FunderStatementQuery extends LedgerQuery<
  'funder-statement',
  { access: Access; funder: string; at: PointInTime },
  FunderStatementView
> {
  readonly type = 'funder-statement';
}

/** A funder's own statement (the ledger caught up, then answered in SQL at the point in time asked). */
@QueryHandler(FunderStatementQuery)
export class FunderStatementQueryHandler extends LedgerQueryHandler<FunderStatementQuery, FunderStatementView> {
  constructor(
    ledger: CommitmentsLedger,
    private readonly projection: LedgerProjection,
  ) {
    super(ledger);
  }

  protected async read({ access, funder: code, at }: FunderStatementQuery['params'], state: CommitmentsState) {
    access.requireFor('financeur', code, `${access.organisation} ne lit que son propre relevé, pas celui de ${code}`);
    const funder = state.references.get(referenceKey('funder', code));
    if (!funder) throw new NotFoundException(`Financeur inconnu : ${code}`);
    const commitments = await this.projection.commitmentsAt(at, code);
    const statement = funderStatement(
      commitments,
      { code, name: funder.name },
      (id) => state.conditions.get(id)?.label ?? id,
      (dimension, key) =>
        dimension === 'year' ? key : (state.references.get(referenceKey(dimension, key))?.name ?? key),
    );
    const lines = bookingLines(state, code);
    return {
      at,
      ...statement,
      // Each commitment with the dates of its life and the document lines it was booked from: what a statement
      // worth signing lists beside its amounts.
      commitments: statement.commitments.map((line) => {
        const commitment = state.commitments.get(line.id);
        return {
          ...line,
          since: commitment?.since ?? '',
          ...(commitment?.firmSince ? { firmSince: commitment.firmSince } : {}),
          documentLines: lines.get(line.id) ?? [],
        };
      }),
      // Announced without an amount: shown beside the totals, never in them.
      pourMemoire: [...state.documentFigures.values()]
        .filter((f) => f.role === 'pour-memoire' && f.funder === code)
        .map((f) => ({
          figureId: f.figureId,
          text: f.text,
          ...(f.wording ? { wording: f.wording } : {}),
          period: f.period,
          line: lineOf(f),
        })),
    };
  }
}

/** The document lines each of a funder's commitments was booked from (a figure of role « booking »), in order. */
function bookingLines(state: CommitmentsState, funder: string): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  for (const figure of state.documentFigures.values()) {
    if (figure.role !== 'booking' || !figure.commitmentId) continue;
    if (state.commitments.get(figure.commitmentId)?.funder !== funder) continue;
    const known = lines.get(figure.commitmentId) ?? [];
    if (!known.includes(lineOf(figure)))
      lines.set(
        figure.commitmentId,
        [...known, lineOf(figure)].sort((a, b) => a - b),
      );
  }
  return lines;
}

export type BalancesView = Awaited<ReturnType<typeof balancesAt>>;

export class BalancesQuery extends LedgerQuery<'balances', { at: PointInTime }, BalancesView> {
  readonly type = 'balances';
}

async function balancesAt(projection: LedgerProjection, at: PointInTime) {
  const [funders, totals, disagreements] = await Promise.all([
    projection.fundersAt(at),
    projection.totalsAt(at),
    projection.disagreementsAt(at),
  ]);
  return {
    at,
    funders: funders.map(({ funder, figures }) => ({ funder, figures: figuresView(figures) })),
    ledger: {
      debitsPosted: toDecimalString(totals.debitsPostedCents),
      creditsPosted: toDecimalString(totals.creditsPostedCents),
      debitsPending: toDecimalString(totals.debitsPendingCents),
      creditsPending: toDecimalString(totals.creditsPendingCents),
      // Double entry: every transfer debits what it credits, so the sums agree at any point in time.
      balanced:
        totals.debitsPostedCents === totals.creditsPostedCents &&
        totals.debitsPendingCents === totals.creditsPendingCents,
      viewsAgreeWithLedger: disagreements.length === 0,
    },
  };
}

/** Every funder's balances and the ledger's equilibrium at a point in time (the ledger caught up first). */
@QueryHandler(BalancesQuery)
export class BalancesQueryHandler extends LedgerQueryHandler<BalancesQuery, BalancesView> {
  constructor(
    ledger: CommitmentsLedger,
    private readonly projection: LedgerProjection,
  ) {
    super(ledger);
  }

  protected read({ at }: BalancesQuery['params']) {
    return balancesAt(this.projection, at);
  }
}
