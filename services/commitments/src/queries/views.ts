import { formatEurosFr, toDecimalString } from '@cvl/money';
import type { CommitmentStatus } from '../domain/events';
import { figuresOf, type Figures } from '../domain/figures';
import { referenceKey, type Commitment, type CommitmentsState } from '../domain/state';

export const STATUS_LABELS: Record<CommitmentStatus, string> = {
  indicative: 'indicatif',
  conditional: 'conditionnel',
  firm: 'ferme',
  lapsed: 'caduc',
};

/** A firm commitment paid in full (what was not used released): settled, though its status stays « firm ». */
export function isSettled(status: CommitmentStatus, figures: Figures): boolean {
  return status === 'firm' && figures.paidCents > 0n && figures.outstandingCents === 0n;
}

/** « ferme », or « soldé » once it is paid in full. */
export const statusLabelOf = (status: CommitmentStatus, figures: Figures) =>
  isSettled(status, figures) ? 'soldé' : STATUS_LABELS[status];

/** Figures over JSON: decimal strings in euros, and the same in French for people. */
export function figuresView(figures: Figures) {
  const entries = {
    indicative: figures.indicativeCents,
    conditional: figures.conditionalCents,
    firm: figures.firmCents,
    paid: figures.paidCents,
    outstanding: figures.outstandingCents,
    released: figures.releasedCents,
  };
  return {
    ...Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, toDecimalString(v)])),
    formatted: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, formatEurosFr(v)])),
  } as Record<keyof typeof entries, string> & { formatted: Record<keyof typeof entries, string> };
}

export function commitmentView(state: CommitmentsState, commitment: Commitment) {
  const condition = commitment.conditionId ? state.conditions.get(commitment.conditionId) : undefined;
  const unallocated = commitment.isPool
    ? commitment.amountCents - (commitment.status === 'firm' ? commitment.paidCents : 0n)
    : 0n;
  return {
    id: commitment.id,
    funder: commitment.funder,
    funderName: state.references.get(referenceKey('funder', commitment.funder))?.name ?? commitment.funder,
    status: commitment.status,
    // « soldé »: firm, paid in full and what was not used released — nothing left to pay, nothing left to do.
    statusLabel: statusLabelOf(commitment.status, figuresOf(commitment)),
    settled: isSettled(commitment.status, figuresOf(commitment)),
    amount: toDecimalString(commitment.amountCents),
    figures: figuresView(figuresOf(commitment)),
    ...(commitment.envelopeId ? { envelopeId: commitment.envelopeId } : {}),
    ...(condition ? { condition: { id: condition.id, label: condition.label, status: condition.status } } : {}),
    ...(commitment.act ? { act: commitment.act } : {}),
    isPool: commitment.isPool,
    ...(commitment.isPool
      ? { unallocated: toDecimalString(unallocated), splitOut: toDecimalString(commitment.splitOutCents) }
      : {}),
    ...(commitment.poolId ? { poolId: commitment.poolId } : {}),
    attribution: commitment.attribution,
    ...(commitment.stated ? { stated: commitment.stated } : {}),
    payments: commitment.payments.map((p) => ({
      id: p.id,
      kind: p.kind,
      amount: toDecimalString(p.amountCents),
      effectiveDate: p.effectiveDate,
      ...(p.serviceDoneDate ? { serviceDoneDate: p.serviceDoneDate } : {}),
    })),
    version: commitment.version,
  };
}

export type CommitmentView = ReturnType<typeof commitmentView>;
