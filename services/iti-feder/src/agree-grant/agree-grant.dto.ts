import { RequiredAct, type ActDto } from '@cvl/platform';
import { StepDto } from '../http/dto';

export class AgreementDto extends StepDto {
  @RequiredAct()
  act!: ActDto;
}
