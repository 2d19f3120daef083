import { BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { ProtocolQuery, ProtocolQueryHandler } from '../application/protocol-use-case';
import type { Protocol } from '../domain/state';
import { assertReadsSignedTable } from '../http/access';
import { financialTable, tableDiff } from './financial-table';

export type FinancialTable = NonNullable<ReturnType<typeof financialTable>>;

export class FinancialTableQuery extends ProtocolQuery<
  'financial-table',
  { access: Access; version?: number },
  { protocol: Protocol; table: FinancialTable }
> {
  readonly type = 'financial-table';
}

/** The maquette at a signed version (or as it stands), for who may read it; the edge chooses JSON or a file. */
@QueryHandler(FinancialTableQuery)
export class FinancialTableQueryHandler extends ProtocolQueryHandler<
  FinancialTableQuery,
  { protocol: Protocol; table: FinancialTable }
> {
  protected read({ access, version }: FinancialTableQuery['params'], protocol: Protocol) {
    assertReadsSignedTable(access, protocol);
    const table = financialTable(protocol, version);
    if (!table) throw new NotFoundException(`Version ${version} inconnue pour le protocole ${protocol.id}`);
    return { protocol, table };
  }
}

export interface FinancialTableDiff {
  protocolId: string;
  from: number;
  to: number;
  changes: ReturnType<typeof tableDiff>;
}

export class FinancialTableDiffQuery extends ProtocolQuery<
  'financial-table-diff',
  { access: Access; from: number; to: number },
  FinancialTableDiff
> {
  readonly type = 'financial-table-diff';
}

/** What an avenant changed between two signed versions. */
@QueryHandler(FinancialTableDiffQuery)
export class FinancialTableDiffQueryHandler extends ProtocolQueryHandler<FinancialTableDiffQuery, FinancialTableDiff> {
  protected read({ access, from, to }: FinancialTableDiffQuery['params'], protocol: Protocol) {
    assertReadsSignedTable(access, protocol);
    const before = financialTable(protocol, from);
    const after = financialTable(protocol, to);
    if (!before || !after) throw new BadRequestException('from, to : versions signées attendues');
    return { protocolId: protocol.id, from, to, changes: tableDiff(before.rows, after.rows) };
  }
}
