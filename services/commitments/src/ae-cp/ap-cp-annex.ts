import { toDecimalString, type Cents } from '@cvl/money';
import { referenceKey, type Commitment, type CommitmentsState } from '../domain/state';

/** Bounds the annex: a funder's commitments, each one line. */
const MAX_LINES = 10_000;

export interface ApCpLine {
  /** The AP's number in the funder's budget (the operation's « call-ap » reference), else the act, else none. */
  ap: string;
  commitmentId: string;
  label: string;
  /** « votée » once firm (its act is the AP's vote); « prévue » while indicative or conditional. */
  state: 'votée' | 'prévue';
  authorisedCents: Cents;
  paidBeforeCents: Cents;
  paidInYearCents: Cents;
  plannedInYearCents: Cents;
  plannedLaterCents: Cents;
  /** What the AP still has to finance after the year: AP − CP before − CP of the year. */
  remainingCents: Cents;
}

const apOf = (state: CommitmentsState, commitment: Commitment) => {
  const operation = commitment.attribution.operation
    ? state.operations.get(commitment.attribution.operation)
    : undefined;
  const reference = operation?.references.find((r) => r.system === 'call-ap')?.reference;
  return reference ?? (commitment.act ? commitment.act.reference : '—');
};

const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * The AP/CP annex of a funder's budget for a year, as a local authority votes it (docs/formats-des-financeurs.md):
 * each multi-year commitment an authorisation of programme (AP), with the payment credits (CP) consumed before the
 * year, those of the year (paid, and planned by its schedule), those planned later, and what remains to finance.
 * Lapsed commitments are left out (their AP is closed); pools are lines of their own until split.
 */
export function apCpAnnex(state: CommitmentsState, funder: string, year: number) {
  const lines: ApCpLine[] = [];
  for (const commitment of state.commitments.values()) {
    if (commitment.funder !== funder || commitment.status === 'lapsed') continue;
    if (lines.length >= MAX_LINES) throw new Error(`annexe AP/CP : plus de ${MAX_LINES} engagements`);
    const paid = (keep: (y: number) => boolean) =>
      commitment.payments.filter((p) => keep(yearOf(p.effectiveDate))).reduce((sum, p) => sum + p.amountCents, 0n);
    const planned = (keep: (y: number) => boolean) =>
      (commitment.schedule?.planned ?? []).filter((p) => keep(p.year)).reduce((sum, p) => sum + p.amountCents, 0n);
    const paidBeforeCents = paid((y) => y < year);
    const paidInYearCents = paid((y) => y === year);
    lines.push({
      ap: apOf(state, commitment),
      commitmentId: commitment.id,
      label: commitment.attribution.label,
      state: commitment.status === 'firm' ? 'votée' : 'prévue',
      authorisedCents: commitment.amountCents,
      paidBeforeCents,
      paidInYearCents,
      plannedInYearCents: planned((y) => y === year),
      plannedLaterCents: planned((y) => y > year),
      remainingCents: commitment.amountCents - paidBeforeCents - paidInYearCents,
    });
  }
  // By AP number; commitments with none (not yet voted, no act) after those that have one.
  const noAp = (line: ApCpLine) => (line.ap === '—' ? 1 : 0);
  lines.sort((a, b) => noAp(a) - noAp(b) || a.ap.localeCompare(b.ap) || a.commitmentId.localeCompare(b.commitmentId));
  const total = (pick: (line: ApCpLine) => Cents) => lines.reduce((sum, line) => sum + pick(line), 0n);
  const euros = (cents: Cents) => toDecimalString(cents);
  return {
    funder,
    funderName: state.references.get(referenceKey('funder', funder))?.name ?? funder,
    year,
    lines: lines.map((line) => ({
      ap: line.ap,
      commitmentId: line.commitmentId,
      label: line.label,
      state: line.state,
      authorised: euros(line.authorisedCents),
      paidBefore: euros(line.paidBeforeCents),
      paidInYear: euros(line.paidInYearCents),
      plannedInYear: euros(line.plannedInYearCents),
      plannedLater: euros(line.plannedLaterCents),
      remaining: euros(line.remainingCents),
    })),
    totals: {
      authorised: euros(total((l) => l.authorisedCents)),
      paidBefore: euros(total((l) => l.paidBeforeCents)),
      paidInYear: euros(total((l) => l.paidInYearCents)),
      plannedInYear: euros(total((l) => l.plannedInYearCents)),
      plannedLater: euros(total((l) => l.plannedLaterCents)),
      remaining: euros(total((l) => l.remainingCents)),
    },
  };
}

export type ApCpAnnex = ReturnType<typeof apCpAnnex>;
