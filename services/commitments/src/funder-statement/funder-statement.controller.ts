import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { Allow, CurrentAccess, IsCalendarDate, type Access } from '@cvl/platform';
import { READS_COMMITMENTS } from '../http/access';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { isIsoDate } from '@cvl/ledger';
import { toDecimalString } from '@cvl/money';
import { referenceKey } from '../domain/state';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import { LedgerProjection, type PointInTime } from '../infrastructure/ledger-projection';
import { funderStatement } from '../queries/statement';
import { figuresView } from '../queries/views';

export class PointInTimeQuery {
  @ApiPropertyOptional({ example: '2016-12-31', description: 'situation à cette date d’effet (AAAA-MM-JJ)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({
    example: '2017-03-01T00:00:00Z',
    description: 'telle que connue à cet instant (date d’enregistrement)',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, {
    message: 'instant ISO 8601 attendu, par ex. 2017-03-01T00:00:00Z',
  })
  knownAt?: string;
}

function pointInTime(query: PointInTimeQuery): PointInTime {
  const knownAt = query.knownAt && query.knownAt.length === 10 ? `${query.knownAt}T23:59:59.999Z` : query.knownAt;
  // A day that does not exist (« 2016-02-30 ») is refused here: JavaScript would roll it over to March, PostgreSQL
  // refuses it. What goes to the projection is the instant in one unambiguous form.
  // Year 0000 neither: PostgreSQL has no year zero.
  if (knownAt && (!isIsoDate(knownAt.slice(0, 10)) || knownAt.startsWith('0000') || Number.isNaN(Date.parse(knownAt))))
    throw new BadRequestException('knownAt : instant invalide (jour inexistant ou forme non ISO 8601)');
  return {
    ...(query.asOf ? { asOf: query.asOf } : {}),
    ...(knownAt ? { knownAt: new Date(Date.parse(knownAt)).toISOString() } : {}),
  };
}

@ApiTags('restitutions')
@Controller('api/commitments')
export class FunderStatementController {
  constructor(
    private readonly ledger: CommitmentsLedger,
    private readonly projection: LedgerProjection,
  ) {}

  @Get('funders/:code/statement')
  @Allow(READS_COMMITMENTS)
  @ApiOperation({
    summary:
      'Relevé d’un financeur : indicatif, conditionnel, ferme, payé, reste à payer — à une date, tel que connu à un instant',
  })
  async statement(@CurrentAccess() access: Access, @Param('code') code: string, @Query() query: PointInTimeQuery) {
    access.requireFor('financeur', code, `${access.organisation} ne lit que son propre relevé, pas celui de ${code}`);
    // Caught up (the stream's revision, not its events, says whether it moved), then answered in SQL.
    const { state } = await this.ledger.current();
    const funder = state.references.get(referenceKey('funder', code));
    if (!funder) throw new NotFoundException(`Financeur inconnu : ${code}`);
    const at = pointInTime(query);
    const commitments = await this.projection.commitmentsAt(at, code);
    return {
      at,
      ...funderStatement(commitments, { code, name: funder.name }, (id) => state.conditions.get(id)?.label ?? id),
    };
  }

  @Get('balances')
  @Allow({ all: ['pilotage', 'auditeur'] })
  @ApiOperation({ summary: 'Soldes par financeur et équilibre du grand livre, à une date, tel que connu à un instant' })
  async balances(@Query() query: PointInTimeQuery) {
    await this.ledger.current();
    const at = pointInTime(query);
    const [funders, totals, disagreements] = await Promise.all([
      this.projection.fundersAt(at),
      this.projection.totalsAt(at),
      this.projection.disagreementsAt(at),
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
}
