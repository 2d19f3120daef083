import { toDecimalString } from '@cvl/money';
import { Versioned } from '@cvl/platform';
import { axisCap, programmedOnAxis, type Programme } from '../domain/state';

/** Where each FEDER euro stands: per axis (envelope, programmed, available) and per operation. */
export function programmeView(programme: Programme) {
  return new Versioned(
    {
      id: programme.id,
      envelopeVersion: programme.envelopeVersion,
      strategyAxes: programme.strategyAxes,
      axes: programme.axes.map((a) => {
        const cap = axisCap(programme, a.axis) ?? 0n;
        const programmed = programmedOnAxis(programme, a.axis);
        return { ...a, programmed: toDecimalString(programmed), available: toDecimalString(cap - programmed) };
      }),
      operations: [...programme.operations.values()].map((o) => ({
        id: o.id,
        label: o.label,
        beneficiary: o.beneficiary,
        quartier: o.quartier,
        axis: o.axis,
        priority: o.priority,
        status: o.status,
        eligibleCost: toDecimalString(o.eligibleCostCents),
        feder: toDecimalString(o.federCents),
        coFunders: o.coFunders,
        checks: o.checks,
        ...(o.excludedDwellings?.length ? { excludedDwellings: o.excludedDwellings } : {}),
        ...(o.coFunderActs?.size ? { coFunderActs: Object.fromEntries(o.coFunderActs) } : {}),
        ...(o.act ? { act: o.act } : {}),
        claims: o.claims.map((c) => ({
          id: c.id,
          expenses: toDecimalString(c.expensesCents),
          final: c.final,
          paid: toDecimalString(c.paidCents),
          ...(c.checked
            ? {
                acceptedExpenses: toDecimalString(c.checked.acceptedExpensesCents),
                payableFeder: toDecimalString(c.checked.payableFederCents),
                publicAid: toDecimalString(c.checked.publicAidCents),
              }
            : {}),
        })),
        paid: toDecimalString(o.paidCents),
        released: toDecimalString(o.releasedCents),
        bookings: Object.fromEntries(
          [...o.bookings.entries()].map(([funder, b]) => [
            funder,
            {
              outcome: b.outcome,
              ...(b.reason ? { reason: b.reason } : {}),
              ...(b.amountCents !== undefined ? { amount: toDecimalString(b.amountCents) } : {}),
            },
          ]),
        ),
      })),
    },
    programme.revision,
  );
}
