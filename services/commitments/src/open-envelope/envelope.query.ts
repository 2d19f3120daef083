import { NotFoundException } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import { formatEurosFr, toDecimalString } from '@cvl/money';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import { accountOf, type CommitmentsState } from '../domain/state';

/** An envelope with what is reserved, booked and still available on it, straight from its ledger account. */
export function envelopeView(state: CommitmentsState, envelopeId: string) {
  const envelope = state.envelopes.get(envelopeId);
  const account = state.ledger.accounts.get(accountOf.envelope(envelopeId));
  if (!envelope || !account) throw new NotFoundException(`Enveloppe inconnue : ${envelopeId}`);
  const available = account.creditsPostedCents - account.debitsPostedCents - account.debitsPendingCents;
  const { amountCents, ...described } = envelope;
  return {
    ...described,
    amount: toDecimalString(amountCents),
    reserved: toDecimalString(account.debitsPendingCents),
    committed: toDecimalString(account.debitsPostedCents - (account.creditsPostedCents - amountCents)),
    available: toDecimalString(available),
    availableFormatted: formatEurosFr(available),
  };
}

export type EnvelopeView = ReturnType<typeof envelopeView>;

export class EnvelopeQuery extends LedgerQuery<'envelope', { access: Access; envelopeId: string }, EnvelopeView> {
  readonly type = 'envelope';
}

/** Another funder's envelope is as unknown to a financeur as one that does not exist. */
@QueryHandler(EnvelopeQuery)
export class EnvelopeQueryHandler extends LedgerQueryHandler<EnvelopeQuery, EnvelopeView> {
  protected read({ access, envelopeId }: EnvelopeQuery['params'], state: CommitmentsState): EnvelopeView {
    const envelope = state.envelopes.get(envelopeId);
    if (envelope && !access.mayActFor('financeur', envelope.funder))
      throw new NotFoundException(`Enveloppe inconnue : ${envelopeId}`);
    return envelopeView(state, envelopeId);
  }
}
