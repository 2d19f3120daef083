/* The commitments API end to end on a real event store: PGlite (contract tier) and PostgreSQL (integration tier). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { answersAsDocumented, binaryBody } from '@cvl/testing';
import { centsFromFrench, readCsv } from '@cvl/exports/read-back';
import { fromDecimalString } from '@cvl/money';
import {
  createServiceApp,
  currentContext,
  loadPlatformConfig,
  openInfrastructure,
  type Infrastructure,
} from '@cvl/platform';
import { CommitmentsModule } from '../commitments.module';
import { CommitmentsLedger, LEDGER_STREAM } from '../infrastructure/commitments-ledger';
import { amend } from './lifecycle';
import { DATA_SET_JSON_TYPE, XLSX_TYPE } from '../import-data-set/import-data-set.controller';

/** A zip archive, written the plain way (deflate, no data descriptors): to send a zip bomb as a workbook. */
export function zipOf(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data, { level: 9 });
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at);
      header.writeUInt16LE(0, at + 2);
      header.writeUInt16LE(8, at + 4);
      header.writeUInt32LE(0, at + 6);
      header.writeUInt32LE(crc32(entry.data), at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(entry.data.length, at + 18);
      header.writeUInt16LE(name.length, at + 22);
      header.writeUInt16LE(0, at + 24);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    directory.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const size = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

export interface ApiHarness {
  app: INestApplication;
  infra: Infrastructure;
  token: string;
  http: () => ReturnType<typeof request>;
  auth: { Authorization: string };
  ledgerEvents: () => Promise<number>;
  close: () => Promise<void>;
}

export async function startCommitmentsApi(env: Record<string, string> = {}): Promise<ApiHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cvl-commitments-'));
  const config = loadPlatformConfig(
    { CVL_DATA_DIR: dataDir, CVL_DEPLOYMENT: basename(dataDir), KAFKA_TOPIC_PREFIX: `${basename(dataDir)}.`, ...env },
    { mode: 'embedded', port: 0 },
  );
  const infra = await openInfrastructure(config, 'commitments-test');
  const app = await createServiceApp('commitments', infra, [CommitmentsModule], [], { logs: false });
  await app.init();
  const token = infra.adminToken as string;
  return {
    app,
    infra,
    token,
    http: () => request(app.getHttpServer()),
    auth: { Authorization: `Bearer ${token}` },
    ledgerEvents: async () => (await infra.store.readStream(LEDGER_STREAM)).length,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const doc = (line: number) => ({ kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line });
export const traceBody = (
  reasonCode: string,
  effectiveDate: string,
  source: Record<string, unknown> = doc(5465),
  memo?: string,
) => ({ reasonCode, effectiveDate, source, ...(memo ? { memo } : {}) });

/** What an answer must be, as contracts/http promises a generated client. */
const documented = answersAsDocumented(
  join(__dirname, '..', '..', '..', '..', 'contracts', 'http', 'commitments.openapi.json'),
);

export function commitmentsApiSuite(name: string, start: () => Promise<ApiHarness>): void {
  describe(`commitments API — ${name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await start();
      const ref = (collection: string, code: string, extra: Record<string, unknown> = {}) =>
        h
          .http()
          .post(`/api/commitments/reference/${collection}`)
          .set(h.auth)
          .send({ code, name: code, trace: traceBody('referentiel', '2015-07-01'), ...extra })
          .expect(201);
      await ref('funders', 'maisons-et-cites', {
        name: 'Maisons et Cités Soginorpa',
        attributes: { category: 'landlord' },
      });
      await ref('funders', 'region', { name: 'Région Nord-Pas-de-Calais', attributes: { category: 'region' } });
      await ref('funders', 'partenaires-publics', {
        name: 'Partenaires publics (non ventilé)',
        attributes: { category: 'pool' },
      });
      await ref('epcis', 'CALL');
      await ref('quartiers', 'QP062024', { name: 'Cité 12/14', attributes: { commune: 'Lens' } });
      await h
        .http()
        .post('/api/commitments/conditions')
        .set(h.auth)
        .send({
          conditionId: 'tfpb-mc',
          label: 'Éligibilité de Maisons et Cités à l’abattement de TFPB',
          description: 'l. 5070-5080',
          trace: traceBody('intention', '2015-07-01', doc(5070)),
        })
        .expect(201);
    });
    afterAll(async () => h.close());

    it('walks a commitment from intention to release: statement, history and as-of balances agree to the cent', async () => {
      const id = 'mc-rehab-12-14';
      const created = await h
        .http()
        .post('/api/commitments/commitments')
        .set(h.auth)
        .send({
          commitmentId: id,
          funder: 'maisons-et-cites',
          status: 'indicative',
          amount: '1500000.00',
          attribution: {
            label: 'Réhabilitation thermique cité 12/14',
            quartier: 'QP062024',
            epci: 'CALL',
            year: 2016,
            scale: 'CALL',
          },
          stated: { text: '1,5 M€' },
          trace: traceBody('intention', '2015-07-01', doc(5104), 'démarche d’intention'),
        })
        .expect(201);
      expect(created.headers.etag).toBe('"0"');
      expect(created.body).toMatchObject({
        status: 'indicative',
        statusLabel: 'indicatif',
        figures: { indicative: '1500000.00', formatted: { indicative: '1 500 000,00 €' } },
      });

      await h
        .http()
        .post(`/api/commitments/commitments/${id}/conditional`)
        .set(h.auth)
        .set('If-Match', '"0"')
        .send({ conditionId: 'tfpb-mc', trace: traceBody('intention', '2015-09-01', doc(5080)) })
        .expect(200);
      const met = await h
        .http()
        .post('/api/commitments/conditions/tfpb-mc/resolution')
        .set(h.auth)
        .send({
          outcome: 'met',
          act: { reference: 'Courrier DHUP 2016-118', date: '2016-06-30' },
          trace: traceBody('condition-remplie', '2016-06-30', {
            kind: 'act',
            reference: 'Courrier DHUP 2016-118',
            date: '2016-06-30',
          }),
        })
        .expect(200);
      expect(met.body.resolvedCommitments).toEqual([id]);
      // The condition met binds no one: the intention is indicative again until its own act, the convention.
      const lifted = await h.http().get(`/api/commitments/commitments/${id}`).set(h.auth).expect(200);
      expect(lifted.body).toMatchObject({ status: 'indicative', figures: { conditional: '0.00', firm: '0.00' } });
      await h
        .http()
        .post(`/api/commitments/commitments/${id}/firm`)
        .set(h.auth)
        .set('If-Match', '"2"')
        .send({
          act: { reference: 'Convention CALL - Maisons et Cités 2016-31', date: '2016-09-15' },
          trace: traceBody('engagement-juridique', '2016-09-15', {
            kind: 'act',
            reference: 'Convention CALL - Maisons et Cités 2016-31',
            date: '2016-09-15',
          }),
        })
        .expect(200);
      const beforeRevoyure = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 20));
      await h
        .http()
        .post(`/api/commitments/commitments/${id}/amendments`)
        .set(h.auth)
        .set('If-Match', '"3"')
        .send({
          kind: 'clause-de-revoyure',
          newAmount: '1800000.00',
          trace: traceBody('clause-de-revoyure', '2018-01-15', doc(3987), 'revoyure à trois ans'),
        })
        .expect(200);
      await h
        .http()
        .post(`/api/commitments/commitments/${id}/payments`)
        .set(h.auth)
        .send({
          paymentId: 'mandat-1',
          kind: 'avance',
          amount: '540000.00',
          trace: traceBody('paiement', '2018-03-01', { kind: 'act', reference: 'Mandat 2018-0311' }),
        })
        .expect(200);
      await h
        .http()
        .post(`/api/commitments/commitments/${id}/payments`)
        .set(h.auth)
        .send({
          paymentId: 'mandat-2',
          kind: 'acompte',
          amount: '900000.00',
          serviceDoneDate: '2019-05-31',
          trace: traceBody('paiement', '2019-06-15', { kind: 'act', reference: 'Mandat 2019-0617' }),
        })
        .expect(200);
      const released = await h
        .http()
        .post(`/api/commitments/commitments/${id}/release`)
        .set(h.auth)
        .send({
          trace: traceBody('degagement', '2020-12-31', { kind: 'act', reference: 'Décision de clôture 2020-44' }),
        })
        .expect(200);
      expect(released.body.figures).toMatchObject({
        firm: '1440000.00',
        paid: '1440000.00',
        outstanding: '0.00',
        released: '360000.00',
      });
      // Paid in full and the rest released: « soldé », no longer just « ferme ».
      expect(released.body).toMatchObject({ status: 'firm', statusLabel: 'soldé', settled: true });
      expect(released.headers.etag).toBe('"7"');

      const statement = await h
        .http()
        .get('/api/commitments/funders/maisons-et-cites/statement')
        .set(h.auth)
        .expect(200);
      expect(documented('get', '/api/commitments/funders/{code}/statement', 200, statement.body)).toEqual([]);
      const line = statement.body.commitments.find((c: { id: string }) => c.id === id);
      expect(line.figures).toEqual(released.body.figures);
      expect(statement.body.by.quartier.find((g: { key: string }) => g.key === 'QP062024').figures.paid).toBe(
        '1440000.00',
      );

      // AE/CP year by year: its totals are the statement's to the cent (AE = firm, CP = paid, restes à payer).
      const aeCp = await h.http().get('/api/commitments/funders/maisons-et-cites/ae-cp').set(h.auth).expect(200);
      expect(documented('get', '/api/commitments/funders/{code}/ae-cp', 200, aeCp.body)).toEqual([]);
      expect(aeCp.body.totals).toMatchObject({
        engaged: statement.body.totals.firm,
        paid: statement.body.totals.paid,
        remaining: statement.body.totals.outstanding,
      });
      expect(aeCp.body.rows.length).toBeGreaterThan(0);
      // The contract's AE/CP (every funder) add up to the ledger's balances, funder by funder summed.
      const contractAeCp = (await h.http().get('/api/commitments/ae-cp').set(h.auth).expect(200)).body;
      expect(documented('get', '/api/commitments/ae-cp', 200, contractAeCp)).toEqual([]);
      const ledgerBalances = (await h.http().get('/api/commitments/balances').set(h.auth).expect(200)).body;
      const summed = (figure: 'firm' | 'paid') =>
        (ledgerBalances.funders as Array<{ figures: Record<string, string> }>).reduce(
          (sum, f) => sum + fromDecimalString(f.figures[figure]),
          0n,
        );
      expect([contractAeCp.totals.engaged, contractAeCp.totals.paid].map(fromDecimalString)).toEqual([
        summed('firm'),
        summed('paid'),
      ]);
      const aeCpCsv = await h
        .http()
        .get('/api/commitments/funders/maisons-et-cites/ae-cp?format=csv')
        .set(h.auth)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const totalsRow = readCsv(aeCpCsv.body as Buffer).find((row) => row[0] === 'Total');
      expect(totalsRow?.slice(1, 3).map(centsFromFrench)).toEqual(
        [statement.body.totals.firm, statement.body.totals.paid].map(fromDecimalString),
      );

      const history = await h.http().get(`/api/commitments/commitments/${id}/history`).set(h.auth).expect(200);
      expect(documented('get', '/api/commitments/commitments/{id}/history', 200, history.body)).toEqual([]);
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
        'commitments.commitment-recorded',
        'commitments.commitment-made-conditional',
        'commitments.condition-resolved',
        'commitments.commitment-firmed',
        'commitments.commitment-amended',
        'commitments.payment-recorded',
        'commitments.payment-recorded',
        'commitments.commitment-released',
      ]);
      for (const event of history.body.events) {
        expect(event.actor).toEqual({ subject: 'admin', organisation: 'cvl', roles: ['admin'] });
        expect(event.reasonCode).toBeTruthy();
        expect(event.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(event.source.kind).toMatch(/act|document/);
      }
      expect(history.body.events[4]).toMatchObject({
        reason: 'clause de revoyure',
        amounts: { before: '1500000.00', after: '1800000.00' },
        source: { line: 3987 },
        memo: 'revoyure à trois ans',
      });
      const paidInHistory = history.body.events
        .filter((e: { type: string }) => e.type === 'commitments.payment-recorded')
        .reduce(
          (sum: bigint, e: { amounts: { amount: string } }) => sum + BigInt(e.amounts.amount.replace('.', '')),
          0n,
        );
      expect(paidInHistory).toBe(144_000_000n);

      const at = async (query: string) =>
        (
          await h.http().get(`/api/commitments/funders/maisons-et-cites/statement?${query}`).set(h.auth).expect(200)
        ).body.commitments.find((c: { id: string }) => c.id === id)?.figures;
      expect(await at('asOf=2015-12-31')).toMatchObject({ conditional: '1500000.00', firm: '0.00' });
      expect(await at('asOf=2016-12-31')).toMatchObject({
        conditional: '0.00',
        firm: '1500000.00',
        paid: '0.00',
        outstanding: '1500000.00',
      });
      expect(await at('asOf=2018-06-30')).toMatchObject({
        firm: '1800000.00',
        paid: '540000.00',
        outstanding: '1260000.00',
      });
      expect(await at('asOf=2020-12-31')).toEqual(released.body.figures);
      expect(await at(`knownAt=${encodeURIComponent(beforeRevoyure)}`)).toMatchObject({
        firm: '1500000.00',
        paid: '0.00',
      });

      const balances = await h.http().get('/api/commitments/balances?asOf=2018-06-30').set(h.auth).expect(200);
      expect(documented('get', '/api/commitments/balances', 200, balances.body)).toEqual([]);
      expect(balances.body.ledger).toMatchObject({ balanced: true, viewsAgreeWithLedger: true });
      expect(
        balances.body.funders.find((f: { funder: string }) => f.funder === 'maisons-et-cites').figures,
      ).toMatchObject({ paid: '540000.00' });
    });

    it('answers statements, balances and history from its SQL projection, without reading the event log', async () => {
      const id = 'mc-projection-only';
      await h
        .http()
        .post('/api/commitments/commitments')
        .set(h.auth)
        .send({
          commitmentId: id,
          funder: 'maisons-et-cites',
          status: 'indicative',
          amount: '250000.00',
          attribution: { label: 'Résidentialisation', year: 2017, scale: 'CALL' },
          trace: traceBody('intention', '2017-02-01'),
        })
        .expect(201);
      // Reads of the log made while serving a request (the relay follows the log on its own, outside any request).
      const store = h.infra.store;
      const inRequests: string[] = [];
      const reads = (['readStream', 'readAll'] as const).map((method) => {
        const original = store[method].bind(store) as (...args: never[]) => Promise<unknown>;
        return jest.spyOn(store, method).mockImplementation(((...args: never[]) => {
          if (currentContext()) inRequests.push(method);
          return original(...args);
        }) as never);
      });
      try {
        const queries = [
          '/api/commitments/funders/maisons-et-cites/statement',
          '/api/commitments/funders/maisons-et-cites/statement?asOf=2017-12-31',
          `/api/commitments/funders/maisons-et-cites/statement?knownAt=${encodeURIComponent(new Date().toISOString())}`,
          '/api/commitments/balances?asOf=2017-12-31',
          `/api/commitments/commitments/${id}/history`,
        ];
        const answers = [];
        for (const query of queries) answers.push((await h.http().get(query).set(h.auth).expect(200)).body);
        expect(inRequests).toEqual([]);
        expect(answers[0].commitments.find((c: { id: string }) => c.id === id).figures).toMatchObject({
          indicative: '250000.00',
        });
        expect(answers[1].commitments.find((c: { id: string }) => c.id === id).figures).toMatchObject({
          indicative: '250000.00',
        });
        expect(answers[4].events.map((e: { type: string }) => e.type)).toEqual(['commitments.commitment-recorded']);
        // Another process moves the stream: the next query folds (and projects) what is new, then answers from SQL.
        await new CommitmentsLedger(store).write(undefined, amend(id, 260_000_00n, 'avenant'));
        inRequests.length = 0;
        const after = (
          await h.http().get('/api/commitments/funders/maisons-et-cites/statement').set(h.auth).expect(200)
        ).body;
        expect(after.commitments.find((c: { id: string }) => c.id === id).figures).toMatchObject({
          indicative: '260000.00',
        });
        const before = (
          await h
            .http()
            .get('/api/commitments/funders/maisons-et-cites/statement?asOf=2018-01-14')
            .set(h.auth)
            .expect(200)
        ).body;
        expect(before.commitments.find((c: { id: string }) => c.id === id).figures).toMatchObject({
          indicative: '250000.00',
        });
        // One fold of what was new, for the first query after the write; none for the second.
        expect(inRequests).toEqual(['readStream']);
      } finally {
        for (const spy of reads) spy.mockRestore();
      }
    });

    it('refuses a day that does not exist as a point in time, with 400 naming it (found by the fuzz tier)', async () => {
      for (const query of [
        '/api/commitments/balances?knownAt=2016-02-30',
        '/api/commitments/funders/maisons-et-cites/statement?knownAt=2016-02-30T10:00:00Z',
        '/api/commitments/balances?asOf=2016-02-30',
        '/api/commitments/balances?knownAt=0000-01-01',
      ]) {
        const answer = await h.http().get(query).set(h.auth).expect(400);
        expect(JSON.stringify(answer.body)).toMatch(/knownAt|asOf/);
      }
      await h.http().get('/api/commitments/balances?knownAt=2016-02-29').set(h.auth).expect(200);
    });

    it('imports a data set sent as a file — whole, once, as the caller — and refuses a changed row, a zip bomb and other types, writing nothing', async () => {
      // A ledger of its own: the data set's pools and funders would change what the other tests of the suite count.
      const h = await start();
      try {
        const small = readFileSync(join(__dirname, '..', 'import-data-set', 'fixtures', 'small.json'));
        // JSON as text (superagent would serialise a Buffer sent as « +json »), a workbook as bytes.
        const upload = (body: Buffer, type = DATA_SET_JSON_TYPE) =>
          h
            .http()
            .post('/api/commitments/imports?nom=small.json')
            .set(h.auth)
            .set('Content-Type', type)
            .send(type === XLSX_TYPE ? body : body.toString('utf8'));
        const before = await h.ledgerEvents();
        const first = await upload(small).expect(201);
        expect(first.body).toMatchObject({ format: 'json', commands: 14, alreadyPresent: expect.any(Number) });
        expect(first.body.eventsAppended).toBeGreaterThan(0);
        const after = await h.ledgerEvents();
        expect(after - before).toBe(first.body.eventsAppended);
        const last = (await h.infra.store.readStream(LEDGER_STREAM)).at(-1);
        expect(last?.metadata.actor).toEqual({ subject: 'admin', organisation: 'cvl', roles: ['admin'] });
        expect((await upload(small).expect(201)).body.eventsAppended).toBe(0);

        const changed = JSON.parse(small.toString('utf8'));
        changed.figures[0].amount = '112600000.00';
        const refused = await upload(Buffer.from(JSON.stringify(changed))).expect(400);
        expect(refused.body.errors).toEqual([
          {
            field: 'small.json › figures, ligne 1, colonne amount',
            message: expect.stringContaining('déjà importé avec « 112500000.00 », le fichier dit « 112600000.00 »'),
          },
        ]);

        // 64 MiB of zeros in one part: about 64 kB on the wire.
        const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(65 * 1024 * 1024) }]);
        expect(bomb.length).toBeLessThan(200 * 1024);
        const exploded = await upload(bomb, XLSX_TYPE).expect(413);
        expect(exploded.body.detail).toContain('contenu décompressé de plus de 64 Mo');
        await upload(Buffer.from('a;b'), 'text/csv').expect(415);
        expect(await h.ledgerEvents()).toBe(after);
      } finally {
        await h.close();
      }
    });

    it('answers bad input with 400 problem+json naming the fields, and writes no event', async () => {
      const before = await h.ledgerEvents();
      const bad = await h
        .http()
        .post('/api/commitments/commitments')
        .set(h.auth)
        .send({
          commitmentId: 'x y',
          funder: 'maisons-et-cites',
          status: 'maybe',
          amount: '1,5 M€',
          attribution: { label: '', year: 2016, scale: 'CALL' },
          trace: {
            reasonCode: 'intention',
            effectiveDate: '01/07/2015',
            source: { kind: 'document', document: 'cdv' },
          },
          actor: 'mallory',
        })
        .expect(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      const fields = bad.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'commitmentId',
          'status',
          'amount',
          'attribution.label',
          'trace.effectiveDate',
          'trace.source.line',
          'actor',
        ]),
      );
      // A missing nested object is named, not a 500; a day that is not in the calendar is refused.
      const noTrace = await h.http().post('/api/commitments/commitments/any/firm').set(h.auth).send({}).expect(400);
      expect(noTrace.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['act', 'trace']),
      );
      const beyond = await h
        .http()
        .post('/api/commitments/commitments')
        .set(h.auth)
        .send({
          commitmentId: 'trop',
          funder: 'maisons-et-cites',
          status: 'indicative',
          amount: '9999999999999.99',
          attribution: { label: 'Erreur de saisie', year: 2016, scale: 'CALL' },
          trace: {
            reasonCode: 'intention',
            effectiveDate: '2016-01-20',
            source: { kind: 'document', document: 'cdv', line: 1 },
          },
        })
        .expect(400);
      expect(beyond.body.errors).toEqual([
        {
          field: 'amount',
          message: 'montant au-delà du maximum d’une écriture (10 000 000 000,00 €) : vérifiez la saisie',
        },
      ]);
      const impossible = await h
        .http()
        .post('/api/commitments/reference/quartiers')
        .set(h.auth)
        .send({
          code: 'QP062099',
          name: 'Q',
          trace: {
            reasonCode: 'referentiel',
            effectiveDate: '2016-02-30',
            source: { kind: 'document', document: 'cdv', line: 1 },
          },
        })
        .expect(400);
      expect(impossible.body.errors.map((e: { field: string }) => e.field)).toEqual(['trace.effectiveDate']);
      // Blank is empty; reference attributes are bounded; a body of megabytes is refused before it is read whole.
      const blank = await h
        .http()
        .post('/api/commitments/commitments/any/firm')
        .set(h.auth)
        .send({
          act: { reference: '   ', date: '2016-05-02' },
          trace: {
            reasonCode: 'engagement-juridique',
            effectiveDate: '2016-05-02',
            source: { kind: 'act', reference: ' ' },
          },
        })
        .expect(400);
      expect(blank.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['act.reference', 'trace.source.reference']),
      );
      const reference = (attributes: Record<string, unknown>) => ({
        code: 'caf-x',
        name: 'CAF',
        attributes,
        trace: {
          reasonCode: 'referentiel',
          effectiveDate: '2016-01-01',
          source: { kind: 'document', document: 'cdv', line: 1 },
        },
      });
      const many = await h
        .http()
        .post('/api/commitments/reference/funders')
        .set(h.auth)
        .send(reference(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'v']))))
        .expect(400);
      expect(many.body.errors[0].field).toBe('attributes');
      const huge = await h
        .http()
        .post('/api/commitments/reference/funders')
        .set(h.auth)
        .send(reference({ note: 'x'.repeat(9 * 1024 * 1024) }))
        .expect(413);
      expect(huge.headers['content-type']).toContain('application/problem+json');
      // Collection names are looked up among the collections only: an object's own properties are no collection.
      // (« __proto__ » does not even pass the identifier pattern every path id must match: 400.)
      for (const [collection, status] of [
        ['constructor', 404],
        ['toString', 404],
        ['__proto__', 400],
      ] as const) {
        await h
          .http()
          .post(`/api/commitments/reference/${collection}`)
          .set(h.auth)
          .send({
            code: 'x',
            name: 'x',
            trace: {
              reasonCode: 'referentiel',
              effectiveDate: '2016-01-01',
              source: { kind: 'document', document: 'cdv', line: 1 },
            },
          })
          .expect(status);
      }
      expect(await h.ledgerEvents()).toBe(before);
    });

    it('refuses a booking beyond its envelope with 422 saying by how much, and writes nothing', async () => {
      await h
        .http()
        .post('/api/commitments/envelopes')
        .set(h.auth)
        .send({
          envelopeId: 'iti-axe-3',
          funder: 'region',
          label: 'ITI — axe 3',
          amount: '36000000.00',
          trace: traceBody('ouverture-enveloppe', '2015-12-31', doc(4779)),
        })
        .expect(201);
      const body = (commitmentId: string, amount: string) => ({
        commitmentId,
        funder: 'region',
        envelopeId: 'iti-axe-3',
        status: 'firm',
        act: { reference: 'Décision CP 2016-3', date: '2016-10-12' },
        amount,
        attribution: { label: 'Rénovation énergétique', year: 2016, scale: 'CALL' },
        trace: traceBody('engagement-juridique', '2016-10-12', { kind: 'act', reference: 'Décision CP 2016-3' }),
      });
      await h.http().post('/api/commitments/commitments').set(h.auth).send(body('feder-1', '30000000.00')).expect(201);
      const before = await h.ledgerEvents();
      const refused = await h
        .http()
        .post('/api/commitments/commitments')
        .set(h.auth)
        .send(body('feder-2', '7500000.00'))
        .expect(422);
      expect(refused.body).toMatchObject({
        type: '/problems/envelope-exceeded',
        title: 'Enveloppe dépassée',
        excess: '1500000.00',
        errors: [{ field: 'amount' }],
      });
      expect(refused.body.detail).toContain('1 500 000,00 €');
      expect(await h.ledgerEvents()).toBe(before);
      const envelope = await h.http().get('/api/commitments/envelopes/iti-axe-3').set(h.auth).expect(200);
      expect(envelope.body).toMatchObject({ amount: '36000000.00', committed: '30000000.00', available: '6000000.00' });
      // What was answered is what contracts/http promises a generated client.
      const commitment = await h.http().get('/api/commitments/commitments/feder-1').set(h.auth).expect(200);
      const list = await h.http().get('/api/commitments/commitments?funder=region').set(h.auth).expect(200);
      expect([
        ...documented('get', '/api/commitments/commitments/{id}', 200, commitment.body),
        ...documented('get', '/api/commitments/commitments', 200, list.body),
        ...documented('get', '/api/commitments/envelopes/{id}', 200, envelope.body),
        ...documented('post', '/api/commitments/commitments', 422, refused.body),
      ]).toEqual([]);
      expect(documented('get', '/api/commitments/envelopes/{id}', 200, { ...envelope.body, available: 6 })).toEqual([
        'get /api/commitments/envelopes/{id} 200 : /available must be string',
      ]);
    });

    it('answers a retried command with the same Idempotency-Key with the same answer and one event', async () => {
      const before = await h.ledgerEvents();
      const body = {
        commitmentId: 'pdch-sollicite-1',
        funder: 'region',
        status: 'indicative',
        amount: '250000.00',
        attribution: { label: 'Subvention sollicitée', year: 2017, scale: 'CALL' },
        trace: traceBody('sollicitation', '2016-01-15', doc(5600)),
      };
      const first = await h
        .http()
        .post('/api/commitments/commitments')
        .set(h.auth)
        .set('Idempotency-Key', 'import-row-42')
        .send(body)
        .expect(201);
      const retry = await h
        .http()
        .post('/api/commitments/commitments')
        .set(h.auth)
        .set('Idempotency-Key', 'import-row-42')
        .send(body)
        .expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await h.ledgerEvents()).toBe(before + 1);
      const pay = {
        paymentId: 'p-1',
        kind: 'avance',
        amount: '1.00',
        trace: traceBody('paiement', '2017-01-01', { kind: 'act', reference: 'Mandat 1' }),
      };
      await h
        .http()
        .post('/api/commitments/commitments/pdch-sollicite-1/payments')
        .set(h.auth)
        .set('Idempotency-Key', 'pay-1')
        .send(pay)
        .expect(409);
      expect(await h.ledgerEvents()).toBe(before + 1);
    });

    it('refuses a stale If-Match with 409 and writes nothing', async () => {
      await h
        .http()
        .post('/api/commitments/commitments')
        .set(h.auth)
        .send({
          commitmentId: 'etag-1',
          funder: 'region',
          status: 'indicative',
          amount: '100.00',
          attribution: { label: 'x', year: 2017, scale: 'CALL' },
          trace: traceBody('previsionnel', '2017-01-01'),
        })
        .expect(201);
      await h
        .http()
        .post('/api/commitments/commitments/etag-1/amendments')
        .set(h.auth)
        .set('If-Match', '"0"')
        .send({ kind: 'correction', newAmount: '120.00', trace: traceBody('correction', '2017-01-02') })
        .expect(200);
      const before = await h.ledgerEvents();
      const stale = await h
        .http()
        .post('/api/commitments/commitments/etag-1/amendments')
        .set(h.auth)
        .set('If-Match', '"0"')
        .send({ kind: 'correction', newAmount: '130.00', trace: traceBody('correction', '2017-01-03') })
        .expect(409);
      expect(stale.body).toMatchObject({
        type: '/problems/revision-conflict',
        currentRevision: 1,
        errors: [{ field: 'If-Match' }],
      });
      expect(await h.ledgerEvents()).toBe(before);
      const current = await h.http().get('/api/commitments/commitments/etag-1').set(h.auth).expect(200);
      expect(current.headers.etag).toBe('"1"');
      expect(current.body.amount).toBe('120.00');
    });

    it('keeps the stated figure and its formula beside the exact euros', async () => {
      const created = await h
        .http()
        .post('/api/commitments/commitments')
        .set(h.auth)
        .send({
          commitmentId: 'mc-demolitions',
          funder: 'maisons-et-cites',
          status: 'indicative',
          amount: '45000000.00',
          attribution: { label: 'Démolitions-reconstructions', year: 2017, scale: 'Bassin Minier' },
          stated: { text: '45 M€', formula: { kind: 'product', unitAmount: '150000.00', quantity: 300 } },
          trace: traceBody('previsionnel', '2015-07-01', doc(5300)),
        })
        .expect(201);
      expect(created.body.stated).toEqual({
        text: '45 M€',
        amount: '45000000.00',
        formula: { kind: 'product', unitAmount: '150000.00', quantity: 300 },
      });
      const bad = await h
        .http()
        .post('/api/commitments/commitments')
        .set(h.auth)
        .send({
          commitmentId: 'mc-x',
          funder: 'maisons-et-cites',
          status: 'indicative',
          amount: '1.00',
          attribution: { label: 'x', year: 2017, scale: 'CALL' },
          stated: { text: '1 €', formula: { kind: 'product', quantity: 0 } },
          trace: traceBody('previsionnel', '2015-07-01'),
        })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['stated.formula.unitAmount', 'stated.formula.quantity']),
      );
    });

    it('records the document’s money lines, serves them by line with provenance, and reconciles them from its events', async () => {
      const figure = (body: Record<string, unknown>, line: number) =>
        h
          .http()
          .post('/api/commitments/figures')
          .set(h.auth)
          .send({
            scale: 'CALL',
            period: { fromYear: 2015, toYear: 2020 },
            trace: traceBody('referentiel', '2015-07-01', doc(line)),
            ...body,
          });
      // Pas-de-Calais Habitat's four cost prices, and the « 6,8M€ » the document writes for them (l. 5596).
      const prices = [
        ['pdch-loos', 5589, '630k€', '630000.00'],
        ['pdch-eleu', 5590, '840k€', '840000.00'],
        ['pdch-marichelles', 5591, '4,6 M€', '4600000.00'],
        ['pdch-boussoutrot', 5592, '756k€', '756000.00'],
      ] as const;
      for (const [figureId, line, text, amount] of prices)
        await figure({ figureId, role: 'context', text, amount }, line).expect(201);
      const parts = prices.map(([id]) => id);
      const subtotal = await figure(
        { figureId: 'pdch-prix-de-revient', role: 'subtotal', text: '6,8M€', amount: '6800000.00', parts },
        5596,
      ).expect(201);
      expect(subtotal.body).toMatchObject({
        role: 'subtotal',
        counted: false,
        status: 'rollup',
        statusLabel: 'récapitulatif',
      });
      await figure(
        {
          figureId: 'mc-produit',
          role: 'product',
          text: '110 M€',
          amount: '110000000.00',
          formula: { unitAmount: '150000.00', quantity: 750 },
        },
        5303,
      ).expect(201);
      // « à définir »: recorded pour mémoire, never with an amount.
      const memo = {
        figureId: 'region-2016',
        role: 'pour-memoire',
        text: 'à définir',
        funder: 'region',
        period: { fromYear: 2016, toYear: 2020 },
      };
      const refused = await figure({ ...memo, amount: '1.00' }, 4868).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'amount' })]);
      await figure(memo, 4868).expect(201);

      const atLine = await h.http().get('/api/commitments/figures?line=5596').set(h.auth).expect(200);
      expect(atLine.body.items).toHaveLength(1);
      expect(atLine.body.items[0]).toMatchObject({
        figureId: 'pdch-prix-de-revient',
        text: '6,8M€',
        period: { fromYear: 2015, toYear: 2020 },
        provenance: { document: 'contrat-de-ville-lens-lievin-2015-2020', line: 5596 },
      });
      expect(documented('get', '/api/commitments/figures', 200, atLine.body)).toEqual([]);
      const statement = await h.http().get('/api/commitments/funders/region/statement').set(h.auth).expect(200);
      expect(statement.body.pourMemoire).toEqual([
        { figureId: 'region-2016', text: 'à définir', period: { fromYear: 2016, toYear: 2020 }, line: 4868 },
      ]);
      expect(documented('get', '/api/commitments/funders/{code}/statement', 200, statement.body)).toEqual([]);
      const memos = await h.http().get('/api/commitments/figures?role=pour-memoire').set(h.auth).expect(200);
      expect(memos.body.items.map((f: { funder: { name: string } }) => f.funder.name)).toEqual([
        'Région Nord-Pas-de-Calais',
      ]);
      const wrong = await h.http().get('/api/commitments/figures?line=cinq&role=peut-être').set(h.auth).expect(400);
      expect(new Set(wrong.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['line', 'role']));

      const report = await h.http().get('/api/commitments/reconciliation').set(h.auth).expect(200);
      expect(report.body).toMatchObject({
        document: 'contrat-de-ville-lens-lievin-2015-2020',
        counts: { 'arrondi à la précision affichée': 1, écart: 1 },
      });
      expect(report.body.lines.map((l: { line: number; verdict: string }) => `${l.line} ${l.verdict}`)).toEqual([
        '5303 écart',
        '5596 arrondi à la précision affichée',
      ]);
      expect(documented('get', '/api/commitments/reconciliation', 200, report.body)).toEqual([]);
      await h.http().get('/api/commitments/reconciliation?verdict=peut-être').set(h.auth).expect(400);
    });

    it('records the governance of the contract and serves its timeline, per funder and for the contract', async () => {
      const body = {
        stepId: 'region-revoyure',
        kind: 'revoyure',
        label: 'Clause de revoyure de la Région après les élections de fin 2015',
        window: { from: '2016-01-01', to: '2016-12-31' },
        status: 'prevu',
        effect: 'définit les objectifs et les moyens de la Région sur 2016-2020',
        funders: ['region'],
        trace: traceBody('clause-de-revoyure', '2015-07-01', doc(4868)),
      };
      const recorded = await h.http().post('/api/commitments/governance').set(h.auth).send(body).expect(201);
      expect(recorded.body.entries.map((e: { ref: string }) => e.ref)).toContain('region-revoyure');
      const backwards = await h
        .http()
        .post('/api/commitments/governance')
        .set(h.auth)
        .send({ ...body, stepId: 'a-rebours', window: { from: '2016-12-31', to: '2016-01-01' } })
        .expect(422);
      expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'window' })]);
      const region = await h.http().get('/api/commitments/timeline?funder=region').set(h.auth).expect(200);
      expect(region.body.funder).toEqual({ code: 'region', name: 'Région Nord-Pas-de-Calais' });
      expect(region.body.entries.find((e: { ref: string }) => e.ref === 'region-revoyure')).toMatchObject({
        kindLabel: 'clause de revoyure',
        statusLabel: 'prévu',
        line: 4868,
        origin: 'gouvernance',
      });
      expect(documented('get', '/api/commitments/timeline', 200, region.body)).toEqual([]);
      await h.http().get('/api/commitments/timeline?funder=inconnu').set(h.auth).expect(404);

      // What falls due: on 01/07/2016, the Région's revoyure is due on 31/12/2016, in 183 days.
      const deadlines = await h
        .http()
        .get('/api/commitments/deadlines?funder=region&asOf=2016-07-01&months=6')
        .set(h.auth)
        .expect(200);
      expect(deadlines.body).toMatchObject({ asOf: '2016-07-01', until: '2017-01-01' });
      expect(deadlines.body.deadlines.find((d: { ref: string }) => d.ref === 'region-revoyure')).toMatchObject({
        due: '2016-12-31',
        state: 'a-venir',
        days: 183,
        line: 4868,
      });
      expect(documented('get', '/api/commitments/deadlines', 200, deadlines.body)).toEqual([]);
      const calendar = await h
        .http()
        .get('/api/commitments/deadlines/calendar?funder=region&asOf=2016-07-01&months=6')
        .set(h.auth)
        .expect(200);
      expect(calendar.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(calendar.text.replace(/\r\n /g, '')).toContain('UID:region-revoyure@contrat-de-ville-lens-lievin');
      const digest = await h
        .http()
        .get('/api/commitments/deadlines/digest?funder=region&asOf=2016-07-01&months=6')
        .set(h.auth)
        .expect(200);
      expect(digest.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(digest.headers['content-disposition']).toBe('attachment; filename="echeances-2016-07-01.txt"');
      expect(digest.text.split('\n')).toContain('PLUS TARD, JUSQU’AU 01/01/2017 (1)');
      const refused = await h
        .http()
        .get('/api/commitments/deadlines?months=500&asOf=2016-02-30')
        .set(h.auth)
        .expect(400);
      expect(JSON.stringify(refused.body)).toMatch(/months/);
      expect(JSON.stringify(refused.body)).toMatch(/asOf/);

      // The leverage map, as documented; its CSV adds up to its JSON; a wrong axis names the field.
      const leverage = await h.http().get('/api/commitments/leverage?by=stake').set(h.auth).expect(200);
      expect(documented('get', '/api/commitments/leverage', 200, leverage.body)).toEqual([]);
      expect(leverage.body.axis).toBe('stake');
      const leverageCsv = await h.http().get('/api/commitments/leverage?by=stake&format=csv').set(h.auth).expect(200);
      expect(leverageCsv.text).toContain('Effet levier');
      // A project owner's pre-financing, as documented; an unknown owner is a 404 in words.
      const forecast = await h
        .http()
        .get('/api/commitments/project-owners/maisons-et-cites/pre-financing')
        .set(h.auth)
        .expect(200);
      expect(documented('get', '/api/commitments/project-owners/{code}/pre-financing', 200, forecast.body)).toEqual([]);
      await h.http().get('/api/commitments/project-owners/inconnu/pre-financing').set(h.auth).expect(404);
      const badAxis = await h.http().get('/api/commitments/leverage?by=commune').set(h.auth).expect(400);
      expect(JSON.stringify(badAxis.body)).toMatch(/by : quartier ou stake/);
    });

    it('keeps pools visible until split, and splits them without counting a euro twice', async () => {
      await h
        .http()
        .post('/api/commitments/commitments')
        .set(h.auth)
        .send({
          commitmentId: 'mc-subventions',
          funder: 'partenaires-publics',
          status: 'indicative',
          isPool: true,
          amount: '94000000.00',
          attribution: { label: 'Subventions sollicitées par M&C', year: 2016, scale: 'Bassin Minier' },
          stated: { text: '94M€' },
          trace: traceBody('sollicitation', '2015-07-01', doc(5465)),
        })
        .expect(201);
      const split = await h
        .http()
        .post('/api/commitments/commitments/mc-subventions/splits')
        .set(h.auth)
        .send({
          parts: [{ commitmentId: 'mc-subventions-region', funder: 'region', amount: '10000000.00', epci: 'CALL' }],
          trace: traceBody('ventilation', '2016-09-01', doc(5104)),
        })
        .expect(200);
      expect(split.body).toMatchObject({ unallocated: '84000000.00', splitOut: '10000000.00' });
      const pool = await h.http().get('/api/commitments/funders/partenaires-publics/statement').set(h.auth).expect(200);
      expect(pool.body.unallocatedPools).toEqual([
        expect.objectContaining({ commitmentId: 'mc-subventions', unallocated: '84000000.00', scale: 'Bassin Minier' }),
      ]);
      const list = await h.http().get('/api/commitments/commitments?limit=2').set(h.auth).expect(200);
      expect(list.body.items).toHaveLength(2);
      expect(list.body.nextCursor).toBeTruthy();
    });
  });
}
