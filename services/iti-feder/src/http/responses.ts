import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * What the ITI routes answer, as the OpenAPI document shows it (classes for the document only). Every command on a
 * programme answers with the programme as it leaves it — whole for the managing authority, only its own operations
 * for a beneficiary or a co-funder. responses.unit.spec.ts holds the view to it.
 */

const EUROS = { type: 'string', example: '800000.00', description: 'euros, décimal à deux chiffres' } as const;

export class AxisView {
  @ApiProperty({ type: 'integer', example: 3 }) axis!: number;
  @ApiProperty() label!: string;
  @ApiProperty({ ...EUROS, description: 'enveloppe régionale de l’axe' }) amount!: string;
  @ApiPropertyOptional({ ...EUROS, description: 'part de la CALL, fixée par avenant' }) callShare?: string;
  @ApiProperty({ type: [String], example: ['4c'] }) priorities!: string[];
  @ApiProperty(EUROS) programmed!: string;
  @ApiProperty(EUROS) available!: string;
}

export class FunderLine {
  @ApiProperty({ example: 'region' }) funder!: string;
  @ApiProperty(EUROS) amount!: string;
  @ApiPropertyOptional({ description: 'son enveloppe au grand livre' }) envelope?: string;
}

export class RuleCheckView {
  @ApiProperty() rule!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ description: 'la règle, le logement, la valeur et le verdict, en mots' }) explanation!: string;
}

export class GrantAct {
  @ApiProperty({ example: 'Convention FEDER 2016-17' }) reference!: string;
  @ApiProperty({ example: '2016-07-01' }) date!: string;
}

export class ClaimView {
  @ApiProperty() id!: string;
  @ApiProperty(EUROS) expenses!: string;
  @ApiProperty({ description: 'demande de solde' }) final!: boolean;
  @ApiProperty(EUROS) paid!: string;
  @ApiPropertyOptional(EUROS) acceptedExpenses?: string;
  @ApiPropertyOptional(EUROS) payableFeder?: string;
  @ApiPropertyOptional(EUROS) publicAid?: string;
}

export class BookingAnswerView {
  @ApiProperty({ enum: ['booked', 'refused'] }) outcome!: 'booked' | 'refused';
  @ApiPropertyOptional({ description: 'la raison du grand livre' }) reason?: string;
  @ApiPropertyOptional(EUROS) amount?: string;
}

export class ExcludedDwellingView {
  @ApiProperty({ example: 'L2' }) dwelling!: string;
  @ApiProperty({ description: 'la règle qu’il ne remplit pas, en clair' }) reason!: string;
}

export class ItiOperationView {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty() beneficiary!: string;
  @ApiProperty({ example: 'QP062024' }) quartier!: string;
  @ApiProperty({ type: 'integer' }) axis!: number;
  @ApiProperty({ example: '4c' }) priority!: string;
  @ApiProperty({ enum: ['received', 'complete', 'appraised', 'rejected', 'programmed', 'agreed', 'closed'] })
  status!: 'received' | 'complete' | 'appraised' | 'rejected' | 'programmed' | 'agreed' | 'closed';
  @ApiProperty(EUROS) eligibleCost!: string;
  @ApiProperty(EUROS) feder!: string;
  @ApiProperty({ type: [FunderLine] }) coFunders!: FunderLine[];
  @ApiProperty({ type: [RuleCheckView] }) checks!: RuleCheckView[];
  @ApiPropertyOptional({
    type: [ExcludedDwellingView],
    description: 'logements exclus à l’instruction (le reste continue : coût et aides réduits d’autant)',
  })
  excludedDwellings?: ExcludedDwellingView[];
  @ApiPropertyOptional({ type: GrantAct, description: 'la convention attributive FEDER' }) act?: GrantAct;
  @ApiPropertyOptional({
    type: 'object',
    description: 'par cofinanceur : l’acte par lequel il s’est engagé (sa ligne est alors ferme)',
    additionalProperties: {
      type: 'object',
      required: ['reference', 'date'],
      properties: { reference: { type: 'string' }, date: { type: 'string', format: 'date' } },
    },
  })
  coFunderActs?: Record<string, { reference: string; date: string }>;
  @ApiProperty({ type: [ClaimView] }) claims!: ClaimView[];
  @ApiProperty(EUROS) paid!: string;
  @ApiProperty(EUROS) released!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['outcome'],
      properties: {
        outcome: { type: 'string', enum: ['booked', 'refused'] },
        reason: { type: 'string', description: 'la raison du grand livre' },
        amount: { type: 'string', description: 'euros' },
      },
    },
    description: 'par financeur : ce que le grand livre a répondu',
  })
  bookings!: Record<string, BookingAnswerView>;
}

export class ProgrammeResponse {
  @ApiProperty({ example: 'iti-call' }) id!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'autorité de gestion seulement' }) envelopeVersion?: number;
  @ApiPropertyOptional({ type: 'integer', isArray: true, example: [3, 4] }) strategyAxes?: number[];
  @ApiPropertyOptional({ type: [AxisView] }) axes?: AxisView[];
  @ApiProperty({ type: [ItiOperationView] }) operations!: ItiOperationView[];
}

export class TrancheForecast {
  @ApiProperty({ type: 'integer', example: 2016, description: 'tranche annuelle' }) tranche!: number;
  @ApiProperty({ example: '2019-12-31', description: 'n+3 : payé avant cette date, ou dégagé' }) deadline!: string;
  @ApiProperty(EUROS) programmed!: string;
  @ApiProperty(EUROS) paid!: string;
  @ApiProperty(EUROS) released!: string;
  @ApiProperty(EUROS) remaining!: string;
  @ApiProperty({ ...EUROS, description: 'à payer à moins d’un an de l’échéance' }) atRisk!: string;
  @ApiProperty() explanation!: string;
}

export class FinancingPlanLine {
  @ApiProperty({ example: 'region' }) funder!: string;
  @ApiProperty({ example: 'cofinancement public' }) nature!: string;
  @ApiPropertyOptional({ type: GrantAct }) act?: GrantAct;
  @ApiProperty(EUROS) amount!: string;
  @ApiProperty({ type: 'integer', example: 5000, description: 'part du coût total éligible, en points de base' })
  rateBasisPoints!: number;
}

export class ClaimStatementLine {
  @ApiProperty() claimId!: string;
  @ApiProperty({ enum: ['acompte', 'solde'] }) kind!: 'acompte' | 'solde';
  @ApiProperty({ example: 'service fait vérifié' }) status!: string;
  @ApiProperty(EUROS) declared!: string;
  @ApiPropertyOptional({ ...EUROS, description: 'retenues au contrôle du service fait' }) retained?: string;
  @ApiPropertyOptional(EUROS) publicAid?: string;
  @ApiPropertyOptional(EUROS) payableFeder?: string;
  @ApiProperty(EUROS) paidFeder!: string;
}

export class ExpenseStatementTotals {
  @ApiProperty(EUROS) declared!: string;
  @ApiProperty(EUROS) retained!: string;
  @ApiProperty(EUROS) publicAid!: string;
  @ApiProperty(EUROS) payableFeder!: string;
  @ApiProperty(EUROS) paidFeder!: string;
  @ApiProperty(EUROS) releasedFeder!: string;
  @ApiProperty(EUROS) remainingFeder!: string;
  @ApiProperty({ ...EUROS, description: 'coût éligible restant à déclarer' }) toDeclare!: string;
}

export class ExpenseStatementResponse {
  @ApiProperty() operationId!: string;
  @ApiProperty() label!: string;
  @ApiProperty() beneficiary!: string;
  @ApiProperty() quartier!: string;
  @ApiProperty({ type: 'integer' }) axis!: number;
  @ApiProperty() priority!: string;
  @ApiProperty({ enum: ['received', 'complete', 'appraised', 'rejected', 'programmed', 'agreed', 'closed'] })
  status!: 'received' | 'complete' | 'appraised' | 'rejected' | 'programmed' | 'agreed' | 'closed';
  @ApiProperty(EUROS) eligibleCost!: string;
  @ApiProperty({ type: [FinancingPlanLine] }) plan!: FinancingPlanLine[];
  @ApiProperty({ type: [ClaimStatementLine] }) claims!: ClaimStatementLine[];
  @ApiProperty({ type: ExpenseStatementTotals }) totals!: ExpenseStatementTotals;
}
