import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ExportFormatQuery } from '@cvl/platform';
import { LEVERAGE_FIGURES, type LeverageAxis, type LeverageFigure } from './leverage-map';

const FIGURES = Object.keys(LEVERAGE_FIGURES);

/** The map's rows (quartiers or stakes), the figure counted, the format. */
export class LeverageMapQueryDto extends ExportFormatQuery {
  @ApiPropertyOptional({ enum: ['quartier', 'stake'], description: 'une ligne par quartier (par défaut) ou par enjeu' })
  @IsOptional()
  @IsIn(['quartier', 'stake'], { message: 'by : quartier ou stake' })
  by?: LeverageAxis;

  @ApiPropertyOptional({ enum: FIGURES, description: 'engage (par défaut : tout ce qui est tenu), ferme ou paye' })
  @IsOptional()
  @IsIn(FIGURES, { message: `figure : ${FIGURES.join(', ')}` })
  figure?: LeverageFigure;
}
