import { ApiProperty } from '@nestjs/swagger';
import { MONEY_KINDS } from './leverage-map';

/* What GET leverage answers, as the OpenAPI document shows it (classes for the document only). */

const EUROS = { type: 'string', example: '150000.00', description: 'euros, décimal à deux chiffres' } as const;

class KindAmounts {
  @ApiProperty(EUROS) 'droit-commun'!: string;
  @ApiProperty(EUROS) 'credits-specifiques'!: string;
  @ApiProperty(EUROS) anru!: string;
  @ApiProperty(EUROS) 'fonds-europeens'!: string;
  @ApiProperty(EUROS) bailleurs!: string;
  @ApiProperty(EUROS) 'non-ventile'!: string;
}

class KindView {
  @ApiProperty({ enum: Object.keys(MONEY_KINDS) }) key!: keyof typeof MONEY_KINDS;
  @ApiProperty({ example: 'ANRU' }) label!: string;
}

class YearAmounts {
  @ApiProperty({ type: 'integer', example: 2017 }) year!: number;
  @ApiProperty({ type: KindAmounts }) amounts!: KindAmounts;
  @ApiProperty(EUROS) total!: string;
}

class LeverageRow {
  @ApiProperty({ example: 'QP062021' }) key!: string;
  @ApiProperty({ example: 'Cité 12/14' }) name!: string;
  @ApiProperty({ type: KindAmounts }) amounts!: KindAmounts;
  @ApiProperty(EUROS) total!: string;
  @ApiProperty({ example: '1 700 000,00 €' }) totalFormatted!: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: '3,25',
    description: 'droit commun pour un euro de crédits spécifiques (aucun sans crédits spécifiques)',
  })
  leverage!: string | null;
  @ApiProperty({ type: [YearAmounts] }) years!: YearAmounts[];
}

class LeverageTotals {
  @ApiProperty({ type: KindAmounts }) amounts!: KindAmounts;
  @ApiProperty(EUROS) total!: string;
  @ApiProperty({ type: 'string', nullable: true, example: '3,25' }) leverage!: string | null;
}

export class LeverageMapResponse {
  @ApiProperty({ enum: ['quartier', 'stake'] }) axis!: 'quartier' | 'stake';
  @ApiProperty({ enum: ['engage', 'ferme', 'paye'] }) figure!: 'engage' | 'ferme' | 'paye';
  @ApiProperty({ example: 'engagé' }) figureLabel!: string;
  @ApiProperty({ type: [KindView] }) kinds!: KindView[];
  @ApiProperty({ type: [LeverageRow] }) rows!: LeverageRow[];
  @ApiProperty({ type: LeverageTotals }) totals!: LeverageTotals;
}
