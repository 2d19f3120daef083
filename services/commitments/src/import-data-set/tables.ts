import type { ReferenceKind } from '../domain/events';
import type { GovernanceKind } from '../domain/events';
import type { BookingColumns, DataSet, FigureRole, GovernanceRow } from './data-set';
import type { ImportError } from './validate';

/** A table as read from a CSV file or an XLSX sheet: named columns, each cell as text, with its row number. */
export interface Table {
  file: string;
  rows: Array<{ row: number; cells: Record<string, string> }>;
}

export const TABLE_FILES = [
  'data-set',
  'references',
  'conditions',
  'envelopes',
  'operations',
  'figures',
  'governance',
] as const;

const FRENCH_AMOUNT = /^-?(\d{1,3}(?:[\s\u00a0\u202f]\d{3})+|\d+)(?:,(\d{1,2}))?$/;

/** Turns the cells of the six tables into a data set, reading French amounts and numbers; collects every error. */
export function dataSetFromTables(
  tables: Partial<Record<(typeof TABLE_FILES)[number], Table>>,
  numbersAreDecimalPoint = false,
): { dataSet: DataSet; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const fail = (file: string, row: number, column: string, reason: string) =>
    errors.push({ file, row, column, reason });

  const text = (cells: Record<string, string>, column: string) => {
    const value = (cells[column] ?? '').trim();
    return value === '' ? undefined : value;
  };
  const amount = (file: string, row: number, cells: Record<string, string>, column: string): string | undefined => {
    const raw = text(cells, column);
    if (raw === undefined) return undefined;
    const decimal = numbersAreDecimalPoint && /^-?\d+(\.\d{1,2})?$/.test(raw) ? raw : undefined;
    if (decimal) {
      const [whole, fraction = ''] = decimal.split('.');
      return `${whole}.${fraction.padEnd(2, '0')}`;
    }
    const match = FRENCH_AMOUNT.exec(raw.replace(/\s*€$/, ''));
    if (!match) {
      fail(file, row, column, `montant illisible « ${raw} » (attendu par ex. « 1 700 000,00 »)`);
      return undefined;
    }
    return `${raw.startsWith('-') ? '-' : ''}${match[1].replace(/\D/g, '')}.${(match[2] ?? '').padEnd(2, '0')}`;
  };
  const integer = (file: string, row: number, cells: Record<string, string>, column: string): number | undefined => {
    const raw = text(cells, column);
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw.replace(/[\s\u00a0\u202f]/g, ''))) {
      fail(file, row, column, `nombre entier attendu, lu « ${raw} »`);
      return undefined;
    }
    return Number(raw.replace(/\D/g, ''));
  };
  /** A comma-separated cell as its items (« QP062021, QP062033 »). */
  const list = (cells: Record<string, string>, column: string) =>
    (text(cells, column) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  /** A cell as `{ [key]: value }` when it has one, nothing otherwise: optional fields stay absent. */
  const optional = (cells: Record<string, string>, column: string, key: string) =>
    text(cells, column) ? { [key]: text(cells, column) } : {};
  const rows = (name: (typeof TABLE_FILES)[number]) =>
    tables[name]?.rows.map((r) => ({ ...r, file: tables[name]?.file ?? name })) ?? [];

  const meta = rows('data-set')[0];
  if (!meta) fail('data-set', 1, 'document', 'la table data-set (document ; effective_date) manque');
  const contractFrom = meta ? integer('data-set', 1, meta.cells, 'period_from') : undefined;
  const dataSet: DataSet = {
    document: meta ? (text(meta.cells, 'document') ?? '') : '',
    effectiveDate: meta ? (text(meta.cells, 'effective_date') ?? '') : '',
    ...(contractFrom !== undefined
      ? { period: { fromYear: contractFrom, toYear: integer('data-set', 1, meta.cells, 'period_to') ?? contractFrom } }
      : {}),
    references: rows('references').map(({ file, row, cells }) => {
      const attributes = text(cells, 'attributes');
      const line = integer(file, row, cells, 'line');
      return {
        origin: { file, row },
        kind: (text(cells, 'kind') ?? '') as ReferenceKind,
        code: text(cells, 'code') ?? '',
        name: text(cells, 'name') ?? '',
        ...(text(cells, 'parent') ? { parent: text(cells, 'parent') } : {}),
        ...(attributes
          ? {
              attributes: Object.fromEntries(
                attributes.split('|').map((pair) => {
                  const [k, v = ''] = pair.split('=');
                  return [k.trim(), v.includes(',') ? v.split(',').map((x) => x.trim()) : v.trim()];
                }),
              ),
            }
          : {}),
        ...(line !== undefined ? { line } : {}),
      };
    }),
    conditions: rows('conditions').map(({ file, row, cells }) => ({
      origin: { file, row },
      id: text(cells, 'id') ?? '',
      label: text(cells, 'label') ?? '',
      description: text(cells, 'description') ?? '',
      line: integer(file, row, cells, 'line') ?? 0,
    })),
    envelopes: rows('envelopes').map(({ file, row, cells }) => {
      const year = integer(file, row, cells, 'year');
      return {
        origin: { file, row },
        id: text(cells, 'id') ?? '',
        funder: text(cells, 'funder') ?? '',
        label: text(cells, 'label') ?? '',
        amount: amount(file, row, cells, 'amount') ?? '',
        ...(text(cells, 'programme') ? { programme: text(cells, 'programme') } : {}),
        ...(year !== undefined ? { year } : {}),
        line: integer(file, row, cells, 'line') ?? 0,
        ...(text(cells, 'section') ? { section: text(cells, 'section') } : {}),
      };
    }),
    operations: rows('operations').map(({ file, row, cells }) => {
      const ttc = amount(file, row, cells, 'eligible_base_ttc');
      return {
        origin: { file, row },
        id: text(cells, 'id') ?? '',
        label: text(cells, 'label') ?? '',
        projectOwner: text(cells, 'project_owner') ?? '',
        quartiers: list(cells, 'quartiers'),
        ...optional(cells, 'stake', 'stake'),
        ...optional(cells, 'axis', 'axis'),
        ...optional(cells, 'objective', 'objective'),
        ...optional(cells, 'nature', 'nature'),
        eligibleBase: amount(file, row, cells, 'eligible_base') ?? '',
        ...(ttc !== undefined ? { eligibleBaseTtc: ttc } : {}),
        ...optional(cells, 'start', 'start'),
        ...optional(cells, 'end', 'end'),
        // « agora=NPNRU-62-001|call-ap=AP-2016-12 »: the operation's number in each programme or funder system.
        references: (text(cells, 'references') ?? '').split('|').flatMap((pair) => {
          const [system = '', reference = ''] = pair.split('=').map((part) => part.trim());
          return system || reference ? [{ system, reference }] : [];
        }),
        line: integer(file, row, cells, 'line') ?? 0,
        ...optional(cells, 'section', 'section'),
      };
    }),
    figures: rows('figures').map(({ file, row, cells }) => {
      const unitAmount = amount(file, row, cells, 'unit_amount');
      const quantity = integer(file, row, cells, 'quantity');
      const count = integer(file, row, cells, 'count');
      const min = amount(file, row, cells, 'range_min');
      const max = amount(file, row, cells, 'range_max');
      const central = amount(file, row, cells, 'central');
      const commitmentId = text(cells, 'commitment_id');
      const periodFrom = integer(file, row, cells, 'period_from');
      const periodTo = integer(file, row, cells, 'period_to');
      const actReference = text(cells, 'act_reference');
      const booking: BookingColumns | undefined = commitmentId
        ? {
            commitmentId,
            funder: text(cells, 'funder') ?? '',
            status: (text(cells, 'commitment_status') ?? '') as BookingColumns['status'],
            ...(text(cells, 'condition') ? { condition: text(cells, 'condition') } : {}),
            ...(text(cells, 'pool') ? { isPool: /^(oui|yes|true|1)$/i.test(text(cells, 'pool') as string) } : {}),
            ...(text(cells, 'quartier') ? { quartier: text(cells, 'quartier') } : {}),
            ...(text(cells, 'epci') ? { epci: text(cells, 'epci') } : {}),
            ...(text(cells, 'programme') ? { programme: text(cells, 'programme') } : {}),
            ...(text(cells, 'stake') ? { stake: text(cells, 'stake') } : {}),
            year: integer(file, row, cells, 'year') ?? 0,
            label: text(cells, 'label') ?? '',
            ...(text(cells, 'project_owner') ? { projectOwner: text(cells, 'project_owner') } : {}),
            ...(text(cells, 'operation') ? { operation: text(cells, 'operation') } : {}),
            ...(periodFrom !== undefined || periodTo !== undefined
              ? { period: { fromYear: periodFrom ?? 0, toYear: periodTo ?? periodFrom ?? 0 } }
              : {}),
            ...(actReference ? { act: { reference: actReference, date: text(cells, 'act_date') ?? '' } } : {}),
            ...(text(cells, 'effective_date') ? { effectiveDate: text(cells, 'effective_date') } : {}),
          }
        : undefined;
      const rounding = text(cells, 'rounding') as 'M€' | 'k€' | '€' | undefined;
      const exact = amount(file, row, cells, 'amount');
      return {
        origin: { file, row },
        id: text(cells, 'id') ?? '',
        line: integer(file, row, cells, 'line') ?? 0,
        section: text(cells, 'section') ?? '',
        text: text(cells, 'text') ?? '',
        ...(text(cells, 'status') ? { status: text(cells, 'status') } : {}),
        role: (text(cells, 'role') ?? '') as FigureRole,
        ...(exact !== undefined ? { amount: exact } : {}),
        ...(unitAmount !== undefined && quantity !== undefined ? { formula: { unitAmount, quantity } } : {}),
        ...(count !== undefined ? { count } : {}),
        ...(min !== undefined && max !== undefined
          ? { range: { min, max, ...(central !== undefined ? { central } : {}) } }
          : {}),
        ...(text(cells, 'parts')
          ? {
              parts: (text(cells, 'parts') as string)
                .split(',')
                .map((p) => p.trim())
                .filter(Boolean),
            }
          : {}),
        ...(rounding ? { rounding } : {}),
        ...(text(cells, 'scale') ? { scale: text(cells, 'scale') } : {}),
        ...(periodFrom !== undefined || periodTo !== undefined
          ? { period: { fromYear: periodFrom ?? 0, toYear: periodTo ?? periodFrom ?? 0 } }
          : {}),
        ...optional(cells, 'funder', 'funder'),
        ...optional(cells, 'quartier', 'quartier'),
        ...optional(cells, 'operation', 'operation'),
        ...(booking ? { booking } : {}),
      };
    }),
    governance: rows('governance').map(({ file, row, cells }): GovernanceRow => {
      return {
        origin: { file, row },
        id: text(cells, 'id') ?? '',
        kind: (text(cells, 'kind') ?? '') as GovernanceKind,
        label: text(cells, 'label') ?? '',
        from: text(cells, 'from') ?? '',
        to: text(cells, 'to') ?? text(cells, 'from') ?? '',
        ...(optional(cells, 'recurrence', 'recurrence') as Pick<GovernanceRow, 'recurrence'>),
        status: (text(cells, 'status') ?? '') as GovernanceRow['status'],
        effect: text(cells, 'effect') ?? '',
        funders: list(cells, 'funders'),
        ...optional(cells, 'condition', 'condition'),
        ...(list(cells, 'figures').length ? { figures: list(cells, 'figures') } : {}),
        ...optional(cells, 'programme', 'programme'),
        line: integer(file, row, cells, 'line') ?? 0,
        ...optional(cells, 'section', 'section'),
      };
    }),
  };
  return { dataSet, errors };
}
