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
}

export class ProtocolParty {
  @ApiProperty({ example: 'anru' }) code!: string;
  @ApiProperty({ example: 'financeur' }) role!: string;
}

export class GroupMember {
  @ApiProperty() code!: string;
  @ApiProperty({ type: 'integer', description: 'clé de répartition' }) weight!: number;
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

export class ProtocolOperationView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['prévue', 'plan fixé', 'approuvée', 'inscrite', 'inscrite en partie'] })
  status!: 'prévue' | 'plan fixé' | 'approuvée' | 'inscrite' | 'inscrite en partie';
  @ApiProperty() label!: string;
  @ApiProperty({ enum: OPERATION_NATURES }) nature!: OperationNature;
  @ApiProperty() projectOwner!: string;
  @ApiProperty({ example: 'QP062024' }) quartier!: string;
  @ApiProperty({ ...EUROS, description: 'assiette subventionnable HT' }) eligibleBase!: string;
  @ApiProperty({ type: OperationCalendar }) calendar!: OperationCalendar;
  @ApiProperty() boughtByGroup!: boolean;
  @ApiProperty({ type: 'integer' }) planVersion!: number;
  @ApiPropertyOptional({ type: 'integer' }) approvedVersion?: number;
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
