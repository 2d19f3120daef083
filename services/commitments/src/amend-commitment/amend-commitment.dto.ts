import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import { ActDto, IsEuroAmount, TracedCommandDto } from '../http/trace.dto';

export class AmendCommitmentDto extends TracedCommandDto {
  @ApiProperty({ enum: ['avenant', 'clause-de-revoyure', 'correction'] })
  @IsIn(['avenant', 'clause-de-revoyure', 'correction'], {
    message: 'nature : avenant, clause-de-revoyure ou correction',
  })
  kind!: 'avenant' | 'clause-de-revoyure' | 'correction';

  @ApiProperty({ example: '1200000.00', description: 'le nouveau montant engagé' })
  @IsEuroAmount()
  newAmount!: string;

  @ApiPropertyOptional({ type: ActDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActDto)
  act?: ActDto;
}
