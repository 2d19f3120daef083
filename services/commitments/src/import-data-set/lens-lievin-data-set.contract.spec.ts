import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlEventStore, type OpenedEventStore } from '@cvl/event-store';
import { ledgerViolations } from '@cvl/ledger';
import { fromDecimalString } from '@cvl/money';
import { operationsOverCap } from '../domain/co-financing';
import { figuresOf, viewLedgerDisagreements } from '../domain/figures';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import type { DataSet } from './data-set';
import { importOverLedger } from './import-data-set.handler';
import { readDataSet } from './read-data-set';
import { reconcile } from './reconcile';
import { validateDataSet } from './validate';

const ROOT = join(__dirname, '..', '..', '..', '..');
const DATA_SET = join(ROOT, 'data', 'contrat-de-ville-lens-lievin-2015-2020');
/** The source document the line numbers refer to, kept beside the data set so that a clone alone can check it. */
const SOURCE = join(DATA_SET, 'source', 'contrat-de-ville-lens-lievin-2015-2020.md');
/** The seed it was copied from, when the shared folder is beside the clone: the copy must not drift from it. */
const SEED = join(ROOT, '..', 'shared', 'seed', 'contrat-de-ville-lens-lievin-2015-2020.md');

describe('the Lens-Liévin data set', () => {
  let dataSet: DataSet;
  let opened: OpenedEventStore;
  let ledger: CommitmentsLedger;

  beforeAll(async () => {
    const read = await readDataSet(DATA_SET);
    expect(read.errors).toEqual([]);
    dataSet = read.dataSet;
    opened = await openSqlEventStore({});
    ledger = new CommitmentsLedger(opened.store);
    await importOverLedger(ledger, {
      dataSet: dataSet,
      importer: { subject: 'test', organisation: 'call', roles: ['exploitation'] },
    });
  });
  afterAll(async () => opened.store.close());

  it('is valid, and every line of the source document that states euros has its rows', () => {
    expect(validateDataSet(dataSet)).toEqual([]);
    const text = readFileSync(SOURCE, 'utf8');
    if (existsSync(SEED)) expect(text === readFileSync(SEED, 'utf8')).toBe(true);
    const lines = text.split('\n');
    const withEuros = lines.map((text, i) => ({ line: i + 1, text })).filter(({ text }) => /€|euros?\b/.test(text));
    const covered = new Set(dataSet.figures.map((f) => f.line));
    expect(withEuros.filter(({ line }) => !covered.has(line))).toEqual([]);
    expect(withEuros.length).toBeGreaterThan(100);
    for (const figure of dataSet.figures) expect(lines[figure.line - 1]).toBeDefined();
  });

  it('books only the bookings: each funder’s ledger total equals the sum of its booking rows, to the cent', async () => {
    const { state } = await ledger.current();
    const expected = new Map<string, bigint>();
    for (const f of dataSet.figures.filter((row) => row.role === 'booking')) {
      const funder = f.booking?.funder as string;
      expected.set(funder, (expected.get(funder) ?? 0n) + fromDecimalString(f.amount as string));
    }
    const booked = new Map<string, bigint>();
    for (const c of state.commitments.values()) {
      const figures = figuresOf(c);
      booked.set(
        c.funder,
        (booked.get(c.funder) ?? 0n) + figures.indicativeCents + figures.conditionalCents + figures.firmCents,
      );
    }
    expect(booked).toEqual(expected);
    expect(expected.get('maisons-et-cites')).toBe(25_875_000_000n);
    expect(expected.get('partenaires-publics')).toBe(9_375_000_000n);
    expect(expected.get('call')).toBe(650_000_000n);
    expect(ledgerViolations(state.ledger)).toEqual([]);
    expect(viewLedgerDisagreements(state)).toEqual([]);
    expect(state.envelopes.size).toBe(4);
    expect(
      [...state.commitments.values()]
        .filter((c) => c.status === 'conditional')
        .every((c) => c.conditionId === 'tfpb-maisons-et-cites'),
    ).toBe(true);
    // One condition over the whole démarche d'intention: Maisons et Cités' investment and the subsidies it asks.
    const waiting = [...state.commitments.values()].filter((c) => c.conditionId === 'tfpb-maisons-et-cites');
    expect(new Set(waiting.map((c) => `${c.funder}:${c.status}`))).toEqual(
      new Set(['maisons-et-cites:conditional', 'partenaires-publics:conditional']),
    );
    expect(waiting).toHaveLength(13);
  });

  it('attaches every booking to an operation of the registry, each within its co-financing caps', async () => {
    const { state } = await ledger.current();
    const unattached = [...state.commitments.values()].filter((c) => !c.attribution.operation).map((c) => c.id);
    expect(unattached).toEqual([]);
    expect(state.operations.size).toBe(dataSet.operations?.length);
    // Maisons et Cités' thermal programme and the public partners' matching request are one operation.
    const thermal = state.operations.get('mc-thermique');
    const funders = thermal?.commitmentIds.map((id) => state.commitments.get(id)?.funder).sort();
    expect(funders).toEqual(['maisons-et-cites', 'partenaires-publics']);
    expect(thermal?.eligibleBaseCents).toBe(12_950_000_000n);
    // Every operation's base covers what it books: the owner's share and the subsidies it asks.
    for (const operation of state.operations.values()) {
      const booked = operation.commitmentIds.reduce(
        (total, id) => total + (state.commitments.get(id)?.amountCents ?? 0n),
        0n,
      );
      expect([operation.id, booked <= operation.eligibleBaseCents]).toEqual([operation.id, true]);
    }
    expect(operationsOverCap(state, '2020-12-31')).toEqual([]);
    // Each booking keeps the window the document gives it: « 2017-2018 » is not 2017.
    const windows = [...state.commitments.values()].map((c) => [c.id, c.schedule?.fromYear, c.schedule?.toYear]);
    expect(windows.filter(([, from, to]) => from === undefined || to === undefined)).toEqual([]);
    expect(state.commitments.get('pdch-fouquieres-demolition')?.schedule).toEqual({
      fromYear: 2017,
      toYear: 2018,
      planned: [],
    });
    expect(state.commitments.get('mc-investissement-thermique')?.schedule).toMatchObject({
      fromYear: 2015,
      toYear: 2020,
    });
  });

  it('reconciles: the rounded totals are declared rounding, the real gaps are named with their lines', () => {
    const lines = reconcile(dataSet);
    const gaps = lines.filter((l) => l.verdict !== 'concorde').map((l) => `${l.line} ${l.check} ${l.gap} ${l.verdict}`);
    expect(gaps).toEqual([
      '5303 produit -2500000.00 écart',
      '5458 produit -2500000.00 écart',
      '5465 somme 250000.00 arrondi déclaré',
      '5465 somme 250000.00 arrondi déclaré',
      '5596 somme -26000.00 écart',
    ]);
    expect(lines.filter((l) => l.verdict === 'concorde').length).toBeGreaterThan(30);
  });
});
