import { formatEurosFr, fromDecimalString, rateBasisPointsOrNone, toDecimalString } from '@cvl/money';
import { frenchDate, type ReportDocument } from '@cvl/exports';
import type { TableRow } from '../domain/events';
import { currentTable, type Protocol } from '../domain/state';
import type { OperationNature } from '../domain/rules';

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

/** Natures of operation as ANRU's tables write them. */
export const NATURE_LABELS: Record<OperationNature, string> = {
  etude: 'étude',
  'conduite-de-projet': 'conduite de projet',
  expertise: 'expertise',
  'participation-des-habitants': 'participation des habitants',
  demolition: 'démolition',
  reconstitution: 'reconstitution de l’offre',
  rehabilitation: 'réhabilitation',
  residentialisation: 'résidentialisation',
  amenagement: 'aménagement',
  equipement: 'équipement',
  relogement: 'relogement',
};

/** Basis points of `part` in `whole`, rounded half up (0 when there is no whole). */
const rateOf = (part: bigint, whole: bigint) => Number(rateBasisPointsOrNone(part, whole) ?? 0n);

/**
 * The maquette financière as ANRU files it with a préfiguration protocol (docs/formats-des-financeurs.md): one line
 * per operation and quartier, its maître d'ouvrage, calendar and base, one column per funder (ANRU first, then the
 * parties), the total financed, ANRU's rate and the rate financed; a line per quartier, the totals per funder; the
 * version (signature, avenant n) and its act, and what the avenant changed from the version before.
 */
export function financialTableReport(
  protocol: Protocol,
  table: NonNullable<ReturnType<typeof financialTable>>,
  generatedAt: string,
): ReportDocument {
  const nameOf = (code: string) => protocol.parties.find((p) => p.code === code)?.name ?? code;
  const quartierName = (code: string) => protocol.quartiers.find((q) => q.code === code)?.name ?? code;
  // ANRU first, then the parties in the protocol's order, then any other funder of the table.
  const funders = [
    ...new Set([
      ...table.rows.filter((r) => r.funder === 'anru').map((r) => r.funder),
      ...protocol.parties.map((p) => p.code).filter((code) => table.rows.some((r) => r.funder === code)),
      ...table.rows.map((r) => r.funder).sort(),
    ]),
  ];
  const operations = new Map<
    string,
    { quartier: string; label: string; nature: OperationNature; base: bigint; parts: Map<string, bigint> }
  >();
  for (const row of table.rows) {
    const line = operations.get(row.operationId) ?? {
      quartier: row.quartier,
      label: row.operationLabel,
      nature: row.nature,
      base: fromDecimalString(row.eligibleBase),
      parts: new Map<string, bigint>(),
    };
    line.parts.set(row.funder, (line.parts.get(row.funder) ?? 0n) + fromDecimalString(row.amount));
    operations.set(row.operationId, line);
  }
  const sorted = [...operations.entries()].sort(
    ([a, x], [b, y]) => x.quartier.localeCompare(y.quartier) || a.localeCompare(b),
  );
  const financed = (parts: Map<string, bigint>) => [...parts.values()].reduce((sum, cents) => sum + cents, 0n);
  const baseTotal = sorted.reduce((sum, [, line]) => sum + line.base, 0n);
  const funderTotals = funders.map((f) => sorted.reduce((sum, [, line]) => sum + (line.parts.get(f) ?? 0n), 0n));
  const total = fromDecimalString(table.totals.all);
  const anruTotal = funderTotals[funders.indexOf('anru')] ?? 0n;
  const byQuartier = [...new Set(sorted.map(([, line]) => line.quartier))].map((quartier) => {
    const lines = sorted.filter(([, line]) => line.quartier === quartier).map(([, line]) => line);
    const parts = funders.map((f) => lines.reduce((sum, line) => sum + (line.parts.get(f) ?? 0n), 0n));
    return [
      quartierName(quartier),
      lines.reduce((sum, line) => sum + line.base, 0n),
      ...parts,
      parts.reduce((a, b) => a + b, 0n),
    ];
  });
  const signed = table.version !== 'en cours';
  const previous = signed ? protocol.versions.find((v) => v.version === (table.version as number) - 1) : undefined;
  const changes = previous ? tableDiff(previous.table, table.rows) : [];
  const operationLabel = (id: string) =>
    operations.get(id)?.label ?? previous?.table.find((r) => r.operationId === id)?.operationLabel ?? id;
  return {
    title: `Maquette financière — ${protocol.label}`,
    subtitle: [
      `Protocole de préfiguration du NPNRU ${protocol.id} — ${
        !signed
          ? 'version de travail (non signée)'
          : table.version === 1
            ? 'version 1 (signature)'
            : `version ${table.version} (avenant n° ${(table.version as number) - 1})`
      }`,
      ...('act' in table && table.act ? [`Acte : ${table.act.reference} du ${frenchDate(table.act.date)}`] : []),
      `Quartiers : ${protocol.quartiers.map((q) => `${q.name ?? q.code} (${q.interest === 'national' ? 'intérêt national' : 'intérêt régional'})`).join(', ')}`,
      'Montants hors taxes (assiette subventionnable HT) ; taux en pourcentage de l’assiette',
    ],
    issuer: 'Communauté d’Agglomération de Lens-Liévin, porteur du protocole',
    notices:
      table.rows.length === 0
        ? [
            'Aucune opération inscrite au protocole à ce jour : ses études et leurs plans de financement restent à arrêter.',
          ]
        : [],
    generatedAt,
    fileName: `maquette-${protocol.id}-v${table.version === 'en cours' ? 'travail' : table.version}`,
    orientation: 'landscape',
    tables: [
      {
        name: 'Maquette financière',
        title: 'Opérations et plans de financement',
        columns: [
          { header: 'Quartier', kind: 'text' },
          { header: 'Opération', kind: 'text' },
          { header: 'Nature', kind: 'text' },
          { header: 'Maître d’ouvrage', kind: 'text' },
          { header: 'Calendrier', kind: 'text' },
          { header: 'Assiette HT', kind: 'euros' },
          ...funders.map((f) => ({ header: nameOf(f), kind: 'euros' as const })),
          { header: 'Total financé', kind: 'euros' },
          { header: 'Taux ANRU', kind: 'rate' },
          { header: 'Taux de financement', kind: 'rate' },
        ],
        rows: sorted.map(([id, line]) => {
          const operation = protocol.operations.get(id);
          return [
            quartierName(line.quartier),
            line.label,
            NATURE_LABELS[line.nature] ?? line.nature,
            operation ? nameOf(operation.projectOwner) : '',
            operation
              ? `${operation.start.slice(0, 7).split('-').reverse().join('/')} – ${operation.end.slice(0, 7).split('-').reverse().join('/')}`
              : '',
            line.base,
            ...funders.map((f) => line.parts.get(f) ?? 0n),
            financed(line.parts),
            rateOf(line.parts.get('anru') ?? 0n, line.base),
            rateOf(financed(line.parts), line.base),
          ];
        }),
        totals: [
          'Total',
          '',
          '',
          '',
          '',
          baseTotal,
          ...funderTotals,
          total,
          rateOf(anruTotal, baseTotal),
          rateOf(total, baseTotal),
        ],
      },
      {
        name: 'Par quartier',
        title: 'Par quartier',
        columns: [
          { header: 'Quartier', kind: 'text' },
          { header: 'Assiette HT', kind: 'euros' },
          ...funders.map((f) => ({ header: nameOf(f), kind: 'euros' as const })),
          { header: 'Total financé', kind: 'euros' },
        ],
        rows: byQuartier,
        totals: ['Total', baseTotal, ...funderTotals, total],
      },
      {
        name: 'Par financeur',
        title: 'Par financeur',
        columns: [
          { header: 'Financeur', kind: 'text' },
          { header: 'Montant', kind: 'euros' },
          { header: 'Part du total', kind: 'rate' },
        ],
        rows: funders.map((f, i) => [nameOf(f), funderTotals[i], rateOf(funderTotals[i], total)]),
        totals: ['Total', total, total === 0n ? 0 : 10_000],
      },
      ...(previous
        ? [
            {
              name: 'Avenant',
              title: `Ce que l’avenant n° ${(table.version as number) - 1} change à la version ${previous.version}`,
              columns: [
                { header: 'Opération', kind: 'text' as const },
                { header: 'Financeur', kind: 'text' as const },
                { header: 'Changement', kind: 'text' as const },
                { header: 'Avant', kind: 'euros' as const },
                { header: 'Après', kind: 'euros' as const },
                { header: 'Écart', kind: 'euros' as const },
              ],
              rows: changes.map((c) => [
                operationLabel(c.operationId),
                nameOf(c.funder),
                c.change,
                fromDecimalString(c.before),
                fromDecimalString(c.after),
                fromDecimalString(c.delta),
              ]),
              totals: [
                'Total',
                '',
                '',
                changes.reduce((sum, c) => sum + fromDecimalString(c.before), 0n),
                changes.reduce((sum, c) => sum + fromDecimalString(c.after), 0n),
                changes.reduce((sum, c) => sum + fromDecimalString(c.delta), 0n),
              ],
            },
          ]
        : []),
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
