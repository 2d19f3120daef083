import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { Allow, CurrentAccess, IsCalendarDate, type Access } from '@cvl/platform';
import { READS_COMMITMENTS } from '../http/access';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ledgerViolations } from '@cvl/ledger';
import { toDecimalString } from '@cvl/money';
import { addFigures, figuresOf, viewLedgerDisagreements, zeroFigures } from '../domain/figures';
import { referenceKey } from '../domain/state';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import { stateAt, type PointInTime } from '../queries/bitemporal';
import { funderStatement } from '../queries/statement';
import { figuresView } from '../queries/views';

export class PointInTimeQuery {
  @ApiPropertyOptional({ example: '2016-12-31', description: 'situation à cette date d’effet (AAAA-MM-JJ)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ example: '2017-03-01T00:00:00Z', description: 'telle que connue à cet instant (date d’enregistrement)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, { message: 'instant ISO 8601 attendu, par ex. 2017-03-01T00:00:00Z' })
  knownAt?: string;
}

function pointInTime(query: PointInTimeQuery): PointInTime {
  const knownAt = query.knownAt && query.knownAt.length === 10 ? `${query.knownAt}T23:59:59.999Z` : query.knownAt;
  if (knownAt && Number.isNaN(Date.parse(knownAt))) throw new BadRequestException('knownAt : instant invalide');
  return { ...(query.asOf ? { asOf: query.asOf } : {}), ...(knownAt ? { knownAt } : {}) };
}

@ApiTags('restitutions')
@Controller('api/commitments')
export class FunderStatementController {
  constructor(private readonly ledger: CommitmentsLedger) {}

  @Get('funders/:code/statement')
  @Allow(READS_COMMITMENTS)
  @ApiOperation({ summary: 'Relevé d’un financeur : indicatif, conditionnel, ferme, payé, reste à payer — à une date, tel que connu à un instant' })
  async statement(@CurrentAccess() access: Access, @Param('code') code: string, @Query() query: PointInTimeQuery) {
    access.requireFor('financeur', code, `${access.organisation} ne lit que son propre relevé, pas celui de ${code}`);
    const { events, state: now } = await this.ledger.current();
    if (!now.references.has(referenceKey('funder', code))) throw new NotFoundException(`Financeur inconnu : ${code}`);
    const at = pointInTime(query);
    const { state, skipped } = stateAt(events, at);
    return { at, ...funderStatement(state, code), ...(skipped.length ? { skipped } : {}) };
  }

  @Get('balances')
  @Allow({ all: ['pilotage', 'auditeur'] })
  @ApiOperation({ summary: 'Soldes par financeur et équilibre du grand livre, à une date, tel que connu à un instant' })
  async balances(@Query() query: PointInTimeQuery) {
    const { events } = await this.ledger.current();
    const at = pointInTime(query);
    const { state, skipped } = stateAt(events, at);
    const byFunder = new Map<string, ReturnType<typeof zeroFigures>>();
    for (const c of state.commitments.values()) byFunder.set(c.funder, addFigures(byFunder.get(c.funder) ?? zeroFigures(), figuresOf(c)));
    const totals = state.ledger.totals.get('EUR');
    return {
      at,
      funders: [...byFunder.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([funder, figures]) => ({ funder, figures: figuresView(figures) })),
      ledger: {
        debitsPosted: toDecimalString(totals?.debitsPostedCents ?? 0n),
        creditsPosted: toDecimalString(totals?.creditsPostedCents ?? 0n),
        debitsPending: toDecimalString(totals?.debitsPendingCents ?? 0n),
        creditsPending: toDecimalString(totals?.creditsPendingCents ?? 0n),
        balanced: ledgerViolations(state.ledger).length === 0,
        viewsAgreeWithLedger: viewLedgerDisagreements(state).length === 0,
      },
      ...(skipped.length ? { skipped } : {}),
    };
  }
}
