import { ApiProperty } from '@nestjs/swagger';

/* What GET project-owners/:code/pre-financing answers, as the OpenAPI document shows it (classes for the document only). */

const EUROS = { type: 'string', example: '150000.00', description: 'euros, décimal à deux chiffres' } as const;

class Named {
  @ApiProperty({ example: 'pas-de-calais-habitat' }) code!: string;
  @ApiProperty({ example: 'Pas-de-Calais Habitat' }) name!: string;
}

class AidView {
  @ApiProperty() funder!: string;
  @ApiProperty() funderName!: string;
  @ApiProperty() commitmentId!: string;
  @ApiProperty(EUROS) amount!: string;
  @ApiProperty({ example: '2016-11-15', description: 'date de l’acte, sinon le début de l’opération' })
  notified!: string;
  @ApiProperty({ example: 'etat-decret-99-1060' }) rule!: string;
}

class OperationView {
  @ApiProperty() operation!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ example: '2017-01-01' }) start!: string;
  @ApiProperty({ example: '2018-12-31' }) end!: string;
  @ApiProperty(EUROS) eligibleBase!: string;
  @ApiProperty({ ...EUROS, description: 'ce que les aides ne couvrent pas' }) ownShare!: string;
  @ApiProperty({ type: [AidView] }) aids!: AidView[];
}

class RuleView {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ type: 'integer' }) advanceBasisPoints!: number;
  @ApiProperty({ type: 'integer' }) instalmentCeilingBasisPoints!: number;
  @ApiProperty({ type: 'integer' }) delayMonths!: number;
  @ApiProperty({ type: 'integer' }) balanceDelayMonths!: number;
}

class MonthText {
  @ApiProperty() out!: string;
  @ApiProperty() in!: string;
  @ApiProperty() gap!: string;
}

class MonthView {
  @ApiProperty({ example: '2017-03' }) month!: string;
  @ApiProperty({ ...EUROS, description: 'dépenses du mois' }) out!: string;
  @ApiProperty({ ...EUROS, description: 'aides reçues dans le mois' }) in!: string;
  @ApiProperty({ ...EUROS, description: 'aides dépensées mais pas encore reçues, à la fin du mois' }) gap!: string;
  @ApiProperty({ type: MonthText }) formatted!: MonthText;
}

class Totals {
  @ApiProperty(EUROS) out!: string;
  @ApiProperty(EUROS) in!: string;
  @ApiProperty(EUROS) ownShare!: string;
}

class Peak {
  @ApiProperty(EUROS) amount!: string;
  @ApiProperty({ example: '168 000,00 €' }) amountFormatted!: string;
  @ApiProperty({ type: 'string', nullable: true, example: '2017-12' }) month!: string | null;
}

export class PreFinancingResponse {
  @ApiProperty({ type: Named }) projectOwner!: Named;
  @ApiProperty({ type: [OperationView] }) operations!: OperationView[];
  @ApiProperty({ type: [RuleView] }) rules!: RuleView[];
  @ApiProperty({ type: [MonthView] }) months!: MonthView[];
  @ApiProperty({ type: Totals }) totals!: Totals;
  @ApiProperty({ type: Peak }) peak!: Peak;
}
