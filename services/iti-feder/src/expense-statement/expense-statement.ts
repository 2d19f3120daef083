import { fromDecimalString, rateBasisPointsOrNone, toDecimalString, type Cents } from '@cvl/money';
import type { ItiOperation } from '../domain/state';

/** Basis points of `part` in `whole`, rounded half up (0 when there is no whole). */
const rateOf = (part: Cents, whole: Cents) => Number(rateBasisPointsOrNone(part, whole) ?? 0n);

/**
 * An ITI operation's état récapitulatif des dépenses and plan de financement, as the FEDER's managing authority
 * asks them with each payment claim (docs/formats-des-financeurs.md): who finances the eligible cost and on which
 * act (FEDER, each co-funder, the beneficiary's own share), each claim's expenses declared, retained at the service-
 * fait check, the public aid and FEDER retained and paid, and where the operation stands. Every sum is the ledger's
 * programme state's, to the cent: Σ plan = eligible cost.
 */
export function expenseStatement(operation: ItiOperation) {
  const coFundersCents = operation.coFunders.reduce((sum, line) => sum + fromDecimalString(line.amount), 0n);
  const ownShareCents = operation.eligibleCostCents - operation.federCents - coFundersCents;
  const plan = [
    {
      funder: 'feder',
      nature: 'FEDER (axe ITI)',
      act: operation.act,
      cents: operation.federCents,
    },
    ...operation.coFunders.map((line) => ({
      funder: line.funder,
      nature: 'cofinancement public',
      act: operation.coFunderActs?.get(line.funder),
      cents: fromDecimalString(line.amount),
    })),
    ...(ownShareCents > 0n
      ? [
          {
            funder: operation.beneficiary,
            nature: 'autofinancement du bénéficiaire',
            act: undefined,
            cents: ownShareCents,
          },
        ]
      : []),
  ];
  const claims = operation.claims.map((claim) => ({
    claimId: claim.id,
    kind: claim.final ? ('solde' as const) : ('acompte' as const),
    status: claim.paidCents > 0n ? 'payée' : claim.checked ? 'service fait vérifié' : 'en attente du contrôle',
    declared: toDecimalString(claim.expensesCents),
    retained: claim.checked ? toDecimalString(claim.checked.acceptedExpensesCents) : undefined,
    publicAid: claim.checked ? toDecimalString(claim.checked.publicAidCents) : undefined,
    payableFeder: claim.checked ? toDecimalString(claim.checked.payableFederCents) : undefined,
    paidFeder: toDecimalString(claim.paidCents),
  }));
  const sum = (pick: (claim: ItiOperation['claims'][number]) => Cents) =>
    operation.claims.reduce((total, claim) => total + pick(claim), 0n);
  const declaredCents = sum((c) => c.expensesCents);
  const retainedCents = sum((c) => c.checked?.acceptedExpensesCents ?? 0n);
  return {
    operationId: operation.id,
    label: operation.label,
    beneficiary: operation.beneficiary,
    quartier: operation.quartier,
    axis: operation.axis,
    priority: operation.priority,
    status: operation.status,
    eligibleCost: toDecimalString(operation.eligibleCostCents),
    plan: plan.map((line) => ({
      funder: line.funder,
      nature: line.nature,
      ...(line.act ? { act: line.act } : {}),
      amount: toDecimalString(line.cents),
      rateBasisPoints: rateOf(line.cents, operation.eligibleCostCents),
    })),
    claims,
    totals: {
      declared: toDecimalString(declaredCents),
      retained: toDecimalString(retainedCents),
      // Each check states the public aid cumulated so far (co-funders booked + FEDER payable): the last one is the total.
      publicAid: toDecimalString(operation.claims.filter((c) => c.checked).at(-1)?.checked?.publicAidCents ?? 0n),
      payableFeder: toDecimalString(sum((c) => c.checked?.payableFederCents ?? 0n)),
      paidFeder: toDecimalString(operation.paidCents),
      releasedFeder: toDecimalString(operation.releasedCents),
      remainingFeder: toDecimalString(operation.federCents - operation.paidCents - operation.releasedCents),
      // What of the eligible cost is still to be declared: the beneficiary's next claims.
      toDeclare: toDecimalString(operation.eligibleCostCents - declaredCents),
    },
  };
}

export type ExpenseStatement = ReturnType<typeof expenseStatement>;
