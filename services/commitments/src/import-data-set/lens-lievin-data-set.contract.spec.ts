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
import { reconcile, recordedFigures } from './reconcile';
import { digestDifferences, digestOf, readDigest } from './source-digest';
import { documentFigureView, seesFigure } from '../record-document-figure/document-figures.query';
import { Access } from '@cvl/platform';
import { timeline } from '../record-governance-step/timeline.query';
import { addMonths, deadlinesOf } from '../deadlines/deadlines';
import { validateDataSet } from './validate';
import { leverageMap } from '../leverage-map/leverage-map';
import { preFinancingForecast } from '../pre-financing/pre-financing';

const ROOT = join(__dirname, '..', '..', '..', '..');
const DATA_SET = join(ROOT, 'data', 'contrat-de-ville-lens-lievin-2015-2020');
/** The source document the line numbers refer to, kept beside the data set so that a clone alone can check it. */
const SOURCE = join(DATA_SET, 'source', 'contrat-de-ville-lens-lievin-2015-2020.md');
/** The digest of the document's money lines (numbers and hashes): what the tests need when neither is at hand. */
const DIGEST = join(DATA_SET, 'source-digest.csv');
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

  it('is valid, and every line of the source document that states euros has its rows (over the digest)', () => {
    expect(validateDataSet(dataSet)).toEqual([]);
    // The digest is what the clone keeps of the document: the lines that state money, by number and hash.
    const digest = readDigest(readFileSync(DIGEST, 'utf8'));
    for (const document of [SOURCE, SEED].filter((path) => existsSync(path)))
      expect([document, digestDifferences(digest, digestOf(readFileSync(document, 'utf8')))]).toEqual([document, []]);
    const covered = new Set(dataSet.figures.map((f) => f.line));
    expect(digest.filter(({ line }) => !covered.has(line))).toEqual([]);
    expect(digest.length).toBeGreaterThan(100);
  });

  it('finds every money line of the document in the ledger: its role, status, scale and period, with provenance', async () => {
    const { state } = await ledger.current();
    const digest = readDigest(readFileSync(DIGEST, 'utf8'));
    const everyone = new Access({ subject: 'audit', organisation: 'cvl', roles: ['auditeur'] }, true, []);
    const views = [...state.documentFigures.values()]
      .filter((f) => seesFigure(everyone, f, state))
      .map((f) => documentFigureView(f, state));
    expect(views).toHaveLength(dataSet.figures.length);
    const byLine = new Map<number, typeof views>();
    for (const view of views)
      byLine.set(view.provenance.line as number, [...(byLine.get(view.provenance.line as number) ?? []), view]);
    const missing = digest.filter(({ line }) => !byLine.get(line)?.length).map(({ line }) => line);
    expect(missing).toEqual([]);
    for (const view of views) {
      expect([view.figureId, typeof view.statusLabel, view.scale.length > 0]).toEqual([view.figureId, 'string', true]);
      expect(view.period.fromYear).toBeLessThanOrEqual(view.period.toYear);
      expect(view.provenance.document).toBe(dataSet.document);
    }
    // A booked line takes its commitment's status; its rollups are never booked beside their parts.
    const total = views.find((v) => v.figureId === 'mc-total-arrondi');
    expect(total).toMatchObject({ role: 'total', counted: false, rounding: 'M€', scale: 'Bassin Minier' });
    const booked = views.filter((v) => v.counted && v.role === 'booking');
    expect(booked.every((v) => v.status === v.commitment?.status)).toBe(true);
    expect(booked).toHaveLength(state.commitments.size);
    // A range keeps its bounds and its centre; a five-year programme keeps its five years.
    const range = views.find((v) => v.range && v.range.central);
    expect(range?.range).toEqual({ min: expect.any(String), max: expect.any(String), central: expect.any(String) });
    expect(views.find((v) => v.figureId === 'mc-investissement-construction')?.period).toEqual({
      fromYear: 2015,
      toYear: 2020,
    });
    // History is not new money: the CALL's share of the first urban renewal programme is kept, never counted.
    expect(views.find((v) => v.figureId === 'anru1-participation-call')).toMatchObject({
      role: 'history',
      counted: false,
    });
  });

  it('keeps the Région’s participation 2016-2020 pour mémoire: visible, without an amount, summed nowhere', async () => {
    const { state } = await ledger.current();
    const memo = state.documentFigures.get('region-participation-2016-2020');
    expect(memo).toMatchObject({ role: 'pour-memoire', funder: 'region', period: { fromYear: 2016, toYear: 2020 } });
    expect(memo?.amount).toBeUndefined();
    expect([...state.commitments.values()].filter((c) => c.funder === 'region')).toEqual([]);
    expect(reconcile(recordedFigures(state)).some((l) => l.id === 'region-participation-2016-2020')).toBe(false);
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
    // The ITI-FEDER's four axes and the IEJ of the Nord-Pas-de-Calais, both at the scale of the région.
    expect(state.envelopes.size).toBe(5);
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

  it('records the contract’s governance as events, shown as a timeline for the contract and per funder', async () => {
    const { state } = await ledger.current();
    const everyone = new Access({ subject: 'audit', organisation: 'cvl', roles: ['auditeur'] }, true, []);
    const contract = timeline(state, undefined, everyone);
    expect(contract.map((e) => e.ref)).toEqual(expect.arrayContaining(['contrat-periode', 'revoyure-trois-ans']));
    expect(contract.map((e) => e.from)).toEqual([...contract.map((e) => e.from)].sort());
    // The Région's: its framework deliberation, its revoyure after the 2015 elections — and the contract's own steps.
    const region = timeline(state, 'region', everyone);
    expect(region.find((e) => e.ref === 'region-revoyure-2016')).toMatchObject({
      kind: 'revoyure',
      status: 'prevu',
      from: '2016-01-01',
      to: '2016-12-31',
      line: 4868,
      funders: [{ code: 'region', name: 'Région Nord – Pas-de-Calais' }],
    });
    expect(region.some((e) => e.ref === 'contrat-periode')).toBe(true);
    expect(region.some((e) => e.ref === 'tfpb-eligibilite')).toBe(false);
    expect(state.governance.get('region-revoyure-2016')?.figureIds).toEqual(['region-participation-2016-2020']);
    // A financeur reads its own steps and the contract's, not another funder's.
    const mc = new Access({ subject: 'mc', organisation: 'maisons-et-cites', roles: ['financeur'] }, false, [
      'financeur',
    ]);
    const own = timeline(state, undefined, mc);
    expect(own.some((e) => e.ref === 'tfpb-eligibilite')).toBe(true);
    expect(own.some((e) => e.ref === 'region-revoyure-2016')).toBe(false);
  });

  it('tells what falls due on 1 July 2017 for 18 months: what is late, then each step’s due day (hand-counted)', async () => {
    const { state } = await ledger.current();
    const everyone = new Access({ subject: 'audit', organisation: 'cvl', roles: ['auditeur'] }, true, []);
    const asOf = '2017-07-01';
    const until = addMonths(asOf, 18);
    const due = (access: Access, funder?: string) =>
      deadlinesOf(timeline(state, funder, access), asOf, until).map((d) =>
        [d.due, d.ref, d.occurrence ?? '', d.state, d.days, d.line].join(' '),
      );
    // governance.csv: the ITI avenant expected at the end of 2015 and the Région's revoyure of 2016 are still
    // « prévu », so late (548 and 182 days: 2016 is a leap year); the three yearly steps fall due on 31/12/2017 and
    // 31/12/2018, with the revoyure after three years; the TFPB condition and the Caisse des Dépôts' committees run
    // until 31/12/2020, beyond the horizon (01/01/2019); what is « réalisé » never falls due — but a period ends: the
    // CAF's COG 2013-2017 (l. 5931) and the State's credits ring-fenced for 2015-2017 (l. 4032) on 31/12/2017.
    expect(due(everyone)).toEqual([
      '2015-12-31 avenant-iti-2015  en-retard -548 4869',
      '2016-12-31 region-revoyure-2016  en-retard -182 4868',
      '2017-12-31 caf-cog-2013-2017  a-venir 183 5931',
      '2017-12-31 comite-financeurs 2017 a-venir 183 3984',
      '2017-12-31 comite-pilotage-annuel 2017 a-venir 183 3981',
      '2017-12-31 etat-credits-sanctuarises  a-venir 183 4032',
      '2017-12-31 programmation-annuelle 2017 a-venir 183 3983',
      '2018-12-31 comite-financeurs 2018 a-venir 548 3984',
      '2018-12-31 comite-pilotage-annuel 2018 a-venir 548 3981',
      '2018-12-31 programmation-annuelle 2018 a-venir 548 3983',
      '2018-12-31 revoyure-trois-ans  a-venir 548 3987',
    ]);
    // The Région reads its own and the contract's: not the ITI avenant (the FEDER's).
    const region = new Access({ subject: 'r', organisation: 'region', roles: ['financeur'] }, false, ['financeur']);
    expect(due(region).map((line) => line.split(' ')[1])).toEqual([
      'region-revoyure-2016',
      'comite-financeurs',
      'comite-pilotage-annuel',
      'programmation-annuelle',
      'comite-financeurs',
      'comite-pilotage-annuel',
      'programmation-annuelle',
      'revoyure-trois-ans',
    ]);
  });

  it('reconciles from the ledger’s events: declared rounding, rounding to the precision shown, real gaps with their lines', async () => {
    const { state } = await ledger.current();
    const lines = reconcile(recordedFigures(state));
    // The same as the file's before import: the events keep everything the check needs.
    expect(lines).toEqual(reconcile(dataSet.figures));
    const gaps = lines.filter((l) => l.verdict !== 'concorde').map((l) => `${l.line} ${l.check} ${l.gap} ${l.verdict}`);
    expect(gaps).toEqual([
      '5303 produit -2500000.00 écart',
      '5458 produit -2500000.00 écart',
      // The synthesis' « 4 000 logements » for the 65 M€ the detail spends on « 1 500 logements environ » (l. 5321).
      '5459 quantité 2500 ambigu',
      // « Résidentialisation de 3 000 logements » for the 3,75 M€ the detail gives « 1 500 logements » (l. 5357).
      '5461 quantité 1500 ambigu',
      '5465 somme 250000.00 arrondi déclaré',
      '5465 somme 250000.00 arrondi déclaré',
      // « 6,8M€ » is 6 826 000 € written to the tenth of a million: not a gap.
      '5596 somme -26000.00 arrondi à la précision affichée',
    ]);
    expect(lines.filter((l) => l.verdict === 'concorde').length).toBeGreaterThan(30);
    // Each check names the other lines it compared: both figures, both lines.
    expect(lines.find((l) => l.check === 'quantité' && l.verdict === 'ambigu')).toMatchObject({
      stated: '4000',
      computed: '1500',
      against: [5321],
    });
    expect(lines.find((l) => l.id === 'mc-total-arrondi' && l.check === 'somme')?.against).toEqual([
      5458, 5459, 5460, 5461, 5462, 5463, 5464,
    ]);
    expect(lines.filter((l) => l.check === 'quantité' && l.verdict === 'concorde').map((l) => l.line)).toEqual([
      5458, 5460, 5463,
    ]);
  });

  it('maps the money per quartier by kind (hand-summed from figures.csv): most of it held beyond any quartier', async () => {
    const { state } = await ledger.current();
    const map = leverageMap(state, 'quartier', 'engage');
    const row = (key: string) => map.rows.find((r) => r.key === key);
    expect(map.rows.map((r) => [r.key, r.total])).toEqual([
      // The CALL's demolitions of Pas-de-Calais Habitat (l. 5552, 5572, 5560) and Méricourt's participatory budget.
      ['QP062021', '1700000.00'],
      ['QP062027', '1600000.00'],
      ['QP062033', '1500000.00'],
      ['QP062045', '50000.00'],
      // Maisons et Cités' programme (258 750 000), the public partners' pool (93 750 000), the CALL's
      // réhabilitations (1 700 000): Bassin Minier or CALL scale, in no quartier.
      ['non-territorialise', '354200000.00'],
    ]);
    expect(row('non-territorialise')?.amounts).toMatchObject({
      bailleurs: '258750000.00',
      'non-ventile': '93750000.00',
      'droit-commun': '1700000.00',
    });
    expect(row('QP062021')?.amounts['droit-commun']).toBe('1700000.00');
    // No crédits spécifiques are booked in the document's figures: no leverage to tell.
    expect(map.totals).toMatchObject({ total: '359050000.00', leverage: null });
  });

  it('forecasts Pas-de-Calais Habitat’s pre-financing from its four dated operations (totals hand-summed)', async () => {
    const { state } = await ledger.current();
    const forecast = preFinancingForecast(state, 'pas-de-calais-habitat');
    // Spending: the eligible bases of Fouquières (1 700 000), Sallaumines (1 500 000), Lens Sellier (1 600 000) and
    // the réhabilitations (6 826 000); aid: the CALL's four reservations (1,7 + 1,5 + 1,6 + 1,7 M€), under the
    // default rule (no payment rule recorded for an EPCI).
    expect(forecast.totals).toEqual({ out: '11626000.00', in: '6500000.00', ownShare: '5126000.00' });
    expect(forecast.operations.map((o) => o.operation)).toEqual([
      'pdch-fouquieres-demolition',
      'pdch-lens-sellier-demolition',
      'pdch-rehabilitations-thermiques',
      'pdch-sallaumines-demolition',
    ]);
    expect(forecast.rules.map((r) => r.id)).toEqual(['defaut']);
    // From the first month of the réhabilitations (01/2015) to the last balance (12/2020 + 4 months).
    expect([forecast.months[0].month, forecast.months.at(-1)?.month]).toEqual(['2015-01', '2021-04']);
    // Every euro of aid spent is received in the end, to the cent the monthly shares round down.
    expect(Math.abs(Number(forecast.months.at(-1)?.gap))).toBeLessThan(1);
    expect(Number(forecast.peak.amount)).toBeGreaterThan(0);
  });
});
