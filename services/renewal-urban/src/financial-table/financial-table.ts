import { formatEurosFr, fromDecimalString, toDecimalString } from '@cvl/money';
import type { ReportDocument, ReportTable } from '@cvl/exports';
import type { TableRow } from '../domain/events';
import { currentTable, type Protocol } from '../domain/state';

function totalsBy(rows: readonly TableRow[], key: (row: TableRow) => string) {
  const totals = new Map<string, bigint>();
  for (const row of rows) totals.set(key(row), (totals.get(key(row)) ?? 0n) + fromDecimalString(row.amount));
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, cents]) => ({ key: k, amount: toDecimalString(cents), formatted: formatEurosFr(cents) }));
}

/**
 * The protocol's maquette financière: quartier × operation × funder with amounts and rates, totals per funder and
 * per quartier — now (working version) or as signed at a version (1 = signature, 2 = first avenant…).
 */
export function financialTable(protocol: Protocol, version?: number) {
  const signed = version === undefined ? undefined : protocol.versions.find((v) => v.version === version);
  if (version !== undefined && !signed) return undefined;
  const rows = signed ? signed.table : currentTable(protocol);
  const total = rows.reduce((sum, row) => sum + fromDecimalString(row.amount), 0n);
  return {
    protocolId: protocol.id,
    label: protocol.label,
    version: signed ? signed.version : ('en cours' as const),
    ...(signed ? { act: signed.act } : {}),
    // What the table is about, named: a protocol with no operation yet still shows its quartiers and parties.
    quartiers: protocol.quartiers,
    parties: protocol.parties,
    rows: rows.map((row) => ({
      ...row,
      rate: `${(row.rateBasisPoints / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2 })} %`,
    })),
    totals: {
      byFunder: totalsBy(rows, (r) => r.funder),
      byQuartier: totalsBy(rows, (r) => r.quartier),
      all: toDecimalString(total),
    },
  };
}

export interface TableChange {
  operationId: string;
  funder: string;
  before: string;
  after: string;
  delta: string;
  change: 'ajout' | 'retrait' | 'modification';
}

/** What an avenant changed: every operation × funder whose amount differs between two versions. */
export function tableDiff(before: readonly TableRow[], after: readonly TableRow[]): TableChange[] {
  const key = (row: TableRow) => `${row.operationId}\u0000${row.funder}`;
  const old = new Map(before.map((row) => [key(row), row]));
  const now = new Map(after.map((row) => [key(row), row]));
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort();
  return keys.flatMap((k) => {
    const a = old.get(k);
    const b = now.get(k);
    const beforeCents = a ? fromDecimalString(a.amount) : 0n;
    const afterCents = b ? fromDecimalString(b.amount) : 0n;
    if (beforeCents === afterCents) return [];
    const row = (b ?? a) as TableRow;
    return [
      {
        operationId: row.operationId,
        funder: row.funder,
        before: toDecimalString(beforeCents),
        after: toDecimalString(afterCents),
        delta: toDecimalString(afterCents - beforeCents),
        change: !a ? 'ajout' : !b ? 'retrait' : 'modification',
      } as TableChange,
    ];
  });
}

/** The maquette financière as a document for people (CSV, XLSX, PDF): the table, then the totals per funder and per quartier. */
export function financialTableReport(
  protocol: Protocol,
  table: NonNullable<ReturnType<typeof financialTable>>,
  generatedAt: string,
): ReportDocument {
  const total = fromDecimalString(table.totals.all);
  const byKey = (name: string, header: string, totals: typeof table.totals.byFunder): ReportTable => ({
    name,
    title: `Total ${name.toLowerCase()}`,
    columns: [
      { header, kind: 'text' },
      { header: 'Montant', kind: 'euros' },
    ],
    rows: totals.map((t) => [t.key, fromDecimalString(t.amount)]),
    totals: ['Total', total],
  });
  return {
    title: `Maquette financière — ${protocol.label}`,
    subtitle: [
      `Protocole ${protocol.id}, ${table.version === 'en cours' ? 'version de travail (non signée)' : `version ${table.version}`}`,
      ...('act' in table && table.act
        ? [`Acte : ${table.act.reference} du ${table.act.date.split('-').reverse().join('/')}`]
        : []),
      ...(table.rows.length === 0
        ? [
            'Aucune opération inscrite au protocole à ce jour : ses études et leurs plans de financement restent à arrêter',
          ]
        : []),
    ],
    generatedAt,
    fileName: `maquette-${protocol.id}-v${table.version === 'en cours' ? 'travail' : table.version}`,
    tables: [
      {
        name: 'Maquette financière',
        title: 'Opérations et plans de financement',
        columns: [
          { header: 'Quartier', kind: 'text' },
          { header: 'Opération', kind: 'text' },
          { header: 'Nature', kind: 'text' },
          { header: 'Assiette HT', kind: 'euros' },
          { header: 'Financeur', kind: 'text' },
          { header: 'Montant', kind: 'euros' },
          { header: 'Taux', kind: 'rate' },
        ],
        rows: table.rows.map((r) => [
          r.quartier,
          r.operationLabel,
          r.nature,
          fromDecimalString(r.eligibleBase),
          r.funder,
          fromDecimalString(r.amount),
          r.rateBasisPoints,
        ]),
        totals: ['Total', '', '', null, '', total, null],
      },
      byKey('Par financeur', 'Financeur', table.totals.byFunder),
      byKey('Par quartier', 'Quartier', table.totals.byQuartier),
      {
        name: 'Quartiers et parties',
        title: 'Quartiers du protocole et parties',
        columns: [
          { header: 'Nature', kind: 'text' },
          { header: 'Nom', kind: 'text' },
          { header: 'Code', kind: 'text' },
          { header: 'Intérêt ou rôle', kind: 'text' },
        ],
        rows: [
          ...protocol.quartiers.map((q) => [
            'quartier',
            q.name ?? q.code,
            q.code,
            q.interest === 'national' ? 'intérêt national' : 'intérêt régional',
          ]),
          ...protocol.parties.map((p) => ['partie', p.name ?? p.code, p.code, p.role]),
        ],
      },
    ],
  };
}
