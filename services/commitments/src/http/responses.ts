import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorView, SourceView } from '@cvl/platform';
import {
  DOCUMENT_FIGURE_ROLES,
  GOVERNANCE_KINDS,
  type DocumentFigureRole,
  type GovernanceKind,
} from '../domain/events';

/*
 * What the ledger's routes answer, as the OpenAPI document shows it (classes for the document only: nothing is
 * built from them). responses.unit.spec.ts holds each to the view the route returns (the view must be assignable
 * to it), and the API suite validates answers against the served document.
 */

const EUROS = { type: 'string', example: '150000.00', description: 'euros, décimal à deux chiffres' } as const;

export class FiguresEuros {
  @ApiProperty(EUROS) indicative!: string;
  @ApiProperty(EUROS) conditional!: string;
  @ApiProperty(EUROS) firm!: string;
  @ApiProperty(EUROS) paid!: string;
  @ApiProperty({ ...EUROS, description: 'reste à payer' }) outstanding!: string;
  @ApiProperty({ ...EUROS, description: 'dégagé' }) released!: string;
}

export class FormattedFigures {
  @ApiProperty({ example: '150 000,00 €' }) indicative!: string;
  @ApiProperty() conditional!: string;
  @ApiProperty() firm!: string;
  @ApiProperty() paid!: string;
  @ApiProperty() outstanding!: string;
  @ApiProperty() released!: string;
}

export class CommitmentFigures extends FiguresEuros {
  @ApiProperty({ type: FormattedFigures, description: 'les mêmes, à la française' }) formatted!: FormattedFigures;
}

export class LegalActView {
  @ApiProperty({ example: 'Arrêté préfectoral 2016-118' }) reference!: string;
  @ApiProperty({ example: '2016-05-12' }) date!: string;
}

export class ConditionSummary {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['open', 'met', 'failed'] }) status!: 'open' | 'met' | 'failed';
}

export class AttributionView {
  @ApiProperty() label!: string;
  @ApiPropertyOptional() projectOwner?: string;
  @ApiPropertyOptional() programme?: string;
  @ApiPropertyOptional({ example: 'QP062024' }) quartier?: string;
  @ApiPropertyOptional() epci?: string;
  @ApiPropertyOptional() stake?: string;
  @ApiPropertyOptional() axis?: string;
  @ApiPropertyOptional() objective?: string;
  @ApiProperty({ type: 'integer', example: 2016 }) year!: number;
  @ApiProperty({ example: 'CALL' }) scale!: string;
}

export class StatedRange {
  @ApiProperty() min!: string;
  @ApiProperty() max!: string;
  @ApiPropertyOptional() central?: string;
}

export class StatedFormula {
  @ApiProperty({ enum: ['product', 'share'] }) kind!: 'product' | 'share';
  @ApiPropertyOptional() unitAmount?: string;
  @ApiPropertyOptional({ type: 'integer' }) quantity?: number;
  @ApiPropertyOptional() baseAmount?: string;
  @ApiPropertyOptional({ type: 'integer' }) rateBasisPoints?: number;
}

export class StatedView {
  @ApiProperty({ description: 'le montant tel que le document l’énonce' }) text!: string;
  @ApiPropertyOptional() amount?: string;
  @ApiPropertyOptional({ type: StatedRange }) range?: StatedRange;
  @ApiPropertyOptional({ type: StatedFormula }) formula?: StatedFormula;
}

export class PaymentView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['avance', 'acompte', 'solde'] }) kind!: 'avance' | 'acompte' | 'solde';
  @ApiProperty(EUROS) amount!: string;
  @ApiProperty({ example: '2017-04-15' }) effectiveDate!: string;
  @ApiPropertyOptional({ example: '2017-04-01' }) serviceDoneDate?: string;
}

export class CommitmentResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'region' }) funder!: string;
  @ApiProperty({ example: 'Région Hauts-de-France' }) funderName!: string;
  @ApiProperty({ enum: ['indicative', 'conditional', 'firm', 'lapsed'] })
  status!: 'indicative' | 'conditional' | 'firm' | 'lapsed';
  @ApiProperty({
    example: 'ferme',
    description: 'indicatif, conditionnel, ferme, caduc — ou soldé, ferme et payé en entier',
  })
  statusLabel!: string;
  @ApiProperty({ description: 'ferme et payé en entier (ce qui n’a pas servi dégagé)' }) settled!: boolean;
  @ApiProperty(EUROS) amount!: string;
  @ApiProperty({ type: CommitmentFigures }) figures!: CommitmentFigures;
  @ApiPropertyOptional() envelopeId?: string;
  @ApiPropertyOptional({ type: ConditionSummary }) condition?: ConditionSummary;
  @ApiPropertyOptional({ type: LegalActView }) act?: LegalActView;
  @ApiProperty({ description: 'enveloppe commune à ventiler (par EPCI ou par financeur)' }) isPool!: boolean;
  @ApiPropertyOptional(EUROS) unallocated?: string;
  @ApiPropertyOptional(EUROS) splitOut?: string;
  @ApiPropertyOptional() poolId?: string;
  @ApiProperty({ type: AttributionView }) attribution!: AttributionView;
  @ApiPropertyOptional({ type: StatedView }) stated?: StatedView;
  @ApiProperty({ type: [PaymentView] }) payments!: PaymentView[];
  @ApiProperty({ type: 'integer', description: 'version (ETag) : les événements qui l’ont touché' }) version!: number;
}

export class CommitmentPage {
  @ApiProperty({ type: [CommitmentResponse] }) items!: CommitmentResponse[];
  @ApiPropertyOptional({ description: 'absent sur la dernière page' }) nextCursor?: string;
}

export class EnvelopeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() funder!: string;
  @ApiProperty() label!: string;
  @ApiPropertyOptional() programme?: string;
  @ApiPropertyOptional({ type: 'integer' }) year?: number;
  @ApiProperty(EUROS) amount!: string;
  @ApiProperty({ ...EUROS, description: 'réservé (intentions, conditionnels)' }) reserved!: string;
  @ApiProperty({ ...EUROS, description: 'engagé ferme' }) committed!: string;
  @ApiProperty(EUROS) available!: string;
  @ApiProperty({ example: '6 000 000,00 €' }) availableFormatted!: string;
}

export class AwaitingCommitment {
  @ApiProperty() commitmentId!: string;
  @ApiProperty() funder!: string;
  @ApiProperty() label!: string;
  @ApiProperty(EUROS) amount!: string;
}

export class ConditionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['open', 'met', 'failed'] }) status!: 'open' | 'met' | 'failed';
  @ApiPropertyOptional() resolvedOn?: string;
  @ApiProperty({ type: [AwaitingCommitment] }) awaiting!: AwaitingCommitment[];
  @ApiProperty(EUROS) awaitingTotal!: string;
}

export class ConditionResolvedResponse extends ConditionResponse {
  @ApiProperty({ type: [String], description: 'les engagements devenus fermes ou caducs' })
  resolvedCommitments!: string[];
}

export class ReferenceResponse {
  @ApiProperty({
    enum: ['funder', 'epci', 'quartier', 'programme', 'stake', 'axis', 'objective', 'organisation'],
  })
  kind!: 'funder' | 'epci' | 'quartier' | 'programme' | 'stake' | 'axis' | 'objective' | 'organisation';
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes!: Record<string, string | string[]>;
  @ApiPropertyOptional() parent?: string;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class ReferencePage {
  @ApiProperty({ type: [ReferenceResponse] }) items!: ReferenceResponse[];
  @ApiPropertyOptional() nextCursor?: string;
}

export class ImportResponse {
  @ApiProperty({ enum: ['csv', 'xlsx', 'json'] }) format!: string;
  @ApiProperty() document!: string;
  @ApiProperty({ type: 'integer' }) commands!: number;
  @ApiProperty({ type: 'integer', description: 'événements ajoutés (0 : tout y était déjà)' }) eventsAppended!: number;
  @ApiProperty({ type: 'integer' }) alreadyPresent!: number;
}

class ImportErrorView {
  @ApiProperty({ example: 'figures.csv' }) file!: string;
  @ApiProperty({ type: 'integer', example: 12 }) row!: number;
  @ApiProperty({ example: 'amount' }) column!: string;
  @ApiProperty({ example: 'montant illisible : « beaucoup »' }) reason!: string;
}

class ImportRowCounts {
  @ApiProperty({ type: 'integer' }) references!: number;
  @ApiProperty({ type: 'integer' }) conditions!: number;
  @ApiProperty({ type: 'integer' }) envelopes!: number;
  @ApiProperty({ type: 'integer' }) operations!: number;
  @ApiProperty({ type: 'integer' }) figures!: number;
  @ApiProperty({ type: 'integer' }) governance!: number;
}

/** What a check of a data set found (dryRun=true): every error of the whole file, and nothing written. */
export class ImportCheckResponse {
  @ApiProperty({ enum: ['csv', 'xlsx', 'json'] }) format!: string;
  @ApiProperty() document!: string;
  @ApiProperty({ enum: [true] }) dryRun!: true;
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [ImportErrorView] }) errors!: ImportErrorView[];
  @ApiProperty({ type: ImportRowCounts }) rows!: ImportRowCounts;
}

export class PointInTimeView {
  @ApiPropertyOptional({ example: '2016-12-31', description: 'situation à cette date d’effet' }) asOf?: string;
  @ApiPropertyOptional({ example: '2017-03-01T00:00:00.000Z', description: 'telle que connue à cet instant' })
  knownAt?: string;
}

export class FunderNamed {
  @ApiProperty({ example: 'region' }) code!: string;
  @ApiProperty({ example: 'Région Hauts-de-France' }) name!: string;
}

export class GroupFigures {
  @ApiProperty({ example: 'QP062024', description: 'la valeur de l’axe de regroupement ((non rattaché) sinon)' })
  key!: string;
  @ApiProperty({ example: 'Cité 12/14 (Lens)', description: 'son nom au référentiel (le code sinon)' })
  name!: string;
  @ApiProperty({ type: CommitmentFigures }) figures!: CommitmentFigures;
}

export class StatementGroups {
  @ApiProperty({ type: [GroupFigures] }) programme!: GroupFigures[];
  @ApiProperty({ type: [GroupFigures] }) quartier!: GroupFigures[];
  @ApiProperty({ type: [GroupFigures] }) stake!: GroupFigures[];
  @ApiProperty({ type: [GroupFigures] }) year!: GroupFigures[];
  @ApiProperty({ type: [GroupFigures] }) epci!: GroupFigures[];
}

export class AwaitedCondition {
  @ApiProperty() conditionId!: string;
  @ApiProperty() label!: string;
  @ApiProperty(EUROS) amount!: string;
}

export class UnallocatedPool {
  @ApiProperty() commitmentId!: string;
  @ApiProperty() label!: string;
  @ApiProperty() scale!: string;
  @ApiProperty({ enum: ['indicative', 'conditional', 'firm', 'lapsed'] })
  status!: 'indicative' | 'conditional' | 'firm' | 'lapsed';
  @ApiProperty(EUROS) unallocated!: string;
}

export class StatementLine {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['indicative', 'conditional', 'firm', 'lapsed'] })
  status!: 'indicative' | 'conditional' | 'firm' | 'lapsed';
  @ApiProperty() statusLabel!: string;
  @ApiProperty() isPool!: boolean;
  @ApiPropertyOptional({ type: LegalActView }) act?: LegalActView;
  @ApiPropertyOptional() conditionId?: string;
  @ApiProperty({ type: CommitmentFigures }) figures!: CommitmentFigures;
  @ApiProperty({ example: '2015-01-01', description: 'date d’effet de son inscription' }) since!: string;
  @ApiPropertyOptional({ example: '2016-05-12', description: 'date d’effet de son affermissement' })
  firmSince?: string;
  @ApiProperty({
    type: 'integer',
    isArray: true,
    example: [5465],
    description: 'les lignes du document d’où il a été inscrit',
  })
  documentLines!: number[];
}

export class FigurePeriodView {
  @ApiProperty({ type: 'integer', example: 2015 }) fromYear!: number;
  @ApiProperty({ type: 'integer', example: 2020 }) toYear!: number;
}

export class PourMemoireLine {
  @ApiProperty({ example: 'region-participation-2016-2020' }) figureId!: string;
  @ApiProperty({ example: 'à définir' }) text!: string;
  @ApiPropertyOptional() wording?: string;
  @ApiProperty({ type: FigurePeriodView }) period!: FigurePeriodView;
  @ApiProperty({ type: 'integer', example: 4868 }) line!: number;
}

export class FunderStatementResponse {
  @ApiProperty({ type: PointInTimeView }) at!: PointInTimeView;
  @ApiProperty({ type: FunderNamed }) funder!: FunderNamed;
  @ApiProperty({ type: CommitmentFigures }) totals!: CommitmentFigures;
  @ApiProperty({ type: StatementGroups, description: 'par programme, quartier, enjeu, année, EPCI' })
  by!: StatementGroups;
  @ApiProperty({ type: [AwaitedCondition] }) awaitingConditions!: AwaitedCondition[];
  @ApiProperty({ type: [UnallocatedPool] }) unallocatedPools!: UnallocatedPool[];
  @ApiProperty({ type: [StatementLine] }) commitments!: StatementLine[];
  @ApiProperty({
    type: [PourMemoireLine],
    description: 'participations annoncées sans montant (« à définir ») : visibles, jamais additionnées',
  })
  pourMemoire!: PourMemoireLine[];
}

export class FunderBalance {
  @ApiProperty() funder!: string;
  @ApiProperty({ type: CommitmentFigures }) figures!: CommitmentFigures;
}

export class LedgerBalance {
  @ApiProperty(EUROS) debitsPosted!: string;
  @ApiProperty(EUROS) creditsPosted!: string;
  @ApiProperty(EUROS) debitsPending!: string;
  @ApiProperty(EUROS) creditsPending!: string;
  @ApiProperty({ description: 'partie double : les débits égalent les crédits' }) balanced!: boolean;
  @ApiProperty({ description: 'les restitutions SQL égalent le grand livre' }) viewsAgreeWithLedger!: boolean;
}

export class BalancesResponse {
  @ApiProperty({ type: PointInTimeView }) at!: PointInTimeView;
  @ApiProperty({ type: [FunderBalance] }) funders!: FunderBalance[];
  @ApiProperty({ type: LedgerBalance }) ledger!: LedgerBalance;
}

export class ReconciliationLineView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'integer', description: 'ligne du document' }) line!: number;
  @ApiProperty() section!: string;
  @ApiProperty({ enum: ['produit', 'somme', 'énoncé / exact', 'fourchette', 'quantité'] })
  check!: 'produit' | 'somme' | 'énoncé / exact' | 'fourchette' | 'quantité';
  @ApiProperty({ type: [Number], description: 'les autres lignes du document comparées (parties, autre énoncé)' })
  against!: number[];
  @ApiProperty() text!: string;
  @ApiProperty() stated!: string;
  @ApiProperty() computed!: string;
  @ApiProperty() gap!: string;
  @ApiProperty({ enum: ['concorde', 'arrondi déclaré', 'arrondi à la précision affichée', 'écart', 'ambigu'] })
  verdict!: 'concorde' | 'arrondi déclaré' | 'arrondi à la précision affichée' | 'écart' | 'ambigu';
  @ApiProperty() explanation!: string;
}

export class ReconciliationResponse {
  @ApiProperty() document!: string;
  @ApiProperty({ type: 'integer' }) checks!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'nombre de lignes par verdict',
    example: { concorde: 120, 'arrondi déclaré': 4, écart: 2 },
  })
  counts!: Record<string, number>;
  @ApiProperty({ type: [ReconciliationLineView] }) lines!: ReconciliationLineView[];
}

export class TransferView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['single', 'pending', 'post', 'void'] }) phase!: 'single' | 'pending' | 'post' | 'void';
  @ApiProperty({ description: 'compte débité' }) debit!: string;
  @ApiProperty({ description: 'compte crédité' }) credit!: string;
  @ApiPropertyOptional(EUROS) amount?: string;
  @ApiPropertyOptional() pendingId?: string;
  @ApiPropertyOptional() correctsId?: string;
  @ApiPropertyOptional() linked?: boolean;
}

export class HistoryLine {
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'commitments.commitment-firmed' }) type!: string;
  @ApiProperty({ example: 'affermi par son acte juridique' }) what!: string;
  @ApiProperty({ type: 'integer', description: 'position dans le flux du grand livre' }) revision!: number;
  @ApiProperty({ description: 'enregistré (temps de transaction)' }) recordedAt!: string;
  @ApiProperty({ description: 'stocké par le journal' }) storedAt!: string;
  @ApiProperty({ example: '2016-10-12', description: 'date d’effet' }) effectiveDate!: string;
  @ApiProperty({ type: ActorView }) actor!: ActorView;
  @ApiProperty() reasonCode!: string;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional() memo?: string;
  @ApiProperty({ type: SourceView }) source!: SourceView;
  @ApiPropertyOptional({ type: LegalActView }) act?: LegalActView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { before: '150000.00', after: '120000.00' },
  })
  amounts!: Record<string, string>;
  @ApiProperty({ type: [TransferView] }) transfers!: TransferView[];
  @ApiProperty({ description: 'empreinte de l’événement dans sa chaîne' }) hash!: string;
}

export class CommitmentHistoryResponse {
  @ApiProperty() commitmentId!: string;
  @ApiProperty({ type: [HistoryLine] }) events!: HistoryLine[];
}

export class OperationReferenceView {
  @ApiProperty({ example: 'renewal-urban' }) system!: string;
  @ApiProperty({ example: 'npnru-call:etude-urbaine' }) reference!: string;
}

export class OperationFunderView {
  @ApiProperty() funder!: string;
  @ApiProperty() funderName!: string;
  @ApiProperty({ description: 'la part du maître d’ouvrage (ce n’est pas une aide)' }) ownShare!: boolean;
  @ApiProperty({ example: '250000.00', description: 'ses engagements vivants, tous programmes' }) amount!: string;
  @ApiProperty({ example: '250 000,00 €' }) formatted!: string;
  @ApiProperty({ type: [String] }) commitments!: string[];
  @ApiProperty({ type: [String], example: ['renewal-urban'], description: 'qui a demandé l’inscription' })
  programmes!: string[];
}

export class CapPositionView {
  @ApiProperty({ example: 'etat-80-decret-2018-514' }) rule!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'la source juridique' }) source!: string;
  @ApiProperty({ type: 'integer', example: 8000, description: 'points de base de l’assiette HT' })
  rateBasisPoints!: number;
  @ApiProperty({ example: '800000.00' }) cap!: string;
  @ApiProperty({ example: '600000.00' }) counted!: string;
  @ApiProperty({ example: '0.00' }) excess!: string;
  @ApiProperty() ok!: boolean;
}

export class OperationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty() projectOwner!: string;
  @ApiProperty() projectOwnerName!: string;
  @ApiProperty({ type: [String] }) quartiers!: string[];
  @ApiPropertyOptional() stake?: string;
  @ApiPropertyOptional() axis?: string;
  @ApiPropertyOptional() objective?: string;
  @ApiPropertyOptional() nature?: string;
  @ApiProperty({ example: '1000000.00', description: 'assiette éligible HT' }) eligibleBase!: string;
  @ApiPropertyOptional() eligibleBaseTtc?: string;
  @ApiPropertyOptional() start?: string;
  @ApiPropertyOptional() end?: string;
  @ApiProperty({ type: [OperationReferenceView] }) references!: OperationReferenceView[];
  @ApiProperty({ type: [OperationFunderView] }) funders!: OperationFunderView[];
  @ApiProperty({ type: [CapPositionView] }) caps!: CapPositionView[];
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class OperationsResponse {
  @ApiProperty({ type: [OperationResponse] }) operations!: OperationResponse[];
  @ApiProperty({ type: 'integer', description: 'opérations au-delà d’un plafond' }) overCap!: number;
}

export class RuleConditionsView {
  @ApiPropertyOptional({ type: [String] }) anyFunderCategory?: string[];
  @ApiPropertyOptional({ type: [String] }) ownerCategory?: string[];
  @ApiPropertyOptional({ type: [String] }) natures?: string[];
}

export class CoFinancingRuleView {
  @ApiProperty({ example: 'etat-80-decret-2018-514' }) id!: string;
  @ApiProperty({ example: '2018-10-01' }) from!: string;
  @ApiPropertyOptional() to?: string;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'la source juridique' }) source!: string;
  @ApiProperty({ enum: ['all-aid', 'public-aid', 'funder'] }) bounds!: 'all-aid' | 'public-aid' | 'funder';
  @ApiPropertyOptional() funder?: string;
  @ApiProperty({ type: 'integer', example: 8000 }) maxRateBasisPoints!: number;
  @ApiPropertyOptional({ type: RuleConditionsView }) when?: RuleConditionsView;
  @ApiPropertyOptional() exceptions?: string;
}

export class CoFinancingRulesResponse {
  @ApiProperty({ type: [CoFinancingRuleView], description: 'les textes, dans le code' })
  defaults!: CoFinancingRuleView[];
  @ApiProperty({ type: [CoFinancingRuleView], description: 'enregistrées au registre (remplacent ou ajoutent)' })
  recorded!: CoFinancingRuleView[];
}

export class AeCpFormatted {
  @ApiProperty({ example: '1 200 000,00 €' }) engaged!: string;
  @ApiProperty() paid!: string;
  @ApiProperty() remaining!: string;
  @ApiProperty() planned!: string;
}

export class AeCpYear {
  @ApiProperty({ type: 'integer', example: 2016 }) year!: number;
  @ApiProperty({ example: '1200000.00', description: 'AE : devenu ferme dans l’année' }) engaged!: string;
  @ApiProperty({ example: '300000.00', description: 'CP : payé dans l’année' }) paid!: string;
  @ApiProperty({ example: '900000.00', description: 'restes à payer en fin d’année' }) remaining!: string;
  @ApiProperty({ example: '300000.00', description: 'paiements prévus par les échéanciers' }) planned!: string;
  @ApiProperty({ type: AeCpFormatted }) formatted!: AeCpFormatted;
}

export class AeCpTotals {
  @ApiProperty() engaged!: string;
  @ApiProperty() paid!: string;
  @ApiProperty() remaining!: string;
  @ApiProperty() planned!: string;
}

export class PlannedPaymentView {
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty() amount!: string;
}

export class ScheduleView {
  @ApiProperty() commitmentId!: string;
  @ApiProperty({ type: 'integer', example: 2017 }) fromYear!: number;
  @ApiProperty({ type: 'integer', example: 2018 }) toYear!: number;
  @ApiProperty({ type: [PlannedPaymentView] }) planned!: PlannedPaymentView[];
}

export class AeCpResponse {
  @ApiProperty() funder!: string;
  @ApiProperty({ type: [AeCpYear] }) rows!: AeCpYear[];
  @ApiProperty({ type: AeCpTotals }) totals!: AeCpTotals;
  @ApiProperty({ type: [ScheduleView], description: 'les échéanciers : une fenêtre reste une fenêtre' })
  schedules!: ScheduleView[];
}

export class FigureRangeView {
  @ApiProperty(EUROS) min!: string;
  @ApiProperty(EUROS) max!: string;
  @ApiPropertyOptional(EUROS) central?: string;
}

export class FigureFormulaView {
  @ApiProperty(EUROS) unitAmount!: string;
  @ApiProperty({ type: 'integer', example: 750 }) quantity!: number;
}

export class FigureCommitmentView {
  @ApiProperty() commitmentId!: string;
  @ApiProperty({ enum: ['indicative', 'conditional', 'firm', 'lapsed'] }) status!:
    'indicative' | 'conditional' | 'firm' | 'lapsed';
  @ApiProperty(EUROS) amount!: string;
}

export class FigureEnvelopeView {
  @ApiProperty() envelopeId!: string;
  @ApiProperty(EUROS) amount!: string;
}

export class FigureProvenanceView {
  @ApiPropertyOptional({ example: 'contrat-de-ville-lens-lievin-2015-2020' }) document?: string;
  @ApiPropertyOptional({ type: 'integer', example: 5465 }) line?: number;
  @ApiPropertyOptional() section?: string;
  @ApiProperty({ type: ActorView }) actor!: ActorView;
  @ApiProperty({ example: '2015-07-01' }) effectiveDate!: string;
  @ApiProperty({ example: '2026-12-04T01:00:00.000Z' }) recordedAt!: string;
}

export class DocumentFigureResponse {
  @ApiProperty({ example: 'mc-total-arrondi' }) figureId!: string;
  @ApiProperty({ example: '259M€', description: 'tel qu’écrit dans le document' }) text!: string;
  @ApiProperty({ enum: DOCUMENT_FIGURE_ROLES }) role!: DocumentFigureRole;
  @ApiProperty({ example: 'total d’autres lignes (non compté)' }) roleLabel!: string;
  @ApiPropertyOptional({ example: 'total arrondi', description: 'le statut dans les mots du document' })
  wording?: string;
  @ApiProperty({
    example: 'conditional',
    description:
      'statut normalisé : celui de l’engagement pour une ligne inscrite, sinon envelope, pour-memoire, history, parameter, rollup, information',
  })
  status!: string;
  @ApiProperty({ example: 'conditionnel' }) statusLabel!: string;
  @ApiProperty({ description: 'la ligne compte-t-elle dans le grand livre (engagement ou enveloppe) ?' })
  counted!: boolean;
  @ApiPropertyOptional(EUROS) amount?: string;
  @ApiPropertyOptional({ type: FigureRangeView }) range?: FigureRangeView;
  @ApiPropertyOptional({ type: FigureFormulaView }) formula?: FigureFormulaView;
  @ApiPropertyOptional({ type: 'integer', example: 4000, description: 'unités énoncées' }) count?: number;
  @ApiPropertyOptional({ type: [String] }) parts?: string[];
  @ApiPropertyOptional({ enum: ['M€', 'k€', '€'] }) rounding?: 'M€' | 'k€' | '€';
  @ApiProperty({ example: 'Bassin Minier' }) scale!: string;
  @ApiProperty({ type: FigurePeriodView }) period!: FigurePeriodView;
  @ApiPropertyOptional({ type: FunderNamed }) funder?: FunderNamed;
  @ApiPropertyOptional({ type: FunderNamed }) beneficiary?: FunderNamed;
  @ApiPropertyOptional({ type: FunderNamed }) quartier?: FunderNamed;
  @ApiPropertyOptional() operation?: string;
  @ApiPropertyOptional({ type: FigureCommitmentView }) commitment?: FigureCommitmentView;
  @ApiPropertyOptional({ type: FigureEnvelopeView }) envelope?: FigureEnvelopeView;
  @ApiProperty({ type: FigureProvenanceView }) provenance!: FigureProvenanceView;
}

export class DocumentFigurePage {
  @ApiProperty({ type: [DocumentFigureResponse] }) items!: DocumentFigureResponse[];
  @ApiPropertyOptional() nextCursor?: string;
}

export class TimelineEntryView {
  @ApiProperty({ example: '2015-10-01' }) from!: string;
  @ApiProperty({ example: '2015-12-31' }) to!: string;
  @ApiProperty({ enum: [...GOVERNANCE_KINDS, 'acte', 'paiement', 'condition-levee'] })
  kind!: GovernanceKind | 'acte' | 'paiement' | 'condition-levee';
  @ApiProperty({ example: 'avenant' }) kindLabel!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['realise', 'prevu', 'attendu'] }) status!: 'realise' | 'prevu' | 'attendu';
  @ApiProperty({ example: 'prévu' }) statusLabel!: string;
  @ApiPropertyOptional({ example: 'annuelle' }) recurrence?: string;
  @ApiProperty() effect!: string;
  @ApiProperty({ type: [FunderNamed] }) funders!: FunderNamed[];
  @ApiProperty({ enum: ['gouvernance', 'grand-livre'] }) origin!: 'gouvernance' | 'grand-livre';
  @ApiProperty({ description: 'l’étape, l’engagement ou la condition' }) ref!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'ligne du document' }) line?: number;
  @ApiPropertyOptional({ description: 'l’acte' }) act?: string;
}

export class TimelineResponse {
  @ApiPropertyOptional({ type: FunderNamed }) funder?: FunderNamed;
  @ApiProperty({ type: [TimelineEntryView] }) entries!: TimelineEntryView[];
}

export class DeadlineView {
  @ApiProperty({ example: '2018-12-31', description: 'le dernier jour de la fenêtre : en retard après' }) due!: string;
  @ApiProperty({ example: '2018-01-01' }) from!: string;
  @ApiProperty({ enum: ['en-retard', 'a-venir'] }) state!: 'en-retard' | 'a-venir';
  @ApiProperty({ example: 'à venir' }) stateLabel!: string;
  @ApiProperty({ type: 'integer', description: 'jours jusqu’à l’échéance (négatif : jours de retard)' }) days!: number;
  @ApiProperty({ enum: [...GOVERNANCE_KINDS, 'acte', 'paiement', 'condition-levee', 'degagement-n3', 'caducite'] })
  kind!: GovernanceKind | 'acte' | 'paiement' | 'condition-levee' | 'degagement-n3' | 'caducite';
  @ApiProperty({ example: 'clause de revoyure' }) kindLabel!: string;
  @ApiProperty() label!: string;
  @ApiProperty() effect!: string;
  @ApiProperty({ type: [FunderNamed] }) funders!: FunderNamed[];
  @ApiProperty({ description: 'l’étape de gouvernance, la tranche ou l’engagement' }) ref!: string;
  @ApiPropertyOptional({ example: '2018', description: 'l’occurrence d’une étape annuelle ou semestrielle' })
  occurrence?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'ligne du document' }) line?: number;
  @ApiPropertyOptional({ description: 'l’acte' }) act?: string;
  @ApiPropertyOptional({ description: 'l’engagement concerné' }) commitmentId?: string;
  @ApiPropertyOptional({
    ...EUROS,
    description: 'l’enjeu : ce qui serait dégagé, la subvention qui deviendrait caduque',
  })
  amount?: string;
  @ApiPropertyOptional({ example: '40 000,00 €' }) amountFormatted?: string;
}

export class DeadlinesResponse {
  @ApiProperty({ example: '2017-07-01' }) asOf!: string;
  @ApiProperty({ example: '2018-07-01' }) until!: string;
  @ApiPropertyOptional({ type: FunderNamed }) funder?: FunderNamed;
  @ApiProperty({ type: [DeadlineView] }) deadlines!: DeadlineView[];
}

export class ApCpLineView {
  @ApiProperty({
    example: 'AP-2015-07',
    description: 'n° d’AP (référence « call-ap » de l’opération), l’acte sinon, « — »',
  })
  ap!: string;
  @ApiProperty() commitmentId!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['votée', 'prévue'] }) state!: 'votée' | 'prévue';
  @ApiProperty(EUROS) authorised!: string;
  @ApiProperty({ ...EUROS, description: 'CP réalisés avant l’exercice' }) paidBefore!: string;
  @ApiProperty({ ...EUROS, description: 'CP réalisés pendant l’exercice' }) paidInYear!: string;
  @ApiProperty({ ...EUROS, description: 'CP prévus par l’échéancier pour l’exercice' }) plannedInYear!: string;
  @ApiProperty({ ...EUROS, description: 'CP prévus au-delà de l’exercice' }) plannedLater!: string;
  @ApiProperty({ ...EUROS, description: 'montant de l’AP moins les CP réalisés jusqu’à la fin de l’exercice' })
  remaining!: string;
}

export class ApCpTotalsView {
  @ApiProperty(EUROS) authorised!: string;
  @ApiProperty(EUROS) paidBefore!: string;
  @ApiProperty(EUROS) paidInYear!: string;
  @ApiProperty(EUROS) plannedInYear!: string;
  @ApiProperty(EUROS) plannedLater!: string;
  @ApiProperty(EUROS) remaining!: string;
}

export class ApCpAnnexResponse {
  @ApiProperty({ example: 'call' }) funder!: string;
  @ApiProperty({ example: 'Communauté d’Agglomération de Lens-Liévin' }) funderName!: string;
  @ApiProperty({ type: 'integer', example: 2017 }) year!: number;
  @ApiProperty({ type: [ApCpLineView] }) lines!: ApCpLineView[];
  @ApiProperty({ type: ApCpTotalsView }) totals!: ApCpTotalsView;
}

export class SubsidyView {
  @ApiProperty() commitmentId!: string;
  @ApiProperty({ example: 'etat-p147' }) funder!: string;
  @ApiProperty({ example: 'État — programme 147 (crédits politique de la ville)' }) funderName!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: 'integer', example: 2016 }) year!: number;
  @ApiProperty({ enum: ['indicative', 'conditional', 'firm', 'lapsed'] })
  status!: 'indicative' | 'conditional' | 'firm' | 'lapsed';
  @ApiProperty(EUROS) amount!: string;
  @ApiProperty(EUROS) paid!: string;
  @ApiPropertyOptional({ type: LegalActView }) act?: LegalActView;
}

export class SubsidyActionView {
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'le porteur de l’action (vide quand le registre ne le nomme pas)' }) beneficiary!: string;
  @ApiPropertyOptional() operationId?: string;
  @ApiPropertyOptional({ ...EUROS, description: 'assiette de l’action' }) eligibleBase?: string;
  @ApiPropertyOptional({ example: '2016-01-01' }) start?: string;
  @ApiPropertyOptional({ example: '2016-12-31' }) end?: string;
}

export class SubsidyProductLine {
  @ApiProperty({ example: '74 — Région(s)' }) line!: string;
  @ApiProperty({ ...EUROS, description: 'engagé' }) planned!: string;
  @ApiProperty({ ...EUROS, description: 'payé' }) realised!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'réalisé / prévu, en points de base' })
  realisedRateBasisPoints?: number;
}

export class SubsidyTotalsView {
  @ApiProperty(EUROS) planned!: string;
  @ApiProperty(EUROS) realised!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'réalisé / prévu, en points de base' })
  realisedRateBasisPoints?: number;
}

export class SubsidyReportResponse {
  @ApiProperty({ type: SubsidyView }) subsidy!: SubsidyView;
  @ApiProperty({ type: SubsidyActionView }) action!: SubsidyActionView;
  @ApiProperty({ type: [SubsidyProductLine] }) products!: SubsidyProductLine[];
  @ApiProperty({ type: SubsidyTotalsView }) totals!: SubsidyTotalsView;
}
