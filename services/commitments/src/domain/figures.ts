import type { Cents } from '@cvl/money';
import { accountOf, type Commitment, type CommitmentsState } from './state';

/** The five figures every reader asks of a commitment, plus what was released. */
export interface Figures {
  indicativeCents: Cents;
  conditionalCents: Cents;
  firmCents: Cents;
  paidCents: Cents;
  /** Reste à payer: firm − paid. */
  outstandingCents: Cents;
  releasedCents: Cents;
}

export const zeroFigures = (): Figures => ({
  indicativeCents: 0n,
  conditionalCents: 0n,
  firmCents: 0n,
  paidCents: 0n,
  outstandingCents: 0n,
  releasedCents: 0n,
});

export function figuresOf(commitment: Commitment): Figures {
  const amount = commitment.amountCents;
  const firm = commitment.status === 'firm' ? amount : 0n;
  return {
    indicativeCents: commitment.status === 'indicative' ? amount : 0n,
    conditionalCents: commitment.status === 'conditional' ? amount : 0n,
    firmCents: firm,
    paidCents: commitment.paidCents,
    outstandingCents: firm - commitment.paidCents,
    releasedCents: commitment.releasedCents,
  };
}

export function addFigures(a: Figures, b: Figures): Figures {
  return {
    indicativeCents: a.indicativeCents + b.indicativeCents,
    conditionalCents: a.conditionalCents + b.conditionalCents,
    firmCents: a.firmCents + b.firmCents,
    paidCents: a.paidCents + b.paidCents,
    outstandingCents: a.outstandingCents + b.outstandingCents,
    releasedCents: a.releasedCents + b.releasedCents,
  };
}

/**
 * The commitment views must agree with the ledger to the cent: reserved = pending credits, firm − paid = posted
 * balance. Returns every disagreement (an empty list means views and ledger tell the same story).
 */
export function viewLedgerDisagreements(state: CommitmentsState): string[] {
  const problems: string[] = [];
  for (const commitment of state.commitments.values()) {
    const account = state.ledger.accounts.get(accountOf.commitment(commitment.id));
    if (!account) {
      problems.push(`${commitment.id} : compte absent du grand livre`);
      continue;
    }
    const figures = figuresOf(commitment);
    const reserved = figures.indicativeCents + figures.conditionalCents;
    if (account.creditsPendingCents - account.debitsPendingCents !== reserved) {
      problems.push(
        `${commitment.id} : réservé ${reserved} ≠ en attente au grand livre ${account.creditsPendingCents}`,
      );
    }
    const net = account.creditsPostedCents - account.debitsPostedCents;
    const expectedNet = commitment.status === 'firm' ? figures.outstandingCents : 0n;
    if (net !== expectedNet)
      problems.push(`${commitment.id} : reste à payer ${expectedNet} ≠ solde au grand livre ${net}`);
    // AE: what became firm, year by year, adds up to the firm amount (nothing for what never was firm).
    const engaged = commitment.engagements.reduce((sum, e) => sum + e.cents, 0n);
    if (engaged !== figures.firmCents)
      problems.push(`${commitment.id} : AE cumulées ${engaged} ≠ montant ferme ${figures.firmCents}`);
  }
  return problems;
}
