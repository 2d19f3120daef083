import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '@cvl/platform';
import { StepDto } from '../http/dto';

export class ProgrammingDto extends StepDto {
  @ApiProperty({ example: '2016-06-15', description: 'date du comité de programmation' })
  @IsCalendarDate()
  committeeDate!: string;
}
