import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches } from 'class-validator';
import ExcelJS from 'exceljs';
import { formatEurosFr, fromDecimalString, toSpreadsheetNumber } from '@cvl/money';
import { CODE, CODE_MESSAGE } from '@cvl/platform';
import { ReadModels } from '../infrastructure/read-models';
import { coFinancingMatrix } from './co-financing-matrix';

export class MatrixQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) funder?: string;
  @ApiPropertyOptional({ example: 'QP062024' }) @IsOptional() @Matches(/^(QP\d{6}|\(non rattaché\))$/, { message: 'code de quartier attendu' }) quartier?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9-]{1,40}$/) stake?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() year?: number;
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'] }) @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

const HEADER = ['Financeur', 'Enjeu', 'Quartier', 'Année', 'Indicatif', 'Conditionnel', 'Ferme', 'Payé', 'Reste à payer'];
const FIGURES = ['indicative', 'conditional', 'firm', 'paid', 'outstanding'] as const;

@ApiTags('restitutions')
@Controller('api/reporting/co-financing')
export class CoFinancingMatrixController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @ApiOperation({ summary: 'Matrice de cofinancement : financeur × enjeu × quartier × année (JSON, CSV ou XLSX)' })
  async matrix(@Query() query: MatrixQuery) {
    const { format, ...filter } = query;
    const matrix = coFinancingMatrix(await this.readModels.all(), filter);
    if (format === 'csv') {
      const lines = [HEADER, ...matrix.rows.map((r) => [r.funder, r.stake, r.quartier, String(r.year), ...FIGURES.map((f) => formatEurosFr(fromDecimalString(r.figures[f]), { symbol: false }))])];
      const text = `\ufeff${lines.map((l) => l.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n')}\r\n`;
      return new StreamableFile(Buffer.from(text, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="matrice-cofinancement.csv"' });
    }
    if (format === 'xlsx') {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Cofinancement');
      sheet.addRow(HEADER);
      for (const r of matrix.rows) sheet.addRow([r.funder, r.stake, r.quartier, r.year, ...FIGURES.map((f) => toSpreadsheetNumber(fromDecimalString(r.figures[f])))]);
      for (let column = 5; column <= 9; column++) sheet.getColumn(column).numFmt = '#,##0.00 "€"';
      return new StreamableFile(Buffer.from(await workbook.xlsx.writeBuffer()), { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', disposition: 'attachment; filename="matrice-cofinancement.xlsx"' });
    }
    return matrix;
  }
}
