import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsEuroAmount, CODE, CODE_MESSAGE, IsCalendarDate, TracedCommandDto } from '../http/trace.dto';

export class RecordPaymentDto extends TracedCommandDto {
  @ApiProperty({ example: 'mandat-2016-0042' })
  @Matches(CODE, { message: CODE_MESSAGE })
  paymentId!: string;

  @ApiProperty({ enum: ['avance', 'acompte', 'solde'] })
  @IsIn(['avance', 'acompte', 'solde'], { message: 'nature du paiement : avance, acompte ou solde' })
  kind!: 'avance' | 'acompte' | 'solde';

  @ApiProperty({ example: '50000.00' })
  @IsEuroAmount()
  amount!: string;

  @ApiPropertyOptional({
    example: '2016-10-01',
    description: 'date du service fait (obligatoire pour un acompte ou le solde)',
  })
  @IsOptional()
  @IsCalendarDate()
  serviceDoneDate?: string;
}
