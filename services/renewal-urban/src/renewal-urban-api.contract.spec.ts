import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { RenewalUrbanModule } from './renewal-urban.module';
import { effect, startApi, type Harness } from './test-support/api-suite';
import { formatEurosFr, fromDecimalString } from '@cvl/money';
import { answersAsDocumented, binaryBody } from '@cvl/testing';
import { centsFromFrench, printProblems, readCsv, readPdf, readXlsx, renderFirstPage } from '@cvl/exports/read-back';

const PARTIES = ['anru', 'call', 'ville-lens', 'ville-avion', 'ville-lievin', 'caisse-des-depots'];

describe('renewal-urban API (PGlite, in-process transport)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApi([RenewalUrbanModule]);
  });
  afterAll(async () => h.close());

  it('prepares the préfiguration protocol, refuses an over-rate ANRU line with its reason, signs, amends and exports both versions', async () => {
    const base = '/api/renewal-urban/protocols';
    // ANRU's list first: only the quartiers on it, with the interest it gives them, enter a protocol.
    for (const [code, name, interest] of [
      ['QP062024', 'Cité 12-14', 'national'],
      ['QP062019', 'République - Cité 4', 'regional'],
      ['QP062028', 'Calonne - Marichelles - Vent De Bise', 'regional'],
    ])
      await h
        .http()
        .post('/api/renewal-urban/npnru-quartiers')
        .set(h.auth)
        .send({ code, name, interest, trace: effect('2015-04-29') })
        .expect(201);
    const listed = await h.http().get('/api/renewal-urban/npnru-quartiers').set(h.auth).expect(200);
    expect(listed.body.quartiers.map((q: { code: string }) => q.code)).toEqual(['QP062019', 'QP062024', 'QP062028']);
    const misdrafted = await h
      .http()
      .post(base)
      .set(h.auth)
      .send({
        protocolId: 'npnru-faux',
        label: 'Protocole',
        quartiers: [{ code: 'QP062019', interest: 'national' }],
        parties: [{ code: 'anru', role: 'financeur' }],
        trace: effect('2015-10-01'),
      })
      .expect(422);
    expect(misdrafted.body.errors).toEqual([expect.objectContaining({ field: 'quartiers[0].interest' })]);
    await h
      .http()
      .post(base)
      .set(h.auth)
      .send({
        protocolId: 'npnru-call',
        label: 'Protocole de préfiguration NPNRU de la CALL',
        quartiers: [
          { code: 'QP062024', interest: 'national' },
          { code: 'QP062019', interest: 'regional' },
          { code: 'QP062028', interest: 'regional' },
        ],
        parties: PARTIES.map((code) => ({ code, role: code === 'anru' ? 'financeur' : 'partie' })),
        trace: effect('2015-10-01'),
      })
      .expect(201);
    await h
      .http()
      .put(`${base}/npnru-call/purchasing-group`)
      .set(h.auth)
      .send({
        members: [
          { code: 'call', weight: 40 },
          { code: 'ville-lens', weight: 20 },
          { code: 'ville-avion', weight: 20 },
          { code: 'ville-lievin', weight: 20 },
        ],
        trace: effect('2015-11-01', 3525),
      })
      .expect(200);
    await h
      .http()
      .post(`${base}/npnru-call/operations`)
      .set(h.auth)
      .send({
        operationId: 'etude-urbaine',
        label: 'Étude urbaine',
        nature: 'etude',
        projectOwner: 'call',
        quartier: 'QP062024',
        eligibleBase: '300000.00',
        start: '2016-03-01',
        end: '2016-12-31',
        costsFrom: '2016-03-01',
        boughtByGroup: true,
        trace: effect('2015-12-01'),
      })
      .expect(201);

    const overRate = await h
      .http()
      .put(`${base}/npnru-call/operations/etude-urbaine/financing-plan`)
      .set(h.auth)
      .send({
        lines: [
          { funder: 'anru', amount: '180000.00' },
          { funder: 'call', amount: '120000.00' },
        ],
        trace: effect('2016-01-10'),
      })
      .expect(422);
    expect(overRate.body).toMatchObject({
      type: '/problems/rate-cap-exceeded',
      excess: '30000.00',
      errors: [{ field: 'lines[0].amount' }],
    });
    expect(overRate.body.detail).toContain('50,00 %');
    const bad = await h
      .http()
      .put(`${base}/npnru-call/operations/etude-urbaine/financing-plan`)
      .set(h.auth)
      .send({ lines: [{ funder: 'anru', amount: 'beaucoup' }], trace: effect('2016-01-10') })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('lines[0].amount');

    const planned = await h
      .http()
      .put(`${base}/npnru-call/operations/etude-urbaine/financing-plan`)
      .set(h.auth)
      .send({ lines: [{ funder: 'anru', amount: '150000.00' }], groupShare: '150000.00', trace: effect('2016-01-10') })
      .expect(200);
    expect(planned.body.operations[0].status).toBe('plan fixé');
    expect(
      planned.body.operations[0].plan.map((l: { funder: string; amount: string }) => `${l.funder}=${l.amount}`),
    ).toEqual([
      'anru=150000.00',
      'call=60000.00',
      'ville-lens=30000.00',
      'ville-avion=30000.00',
      'ville-lievin=30000.00',
    ]);
    await h
      .http()
      .post(`${base}/npnru-call/submission`)
      .set(h.auth)
      .send({ trace: effect('2016-02-01') })
      .expect(200);
    await h
      .http()
      .post(`${base}/npnru-call/committee`)
      .set(h.auth)
      .send({ date: '2016-02-15', trace: effect('2016-02-15') })
      .expect(200);
    await h
      .http()
      .post(`${base}/npnru-call/signature`)
      .set(h.auth)
      .send({ reference: 'Protocole NPNRU CALL', date: '2016-06-15', trace: effect('2016-06-15') })
      .expect(200);
    await h
      .http()
      .put(`${base}/npnru-call/operations/etude-urbaine/financing-plan`)
      .set(h.auth)
      .send({
        lines: [
          { funder: 'anru', amount: '120000.00' },
          { funder: 'caisse-des-depots', amount: '30000.00' },
        ],
        groupShare: '150000.00',
        trace: effect('2017-08-01'),
      })
      .expect(200);
    const amended = await h
      .http()
      .post(`${base}/npnru-call/amendments`)
      .set(h.auth)
      .send({ reference: 'Avenant n° 1', date: '2017-09-01', trace: effect('2017-09-01') })
      .expect(200);
    expect(amended.body.versions).toEqual([
      { version: 1, act: { reference: 'Protocole NPNRU CALL', date: '2016-06-15' } },
      { version: 2, act: { reference: 'Avenant n° 1', date: '2017-09-01' } },
    ]);

    const v1 = await h.http().get(`${base}/npnru-call/financial-table?version=1`).set(h.auth).expect(200);
    const v2 = await h.http().get(`${base}/npnru-call/financial-table?version=2`).set(h.auth).expect(200);
    expect(v1.body.totals.byFunder.find((t: { key: string }) => t.key === 'anru').amount).toBe('150000.00');
    expect(v2.body.totals.byFunder.find((t: { key: string }) => t.key === 'anru').amount).toBe('120000.00');
    const diff = await h.http().get(`${base}/npnru-call/financial-table/diff?from=1&to=2`).set(h.auth).expect(200);
    // What the maquette routes answer is what contracts/http promises a generated client.
    const documented = answersAsDocumented(
      join(__dirname, '..', '..', '..', 'contracts', 'http', 'renewal-urban.openapi.json'),
    );
    expect([
      ...documented('get', '/api/renewal-urban/protocols/{id}/financial-table', 200, v1.body),
      ...documented('get', '/api/renewal-urban/protocols/{id}/financial-table/diff', 200, diff.body),
    ]).toEqual([]);
    expect(diff.body.changes).toEqual([
      {
        operationId: 'etude-urbaine',
        funder: 'anru',
        before: '150000.00',
        after: '120000.00',
        delta: '-30000.00',
        change: 'modification',
      },
      {
        operationId: 'etude-urbaine',
        funder: 'caisse-des-depots',
        before: '0.00',
        after: '30000.00',
        delta: '30000.00',
        change: 'ajout',
      },
    ]);
    await h.http().get(`${base}/npnru-call/financial-table?version=3`).set(h.auth).expect(404);

    // Exports read back as people open them; their totals are the API's.
    const download = (query: string) =>
      h
        .http()
        .get(`${base}/npnru-call/financial-table?${query}`)
        .set(h.auth)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
    const csv = await download('version=1&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = readCsv(csv.body);
    expect(rows[0]).toEqual(['Opérations et plans de financement']);
    // ANRU's layout: an operation a line, one column per funder (ANRU first), the total financed and the rates.
    const header = rows[1];
    expect(header.slice(0, 6)).toEqual([
      'Quartier',
      'Opération',
      'Nature',
      'Maître d’ouvrage',
      'Calendrier',
      'Assiette HT',
    ]);
    expect(header.slice(-3)).toEqual(['Total financé', 'Taux ANRU', 'Taux de financement']);
    const etude = rows.find((r) => r[1] === 'Étude urbaine');
    expect(etude?.slice(2, 3)).toEqual(['étude']);
    expect(etude?.slice(5, 7)).toEqual(['300 000,00', '150 000,00']);
    expect(etude?.at(-2)).toBe('50,00 %');
    const totalColumn = header.length - 3;
    const csvTotal = rows.find((r) => r[0] === 'Total' && r.length === header.length);
    expect(centsFromFrench(csvTotal?.[totalColumn] ?? '')).toBe(fromDecimalString(v1.body.totals.all));

    const xlsx = await download('version=2&format=xlsx');
    const sheets = await readXlsx(xlsx.body);
    const sheet = sheets.get('Maquette financière') ?? [];
    const lines = sheet.slice(1, -1);
    // Version 2 has one funder more (the Caisse des Dépôts), hence one column more.
    const financed = sheet[0].indexOf('Total financé');
    expect(financed).toBe(totalColumn + 1);
    expect(lines.reduce((sum, row) => sum + (row[financed] as number), 0)).toBe(Number(v2.body.totals.all));
    expect(sheet.at(-1)?.[financed]).toBe(Number(v2.body.totals.all));
    expect([...sheets.keys()]).toEqual([
      'Maquette financière',
      'Par quartier',
      'Par financeur',
      'Avenant',
      'Quartiers et parties',
      'À propos',
    ]);
    // What avenant n° 1 changed, as the diff route says.
    expect(
      sheets
        .get('Avenant')
        ?.slice(1, -1)
        .map((row) => row.slice(2)),
    ).toEqual([
      ['modification', 150000, 120000, -30000],
      ['ajout', 0, 30000, 30000],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    expect(workbook.getWorksheet('Maquette financière')?.getColumn(6).numFmt).toContain('€');

    const pdf = await download('version=2&format=pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('maquette-npnru-call-v2.pdf');
    const { text } = await readPdf(pdf.body);
    // As printed: fonts embedded, every word inside the page, nothing cut; its first page rendered for a person.
    expect(await printProblems(pdf.body)).toEqual([]);
    renderFirstPage(pdf.body, join(__dirname, '../../../test/documents/artifacts/maquette-npnru-v2.png'));
    expect(text).toContain('Maquette financière — Protocole de préfiguration NPNRU de la CALL');
    expect(text).toContain('version 2 (avenant n° 1)');
    expect(text).toContain('Acte : Avenant n° 1 du 01/09/2017');
    for (const t of v2.body.totals.byFunder) expect(text).toContain(formatEurosFr(fromDecimalString(t.amount)));
    expect(text).toContain(`Total ${formatEurosFr(fromDecimalString(v2.body.totals.all))}`);

    await h.http().get(`${base}/npnru-call/financial-table?format=docx`).set(h.auth).expect(400);
  });
});
