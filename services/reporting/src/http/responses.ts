import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorView, SourceView } from '@cvl/platform';

/*
 * What reporting's routes answer, as its OpenAPI document shows it (classes for the document only: nothing is built
 * from them). responses.unit.spec.ts holds each to the view its query returns, and the reporting suite validates the
 * answers against the committed document.
 */

const EUROS = { type: 'string', example: '150000.00', description: 'euros, décimal à deux chiffres' } as const;
const STATUS = { enum: ['indicative', 'conditional', 'firm', 'lapsed'] } as const;
type Status = 'indicative' | 'conditional' | 'firm' | 'lapsed';

/** The five figures every view shows. */
export class ViewFigures {
  @ApiProperty(EUROS) indicative!: string;
  @ApiProperty(EUROS) conditional!: string;
  @ApiProperty(EUROS) firm!: string;
  @ApiProperty(EUROS) paid!: string;
  @ApiProperty({ ...EUROS, description: 'reste à payer' }) outstanding!: string;
}

/** One event that made a figure: who, when recorded, from when effective, why, on what source, what it changed. */
export class ProvenanceEntryView {
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'commitments.commitment-firmed' }) type!: string;
  @ApiProperty({ type: ActorView }) actor!: ActorView;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ example: '2016-05-12' }) effectiveDate!: string;
  @ApiProperty({ example: 'arrete-attributif' }) reasonCode!: string;
  @ApiProperty({ type: SourceView, nullable: true, description: 'l’acte ou la ligne du document' })
  source!: unknown;
  @ApiProperty({ example: 'affermi pour 1500000.00 €' }) change!: string;
}

export class MatrixFilterView {
  @ApiPropertyOptional() funder?: string;
  @ApiPropertyOptional() quartier?: string;
  @ApiPropertyOptional() stake?: string;
  @ApiPropertyOptional({ type: 'integer' }) year?: number;
}

export class MatrixRowView {
  @ApiProperty({ example: 'anru' }) funder!: string;
  @ApiProperty({ example: 'habitat-cadre-de-vie', description: '« (non rattaché) » sans enjeu' }) stake!: string;
  @ApiProperty({ example: 'QP062024' }) quartier!: string;
  @ApiProperty({ type: 'integer', example: 2016 }) year!: number;
  @ApiProperty({ type: 'integer' }) commitments!: number;
  @ApiProperty({ type: ViewFigures }) figures!: ViewFigures;
}

export class CoFinancingMatrixResponse {
  @ApiProperty({ type: MatrixFilterView }) filter!: MatrixFilterView;
  @ApiProperty({ type: [MatrixRowView] }) rows!: MatrixRowView[];
  @ApiProperty({ type: ViewFigures }) total!: ViewFigures;
}

export class ProvenanceFilterView extends MatrixFilterView {
  @ApiPropertyOptional({ example: 'iti-feder:iti-call:op1' }) operation?: string;
  @ApiPropertyOptional() envelope?: string;
}

export class ContributingCommitment {
  @ApiProperty() id!: string;
  @ApiProperty() funder!: string;
  @ApiProperty() label!: string;
  @ApiProperty(STATUS) status!: Status;
  @ApiProperty({ type: ViewFigures }) figures!: ViewFigures;
  @ApiProperty({ type: [ProvenanceEntryView] }) events!: ProvenanceEntryView[];
}

export class ProvenanceResponse {
  @ApiProperty({ type: ProvenanceFilterView }) filter!: ProvenanceFilterView;
  @ApiProperty({ enum: ['indicative', 'conditional', 'firm', 'paid', 'outstanding'] })
  figure!: 'indicative' | 'conditional' | 'firm' | 'paid' | 'outstanding';
  @ApiProperty(EUROS) total!: string;
  @ApiProperty({ type: [ContributingCommitment] }) commitments!: ContributingCommitment[];
}

export class PendingByFunder {
  @ApiProperty() funder!: string;
  @ApiProperty(EUROS) pending!: string;
  @ApiProperty({ type: [String] }) commitments!: string[];
}

export class PendingConditionView {
  @ApiProperty({ example: 'abattement-tfpb' }) conditionId!: string;
  @ApiProperty(EUROS) pending!: string;
  @ApiProperty({ type: 'integer' }) commitments!: number;
  @ApiProperty({ type: [PendingByFunder] }) byFunder!: PendingByFunder[];
}

export class PendingConditionsResponse {
  @ApiProperty({ type: [PendingConditionView] }) conditions!: PendingConditionView[];
}

export class PoolPartView {
  @ApiProperty() commitmentId!: string;
  @ApiProperty() funder!: string;
  @ApiPropertyOptional() epci?: string;
  @ApiProperty(STATUS) status!: Status;
  @ApiProperty(EUROS) amount!: string;
}

export class PoolPositionView {
  @ApiProperty() poolId!: string;
  @ApiProperty() funder!: string;
  @ApiProperty() label!: string;
  @ApiProperty(STATUS) status!: Status;
  @ApiProperty({ ...EUROS, description: 'ce qui reste à ventiler' }) unallocated!: string;
  @ApiProperty({ ...EUROS, description: 'déjà ventilé en parts' }) allocated!: string;
  @ApiProperty({ type: [PoolPartView] }) parts!: PoolPartView[];
}

export class PoolPositionsResponse {
  @ApiProperty({ type: [PoolPositionView] }) pools!: PoolPositionView[];
}

export class ByProgramme {
  @ApiProperty({ description: '« (non rattaché) » sans programme' }) programme!: string;
  @ApiProperty({ type: ViewFigures }) figures!: ViewFigures;
}
export class ByQuartier {
  @ApiProperty({ example: 'QP062024' }) quartier!: string;
  @ApiProperty({ type: ViewFigures }) figures!: ViewFigures;
}
export class ByStake {
  @ApiProperty() stake!: string;
  @ApiProperty({ type: ViewFigures }) figures!: ViewFigures;
}
export class ByYear {
  @ApiProperty({ example: '2016' }) year!: string;
  @ApiProperty({ type: ViewFigures }) figures!: ViewFigures;
}
export class ByEpci {
  @ApiProperty() epci!: string;
  @ApiProperty({ type: ViewFigures }) figures!: ViewFigures;
}

export class StatementBreakdowns {
  @ApiProperty({ type: [ByProgramme] }) programme!: ByProgramme[];
  @ApiProperty({ type: [ByQuartier] }) quartier!: ByQuartier[];
  @ApiProperty({ type: [ByStake], description: 'par enjeu du contrat' }) stake!: ByStake[];
  @ApiProperty({ type: [ByYear] }) year!: ByYear[];
  @ApiProperty({ type: [ByEpci] }) epci!: ByEpci[];
}

export class AeCpFormatted {
  @ApiProperty({ example: '1 700 000,00 €' }) engaged!: string;
  @ApiProperty({ example: '425 000,00 €' }) paid!: string;
  @ApiProperty({ example: '1 275 000,00 €' }) remaining!: string;
}

export class AeCpTotalsView {
  @ApiProperty({ ...EUROS, description: 'engagé (AE)' }) engaged!: string;
  @ApiProperty({ ...EUROS, description: 'payé (CP)' }) paid!: string;
  @ApiProperty({ ...EUROS, description: 'restes à payer' }) remaining!: string;
  @ApiProperty({ type: AeCpFormatted }) formatted!: AeCpFormatted;
}

export class AeCpRowView extends AeCpTotalsView {
  @ApiProperty({ type: 'integer', example: 2016 }) year!: number;
}

export class AeCpView {
  @ApiProperty({ type: [AeCpRowView], description: 'année par année ; les restes à payer en fin d’année' })
  rows!: AeCpRowView[];
  @ApiProperty({ type: AeCpTotalsView }) totals!: AeCpTotalsView;
}

export class MemoPeriodView {
  @ApiProperty({ type: 'integer', example: 2016 }) fromYear!: number;
  @ApiProperty({ type: 'integer', example: 2020 }) toYear!: number;
}

export class PourMemoireView {
  @ApiProperty({ example: 'region-participation-2016-2020' }) figureId!: string;
  @ApiProperty({ example: 'à définir' }) text!: string;
  @ApiPropertyOptional() wording?: string;
  @ApiProperty({ type: MemoPeriodView }) period!: MemoPeriodView;
  @ApiProperty({ type: 'integer', example: 4868 }) line!: number;
}

export class FunderStatementResponse {
  @ApiProperty({ example: 'maisons-et-cites' }) funder!: string;
  @ApiProperty({ example: 'Maisons et Cités Soginorpa', description: 'son nom au référentiel' }) funderName!: string;
  @ApiProperty({
    description:
      'vrai quand les modèles de lecture sont vides (en reconstruction, ou rien encore reçu) : les montants ne sont pas encore ceux du grand livre',
  })
  readModelEmpty!: boolean;
  @ApiProperty({ type: 'integer' }) commitments!: number;
  @ApiProperty({ type: ViewFigures }) totals!: ViewFigures;
  @ApiProperty({ type: StatementBreakdowns, description: 'chaque ventilation a pour somme les totaux' })
  by!: StatementBreakdowns;
  @ApiProperty({ type: AeCpView, description: 'AE/CP : engagé, payé et restes à payer, année par année' })
  aeCp!: AeCpView;
  @ApiProperty({ type: [PendingConditionView] }) awaitingConditions!: PendingConditionView[];
  @ApiProperty({ type: [PoolPositionView] }) pools!: PoolPositionView[];
  @ApiProperty({
    type: [PourMemoireView],
    description: 'participations annoncées sans montant (« à définir ») : visibles, jamais additionnées',
  })
  pourMemoire!: PourMemoireView[];
}

export class ActView {
  @ApiProperty() reference!: string;
  @ApiProperty({ example: '2016-05-12' }) date!: string;
}

export class FederFigures {
  @ApiProperty(EUROS) programmed!: string;
  @ApiProperty(EUROS) paid!: string;
  @ApiProperty(EUROS) released!: string;
}

export class OperationFunderShare {
  @ApiProperty() funder!: string;
  @ApiProperty({ ...EUROS, description: 'au plan de financement' }) planned!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'part du coût, en points de base (1250 = 12,50 %)' })
  share!: number | null;
  @ApiProperty({ enum: ['engagée', 'refusée', 'en attente'] }) booking!: string;
  @ApiPropertyOptional({ description: 'pourquoi le registre a refusé la ligne' }) reason?: string;
  @ApiProperty(EUROS) committed!: string;
  @ApiProperty({ type: ViewFigures }) figures!: ViewFigures;
  @ApiProperty({ type: [String] }) commitments!: string[];
  @ApiProperty({
    type: [String],
    example: ['iti-feder', 'renewal-urban'],
    description: 'qui a demandé ces engagements',
  })
  programmes!: string[];
}

export class OperationReferenceView {
  @ApiProperty({ example: 'call-ap' }) system!: string;
  @ApiProperty({ example: 'AP-2015-07' }) reference!: string;
}

export class OperationCardResponse {
  @ApiProperty({ example: 'iti-feder:iti-call:op1' }) key!: string;
  @ApiProperty({ enum: ['renewal-urban', 'iti-feder', 'registre'] })
  source!: 'renewal-urban' | 'iti-feder' | 'registre';
  @ApiProperty({ description: 'protocole NPNRU, programme ITI, ou « registre »' }) programmeId!: string;
  @ApiProperty() operationId!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'maître d’ouvrage ou bénéficiaire' }) owner!: string;
  @ApiProperty() quartier!: string;
  @ApiPropertyOptional() nature?: string;
  @ApiPropertyOptional({ type: 'integer' }) axis?: number;
  @ApiPropertyOptional() priority?: string;
  @ApiProperty({ example: 'programmée' }) status!: string;
  @ApiPropertyOptional({ type: ActView }) act?: ActView;
  @ApiProperty({ ...EUROS, description: 'assiette ou coût éligible' }) cost!: string;
  @ApiPropertyOptional({ description: 'l’opération du registre des engagements (mêmes travaux, tous programmes)' })
  registryOperation?: string;
  @ApiPropertyOptional({ type: [OperationReferenceView], description: 'ses numéros dans chaque système' })
  references?: OperationReferenceView[];
  @ApiProperty(EUROS) planned!: string;
  @ApiPropertyOptional({ type: FederFigures }) feder?: FederFigures;
  @ApiProperty({ type: [OperationFunderShare] }) funders!: OperationFunderShare[];
  @ApiProperty({ type: ViewFigures }) totals!: ViewFigures;
  @ApiProperty({ type: [ProvenanceEntryView] }) history!: ProvenanceEntryView[];
}

export class OperationFilterView {
  @ApiPropertyOptional() source?: string;
  @ApiPropertyOptional() programme?: string;
  @ApiPropertyOptional() quartier?: string;
  @ApiPropertyOptional() funder?: string;
}

export class OperationCardsResponse {
  @ApiProperty({ type: OperationFilterView }) filter!: OperationFilterView;
  @ApiProperty({ type: [OperationCardResponse] }) operations!: OperationCardResponse[];
}

export class EnvelopePositionView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['budget', 'iti-axis'] }) kind!: 'budget' | 'iti-axis';
  @ApiProperty() label!: string;
  @ApiPropertyOptional() funder?: string;
  @ApiPropertyOptional() programme?: string;
  @ApiPropertyOptional({ type: 'integer' }) axis?: number;
  @ApiProperty(EUROS) amount!: string;
  @ApiProperty({ ...EUROS, description: 'plafond (un axe ITI : la part de la CALL une fois fixée)' }) cap!: string;
  @ApiProperty(EUROS) programmed!: string;
  @ApiProperty(EUROS) firm!: string;
  @ApiProperty(EUROS) paid!: string;
  @ApiProperty(EUROS) available!: string;
  @ApiProperty({ type: 'integer' }) operations!: number;
  @ApiProperty({ type: [ProvenanceEntryView] }) history!: ProvenanceEntryView[];
}

export class EnvelopesResponse {
  @ApiProperty({ type: [EnvelopePositionView] }) envelopes!: EnvelopePositionView[];
}

export class IntegrityCheckLine {
  @ApiProperty({ example: 'grand livre équilibré (Σ débits = Σ crédits)' }) check!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'les maillons rompus' })
  broken?: object[];
}

export class LedgerTotalsView {
  @ApiProperty(EUROS) debitsPosted!: string;
  @ApiProperty(EUROS) creditsPosted!: string;
  @ApiProperty(EUROS) debitsPending!: string;
  @ApiProperty(EUROS) creditsPending!: string;
  @ApiProperty() balanced!: boolean;
  @ApiProperty() viewsAgreeWithLedger!: boolean;
}

export class DisagreementView {
  @ApiProperty() funder!: string;
  @ApiProperty({ enum: ['indicative', 'conditional', 'firm', 'paid', 'outstanding'] }) figure!: string;
  @ApiProperty(EUROS) readModel!: string;
  @ApiProperty(EUROS) ledger!: string;
}

export class ReconciliationCounts {
  @ApiProperty() document!: string;
  @ApiProperty({ type: 'integer' }) checks!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { concorde: 120, 'arrondi déclaré': 3, écart: 1 },
  })
  counts!: Record<string, number>;
}

export class IntegrityCheckResponse {
  @ApiProperty({ description: 'tout concorde' }) ok!: boolean;
  @ApiProperty() checkedAt!: string;
  @ApiProperty({ type: [IntegrityCheckLine] }) checks!: IntegrityCheckLine[];
  @ApiProperty({ type: LedgerTotalsView }) ledger!: LedgerTotalsView;
  @ApiProperty({ type: [DisagreementView] }) disagreements!: DisagreementView[];
  @ApiPropertyOptional({ type: ReconciliationCounts }) reconciliation?: ReconciliationCounts;
}

export class ReplayProgressResponse {
  @ApiProperty() generation!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ type: 'integer', description: 'événements projetés' }) projected!: number;
  @ApiProperty({ type: 'integer', description: 'événements en attente sur les sujets' }) backlog!: number;
  @ApiProperty() upToDate!: boolean;
  @ApiProperty({ enum: ['stores', 'transport'], description: 'stores : lecture des magasins ; transport : les sujets' })
  phase!: 'stores' | 'transport';
  @ApiPropertyOptional({ description: 'un magasin illisible : reconstruit depuis le transport seul' }) warning?: string;
}
