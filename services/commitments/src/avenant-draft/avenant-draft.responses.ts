import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANGE_ACTIONS } from './avenant-draft';

/* What the drafts' routes answer, as the OpenAPI document shows it (classes for the document only). */

const EUROS = { type: 'string', example: '150000.00', description: 'euros, décimal à deux chiffres' } as const;

class MovedText {
  @ApiProperty({ example: '1 700 000,00 €' }) before!: string;
  @ApiProperty({ example: '1 900 000,00 €' }) after!: string;
  @ApiProperty({ example: '+200 000,00 €' }) delta!: string;
}

export class MovedView {
  @ApiProperty(EUROS) before!: string;
  @ApiProperty(EUROS) after!: string;
  @ApiProperty({ ...EUROS, description: 'après − avant' }) delta!: string;
  @ApiProperty({ type: MovedText }) formatted!: MovedText;
}

class RefusalView {
  @ApiProperty({ example: 'co-financing-cap' }) code!: string;
  @ApiPropertyOptional() title?: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ example: 'changes[0].newAmount' }) field?: string;
  @ApiPropertyOptional(EUROS) excess?: string;
  @ApiPropertyOptional({ example: '200 000,00 €' }) excessFormatted?: string;
}

export class ChangeOutcomeView {
  @ApiProperty({ type: 'integer' }) index!: number;
  @ApiProperty({ enum: Object.keys(CHANGE_ACTIONS) }) action!: string;
  @ApiProperty() actionLabel!: string;
  @ApiProperty({ example: 'engagement pdch-fouquieres-demolition' }) subject!: string;
  @ApiProperty({ enum: ['accepte', 'refuse'] }) outcome!: 'accepte' | 'refuse';
  @ApiProperty({ example: 'accepté' }) outcomeLabel!: string;
  @ApiProperty({ type: 'integer', description: 'écritures que le registre enregistrerait' }) bookings!: number;
  @ApiPropertyOptional({ type: RefusalView }) refusal?: RefusalView;
}

class FunderMoved {
  @ApiProperty() funder!: string;
  @ApiProperty() funderName!: string;
  @ApiProperty({ type: MovedView }) firm!: MovedView;
  @ApiProperty({ type: MovedView, description: 'indicatif et conditionnel' }) reserved!: MovedView;
}

class CommitmentMoved {
  @ApiProperty() commitmentId!: string;
  @ApiProperty() label!: string;
  @ApiProperty() funder!: string;
  @ApiProperty() funderName!: string;
  @ApiPropertyOptional() operation?: string;
  @ApiProperty({ type: 'string', nullable: true, enum: ['indicative', 'conditional', 'firm', 'lapsed'] })
  statusBefore!: string | null;
  @ApiProperty({ type: 'string', nullable: true, enum: ['indicative', 'conditional', 'firm', 'lapsed'] })
  statusAfter!: string | null;
  @ApiProperty({ type: MovedView }) amount!: MovedView;
}

class OperationPartMoved extends MovedView {
  @ApiProperty() funder!: string;
  @ApiProperty() funderName!: string;
}

class OperationMoved {
  @ApiProperty() operation!: string;
  @ApiProperty() label!: string;
  @ApiPropertyOptional(EUROS) eligibleBase?: string;
  @ApiProperty({ type: MovedView }) total!: MovedView;
  @ApiProperty({ type: [OperationPartMoved] }) funders!: OperationPartMoved[];
}

class YearMoved {
  @ApiProperty({ type: 'integer', example: 2018 }) year!: number;
  @ApiProperty({ type: MovedView, description: 'AE : devenu ferme dans l’année' }) engaged!: MovedView;
  @ApiProperty({ type: MovedView, description: 'indicatif et conditionnel de l’année' }) reserved!: MovedView;
  @ApiProperty({ type: MovedView, description: 'CP prévus par les échéanciers' }) planned!: MovedView;
}

class TrancheMoved {
  @ApiProperty({ example: 'feder' }) funder!: string;
  @ApiProperty({ example: 'Union européenne — FEDER' }) funderName!: string;
  @ApiProperty({ type: 'integer', example: 2016 }) tranche!: number;
  @ApiProperty({ example: '2019-12-31', description: 'date du dégagement d’office (n+3)' }) deadline!: string;
  @ApiProperty({ type: MovedView }) engaged!: MovedView;
  @ApiProperty({ type: MovedView, description: 'reste à payer de la tranche, exposé au dégagement' })
  remaining!: MovedView;
}

export class ImpactView {
  @ApiProperty({ type: [FunderMoved] }) funders!: FunderMoved[];
  @ApiProperty({ type: [CommitmentMoved] }) commitments!: CommitmentMoved[];
  @ApiProperty({ type: [OperationMoved] }) operations!: OperationMoved[];
  @ApiProperty({ type: [YearMoved] }) years!: YearMoved[];
  @ApiProperty({ type: [TrancheMoved], description: 'fonds européens : tranches annuelles et règle n+3' })
  euPace!: TrancheMoved[];
}

class Named {
  @ApiProperty({ example: 'region' }) code!: string;
  @ApiProperty({ example: 'Région Nord – Pas-de-Calais' }) name!: string;
}

export class SimulationResponse {
  @ApiProperty({ type: 'integer', description: 'la version du registre simulée' }) ledgerRevision!: number;
  @ApiProperty({ type: [ChangeOutcomeView] }) outcomes!: ChangeOutcomeView[];
  @ApiProperty({ type: 'integer', description: 'changements refusés' }) refused!: number;
  @ApiProperty({ type: ImpactView }) impact!: ImpactView;
  @ApiProperty({ type: [Named], description: 'les financeurs dont le projet change des engagements' })
  concerned!: Named[];
}

class DraftSimulation {
  @ApiProperty({ type: 'integer' }) ledgerRevision!: number;
  @ApiProperty({ type: [ChangeOutcomeView] }) outcomes!: ChangeOutcomeView[];
  @ApiProperty({ type: 'integer' }) refused!: number;
  @ApiProperty({ type: ImpactView }) impact!: ImpactView;
}

class ApprovalView {
  @ApiProperty({ type: Named }) organisation!: Named;
  @ApiProperty() subject!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ description: 'approbation de la version actuelle' }) current!: boolean;
  @ApiProperty() at!: string;
}

class ActView {
  @ApiProperty() reference!: string;
  @ApiProperty() date!: string;
}

class SignedView {
  @ApiProperty({ type: ActView }) act!: ActView;
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: 'integer' }) ledgerRevision!: number;
  @ApiProperty({ type: 'integer' }) changesBooked!: number;
}

class AbandonedView {
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
  @ApiProperty() reason!: string;
}

class AuthorView {
  @ApiProperty() subject!: string;
  @ApiProperty({ type: Named }) organisation!: Named;
}

export class DraftResponse {
  @ApiProperty({ example: 'revoyure-2018-pdch' }) draftId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['avenant', 'clause-de-revoyure'] }) kind!: string;
  @ApiProperty() kindLabel!: string;
  @ApiProperty({ enum: ['projet', 'signe', 'abandonne'] }) status!: string;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: AuthorView }) author!: AuthorView;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: [Named] }) sharedWith!: Named[];
  @ApiProperty({ type: [Named] }) concerned!: Named[];
  @ApiProperty({ type: [ApprovalView] }) approvals!: ApprovalView[];
  @ApiProperty({ type: [Named] }) approvalsMissing!: Named[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) changes!: object[];
  @ApiProperty({ type: DraftSimulation }) simulation!: DraftSimulation;
  @ApiPropertyOptional({ type: SignedView }) signed?: SignedView;
  @ApiPropertyOptional({ type: AbandonedView }) abandoned?: AbandonedView;
}

class DraftSummaryView {
  @ApiProperty() draftId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['avenant', 'clause-de-revoyure'] }) kind!: string;
  @ApiProperty() kindLabel!: string;
  @ApiProperty({ enum: ['projet', 'signe', 'abandonne'] }) status!: string;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'integer' }) changes!: number;
  @ApiProperty({ type: [String] }) sharedWith!: string[];
  @ApiProperty() updatedAt!: string;
}

export class DraftsResponse {
  @ApiProperty({ type: [DraftSummaryView] }) drafts!: DraftSummaryView[];
}

class ComparedSide {
  @ApiProperty() draftId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ type: 'integer' }) refused!: number;
  @ApiProperty({ type: [ChangeOutcomeView] }) outcomes!: ChangeOutcomeView[];
}

export class ComparisonResponse {
  @ApiProperty({ type: ComparedSide }) first!: ComparedSide;
  @ApiProperty({ type: ComparedSide }) second!: ComparedSide;
  @ApiProperty({ type: ImpactView, description: 'ce que le second projet change par rapport au premier' })
  secondAgainstFirst!: ImpactView;
}
