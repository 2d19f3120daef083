import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OPERATION_NATURES, type OperationNature } from '../domain/rules';

/*
 * What the protocol routes answer, as the OpenAPI document shows it (classes for the document only). Every command
 * on a protocol answers with the protocol as it leaves it; responses.unit.spec.ts holds the view to it.
 */

const EUROS = { type: 'string', example: '50000.00', description: 'euros, décimal à deux chiffres' } as const;

export class SignedAct {
  @ApiProperty({ example: 'Protocole de préfiguration NPNRU de la CALL' }) reference!: string;
  @ApiProperty({ example: '2016-12-15' }) date!: string;
}

export class SignedVersion {
  @ApiProperty({ type: 'integer', description: '1 = signature, puis un par avenant' }) version!: number;
  @ApiProperty({ type: SignedAct }) act!: SignedAct;
}

export class ProtocolQuartier {
  @ApiProperty({ example: 'QP062024' }) code!: string;
  @ApiProperty({ enum: ['national', 'regional'] }) interest!: 'national' | 'regional';
  @ApiPropertyOptional({ example: 'Cité 12-14' }) name?: string;
}

export class ProtocolParty {
  @ApiProperty({ example: 'anru' }) code!: string;
  @ApiProperty({ example: 'financeur' }) role!: string;
  @ApiPropertyOptional({ example: 'Agence Nationale pour la Rénovation Urbaine' }) name?: string;
}

export class GroupMember {
  @ApiProperty() code!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'clé de répartition (absente tant qu’elle est à définir)' })
  weight?: number;
}

export class OperationCalendar {
  @ApiProperty({ example: '2016-09-01' }) start!: string;
  @ApiProperty({ example: '2017-06-30' }) end!: string;
  @ApiProperty({ example: '2016-10-01', description: 'coûts éligibles à partir de' }) costsFrom!: string;
}

export class LineBooking {
  @ApiProperty({ enum: ['booked', 'refused', 'pending', 'not-requested'] })
  outcome!: 'booked' | 'refused' | 'pending' | 'not-requested';
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({ type: 'integer' }) planVersion?: number;
  @ApiPropertyOptional({ description: 'l’engagement du grand livre' }) commitmentId?: string;
  @ApiPropertyOptional({ description: 'la raison du refus, dans les mots du grand livre' }) reason?: string;
}

export class PlanLineView {
  @ApiProperty({ example: 'anru' }) funder!: string;
  @ApiProperty(EUROS) amount!: string;
  @ApiProperty({ type: 'integer', example: 5000, description: 'taux, en points de base' }) rateBasisPoints!: number;
  @ApiProperty({ type: LineBooking }) booking!: LineBooking;
}

export class OperationWithdrawal {
  @ApiProperty({ example: '2017-03-01' }) on!: string;
  @ApiPropertyOptional({ type: SignedAct }) act?: SignedAct;
}

export class ProtocolOperationView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['prévue', 'plan fixé', 'approuvée', 'inscrite', 'inscrite en partie', 'retirée'] })
  status!: 'prévue' | 'plan fixé' | 'approuvée' | 'inscrite' | 'inscrite en partie' | 'retirée';
  @ApiProperty() label!: string;
  @ApiProperty({ enum: OPERATION_NATURES }) nature!: OperationNature;
  @ApiProperty() projectOwner!: string;
  @ApiProperty({ example: 'QP062024' }) quartier!: string;
  @ApiProperty({ ...EUROS, description: 'assiette subventionnable HT' }) eligibleBase!: string;
  @ApiProperty({ type: OperationCalendar }) calendar!: OperationCalendar;
  @ApiProperty() boughtByGroup!: boolean;
  @ApiProperty({ type: 'integer' }) planVersion!: number;
  @ApiPropertyOptional({ type: 'integer' }) approvedVersion?: number;
  @ApiPropertyOptional({ type: OperationWithdrawal, description: 'retirée du protocole : le jour, et l’avenant' })
  withdrawn?: OperationWithdrawal;
  @ApiPropertyOptional({
    type: 'object',
    description: 'par financeur : la réponse du grand livre au dégagement que le retrait a demandé',
    additionalProperties: {
      type: 'object',
      required: ['outcome'],
      properties: {
        outcome: { type: 'string', enum: ['booked', 'refused'] },
        reason: { type: 'string', description: 'la raison du grand livre' },
      },
    },
  })
  releases?: Record<string, { outcome: 'booked' | 'refused'; reason?: string }>;
  @ApiProperty({ type: [PlanLineView] }) plan!: PlanLineView[];
}

export class ProtocolResponse {
  @ApiProperty({ example: 'npnru-call' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'committee-held', 'signed'] })
  status!: 'draft' | 'submitted' | 'committee-held' | 'signed';
  @ApiPropertyOptional({ example: '2016-10-20' }) committeeDate?: string;
  @ApiPropertyOptional({ type: SignedAct }) signature?: SignedAct;
  @ApiProperty({ type: 'integer' }) amendments!: number;
  @ApiProperty({ type: [SignedVersion] }) versions!: SignedVersion[];
  @ApiProperty({ type: [ProtocolQuartier] }) quartiers!: ProtocolQuartier[];
  @ApiProperty({ type: [ProtocolParty] }) parties!: ProtocolParty[];
  @ApiProperty({ type: [GroupMember] }) purchasingGroup!: GroupMember[];
  @ApiProperty({ type: [ProtocolOperationView] }) operations!: ProtocolOperationView[];
}

export class TableRowView {
  @ApiProperty({ example: 'QP062024' }) quartier!: string;
  @ApiProperty() operationId!: string;
  @ApiProperty() operationLabel!: string;
  @ApiProperty({ enum: OPERATION_NATURES }) nature!: OperationNature;
  @ApiProperty(EUROS) eligibleBase!: string;
  @ApiProperty() funder!: string;
  @ApiProperty(EUROS) amount!: string;
  @ApiProperty({ type: 'integer' }) rateBasisPoints!: number;
  @ApiProperty({ example: '50,00 %' }) rate!: string;
}

export class TableTotal {
  @ApiProperty({ description: 'le financeur, ou le quartier' }) key!: string;
  @ApiProperty(EUROS) amount!: string;
  @ApiProperty({ example: '150 000,00 €' }) formatted!: string;
}

export class TableTotals {
  @ApiProperty({ type: [TableTotal] }) byFunder!: TableTotal[];
  @ApiProperty({ type: [TableTotal] }) byQuartier!: TableTotal[];
  @ApiProperty(EUROS) all!: string;
}

export class FinancialTableResponse {
  @ApiProperty() protocolId!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: () => [ProtocolQuartier] }) quartiers!: ProtocolQuartier[];
  @ApiProperty({ type: () => [ProtocolParty] }) parties!: ProtocolParty[];
  @ApiProperty({
    oneOf: [{ type: 'integer' }, { type: 'string', enum: ['en cours'] }],
    description: 'la version signée, ou « en cours »',
  })
  version!: number | 'en cours';
  @ApiPropertyOptional({ type: SignedAct }) act?: SignedAct;
  @ApiProperty({ type: [TableRowView] }) rows!: TableRowView[];
  @ApiProperty({ type: TableTotals }) totals!: TableTotals;
}

export class TableChangeView {
  @ApiProperty() operationId!: string;
  @ApiProperty() funder!: string;
  @ApiProperty(EUROS) before!: string;
  @ApiProperty(EUROS) after!: string;
  @ApiProperty({ ...EUROS, example: '-25000.00' }) delta!: string;
  @ApiProperty({ enum: ['ajout', 'retrait', 'modification'] }) change!: 'ajout' | 'retrait' | 'modification';
}

export class FinancialTableDiffResponse {
  @ApiProperty() protocolId!: string;
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
  @ApiProperty({ type: [TableChangeView] }) changes!: TableChangeView[];
}

export class NpnruQuartierView {
  @ApiProperty({ example: 'QP062024' }) code!: string;
  @ApiProperty({ example: 'Cité 12-14' }) name!: string;
  @ApiProperty({ enum: ['national', 'regional'] }) interest!: 'national' | 'regional';
}

export class NpnruListResponse {
  @ApiProperty({ type: [NpnruQuartierView] }) quartiers!: NpnruQuartierView[];
}
