import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openSqlEventStore, type OpenedEventStore } from '@cvl/event-store';
import { CommitmentsLedger, LEDGER_STREAM } from '../infrastructure/commitments-ledger';
import { parseCsv } from '@cvl/exports';
import { ImportDifferenceError, InvalidDataSetError } from './import-data-set';
import { importOverLedger } from './import-data-set.handler';
import { readDataSet } from './read-data-set';
import type { Principal } from '@cvl/platform';

const FIXTURES = join(__dirname, 'fixtures');
const importer: Principal = { subject: 'finance', organisation: 'call', roles: ['exploitation'] };

/** An XLSX as a spreadsheet would save the same tables: numbers as numbers, a sheet per table. */
async function writeXlsx(fromCsvFolder: string, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const name of readdirSync(fromCsvFolder).filter((f) => f.endsWith('.csv'))) {
    const sheet = workbook.addWorksheet(name.replace(/\.csv$/, ''));
    const [header, ...rows] = parseCsv(readFileSync(join(fromCsvFolder, name), 'utf8'));
    sheet.addRow(header);
    for (const row of rows) {
      sheet.addRow(
        row.map((cell, i) =>
          /amount|range_|central/.test(header[i]) && cell
            ? Number(cell.replace(/\s/g, '').replace(',', '.'))
            : /^(line|year|quantity)$/.test(header[i]) && cell
              ? Number(cell)
              : cell,
        ),
      );
    }
  }
  await workbook.xlsx.writeFile(file);
}

describe('import a data set (PGlite)', () => {
  let work: string;
  const stores: OpenedEventStore[] = [];
  const fresh = async () => {
    const opened = await openSqlEventStore({});
    stores.push(opened);
    return { opened, ledger: new CommitmentsLedger(opened.store) };
  };
  const eventsOf = async (opened: OpenedEventStore) =>
    (await opened.store.readStream(LEDGER_STREAM)).map((e) => {
      const { trace, ...data } = e.data as { trace: Record<string, unknown> };
      const { recordedAt: _when, ...stableTrace } = trace;
      return { id: e.eventId, type: e.type, data: { ...data, trace: stableTrace } };
    });

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cvl-import-'));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.store.close()));
    rmSync(work, { recursive: true, force: true });
  });

  it('CSV, XLSX and JSON of the same content produce the same events', async () => {
    const xlsx = join(work, 'small.xlsx');
    await writeXlsx(join(FIXTURES, 'small'), xlsx);
    const results = [];
    for (const path of [join(FIXTURES, 'small'), xlsx, join(FIXTURES, 'small.json')]) {
      const read = await readDataSet(path);
      expect({ format: read.format, errors: read.errors }).toEqual({ format: read.format, errors: [] });
      const { opened, ledger } = await fresh();
      await importOverLedger(ledger, { dataSet: read.dataSet, importer: importer });
      results.push(await eventsOf(opened));
    }
    // 9 references, conditions, envelopes, operations and commitments, then one line per figure row (5), booked or not.
    expect(results[0].length).toBe(14);
    expect(JSON.stringify(results[0])).toContain('commitments.operation-declared');
    expect(JSON.stringify(results[0]).split('commitments.document-figure-recorded').length - 1).toBe(5);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('importing twice adds nothing, and shows progress', async () => {
    const { opened, ledger } = await fresh();
    const { dataSet } = await readDataSet(join(FIXTURES, 'small'));
    const progress: string[] = [];
    const first = await importOverLedger(ledger, {
      dataSet: dataSet,
      importer: importer,
      onProgress: (p) => progress.push(`${p.done}/${p.total}`),
    });
    expect(first).toMatchObject({ commands: 14, eventsAppended: 14, alreadyPresent: 0 });
    expect(progress).toEqual(Array.from({ length: 14 }, (_, i) => `${i + 1}/14`));
    const before = (await opened.store.readStream(LEDGER_STREAM)).length;
    const again = await importOverLedger(ledger, {
      dataSet: dataSet,
      importer: { ...importer, subject: 'someone-else' },
    });
    expect(again).toMatchObject({ eventsAppended: 0, alreadyPresent: 14 });
    expect((await opened.store.readStream(LEDGER_STREAM)).length).toBe(before);
    const fromAnotherProcess = await importOverLedger(new CommitmentsLedger(opened.store), {
      dataSet: dataSet,
      importer: importer,
    });
    expect(fromAnotherProcess.eventsAppended).toBe(0);
  });

  it('a file with one bad row imports nothing and names the file, the row and the column', async () => {
    const folder = join(work, 'bad');
    rmSync(folder, { recursive: true, force: true });
    require('node:fs').mkdirSync(folder);
    for (const f of readdirSync(join(FIXTURES, 'small'))) copyFileSync(join(FIXTURES, 'small', f), join(folder, f));
    const figures = readFileSync(join(folder, 'figures.csv'), 'utf8')
      .replace('64 500 000,00', '64,5 millions')
      .replace(';QP062024;CALL;', ';QP062999;CALL;')
      .replace(';mc-thermique;2015;2020', ';mc-thermik;2021;2019');
    writeFileSync(join(folder, 'figures.csv'), figures);
    const operations = readFileSync(join(folder, 'operations.csv'), 'utf8').replace(';rehabilitation;', ';piscine;');
    writeFileSync(join(folder, 'operations.csv'), operations);
    const { opened, ledger } = await fresh();
    const read = await readDataSet(folder);
    expect(read.errors).toEqual([
      { file: 'figures.csv', row: 3, column: 'amount', reason: expect.stringContaining('64,5 millions') },
    ]);
    const error = await importOverLedger(ledger, { dataSet: read.dataSet, importer: importer }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidDataSetError);
    expect((error as InvalidDataSetError).errors).toEqual(
      expect.arrayContaining([
        { file: 'figures.csv', row: 3, column: 'amount', reason: expect.stringContaining('montant') },
        { file: 'figures.csv', row: 3, column: 'booking.quartier', reason: expect.stringContaining('QP062999') },
        { file: 'figures.csv', row: 3, column: 'booking.operation', reason: expect.stringContaining('mc-thermik') },
        { file: 'figures.csv', row: 3, column: 'booking.period', reason: expect.stringContaining('2021-2019') },
        { file: 'operations.csv', row: 2, column: 'nature', reason: expect.stringContaining('piscine') },
      ]),
    );
    expect((error as Error).message).toContain('figures.csv, ligne 3, colonne booking.quartier');
    expect((await opened.store.readStream(LEDGER_STREAM)).length).toBe(0);
  });

  it('all or nothing: a row the ledger refuses, after rows it accepts, writes none of them', async () => {
    const { opened, ledger } = await fresh();
    const { dataSet } = await readDataSet(join(FIXTURES, 'small'));
    await importOverLedger(ledger, { dataSet: dataSet, importer: importer });
    const before = (await opened.store.readStream(LEDGER_STREAM)).length;
    const [first, second] = dataSet.figures.filter((f) => f.role === 'booking' && f.booking);
    const accepted = {
      ...first,
      id: 'nouvelle-ligne',
      booking: { ...first.booking, commitmentId: 'nouvel-engagement' },
    } as typeof first;
    // Its own id, but the commitment of a row already in the ledger: the ledger refuses it.
    const refused = { ...second, id: 'ligne-en-double', origin: { file: 'figures.csv', row: 42 } } as typeof second;
    // Another document: its references and conditions are the same (nothing to record), its two rows new.
    const next = { ...dataSet, document: `${dataSet.document}-avenant`, envelopes: [], figures: [accepted, refused] };
    const error = await importOverLedger(ledger, { dataSet: next, importer: importer }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDataSetError);
    expect((error as InvalidDataSetError).errors).toEqual([
      {
        file: 'figures.csv',
        row: 42,
        column: 'figure:ligne-en-double',
        reason: expect.stringContaining('refusé par le registre'),
      },
    ]);
    expect((await opened.store.readStream(LEDGER_STREAM)).length).toBe(before);
  });

  it('a row already imported whose amount the file now changes is refused with the difference, and nothing is written', async () => {
    const { opened, ledger } = await fresh();
    const { dataSet } = await readDataSet(join(FIXTURES, 'small'));
    await importOverLedger(ledger, { dataSet: dataSet, importer: importer });
    const before = (await opened.store.readStream(LEDGER_STREAM)).length;
    const figures = dataSet.figures.map((f, i) => (i === 0 ? { ...f, amount: '112600000.00' } : f));
    const extra = {
      ...dataSet.figures[1],
      id: 'ligne-ajoutee',
      booking: { ...dataSet.figures[1].booking, commitmentId: 'engagement-ajoute' },
    } as (typeof figures)[number];
    const error = await importOverLedger(ledger, {
      dataSet: { ...dataSet, figures: [...figures, extra] },
      importer: importer,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportDifferenceError);
    expect((error as ImportDifferenceError).errors).toEqual([
      {
        file: dataSet.figures[0].origin?.file,
        row: dataSet.figures[0].origin?.row,
        column: 'amount',
        reason: expect.stringContaining('déjà importé avec « 112500000.00 », le fichier dit « 112600000.00 »'),
      },
    ]);
    // The new row did not go in either: the import is one.
    expect((await opened.store.readStream(LEDGER_STREAM)).length).toBe(before);
  });

  it('the actor of every event is the principal who imports', async () => {
    const { opened, ledger } = await fresh();
    const { dataSet } = await readDataSet(join(FIXTURES, 'small'));
    await importOverLedger(ledger, {
      dataSet: dataSet,
      importer: { subject: 'marie.dupont', organisation: 'call', roles: ['pilotage'] },
    });
    const events = await opened.store.readStream(LEDGER_STREAM);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events)
      expect(event.metadata.actor).toEqual({ subject: 'marie.dupont', organisation: 'call', roles: ['pilotage'] });
  });
});
