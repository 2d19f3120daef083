import { ApiProperty } from '@nestjs/swagger';
import { IsEuroAmount } from '@cvl/platform';
import { StepDto } from '../http/dto';

export class ServiceDoneDto extends StepDto {
  @ApiProperty({ example: '900000.00', description: 'dépenses retenues au contrôle de service fait' })
  @IsEuroAmount()
  acceptedExpenses!: string;
}
