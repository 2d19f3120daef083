import { BadRequestException, Controller, Get, Header, NotFoundException, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { formatEurosFr, fromDecimalString, toSpreadsheetNumber } from '@cvl/money';
import { ProtocolRepository } from '../infrastructure/protocol-repository';
import { financialTable, tableDiff } from './financial-table';

export class TableQuery {
  @ApiPropertyOptional({ description: 'version signée (1 = signature, 2 = premier avenant…) ; absente : version en cours' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'] })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

export class DiffQuery {
  @ApiPropertyOptional() @Type(() => Number) @IsInt() @Min(1) from!: number;
  @ApiPropertyOptional() @Type(() => Number) @IsInt() @Min(1) to!: number;
}

const COLUMNS = ['Quartier', 'Opération', 'Nature', 'Assiette HT', 'Financeur', 'Montant', 'Taux'];

@ApiTags('maquette financière')
@Controller('api/renewal-urban/protocols')
export class FinancialTableController {
  constructor(private readonly protocols: ProtocolRepository) {}

  @Get(':id/financial-table')
  @ApiOperation({ summary: 'Maquette financière : quartier × opération × financeur, totaux ; en JSON, CSV ou XLSX ; à toute version signée' })
  async table(@Param('id') id: string, @Query() query: TableQuery, @Res({ passthrough: true }) response: Response) {
    const table = financialTable(await this.protocols.get(id), query.version);
    if (!table) throw new NotFoundException(`Version ${query.version} inconnue pour le protocole ${id}`);
    if (query.format === 'csv') {
      const lines = [COLUMNS, ...table.rows.map((r) => [r.quartier, r.operationLabel, r.nature, formatEurosFr(fromDecimalString(r.eligibleBase), { symbol: false }), r.funder, formatEurosFr(fromDecimalString(r.amount), { symbol: false }), r.rate])];
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="maquette-${id}-v${table.version}.csv"`);
      return `\ufeff${lines.map((l) => l.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n')}\r\n`;
    }
    if (query.format === 'xlsx') {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Maquette financière');
      sheet.addRow(COLUMNS);
      for (const r of table.rows) {
        sheet.addRow([r.quartier, r.operationLabel, r.nature, toSpreadsheetNumber(fromDecimalString(r.eligibleBase)), r.funder, toSpreadsheetNumber(fromDecimalString(r.amount)), r.rateBasisPoints / 10_000]);
      }
      sheet.getColumn(4).numFmt = '#,##0.00 "€"';
      sheet.getColumn(6).numFmt = '#,##0.00 "€"';
      sheet.getColumn(7).numFmt = '0.00%';
      return new StreamableFile(Buffer.from(await workbook.xlsx.writeBuffer()), {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        disposition: `attachment; filename="maquette-${id}-v${table.version}.xlsx"`,
      });
    }
    return table;
  }

  @Get(':id/financial-table/diff')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Ce qu’un avenant a changé entre deux versions signées' })
  async diff(@Param('id') id: string, @Query() query: DiffQuery) {
    const protocol = await this.protocols.get(id);
    const from = financialTable(protocol, query.from);
    const to = financialTable(protocol, query.to);
    if (!from || !to) throw new BadRequestException('from, to : versions signées attendues');
    return { protocolId: id, from: query.from, to: query.to, changes: tableDiff(from.rows, to.rows) };
  }
}
