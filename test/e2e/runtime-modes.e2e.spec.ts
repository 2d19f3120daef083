import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair } from 'jose';
import { signToken, type Principal } from '@cvl/platform';
import { findDataSet, readDataSet } from '@cvl/service-commitments';
import { formatEurosFr, fromDecimalString } from '@cvl/money';
import { createTestSchema, spawnTsProcess, testKafkaBrokers, waitUntil, type TsProcess } from '@cvl/testing';
import { sealInPdf } from '@cvl/event-store';
import { toPdf } from '@cvl/exports';
import { centsFromFrench, pdfFonts, printProblems, readCsv, readPdf, renderFirstPage } from '@cvl/exports/read-back';

const SERVICES = ['commitments', 'renewal-urban', 'iti-feder', 'reporting'];
const URL_LINE = /^Mode intégré : (http:\/\/127\.0\.0\.1:\d+)/;

describe('embedded mode: the suite as `npm start` runs it (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cvl-e2e-'));
  const processes: TsProcess[] = [];
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    // This test polls the integrity report until reporting has caught up: not a test of the rate limit (the platform suite is).
    const suite = spawnTsProcess('services/suite/src/main.ts', {
      PORT: '0',
      CVL_DATA_DIR: dataDir,
      DATABASE_URL: '',
      KAFKA_BROKERS: '',
      RATE_LIMIT_COSTLY_PER_MINUTE: '10000',
    });
    processes.push(suite);
    const [, url] = await suite.waitForLine(URL_LINE);
    await suite.waitForLine(/^Arrêt/);
    const token = suite.lines[suite.lines.findIndex((l) => l.startsWith('Jeton')) + 1].trim();
    return { suite, url, token };
  };

  it('loads the contract on first start, serves the four services, their docs and health on one port; a restart imports nothing and keeps the key', async () => {
    const first = await start();
    const { dataSet } = await readDataSet(findDataSet());
    const expectedEvents =
      dataSet.references.length +
      dataSet.conditions.length +
      dataSet.envelopes.length +
      (dataSet.operations?.length ?? 0) +
      dataSet.figures.filter((f) => f.role === 'booking').length +
      // Every money line of the document, booked or not, is recorded with its line; so is each governance step.
      dataSet.figures.length +
      (dataSet.governance?.length ?? 0);
    expect(first.suite.lines).toContain(`Contrat chargé : ${expectedEvents} événements enregistrés.`);
    expect(first.suite.lines).toContain(
      'Programmes chargés : protocole npnru-call (3 quartiers, 5 parties), programme ITI iti-call (4 axes).',
    );
    expect(first.suite.lines.join('\n')).toMatch(
      /Maisons et Cités — investissement : énoncé « 259M€ » \(l\. 5465\), exact 258 750 000,00 €/,
    );
    const statement = await fetch(`${first.url}/api/commitments/funders/maisons-et-cites/statement`, {
      headers: { Authorization: `Bearer ${first.token}` },
    });
    expect(((await statement.json()) as { totals: unknown }).totals).toMatchObject({
      conditional: '258750000.00',
      firm: '0.00',
    });
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      info: { eventStore: { status: 'up' }, messaging: { transport: 'in-process' } },
    });
    // Ready: each service's relay and reporting's projection, each with how far behind it is.
    const ready = (await (await fetch(`${first.url}/health/ready`)).json()) as {
      info: { lag: { parts: Record<string, number> } };
    };
    expect(ready.info.lag.parts).toMatchObject({
      'relay:commitments': expect.any(Number),
      'relay:renewal-urban': expect.any(Number),
      'relay:iti-feder': expect.any(Number),
      'projection:reporting': expect.any(Number),
    });
    for (const service of SERVICES) {
      const anonymous = await fetch(`${first.url}/api/${service}`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
      const info = await fetch(`${first.url}/api/${service}`, { headers: { Authorization: `Bearer ${first.token}` } });
      expect(info.status).toBe(200);
      expect(await info.json()).toMatchObject({ service, topic: `${service}.events.v1`, transport: 'in-process' });
      const docs = await fetch(`${first.url}/api/${service}/docs/openapi.json`);
      expect(docs.status).toBe(200);
    }

    // `cvl report` reads the running reporting service: the CSV it writes adds up to the API's own totals.
    const reporting = async () =>
      (await (
        await fetch(`${first.url}/api/reporting/co-financing?funder=maisons-et-cites`, {
          headers: { Authorization: `Bearer ${first.token}` },
        })
      ).json()) as { total: Record<string, string> };
    await waitUntil(
      async () => (await reporting()).total.conditional === '258750000.00',
      60_000,
      'reporting caught up with the loaded contract',
    );
    const csvFile = join(dataDir, 'cofinancement.csv');
    const cli = (args: string[]) =>
      spawnTsProcess('services/suite/src/cli.ts', { CVL_DATA_DIR: dataDir, CVL_API_URL: first.url }, [
        'report',
        ...args,
      ]);
    const written = cli(['cofinancement', '--format', 'csv', '--sortie', csvFile, '--funder=maisons-et-cites']);
    expect(await written.exited).toBe(0);
    const rows = readCsv(readFileSync(csvFile));
    expect(rows[0][5]).toBe('Conditionnel');
    const api = (await reporting()).total;
    const conditionalCents = rows.slice(1, -1).reduce((sum, row) => sum + centsFromFrench(row[5]), 0n);
    expect(conditionalCents).toBe(fromDecimalString(api.conditional));
    expect(rows.at(-1)?.[0]).toBe('Total');
    expect(centsFromFrench(rows.at(-1)?.[5] ?? '')).toBe(fromDecimalString(api.conditional));
    // `cvl echeances`: the deadlines' morning digest, written to a file an operator mails. On 01/07/2017 for 18
    // months: the ITI avenant and the Région's revoyure late; the periods of the State's ring-fenced credits and of
    // the CAF's COG end on 31/12/2017 (governance.csv).
    const digestFile = join(dataDir, 'echeances.txt');
    const digest = spawnTsProcess('services/suite/src/cli.ts', { CVL_DATA_DIR: dataDir, CVL_API_URL: first.url }, [
      'echeances',
      '--au=2017-07-01',
      '--mois=18',
      '--sortie',
      digestFile,
    ]);
    expect(await digest.exited).toBe(0);
    const digestLines = readFileSync(digestFile, 'utf8').split('\n');
    expect(digestLines[1]).toMatch(/^Au 01\/07\/2017, jusqu’au 01\/01\/2019 — état du /);
    expect(digestLines).toContain('EN RETARD (2)');
    expect(digestLines).toContain(
      "- 31/12/2015 — avenant — Avenant sur la mobilisation de l'ITI — en retard de 548 jours",
    );
    expect(digestLines.filter((line) => line.includes('fin de période'))).toHaveLength(2);
    // The funder's statement of record as a PDF (the ledger's, not a read model's): its legal name, « arrêté au »,
    // each commitment with its document line, amounts with « € », fonts embedded, nothing beyond the page, and a
    // seal that `cvl audit verify` accepts with no server — and refuses once the page is re-typed.
    const ledgerStatement = (await (
      await fetch(`${first.url}/api/commitments/funders/maisons-et-cites/statement`, {
        headers: { Authorization: `Bearer ${first.token}` },
      })
    ).json()) as {
      funder: { name: string };
      totals: Record<string, string>;
      commitments: Array<{ label: string; documentLines: number[]; figures: Record<string, string> }>;
    };
    const pdfFile = join(dataDir, 'releve.pdf');
    const pdf = cli(['releve', '--funder=maisons-et-cites', '--format', 'pdf', '--sortie', pdfFile]);
    expect(await pdf.exited).toBe(0);
    const pdfBody = readFileSync(pdfFile);
    const { text } = await readPdf(pdfBody);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Relevé des engagements de Maisons et Cités Soginorpa — arrêté au \d{2}\/\d{2}\/\d{4}/);
    expect(flat).toContain('Émis par : Communauté d’Agglomération de Lens-Liévin');
    expect(ledgerStatement.commitments.length).toBeGreaterThan(0);
    for (const commitment of ledgerStatement.commitments) {
      expect(commitment.documentLines.length).toBeGreaterThan(0);
      for (const line of commitment.documentLines) expect(flat).toContain(`l. ${line}`);
      expect(flat).toContain(`${formatEurosFr(fromDecimalString(commitment.figures.conditional))}`);
    }
    expect(flat).toContain(`${formatEurosFr(fromDecimalString(ledgerStatement.totals.conditional))}`);
    // Fonts embedded, nothing beyond the page, nothing cut.
    expect(pdfFonts(pdfBody).length).toBeGreaterThan(0);
    expect(await printProblems(pdfBody)).toEqual([]);
    renderFirstPage(pdfBody, join(__dirname, '../documents/artifacts/releve-maisons-et-cites.png'));
    const verifyDocument = (file: string) =>
      spawnTsProcess('services/suite/src/cli.ts', { CVL_DATA_DIR: dataDir }, ['audit', 'verify', file]);
    const statementVerified = verifyDocument(pdfFile);
    expect(await statementVerified.exited).toBe(0);
    expect(statementVerified.lines.join('\n')).toContain('Conforme : le document est celui émis');
    // The same statement as a workbook carries the same seal.
    const xlsxFile = join(dataDir, 'releve.xlsx');
    expect(await cli(['releve', '--funder=maisons-et-cites', '--format', 'xlsx', '--sortie', xlsxFile]).exited).toBe(0);
    expect(await verifyDocument(xlsxFile).exited).toBe(0);
    // A PDF re-typed under the first one's seal (same reference and fingerprint, another total): refused, the figure
    // the page no longer carries named.
    const forgedFile = join(dataDir, 'releve-retouche.pdf');
    const reference = /Référence : (REL-\S+)/.exec(flat)?.[1] ?? '';
    const fingerprint = /Empreinte : ((?:[0-9A-F]{4} ){7}[0-9A-F]{4})/.exec(flat)?.[1] ?? '';
    writeFileSync(
      forgedFile,
      await toPdf({
        title: `Relevé des engagements de ${ledgerStatement.funder.name}`,
        generatedAt: new Date().toISOString(),
        fileName: 'retouche',
        tables: [
          {
            name: 'Totaux',
            title: 'Totaux',
            columns: [
              { header: 'Statut', kind: 'text' },
              { header: 'Montant', kind: 'euros' },
            ],
            rows: [['conditionnel', fromDecimalString(ledgerStatement.totals.conditional) + 100n]],
          },
        ],
        seal: { reference, fingerprint, printed: [], payload: sealInPdf(pdfBody) ?? '' },
      }),
    );
    const forged = verifyDocument(forgedFile);
    expect(await forged.exited).toBe(2);
    expect(forged.lines.join('\n')).toContain(
      `le texte imprimé ne porte pas « ${formatEurosFr(fromDecimalString(ledgerStatement.totals.conditional), { symbol: false })} »`,
    );
    const unsealed = join(dataDir, 'cofinancement.pdf');
    expect(await cli(['cofinancement', '--format', 'pdf', '--sortie', unsealed]).exited).toBe(0);
    const notSealed = verifyDocument(unsealed);
    expect(await notSealed.exited).toBe(2);
    expect(notSealed.lines.join('\n')).toContain('Aucun sceau');
    const releve = cli(['releve', '--funder=maisons-et-cites']);
    expect(await releve.exited).toBe(0);
    // 'exit' may come before the last stdout lines are read: wait for the whole JSON document.
    const parsed = () => {
      try {
        return JSON.parse(releve.lines.join('\n')) as unknown;
      } catch {
        return undefined;
      }
    };
    await waitUntil(() => parsed() !== undefined, 5_000, 'the statement printed whole');
    expect(parsed()).toMatchObject({
      funder: { code: 'maisons-et-cites', name: 'Maisons et Cités Soginorpa' },
      totals: { conditional: '258750000.00' },
    });

    // The integrity report on the loaded contract, and the read models rebuilt by `cvl replay` equal to the live ones.
    // Reporting is eventually consistent: every funder projected before the read models and the ledger are compared.
    const integrityApi = async () =>
      (await (
        await fetch(`${first.url}/api/reporting/integrity`, { headers: { Authorization: `Bearer ${first.token}` } })
      ).json()) as { ok: boolean };
    await waitUntil(async () => (await integrityApi()).ok, 60_000, 'reporting caught up with every funder');
    const integrite = cli(['integrite']);
    expect(await integrite.exited).toBe(0);
    const integrity = () => {
      try {
        return JSON.parse(integrite.lines.join('\n')) as { ok: boolean; checks: unknown[] };
      } catch {
        return undefined;
      }
    };
    await waitUntil(() => integrity() !== undefined, 5_000, 'the integrity report printed whole');
    expect(integrity()).toMatchObject({ ok: true, disagreements: [] });
    // Every line of the loaded contract is booked for an operation of the registry: Maisons et Cités' thermal
    // programme and the public partners' matching request are one operation, with both funders on its card.
    const thermal = (await (
      await fetch(`${first.url}/api/reporting/operations/registre/registre/mc-thermique`, {
        headers: { Authorization: `Bearer ${first.token}` },
      })
    ).json()) as { cost: string; funders: Array<{ funder: string; committed: string }> };
    expect(thermal.cost).toBe('129500000.00');
    expect(thermal.funders.map((f) => [f.funder, f.committed])).toEqual([
      ['maisons-et-cites', '65000000.00'],
      ['partenaires-publics', '64500000.00'],
    ]);
    // The programmes the contract describes are there on first start: the NPNRU protocol with the three quartiers
    // the reference data marks (with their interest), its parties and purchasing group; the ITI envelope by axis.
    const asAdmin = { headers: { Authorization: `Bearer ${first.token}` } };
    const maquette = (await (
      await fetch(`${first.url}/api/renewal-urban/protocols/npnru-call/financial-table`, asAdmin)
    ).json()) as { quartiers: Array<{ code: string; interest: string }>; parties: Array<{ code: string }> };
    expect(maquette.quartiers.map((q) => `${q.code} ${q.interest}`).sort()).toEqual([
      'QP062019 regional',
      'QP062024 national',
      'QP062028 regional',
    ]);
    expect(maquette.parties.map((p) => p.code)).toContain('anru');
    const protocol = (await (await fetch(`${first.url}/api/renewal-urban/protocols/npnru-call`, asAdmin)).json()) as {
      purchasingGroup: Array<{ code: string; weight?: number }>;
    };
    expect(protocol.purchasingGroup.map((m) => [m.code, m.weight])).toEqual([
      ['call', undefined],
      ['ville-avion', undefined],
      ['ville-lens', undefined],
      ['ville-lievin', undefined],
    ]);
    // The governance timeline and the document's lines are there too, each with its line.
    const timeline = (await (await fetch(`${first.url}/api/commitments/timeline?funder=region`, asAdmin)).json()) as {
      entries: Array<{ ref: string; line?: number }>;
    };
    expect(timeline.entries.find((e) => e.ref === 'region-revoyure-2016')?.line).toBe(4868);
    const atLine = (await (await fetch(`${first.url}/api/commitments/figures?line=5465`, asAdmin)).json()) as {
      items: Array<{ figureId: string; counted: boolean }>;
    };
    expect(atLine.items.map((f) => [f.figureId, f.counted]).sort()).toEqual([
      ['mc-total-arrondi', false],
      ['pp-total-arrondi', false],
    ]);
    // The Région's participation 2016-2020, announced without an amount, is in its statement — and in no total.
    const regionStatement = async () =>
      (await (await fetch(`${first.url}/api/reporting/funders/region/statement`, asAdmin)).json()) as {
        totals: { indicative: string };
        pourMemoire: Array<{ figureId: string; line: number }>;
      };
    await waitUntil(
      async () => (await regionStatement()).pourMemoire?.length === 1,
      15_000,
      'the Région’s line pour mémoire',
    );
    expect(await regionStatement()).toMatchObject({
      totals: { indicative: '0.00' },
      pourMemoire: [{ figureId: 'region-participation-2016-2020', line: 4868 }],
    });
    const iti = (await (await fetch(`${first.url}/api/iti-feder/programmes/iti-call`, asAdmin)).json()) as {
      axes: Array<{ axis: number; amount: string }>;
    };
    expect(iti.axes.map((a) => [a.axis, a.amount])).toEqual([
      [1, '12000000.00'],
      [2, '6000000.00'],
      [3, '36000000.00'],
      [4, '27000000.00'],
    ]);
    const views = [
      'co-financing',
      'funders/maisons-et-cites/statement',
      'conditions',
      'pools',
      'operations',
      'envelopes',
    ];
    const snapshotOf = async (url: string) =>
      Promise.all(
        views.map(async (view) =>
          (await fetch(`${url}/api/reporting/${view}`, { headers: { Authorization: `Bearer ${first.token}` } })).json(),
        ),
      );
    const snapshot = () => snapshotOf(first.url);
    const live = await snapshot();
    const rebuilt = spawnTsProcess('services/suite/src/cli.ts', { CVL_DATA_DIR: dataDir, CVL_API_URL: first.url }, [
      'replay',
    ]);
    expect(await rebuilt.exited).toBe(0);
    await waitUntil(
      () => rebuilt.lines.some((line) => line.startsWith('Reconstruction terminée')),
      5_000,
      'the replay reported done',
    );
    expect(rebuilt.lines.some((line) => / événements projetés, .* en attente \(\d+ %\)$/.test(line))).toBe(true);
    expect(await snapshot()).toEqual(live);

    // One process per data folder: a second suite, an import or a verification that would open the same PGlite
    // files refuses, naming the suite that holds them — no acknowledged write can vanish under another instance.
    const holder = new RegExp(`déjà ouvert par cvl-suite \\(processus ${first.suite.child.pid} `);
    const secondSuite = spawnTsProcess('services/suite/src/main.ts', {
      PORT: '0',
      CVL_DATA_DIR: dataDir,
      DATABASE_URL: '',
      KAFKA_BROKERS: '',
    });
    expect(await secondSuite.exited).not.toBe(0);
    expect(secondSuite.stderr() + secondSuite.lines.join('\n')).toMatch(holder);
    // CVL_API_URL at a closed port: the CLI finds no suite to send to, tries the folder, and is refused.
    for (const command of [['import', findDataSet()], ['verify']]) {
      const refused = spawnTsProcess(
        'services/suite/src/cli.ts',
        { CVL_DATA_DIR: dataDir, DATABASE_URL: '', CVL_API_URL: 'http://127.0.0.1:9' },
        command,
      );
      expect(await refused.exited).toBe(75);
      expect(refused.stderr()).toMatch(holder);
    }
    // Given the running suite, `cvl import` goes through its API: the same contract again adds nothing.
    const throughApi = spawnTsProcess(
      'services/suite/src/cli.ts',
      { CVL_DATA_DIR: dataDir, DATABASE_URL: '', CVL_API_URL: first.url },
      ['import', findDataSet()],
    );
    expect(await throughApi.exited).toBe(0);
    await waitUntil(
      () => throughApi.lines.some((line) => line.startsWith('Importé par la suite en cours d’exécution')),
      5_000,
      'the import through the API reported',
    );
    expect(throughApi.lines.join('\n')).toMatch(/Importé par la suite en cours d’exécution .* 0 événements ajoutés/);

    const unknown = cli(['bilan']);
    expect(await unknown.exited).toBe(64);
    expect(unknown.stderr()).toContain('Vue inconnue : « bilan »');

    await first.suite.stop();
    // Nest runs its shutdown hooks (relays stopped, PGlite closed) and then re-raises SIGTERM: not a SIGKILL.
    expect(await first.suite.exited).toBe('SIGTERM');

    const second = await start();
    expect(second.suite.lines).toContain('Contrat déjà chargé : rien à importer.');
    const again = await fetch(`${second.url}/api/commitments`, { headers: { Authorization: `Bearer ${first.token}` } });
    expect(again.status).toBe(200);
    // A rebuild after the restart reads what was published before it (the in-process transport is kept in the
    // store): the same read models as before the restart, not empty ones.
    const afterRestart = spawnTsProcess(
      'services/suite/src/cli.ts',
      { CVL_DATA_DIR: dataDir, CVL_API_URL: second.url },
      ['replay'],
    );
    expect(await afterRestart.exited).toBe(0);
    await waitUntil(
      () => afterRestart.lines.some((line) => line.startsWith('Reconstruction terminée')),
      5_000,
      'the replay after restart reported done',
    );
    expect(await snapshotOf(second.url)).toEqual(live);
    await second.suite.stop();
    // Stopped, the folder is free: the store verifies offline, its signed log and witness included.
    const verified = spawnTsProcess('services/suite/src/cli.ts', { CVL_DATA_DIR: dataDir, DATABASE_URL: '' }, [
      'verify',
    ]);
    expect(await verified.exited).toBe(0);
    expect(verified.lines.join('\n')).toMatch(
      /Journal signé « cvl » : tête n° \d+ .* témoin .* : \d+ tête\(s\)\.\nIntègre/,
    );
    // Two suites and eight CLI processes, each compiling its TypeScript: under a full parallel run beside the browser
    // tier this took more than five minutes once (alone: about two).
  }, 480_000);
});

describe('distributed mode: a service as its own process on PostgreSQL and Kafka (e2e)', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let service: TsProcess | undefined;
  beforeAll(async () => {
    schema = await createTestSchema('distributed');
  });
  afterAll(async () => {
    await service?.stop();
    await schema.drop();
  });

  it('starts with configured keys, answers health with Kafka, and refuses a token it did not issue', async () => {
    const identityProvider = await generateKeyPair('EdDSA', { extractable: true });
    const stranger = await generateKeyPair('EdDSA');
    service = spawnTsProcess('services/commitments/src/main.ts', {
      PORT: '0',
      DATABASE_URL: schema.url,
      DB_SCHEMA: schema.schema,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      AUTH_PUBLIC_KEY: await exportSPKI(identityProvider.publicKey),
      AUTH_ISSUER: 'https://idp.example',
      AUTH_AUDIENCE: 'cvl',
    });
    const [, url] = await service.waitForLine(/^commitments : (http:\/\/127\.0\.0\.1:\d+)\/api\/commitments/);
    const health = await (await fetch(`${url}/health`)).json();
    expect(health).toMatchObject({
      status: 'ok',
      info: { eventStore: { status: 'up' }, messaging: { status: 'up', transport: 'kafka' } },
    });
    const principal: Principal = { subject: 'agent-anru', organisation: 'anru', roles: ['instructeur-anru'] };
    const good = await signToken(identityProvider.privateKey, principal, { issuer: 'https://idp.example' });
    // Its organisation is not in the (empty) reference data yet: refused until an operator records it.
    expect((await fetch(`${url}/api/commitments`, { headers: { Authorization: `Bearer ${good}` } })).status).toBe(403);
    const operator = await signToken(
      identityProvider.privateKey,
      { subject: 'operateur', organisation: 'cvl', roles: ['admin'] },
      { issuer: 'https://idp.example' },
    );
    const recorded = await fetch(`${url}/api/commitments/reference/funders`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${operator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        code: 'anru',
        name: 'ANRU',
        trace: {
          reasonCode: 'referentiel',
          effectiveDate: '2015-07-01',
          source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line: 3521 },
        },
      }),
    });
    expect(recorded.status).toBe(201);
    expect((await fetch(`${url}/api/commitments`, { headers: { Authorization: `Bearer ${good}` } })).status).toBe(200);
    const otherAudience = await signToken(identityProvider.privateKey, principal, {
      issuer: 'https://idp.example',
      audience: 'another-app',
    });
    expect(
      (await fetch(`${url}/api/commitments`, { headers: { Authorization: `Bearer ${otherAudience}` } })).status,
    ).toBe(401);
    const wrongIssuer = await signToken(identityProvider.privateKey, principal, { issuer: 'someone-else' });
    expect(
      (await fetch(`${url}/api/commitments`, { headers: { Authorization: `Bearer ${wrongIssuer}` } })).status,
    ).toBe(401);
    const forged = await signToken(stranger.privateKey, principal, { issuer: 'https://idp.example' });
    expect((await fetch(`${url}/api/commitments`, { headers: { Authorization: `Bearer ${forged}` } })).status).toBe(
      401,
    );
  });

  it('refuses to start without authentication configured, naming the variable', async () => {
    const misconfigured = spawnTsProcess('services/commitments/src/main.ts', {
      PORT: '0',
      DATABASE_URL: schema.url,
      DB_SCHEMA: schema.schema,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      AUTH_PUBLIC_KEY: '',
      AUTH_JWKS_URL: '',
    });
    expect(await misconfigured.exited).toBe(1);
    expect(misconfigured.stderr()).toContain('AUTH_JWKS_URL');
    const { publicKey } = await generateKeyPair('EdDSA');
    const anyAudience = spawnTsProcess('services/commitments/src/main.ts', {
      PORT: '0',
      DATABASE_URL: schema.url,
      DB_SCHEMA: schema.schema,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      AUTH_PUBLIC_KEY: await exportSPKI(publicKey),
      AUTH_ISSUER: 'https://idp.example',
      AUTH_AUDIENCE: '',
    });
    expect(await anyAudience.exited).toBe(1);
    expect(anyAudience.stderr()).toContain('AUTH_AUDIENCE');
  });
});
