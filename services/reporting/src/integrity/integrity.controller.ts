import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { ReportDocument } from '@cvl/exports';
import { HttpAdapterHost } from '@nestjs/core';
import { Allow, Costly, downloadOf, listeningOrigin, ExportFormatQuery, wantsFile } from '@cvl/platform';
import { funderStatement } from '../funder-statement/funder-statement';
import { ReadModels } from '../infrastructure/read-models';
import { askService } from '../infrastructure/service-client';
import { SOURCES } from '../projection/read-model-projector';
import {
  integrityReport,
  totalsDisagreements,
  type ChainCheck,
  type LedgerBalances,
  type ReconciliationSummary,
} from './integrity';

type IntegrityReport = ReturnType<typeof integrityReport>;

function integrityDocument(report: IntegrityReport): ReportDocument {
  return {
    title: `Contrôle d’intégrité — ${report.ok ? 'tout concorde' : 'ANOMALIE'}`,
    subtitle: [
      'Chaînes d’empreintes, équilibre du grand livre, totaux de reporting contre le grand livre, rapprochement du jeu de données',
    ],
    generatedAt: report.checkedAt,
    fileName: 'controle-integrite',
    tables: [
      {
        name: 'Contrôles',
        title: 'Contrôles',
        columns: [
          { header: 'Contrôle', kind: 'text' },
          { header: 'Résultat', kind: 'text' },
          { header: 'Détail', kind: 'text' },
        ],
        rows: report.checks.map((c) => [c.check, c.ok ? 'conforme' : 'ANOMALIE', c.detail]),
      },
      {
        name: 'Écarts',
        title: 'Écarts reporting / grand livre',
        columns: [
          { header: 'Financeur', kind: 'text' },
          { header: 'Montant', kind: 'text' },
          { header: 'Reporting', kind: 'text' },
          { header: 'Grand livre', kind: 'text' },
        ],
        rows: report.disagreements.map((d) => [d.funder, d.figure, d.readModel, d.ledger]),
      },
    ],
  };
}

@ApiTags('intégrité')
@Controller('api/reporting/integrity')
export class IntegrityController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get()
  @Allow({ all: ['pilotage', 'auditeur'] })
  @Costly()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Contrôle d’intégrité : chaînes d’empreintes de chaque service, grand livre équilibré, totaux de reporting = totaux du grand livre, rapprochement du jeu de données (JSON, CSV, XLSX ou PDF)',
  })
  async integrity(@Req() request: Request, @Query() query: ExportFormatQuery) {
    const origin = listeningOrigin(this.adapterHost.httpAdapter.getHttpServer());
    const authorization = request.get('authorization');
    const chains: ChainCheck[] = [];
    for (const service of SOURCES)
      chains.push(await askService<ChainCheck>(service, origin, `/api/${service}/hash-chains`, authorization));
    const balances = await askService<LedgerBalances>(
      'commitments',
      origin,
      '/api/commitments/balances',
      authorization,
    );
    const reconciliation = await askService<ReconciliationSummary>(
      'commitments',
      origin,
      '/api/commitments/reconciliation?verdict=%C3%A9cart',
      authorization,
    ).catch(() => undefined);
    const docs = await this.readModels.all();
    const funders = [...new Set(docs.map((d) => d.funder))];
    const readModel = new Map(funders.map((funder) => [funder, funderStatement(docs, funder).totals]));
    const report = integrityReport({
      chains,
      balances,
      disagreements: totalsDisagreements(readModel, balances.funders),
      ...(reconciliation ? { reconciliation } : {}),
      checkedAt: new Date().toISOString(),
    });
    return wantsFile(query.format) ? downloadOf(integrityDocument(report), query.format) : report;
  }
}
