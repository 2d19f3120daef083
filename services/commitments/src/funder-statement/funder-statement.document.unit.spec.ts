import type { ReportTable } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import { zeroFigures, type Figures } from '../domain/figures';
import { funderStatement, type CommitmentAt } from '../queries/statement';
import { statementDocument, statementPrinted, statementReference } from './funder-statement.document';
import type { FunderStatementView } from './funder-statement.queries';

const figures = (f: Partial<Figures>): Figures => ({ ...zeroFigures(), ...f });
const at = (id: string, status: CommitmentAt['status'], f: Partial<Figures>, extra: Partial<CommitmentAt> = {}) => ({
  id,
  funder: 'region',
  status,
  isPool: false,
  attribution: { label: `Engagement ${id}`, year: 2016, scale: 'CALL', quartier: 'QP062024', programme: 'cdv' },
  figures: figures(f),
  ...extra,
});

function view(commitments: CommitmentAt[]): FunderStatementView {
  const statement = funderStatement(
    commitments,
    { code: 'region', name: 'Région Hauts-de-France' },
    (id) => `Condition ${id}`,
    (dimension, code) => (dimension === 'quartier' && code === 'QP062024' ? 'Cité 12/14 (Lens)' : code),
  );
  return {
    at: { asOf: '2020-12-31' },
    pourMemoire: [],
    ...statement,
    commitments: statement.commitments.map((c, i) => ({
      ...c,
      since: '2016-01-01',
      ...(c.status === 'firm' ? { firmSince: '2017-03-01' } : {}),
      documentLines: [4860 + i],
    })),
  };
}

const euroColumns = (table: ReportTable) => table.columns.flatMap((column, i) => (column.kind === 'euros' ? [i] : []));

describe('a funder’s statement as the document it signs', () => {
  const statement = view([
    at(
      'r-1',
      'firm',
      { firmCents: 1_700_000_00n, paidCents: 500_000_00n, outstandingCents: 1_200_000_00n },
      {
        act: { reference: 'Délibération CP 2017-114', date: '2017-03-01' },
      },
    ),
    at('r-2', 'conditional', { conditionalCents: 300_000_01n }, { conditionId: 'tfpb' }),
    at('r-3', 'indicative', { indicativeCents: 45_000_00n }, { isPool: true }),
    at('r-4', 'lapsed', { releasedCents: 10_000_00n }),
  ]);
  const document = statementDocument(statement, '2026-12-04T10:00:00.000Z');

  it('is headed with the legal name and the cut-off date, issued by the CALL, with a signature block', () => {
    expect(document.title).toBe('Relevé des engagements de Région Hauts-de-France — arrêté au 31/12/2020');
    expect(document.issuer).toContain('Communauté d’Agglomération de Lens-Liévin');
    expect(document.subtitle).toContain('Situation à la date d’effet du 31/12/2020, telle que connue à l’édition.');
    expect(document.signature?.some((line) => line.startsWith('Vu pour Région Hauts-de-France'))).toBe(true);
    expect(document.notices).toEqual([]);
  });

  it('lists every commitment with its act, dates, status, amounts and document line; each table adds up to the totals', () => {
    const lines = document.tables.find((t) => t.name === 'Engagements');
    expect(lines?.rows.map((row) => [row[0], row[1], row[2], row[3], row.at(-1)])).toEqual([
      [
        'Engagement r-1',
        'Délibération CP 2017-114 du 01/03/2017',
        '01/01/2016, ferme le 01/03/2017',
        'ferme',
        'l. 4860',
      ],
      ['Engagement r-2', 'aucun acte (non ferme)', '01/01/2016', 'conditionnel', 'l. 4861'],
      ['Engagement r-3 (enveloppe commune)', 'aucun acte (non ferme)', '01/01/2016', 'indicatif', 'l. 4862'],
      ['Engagement r-4', 'aucun acte (non ferme)', '01/01/2016', 'caduc', 'l. 4863'],
    ]);
    for (const table of document.tables.filter((t) => t.totals))
      for (const column of euroColumns(table)) {
        const sum = table.rows.reduce((total, row) => total + ((row[column] as bigint | null) ?? 0n), 0n);
        expect([table.name, sum]).toEqual([table.name, table.totals?.[column]]);
      }
    // The commitments' totals are the statement's, figure by figure.
    const totals = lines?.totals?.slice(4, 9);
    expect(totals).toEqual(
      (['indicative', 'conditional', 'firm', 'paid', 'outstanding'] as const).map((f) =>
        fromDecimalString(statement.totals[f]),
      ),
    );
    const byStatus = document.tables.find((t) => t.name === 'Totaux par statut');
    expect(byStatus?.rows).toEqual([
      ['indicatif', 1, 45_000_00n],
      ['conditionnel', 1, 300_000_01n],
      ['ferme', 1, 1_700_000_00n],
      ['caduc', 1, 0n],
    ]);
    // Names rather than codes; a year is a year.
    expect(document.tables.find((t) => t.name === 'Par quartier')?.rows[0][0]).toBe('Cité 12/14 (Lens)');
    expect(document.tables.find((t) => t.name === 'Par année')?.rows[0][0]).toBe(2016);
  });

  it('says so when the funder has nothing at that date, rather than looking like a statement of zeros', () => {
    const empty = statementDocument(view([]), '2026-12-04T10:00:00.000Z');
    expect(empty.notices).toEqual([
      'Aucun engagement de Région Hauts-de-France n’est inscrit au grand livre à cette date : tous les montants sont nuls.',
    ]);
  });

  it('prints what the verifier compares, and gives each issue its own reference', () => {
    expect(statementPrinted(statement)).toEqual([
      'Région Hauts-de-France',
      '45 000,00',
      '300 000,01',
      '1 700 000,00',
      '500 000,00',
      '1 200 000,00',
    ]);
    // 23:30 UTC on 4 December is already 5 December in Paris.
    expect(statementReference('2026-12-04T23:30:00.000Z', 'abcdef0123')).toBe('REL-20261205-ABCDEF01');
  });
});
