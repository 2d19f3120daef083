import ExcelJS from 'exceljs';
import { RenewalUrbanModule } from './renewal-urban.module';
import { effect, startApi, type Harness } from './test-support/api-suite';
import { binaryBody } from '@cvl/testing';

const PARTIES = ['anru', 'call', 'ville-lens', 'ville-avion', 'ville-lievin', 'caisse-des-depots'];

describe('renewal-urban API (PGlite, in-process transport)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApi([RenewalUrbanModule]);
  });
  afterAll(async () => h.close());

  it('prepares the préfiguration protocol, refuses an over-rate ANRU line with its reason, signs, amends and exports both versions', async () => {
    const base = '/api/renewal-urban/protocols';
    await h.http().post(base).set(h.auth).send({
      protocolId: 'npnru-call',
      label: 'Protocole de préfiguration NPNRU de la CALL',
      quartiers: [{ code: 'QP062024', interest: 'national' }, { code: 'QP062019', interest: 'regional' }, { code: 'QP062028', interest: 'regional' }],
      parties: PARTIES.map((code) => ({ code, role: code === 'anru' ? 'financeur' : 'partie' })),
      trace: effect('2015-10-01'),
    }).expect(201);
    await h.http().put(`${base}/npnru-call/purchasing-group`).set(h.auth).send({ members: [{ code: 'call', weight: 40 }, { code: 'ville-lens', weight: 20 }, { code: 'ville-avion', weight: 20 }, { code: 'ville-lievin', weight: 20 }], trace: effect('2015-11-01', 3525) }).expect(200);
    await h.http().post(`${base}/npnru-call/operations`).set(h.auth).send({ operationId: 'etude-urbaine', label: 'Étude urbaine', nature: 'etude', projectOwner: 'call', quartier: 'QP062024', eligibleBase: '300000.00', start: '2016-03-01', end: '2016-12-31', costsFrom: '2016-03-01', boughtByGroup: true, trace: effect('2015-12-01') }).expect(201);

    const overRate = await h.http().put(`${base}/npnru-call/operations/etude-urbaine/financing-plan`).set(h.auth).send({ lines: [{ funder: 'anru', amount: '180000.00' }, { funder: 'call', amount: '120000.00' }], trace: effect('2016-01-10') }).expect(422);
    expect(overRate.body).toMatchObject({ type: '/problems/rate-cap-exceeded', excess: '30000.00', errors: [{ field: 'lines[0].amount' }] });
    expect(overRate.body.detail).toContain('50,00 %');
    const bad = await h.http().put(`${base}/npnru-call/operations/etude-urbaine/financing-plan`).set(h.auth).send({ lines: [{ funder: 'anru', amount: 'beaucoup' }], trace: effect('2016-01-10') }).expect(400);
    expect(bad.body.errors[0].field).toBe('lines[0].amount');

    const planned = await h.http().put(`${base}/npnru-call/operations/etude-urbaine/financing-plan`).set(h.auth).send({ lines: [{ funder: 'anru', amount: '150000.00' }], groupShare: '150000.00', trace: effect('2016-01-10') }).expect(200);
    expect(planned.body.operations[0].status).toBe('plan fixé');
    expect(planned.body.operations[0].plan.map((l: { funder: string; amount: string }) => `${l.funder}=${l.amount}`)).toEqual(['anru=150000.00', 'call=60000.00', 'ville-lens=30000.00', 'ville-avion=30000.00', 'ville-lievin=30000.00']);
    await h.http().post(`${base}/npnru-call/submission`).set(h.auth).send({ trace: effect('2016-02-01') }).expect(200);
    await h.http().post(`${base}/npnru-call/committee`).set(h.auth).send({ date: '2016-02-15', trace: effect('2016-02-15') }).expect(200);
    await h.http().post(`${base}/npnru-call/signature`).set(h.auth).send({ reference: 'Protocole NPNRU CALL', date: '2016-06-15', trace: effect('2016-06-15') }).expect(200);
    await h.http().put(`${base}/npnru-call/operations/etude-urbaine/financing-plan`).set(h.auth).send({ lines: [{ funder: 'anru', amount: '120000.00' }, { funder: 'caisse-des-depots', amount: '30000.00' }], groupShare: '150000.00', trace: effect('2017-08-01') }).expect(200);
    const amended = await h.http().post(`${base}/npnru-call/amendments`).set(h.auth).send({ reference: 'Avenant n° 1', date: '2017-09-01', trace: effect('2017-09-01') }).expect(200);
    expect(amended.body.versions).toEqual([{ version: 1, act: { reference: 'Protocole NPNRU CALL', date: '2016-06-15' } }, { version: 2, act: { reference: 'Avenant n° 1', date: '2017-09-01' } }]);

    const v1 = await h.http().get(`${base}/npnru-call/financial-table?version=1`).set(h.auth).expect(200);
    const v2 = await h.http().get(`${base}/npnru-call/financial-table?version=2`).set(h.auth).expect(200);
    expect(v1.body.totals.byFunder.find((t: { key: string }) => t.key === 'anru').amount).toBe('150000.00');
    expect(v2.body.totals.byFunder.find((t: { key: string }) => t.key === 'anru').amount).toBe('120000.00');
    const diff = await h.http().get(`${base}/npnru-call/financial-table/diff?from=1&to=2`).set(h.auth).expect(200);
    expect(diff.body.changes).toEqual([
      { operationId: 'etude-urbaine', funder: 'anru', before: '150000.00', after: '120000.00', delta: '-30000.00', change: 'modification' },
      { operationId: 'etude-urbaine', funder: 'caisse-des-depots', before: '0.00', after: '30000.00', delta: '30000.00', change: 'ajout' },
    ]);
    await h.http().get(`${base}/npnru-call/financial-table?version=3`).set(h.auth).expect(404);

    const csv = await h.http().get(`${base}/npnru-call/financial-table?version=1&format=csv`).set(h.auth).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const csvLines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(csvLines[0]).toBe('Quartier;Opération;Nature;Assiette HT;Financeur;Montant;Taux');
    expect(csvLines).toContain('QP062024;Étude urbaine;etude;300 000,00;anru;150 000,00;50,00 %');

    const xlsx = await h.http().get(`${base}/npnru-call/financial-table?version=2&format=xlsx`).set(h.auth).buffer(true).parse(binaryBody).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('Maquette financière');
    const amounts: number[] = [];
    sheet?.eachRow((row, index) => index > 1 && amounts.push(row.getCell(6).value as number));
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(300000);
    expect(sheet?.getColumn(6).numFmt).toContain('€');
  });
});
