import { BadRequestException, Controller, Get, Header, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { Allow, CurrentAccess, downloadOf, ExportFormatQuery, wantsFile, type Access } from '@cvl/platform';
import { ProtocolRepository } from '../infrastructure/protocol-repository';
import { financialTable, financialTableReport, tableDiff } from './financial-table';
import { assertReadsSignedTable, READS_SIGNED_TABLE } from '../http/access';

export class TableQuery extends ExportFormatQuery {
  @ApiPropertyOptional({
    description: 'version signée (1 = signature, 2 = premier avenant…) ; absente : version en cours',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class DiffQuery {
  @ApiPropertyOptional() @Type(() => Number) @IsInt() @Min(1) from!: number;
  @ApiPropertyOptional() @Type(() => Number) @IsInt() @Min(1) to!: number;
}

@ApiTags('maquette financière')
@Controller('api/renewal-urban/protocols')
export class FinancialTableController {
  constructor(private readonly protocols: ProtocolRepository) {}

  @Get(':id/financial-table')
  @Allow(READS_SIGNED_TABLE)
  @ApiOperation({
    summary:
      'Maquette financière : quartier × opération × financeur, totaux ; en JSON, CSV, XLSX ou PDF ; à toute version signée',
  })
  async table(@CurrentAccess() access: Access, @Param('id') id: string, @Query() query: TableQuery) {
    const protocol = await this.protocols.get(id);
    assertReadsSignedTable(access, protocol);
    const table = financialTable(protocol, query.version);
    if (!table) throw new NotFoundException(`Version ${query.version} inconnue pour le protocole ${id}`);
    if (wantsFile(query.format))
      return downloadOf(financialTableReport(protocol, table, new Date().toISOString()), query.format);
    return table;
  }

  @Get(':id/financial-table/diff')
  @Allow(READS_SIGNED_TABLE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Ce qu’un avenant a changé entre deux versions signées' })
  async diff(@CurrentAccess() access: Access, @Param('id') id: string, @Query() query: DiffQuery) {
    const protocol = await this.protocols.get(id);
    assertReadsSignedTable(access, protocol);
    const from = financialTable(protocol, query.from);
    const to = financialTable(protocol, query.to);
    if (!from || !to) throw new BadRequestException('from, to : versions signées attendues');
    return { protocolId: id, from: query.from, to: query.to, changes: tableDiff(from.rows, to.rows) };
  }
}
