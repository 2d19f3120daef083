import { Body, Controller, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { formatEurosFr, fromDecimalString, toDecimalString } from '@cvl/money';
import { accountOf, type CommitmentsState } from '../domain/state';
import { toTrace } from '../http/trace.dto';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import { decideOpenEnvelope } from './open-envelope.decider';
import { OpenEnvelopeDto } from './open-envelope.dto';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { READS_ENVELOPES, STEERS_CONTRACT } from '../http/access';

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

@ApiTags('enveloppes')
@Controller('api/commitments/envelopes')
export class OpenEnvelopeController {
  constructor(private readonly ledger: CommitmentsLedger) {}

  @Post()
  @Allow(STEERS_CONTRACT)
  @ApiOperation({ summary: 'Ouvrir une enveloppe (plafond des engagements qui s’y imputent)' })
  async open(@Body() body: OpenEnvelopeDto) {
    const executed = await this.ledger.execute((state, context) =>
      decideOpenEnvelope(
        {
          envelopeId: body.envelopeId,
          funder: body.funder,
          label: body.label,
          amountCents: fromDecimalString(body.amount),
          ...(body.programme ? { programme: body.programme } : {}),
          ...(body.year ? { year: body.year } : {}),
          trace: toTrace(body.trace),
        },
        state,
        context,
      ),
    );
    return envelopeView(executed.state, body.envelopeId);
  }

  @Get(':id')
  @Allow(READS_ENVELOPES)
  @ApiOperation({ summary: 'Une enveloppe : réservé, engagé, disponible' })
  async get(@CurrentAccess() access: Access, @Param('id') id: string) {
    const { state } = await this.ledger.current();
    const envelope = state.envelopes.get(id);
    if (envelope && !access.mayActFor('financeur', envelope.funder))
      throw new NotFoundException(`Enveloppe inconnue : ${id}`);
    return envelopeView(state, id);
  }
}
