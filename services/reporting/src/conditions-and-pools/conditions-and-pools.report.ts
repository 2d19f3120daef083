import type { ReportTable } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import type { PendingCondition, PoolPosition } from './conditions-and-pools';

/** What waits on each condition, as a table: a row per condition and funder. */
export function conditionsTable(conditions: readonly PendingCondition[]): ReportTable {
  const rows = conditions.flatMap((c) =>
    c.byFunder.map((f) => [c.conditionId, f.funder, f.commitments.length, fromDecimalString(f.pending)]),
  );
  return {
    name: 'Conditions en attente',
    title: 'Conditions en attente',
    columns: [
      { header: 'Condition', kind: 'text' },
      { header: 'Financeur', kind: 'text' },
      { header: 'Engagements', kind: 'integer' },
      { header: 'En attente', kind: 'euros' },
    ],
    rows,
    totals: [
      'Total',
      '',
      conditions.reduce((n, c) => n + c.commitments, 0),
      conditions.reduce((sum, c) => sum + fromDecimalString(c.pending), 0n),
    ],
  };
}

/** Each pool's split and unallocated rest, as a table. */
export function poolsTable(pools: readonly PoolPosition[]): ReportTable {
  return {
    name: 'Enveloppes communes',
    title: 'Enveloppes communes (à ventiler)',
    columns: [
      { header: 'Enveloppe', kind: 'text' },
      { header: 'Financeur', kind: 'text' },
      { header: 'Libellé', kind: 'text' },
      { header: 'Ventilé', kind: 'euros' },
      { header: 'Reste à ventiler', kind: 'euros' },
    ],
    rows: pools.map((p) => [
      p.poolId,
      p.funder,
      p.label,
      fromDecimalString(p.allocated),
      fromDecimalString(p.unallocated),
    ]),
    totals: [
      'Total',
      '',
      '',
      pools.reduce((sum, p) => sum + fromDecimalString(p.allocated), 0n),
      pools.reduce((sum, p) => sum + fromDecimalString(p.unallocated), 0n),
    ],
  };
}
