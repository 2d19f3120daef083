import { fromDecimalString, toDecimalString } from '@cvl/money';
import type { ProjectedCommitment } from '../projection/commitment-projection';
import type { EnvelopeDoc, OperationDoc } from '../projection/programme-projection';

/**
 * Each envelope with what is programmed against it and what is still available. A funder's budget (opened in the
 * ledger): programmed = its live commitments (indicative, conditional, firm), of which firm and paid. An ITI axis:
 * the cap is the CALL's share once an avenant sets it (else the axis envelope), programmed = FEDER programmed on the
 * axis's operations less what was released; paid = FEDER paid.
 */
export function envelopePositions(
  envelopes: readonly EnvelopeDoc[],
  commitments: readonly ProjectedCommitment[],
  operations: readonly OperationDoc[],
) {
  return envelopes.map((envelope) => {
    if (envelope.kind === 'budget') {
      const against = commitments.filter((c) => c.envelopeId === envelope.id && c.status !== 'lapsed');
      const sum = (pick: (c: ProjectedCommitment) => bigint) => against.reduce((total, c) => total + pick(c), 0n);
      const programmed = sum((c) => fromDecimalString(c.amount));
      const amount = fromDecimalString(envelope.amount);
      return {
        id: envelope.id,
        kind: envelope.kind,
        label: envelope.label,
        funder: envelope.funder,
        ...(envelope.programme ? { programme: envelope.programme } : {}),
        amount: envelope.amount,
        cap: envelope.amount,
        programmed: toDecimalString(programmed),
        firm: toDecimalString(sum((c) => (c.status === 'firm' ? fromDecimalString(c.amount) : 0n))),
        paid: toDecimalString(sum((c) => fromDecimalString(c.paid))),
        available: toDecimalString(amount - programmed),
        operations: against.length,
        history: envelope.provenance,
      };
    }
    const onAxis = operations.filter(
      (o) => o.source === 'iti-feder' && o.programmeId === envelope.programmeId && o.axis === envelope.axis && o.feder,
    );
    const sum = (pick: (feder: NonNullable<OperationDoc['feder']>) => string) =>
      onAxis.reduce((total, o) => total + fromDecimalString(pick(o.feder as NonNullable<OperationDoc['feder']>)), 0n);
    const programmed = sum((f) => f.programmed) - sum((f) => f.released);
    const cap = envelope.callShare ?? envelope.amount;
    return {
      id: envelope.id,
      kind: envelope.kind,
      label: envelope.label,
      funder: 'feder',
      programme: envelope.programmeId,
      axis: envelope.axis,
      amount: envelope.amount,
      cap,
      programmed: toDecimalString(programmed),
      firm: toDecimalString(
        onAxis
          .filter((o) => o.act)
          .reduce(
            (total, o) =>
              total + fromDecimalString(o.feder?.programmed ?? '0.00') - fromDecimalString(o.feder?.released ?? '0.00'),
            0n,
          ),
      ),
      paid: toDecimalString(sum((f) => f.paid)),
      available: toDecimalString(fromDecimalString(cap) - programmed),
      operations: onAxis.length,
      history: envelope.provenance,
    };
  });
}

export type EnvelopePosition = ReturnType<typeof envelopePositions>[number];
