import { aeCpRows } from '../ae-cp/ae-cp';
import { asJson, NONE, plus, zero, type Figures } from '../co-financing-matrix/co-financing-matrix';
import { pendingByCondition, poolPositions } from '../conditions-and-pools/conditions-and-pools';
import { figuresOf, type ProjectedCommitment } from '../projection/commitment-projection';
import type { PourMemoireDoc } from '../projection/programme-projection';

const AXES = ['programme', 'quartier', 'stake', 'year', 'epci'] as const;
type Axis = (typeof AXES)[number];
type FiguresJson = ReturnType<typeof asJson>;

/**
 * A funder's statement as reporting sees it: totals, the same figures by programme, quartier, stake, year and EPCI,
 * its AE/CP year by year, what waits on conditions and what is left in its pools. Each breakdown adds up to the totals.
 */
export function funderStatement(
  docs: readonly ProjectedCommitment[],
  funder: string,
  pourMemoire: readonly PourMemoireDoc[] = [],
) {
  const mine = docs.filter((doc) => doc.funder === funder);
  const by = Object.fromEntries(AXES.map((axis) => [axis, new Map<string, Figures>()])) as Record<
    Axis,
    Map<string, Figures>
  >;
  let totals = zero();
  for (const doc of mine) {
    const figures = figuresOf(doc);
    totals = plus(totals, figures);
    for (const axis of AXES) {
      const key = String(doc.attribution[axis] ?? NONE);
      by[axis].set(key, plus(by[axis].get(key) ?? zero(), figures));
    }
  }
  // Each line names its key after its axis (« { quartier: "QP062024", figures } »): typed so, not as a string index.
  const breakdown = <A extends Axis>(axis: A) =>
    [...by[axis].entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([key, figures]) => ({ [axis]: key, figures: asJson(figures) }) as Record<A, string> & { figures: FiguresJson },
      );
  return {
    funder,
    commitments: mine.length,
    totals: asJson(totals),
    by: {
      programme: breakdown('programme'),
      quartier: breakdown('quartier'),
      stake: breakdown('stake'),
      year: breakdown('year'),
      epci: breakdown('epci'),
    },
    // AE/CP year by year: engaged, paid, restes à payer.
    aeCp: aeCpRows(mine),
    awaitingConditions: pendingByCondition(mine),
    pools: poolPositions(docs).filter((pool) => pool.funder === funder),
    // Announced without an amount: beside the totals, never in them.
    pourMemoire: pourMemoire.map(({ figureId, text, wording, period, line }) => ({
      figureId,
      text,
      ...(wording ? { wording } : {}),
      period,
      line,
    })),
  };
}

export type FunderStatement = ReturnType<typeof funderStatement>;
