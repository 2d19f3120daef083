import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/* What every service's own routes answer (GET /api/<service>, /events, /hash-chains), as its document shows it. */

export class ServiceInfoResponse {
  @ApiProperty({ example: 'commitments' }) service!: string;
  @ApiProperty({ example: 'Engagements' }) title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'commitments.events.v1', description: 'où le service publie ses événements' })
  topic!: string;
  @ApiProperty({ enum: ['kafka', 'in-process'] }) transport!: string;
  @ApiProperty({ example: '/api/commitments/docs' }) docs!: string;
}

/** GET /api/<service>/me: who the service reads in the token, after the provider's claims were mapped. */
export class PrincipalResponse {
  @ApiProperty({ example: 'demo.financeur.maisons-et-cites' }) subject!: string;
  @ApiProperty({ example: 'maisons-et-cites', description: 'un code du référentiel' }) organisation!: string;
  @ApiProperty({ type: [String], example: ['financeur'] }) roles!: string[];
}

export class PublishedEventView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '/commitments' }) source!: string;
  @ApiProperty({ example: 'commitments.commitment-recorded' }) type!: string;
  @ApiProperty({ enum: ['1.0'] }) specversion!: '1.0';
  @ApiProperty() time!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: ['application/json'] }) datacontenttype!: 'application/json';
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'le message tel que publié : son schéma est dans contracts/events/<service>/<type>.v<version>',
  })
  data!: Record<string, unknown>;
  @ApiProperty() streamid!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty() globalposition!: string;
  @ApiProperty() correlationid!: string;
  @ApiProperty() causationid!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ type: 'integer' }) schemaversion!: number;
  @ApiPropertyOptional({ description: 'contexte de trace W3C de la publication (extension CloudEvents), si tracée' })
  traceparent?: string;
  @ApiPropertyOptional() tracestate?: string;
}

export class EventFeedResponse {
  @ApiProperty({ type: [PublishedEventView] }) events!: PublishedEventView[];
  @ApiProperty({ example: '0:1542', description: 'la position d’où lire la page suivante (after=)' }) next!: string;
  @ApiProperty({ description: 'la fin du journal est atteinte' }) end!: boolean;
}

export class HashChainsReport {
  @ApiProperty({ description: 'chaque chaîne et le journal signé vérifient' }) ok!: boolean;
  @ApiProperty({ type: 'integer' }) streamsChecked!: number;
  @ApiProperty({ type: 'integer' }) eventsChecked!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'chaque maillon rompu : flux, version, ce que cela signifie',
  })
  broken!: object[];
  @ApiProperty({ type: 'integer' }) problemCount!: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) firstBroken?: object;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'le journal signé : sa tête, sa vérification, le témoin',
  })
  signedLog?: object;
}

export class SetAsideCount {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) latest!: object[];
}

export class RelaySetAside {
  @ApiProperty({ type: SetAsideCount, description: 'ce que le relais a mis de côté' }) deadLetters!: SetAsideCount;
}

export class ConsumersSetAside {
  @ApiProperty({ type: SetAsideCount, description: 'ce que les consommateurs ont mis de côté' })
  deadLetters!: SetAsideCount;
}

export class IntegrityResponse {
  @ApiProperty() service!: string;
  @ApiProperty({ type: HashChainsReport }) hashChains!: HashChainsReport;
  @ApiProperty({ type: RelaySetAside }) relay!: RelaySetAside;
  @ApiProperty({ type: ConsumersSetAside }) consumers!: ConsumersSetAside;
  @ApiProperty() checkedAt!: string;
  @ApiProperty({ type: 'integer' }) durationMs!: number;
}
