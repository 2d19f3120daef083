// cvl — the contrat de ville ledger's command line. `npm run cvl -- <command>`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DataDirLockedError,
  concernsFunder,
  decodeSeal,
  exportAuditPack,
  LogSigningKey,
  openSqlEventStore,
  sealInPdf,
  verifyAuditPack,
  verifySealedDocument,
  type VerifyReport,
} from '@cvl/event-store';
import { SEAL_LABEL } from '@cvl/exports';
import { readPdf, readXlsx } from '@cvl/exports/read-back';
import { formatEurosFr, formatIntegerFr, fromDecimalString } from '@cvl/money';
import {
  eventStoreConfig,
  isRole,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  loadOrCreateLocalKey,
  TokenVerifier,
  loadPlatformConfig,
  ORGANISATION_PATTERN,
  parseAsOf,
  ROLES,
  serviceUrlVariable,
  signToken,
  SUBJECT_PATTERN,
  type PlatformConfig,
  type Principal,
} from '@cvl/platform';
import {
  CommitmentsLedger,
  importOverLedger,
  InvalidDataSetError,
  readDataSet,
  reconcile,
  reconciliationTable,
  recordedFigures,
  validateDataSet,
  type ReconciliationLine,
} from '@cvl/service-commitments';

const HELP = `Usage : cvl <commande>

  import <chemin>   importe un jeu de données (dossier de CSV, classeur .xlsx ou fichier .json) : tout est
                    vérifié d’abord, rien n’est importé s’il y a une erreur ; importer deux fois n’ajoute rien
  reconcile [chemin] [--json]
                    recalcule chaque total, produit et part énoncé à partir de ses éléments, et distingue
                    l’arrondi déclaré ou à la précision affichée de l’écart réel (par défaut : les montants
                    enregistrés au grand livre ; avec un chemin : ce fichier, avant import)
  verify            vérifie chaque chaîne d’empreintes et le journal signé (têtes signées de la base et du
                    témoin) ; liste chaque maillon rompu, pas seulement le premier
  audit export [--funder=code] [--asOf=AAAA-MM-JJ] [--sortie=fichier]
                    écrit un paquet d’audit : les événements, leurs empreintes, les têtes signées et la clé
                    publique (tout le journal, ou les événements d’un financeur avec leurs preuves d’inclusion)
  audit verify <fichier> [--cle=empreinte]
                    vérifie un paquet d’audit sans serveur ni base (docs/paquet-d-audit.md), ou un relevé
                    scellé (PDF, XLSX) : son contenu, son sceau, la tête signée qu’il cite, son texte imprimé
  audit cle         l’empreinte et la clé publique du journal signé, à publier aux auditeurs
  report <vue> [--format json|csv|xlsx|pdf] [--sortie fichier]
         [--funder=… --quartier=… --stake=… --year=… --figure=… --protocol=… --version=…]
                    une restitution des services en cours d’exécution : releve (--funder=…
                    [--asOf=AAAA-MM-JJ] [--knownAt=instant] : le relevé des engagements, scellé ; vérifiez le
                    fichier avec cvl audit verify),
                    annexe-ap-cp (--funder=… --year=AAAA), compte-rendu (--commitment=… : CERFA n° 15059),
                    etat-feder (--programme=… --operation=… : état récapitulatif des dépenses),
                    cofinancement, maquette (--protocol=…, --version=n), operations (--source=…
                    --programme=…), enveloppes, integrite, provenance, conditions, enveloppes-communes,
                    classeur (toutes les vues, une feuille chacune ; XLSX par défaut), chronologie
                    (--funder=… : étapes de gouvernance et faits datés), montants (--line=… --role=… :
                    les montants du document et leur provenance) ;
                    CSV, XLSX et PDF sont écrits dans un fichier (par défaut dans le dossier courant),
                    JSON sur la sortie standard
  echeances [--au=AAAA-MM-JJ] [--mois=12] [--financeur=code] [--sortie=fichier]
                    le résumé des échéances en texte brut (en retard, dans les 30 jours, plus tard), à
                    envoyer chaque matin par courriel (une ligne de cron) ; sur la sortie standard par défaut
  replay            reconstruit les modèles de lecture du service reporting depuis les flux d’événements,
                    en montrant l’avancement ; les vues reconstruites égalent les précédentes
  token <sujet> <organisation> <rôle…> [--duree=8h]
                    émet un jeton local (mode intégré) pour appeler l’API : l’organisation est un code du
                    référentiel (maisons-et-cites, call, anru…), au moins un rôle parmi ${ROLES.join(', ')} ;
                    8 heures par défaut, au plus 12 heures
  droits [--sortie fichier]
                    la matrice des droits (rôle × route), tirée des politiques déclarées des quatre services
  help              cette aide

Variables : DATABASE_URL (PostgreSQL ; sinon PGlite dans CVL_DATA_DIR, par défaut ./.data), DB_SCHEMA ;
CVL_JOURNAL_KEY_FILE (clé Ed25519 du journal signé ; par défaut CVL_DATA_DIR/journal/cle-ed25519.pem) et
CVL_WITNESS_DIR (le témoin des têtes signées ; par défaut CVL_DATA_DIR/journal/temoin) ;
pour report et replay : CVL_API_URL (par défaut http://127.0.0.1:3000, npm start) ou l’adresse de chaque service
(REPORTING_URL, RENEWAL_URBAN_URL… en mode distribué), et CVL_TOKEN (par défaut un jeton local).`;

/** The views `cvl report` can fetch, by the name users give them (paths under /api). */
const FILES = ['json', 'csv', 'xlsx', 'pdf'] as const;
const REPORT_VIEWS: Record<
  string,
  { path: string; formats: readonly string[]; needs?: string | readonly string[]; example?: string }
> = {
  // The statement of record: from the ledger (commitments), at a date of effect, sealed when written to a file.
  releve: {
    path: 'commitments/funders/:funder/statement',
    formats: FILES,
    needs: 'funder',
    example: 'maisons-et-cites',
  },
  cofinancement: { path: 'reporting/co-financing', formats: FILES },
  maquette: {
    path: 'renewal-urban/protocols/:protocol/financial-table',
    formats: FILES,
    needs: 'protocol',
    example: 'npnru-call',
  },
  operations: { path: 'reporting/operations', formats: FILES },
  // The funders' own formats (docs/formats-des-financeurs.md).
  'annexe-ap-cp': {
    path: 'commitments/funders/:funder/ap-cp-annex',
    formats: FILES,
    needs: ['funder', 'year'],
    example: 'call --year=2017',
  },
  'compte-rendu': {
    path: 'commitments/commitments/:commitment/financial-report',
    formats: FILES,
    needs: 'commitment',
    example: 'mericourt-budget-participatif-2015',
  },
  'etat-feder': {
    path: 'iti-feder/programmes/:programme/operations/:operation/expense-statement',
    formats: FILES,
    needs: ['programme', 'operation'],
    example: 'iti-call --operation=op1',
  },
  enveloppes: { path: 'reporting/envelopes', formats: FILES },
  integrite: { path: 'reporting/integrity', formats: FILES },
  classeur: { path: 'reporting/workbook', formats: ['xlsx', 'pdf', 'csv'] },
  provenance: { path: 'reporting/provenance', formats: ['json'] },
  conditions: { path: 'reporting/conditions', formats: ['json'] },
  'enveloppes-communes': { path: 'reporting/pools', formats: ['json'] },
  chronologie: { path: 'commitments/timeline', formats: ['json'] },
  montants: { path: 'commitments/figures', formats: ['json'] },
};
const REPORT_FILTERS = [
  'asOf',
  'knownAt',
  'titleBlock',
  'funder',
  'quartier',
  'stake',
  'year',
  'figure',
  'version',
  'source',
  'programme',
  'line',
  'role',
];

function openStore(config: PlatformConfig, command: string) {
  return openSqlEventStore(eventStoreConfig(config, `cvl ${command}`));
}

async function importCommand(args: string[]): Promise<number> {
  const [path] = args;
  if (!path) {
    process.stderr.write('Usage : cvl import <chemin>\n');
    return 64;
  }
  const read = await readDataSet(path);
  const errors = [...read.errors, ...validateDataSet(read.dataSet)];
  if (errors.length > 0) {
    process.stderr.write(`Import refusé : ${errors.length} erreur(s), rien n’a été importé.\n`);
    for (const e of errors) process.stderr.write(`  ${e.file}, ligne ${e.row}, colonne ${e.column} : ${e.reason}\n`);
    return 1;
  }
  const bookings = read.dataSet.figures.filter((f) => f.role === 'booking');
  const total = bookings.reduce((sum, f) => sum + fromDecimalString(f.amount ?? '0.00'), 0n);
  process.stdout.write(
    `Jeu de données ${read.format.toUpperCase()} : ${read.dataSet.figures.length} montants dont ${bookings.length} écritures (${formatEurosFr(total)}).\n`,
  );
  // The suite running: through its API, as the token's principal; the suite holds the store, no one else may open it.
  const sent = await postDataSet(read.dataSet);
  if (sent !== undefined) return sent;
  const config = loadPlatformConfig(process.env, { mode: 'embedded', port: 0 });
  const { store } = await openStore(config, 'import');
  try {
    // The same command as the API's upload, on a bus of its own over the ledger this process opened.
    const summary = await importOverLedger(new CommitmentsLedger(store), {
      dataSet: read.dataSet,
      importer: await cliPrincipal(config),
      onProgress: ({ done, total: count, step }) => {
        if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${count} ${step.slice(0, 60).padEnd(60)}`);
        else if (done === count || done % 50 === 0) process.stderr.write(`  ${done}/${count}\n`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(
      `Importé : ${summary.commands} commandes, ${summary.eventsAppended} événements ajoutés, ${summary.alreadyPresent} déjà présentes.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof InvalidDataSetError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/**
 * Who imports when the suite is not running: the principal of CVL_TOKEN (checked with this data folder's key), or
 * else the machine's operator — whoever may open the data folder holds its keys already.
 */
async function cliPrincipal(config: PlatformConfig): Promise<Principal> {
  const operator: Principal = { subject: 'cvl-import', organisation: 'cvl', roles: ['exploitation'] };
  if (!process.env.CVL_TOKEN) return operator;
  const key = await loadOrCreateLocalKey(join(config.dataDir, 'auth'));
  return TokenVerifier.fromKey(key.publicKey, {
    ...config.auth,
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
  }).verify(process.env.CVL_TOKEN);
}

/** Sends the data set to the running suite; undefined when nothing answers (then the store is opened here). */
async function postDataSet(dataSet: unknown): Promise<number | undefined> {
  const url = `${apiBase('/api/commitments')}/api/commitments/imports?nom=cvl-import`;
  const bearer =
    process.env.CVL_TOKEN ??
    (await localToken({ subject: 'cvl-import', organisation: 'cvl', roles: ['exploitation'] }));
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${bearer}`,
        'Content-Type': 'application/vnd.cvl.jeu-de-donnees+json',
        Accept: 'application/json',
      },
      body: JSON.stringify(dataSet),
    });
  } catch {
    return undefined;
  }
  if (!response.ok) return refused(response);
  const summary = (await response.json()) as { commands: number; eventsAppended: number; alreadyPresent: number };
  process.stdout.write(
    `Importé par la suite en cours d’exécution (${apiBase('/api/commitments')}) : ${summary.commands} commandes, ${summary.eventsAppended} événements ajoutés, ${summary.alreadyPresent} déjà présentes.\n`,
  );
  return 0;
}

/**
 * `cvl reconcile <path>`: a data set's file, before it is imported. `cvl reconcile`: the lines the ledger recorded
 * (its events) — through the running suite, else from the store of this data folder.
 */
async function reconcileCommand(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const path = args.find((a) => !a.startsWith('--'));
  let lines: ReconciliationLine[];
  let origin: string;
  if (path) {
    const read = await readDataSet(path);
    if (read.errors.length > 0) {
      for (const e of read.errors)
        process.stderr.write(`  ${e.file}, ligne ${e.row}, colonne ${e.column} : ${e.reason}\n`);
      return 1;
    }
    lines = reconcile(read.dataSet.figures);
    origin = `fichier ${path}, avant import`;
  } else {
    const recorded = await recordedReconciliation();
    if (!recorded) return 1;
    ({ lines, origin } = recorded);
  }
  process.stdout.write(
    json ? `${JSON.stringify(lines, null, 2)}\n` : `Rapprochement (${origin})\n${reconciliationTable(lines)}\n`,
  );
  return 0;
}

/** The ledger's own reconciliation: the running suite's, else the store's, opened here while the suite is stopped. */
async function recordedReconciliation(): Promise<{ lines: ReconciliationLine[]; origin: string } | undefined> {
  const response = await callApi('GET', '/api/commitments/reconciliation').catch(() => undefined);
  if (response?.ok) {
    const report = (await response.json()) as { lines: ReconciliationLine[] };
    return { lines: report.lines, origin: 'montants enregistrés au grand livre, suite en cours d’exécution' };
  }
  if (response) return void (await refused(response));
  const opened = await openExistingStore('reconcile');
  if (!opened) return undefined;
  try {
    const { state } = await new CommitmentsLedger(opened.store).current();
    if (state.documentFigures.size === 0) {
      process.stderr.write(
        'Aucun montant du document au grand livre : lancez npm start (ou cvl import), ou donnez un chemin.\n',
      );
      return undefined;
    }
    return { lines: reconcile(recordedFigures(state)), origin: 'montants enregistrés au grand livre' };
  } finally {
    await opened.store.close();
  }
}

/** The store to verify or export from: it must exist (an empty folder is not « intègre »), with its key. */
async function openExistingStore(command: string): Promise<Awaited<ReturnType<typeof openStore>> | undefined> {
  const config = loadPlatformConfig(process.env, { mode: 'embedded', port: 0 });
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'event-store'))) {
    process.stderr.write(
      `Aucun magasin d’événements dans ${config.dataDir} : rien à vérifier. Indiquez CVL_DATA_DIR (le dossier de données de npm start) ou DATABASE_URL.\n`,
    );
    return undefined;
  }
  if (!existsSync(config.journal.keyFile)) {
    process.stderr.write(
      `Clé du journal signé introuvable : ${config.journal.keyFile} (CVL_JOURNAL_KEY_FILE). Sans elle, les têtes signées ne peuvent pas être vérifiées.\n`,
    );
    return undefined;
  }
  const opening = eventStoreConfig(config, `cvl ${command}`);
  return openSqlEventStore({ ...opening, signing: { ...opening.signing, createKey: false } });
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
const frInstant = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'medium' });

/** A verification's result in words: the signed log's state, then every broken link. Exit code 0 when intact, 2 if not. */
function printVerification(report: VerifyReport, summary: string): number {
  const head = report.signedLog?.latestHead;
  if (report.signedLog) {
    const witness = report.signedLog.witness;
    process.stdout.write(
      head
        ? `Journal signé « ${report.signedLog.log} » : tête n° ${head.sequence} du ${frInstant(head.signedAt)}, ${formatIntegerFr(head.treeSize)} événements, clé ${head.keyId} ; témoin ${witness.location} : ${witness.heads} tête(s).\n`
        : report.signedLog.notYetSigned
          ? `Journal « ${report.signedLog.log} » pas encore signé (magasin antérieur à la signature) : chaînes vérifiées seules ; la suite signe sa première tête au prochain démarrage.\n`
          : `Journal signé « ${report.signedLog.log} » : aucune tête signée valide.\n`,
    );
  }
  if (report.ok) {
    process.stdout.write(`Intègre : aucune altération détectée (${summary}).\n`);
    return 0;
  }
  process.stdout.write(`ALTÉRATION DÉTECTÉE : ${report.problemCount} problème(s) (${summary})\n`);
  report.broken.forEach((link, index) => {
    const where = link.streamId
      ? `flux ${link.streamId}, version ${link.revision}${link.eventId ? ` (événement ${link.eventId})` : ''}`
      : 'journal signé';
    process.stdout.write(`  ${index + 1}. ${where}\n     ${link.detail}\n`);
  });
  if (report.problemCount > report.broken.length)
    process.stdout.write(`  … et ${report.problemCount - report.broken.length} autre(s), non listés.\n`);
  return 2;
}

async function verify(): Promise<number> {
  const opened = await openExistingStore('verify');
  if (!opened) return 66;
  const started = Date.now();
  let report: VerifyReport;
  try {
    report = await opened.store.verify({
      onProgress: ({ streamsChecked, eventsChecked }) => {
        if (process.stderr.isTTY)
          process.stderr.write(`\r  ${streamsChecked} flux, ${eventsChecked} événements vérifiés…`);
      },
    });
  } finally {
    await opened.store.close();
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  return printVerification(
    report,
    `${report.streamsChecked} flux, ${report.eventsChecked} événements, en ${seconds(started)} s`,
  );
}

/** `--name=value` or `--name value`. */
function optionOf(args: string[], name: string): string | undefined {
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

/** Whether the key a pack or a document was checked with is the one the auditor trusts (`--cle`), in words. */
function printKeyTrust(
  report: { keyId: string; trustedKey: 'confirmée' | 'non confirmée' | 'différente' },
  trusted: string | undefined,
  where: string,
): void {
  process.stdout.write(
    report.trustedKey === 'confirmée'
      ? `Clé ${report.keyId} : celle attendue.\n`
      : report.trustedKey === 'différente'
        ? `Clé ${report.keyId} : PAS celle attendue (${trusted}).\n`
        : `Clé ${report.keyId || '—'} lue dans ${where} : comparez-la à l’empreinte publiée par la CALL (cvl audit cle), ou passez --cle=<empreinte>.\n`,
  );
}

/**
 * `cvl audit verify releve.pdf`: the seal a statement carries, checked with no server — its content, the key's seal
 * over it, the signed head it cites, and (for a PDF) that the printed text carries its reference, its fingerprint and
 * its totals. A workbook's cells are numbers: its seal is checked, its text is not compared.
 */
async function verifyIssuedDocument(file: string, bytes: Buffer, trusted: string | undefined): Promise<number> {
  const pdf = bytes.subarray(0, 5).toString('latin1') === '%PDF-';
  let payload: string | undefined;
  let printedText: string | undefined;
  try {
    if (pdf) {
      payload = sealInPdf(bytes);
      printedText = (await readPdf(bytes)).text;
    } else {
      const about = [...(await readXlsx(bytes)).values()].flat();
      const row = about.find((cells) => cells[0] === SEAL_LABEL);
      payload = typeof row?.[1] === 'string' ? row[1] : undefined;
    }
  } catch (error) {
    process.stderr.write(`Fichier illisible (${file}) : ${(error as Error).message}\n`);
    return 65;
  }
  if (!payload) {
    process.stdout.write(`Aucun sceau dans ${file} : ce n’est pas un document scellé par le registre du contrat.\n`);
    return 2;
  }
  let sealed: unknown;
  try {
    sealed = decodeSeal(payload);
  } catch {
    process.stdout.write(`Sceau illisible dans ${file}.\n`);
    return 2;
  }
  const report = verifySealedDocument(sealed, { ...(trusted ? { trustedKeyId: trusted } : {}), printedText });
  const document = report.document;
  if (document) {
    process.stdout.write(
      `Document : ${document.reference}, émis le ${frInstant(document.issuedAt)} (heure de Paris)${report.fingerprint ? `, empreinte ${report.fingerprint}` : ''}.\n` +
        `Journal signé « ${document.head.log} » : tête n° ${document.head.sequence} du ${frInstant(document.head.signedAt)}, ${formatIntegerFr(document.head.treeSize)} événements.\n`,
    );
  }
  printKeyTrust(report, trusted, 'le document');
  if (report.ok) {
    process.stdout.write(
      `Conforme : le document est celui émis, scellé par la clé du journal${pdf ? ', et son texte imprimé porte sa référence, son empreinte et ses totaux' : ''}.\n`,
    );
    return 0;
  }
  process.stdout.write(`NON CONFORME : ${report.problems.length} problème(s)\n`);
  report.problems.forEach((problem, index) => process.stdout.write(`  ${index + 1}. ${problem}\n`));
  return 2;
}

const AUDIT_USAGE = `Usage : cvl audit export [--funder=code] [--asOf=AAAA-MM-JJ] [--sortie=fichier]
       cvl audit verify <fichier> [--cle=empreinte]
       cvl audit cle\n`;

/** `cvl audit export | verify | cle`: the offline audit pack (docs/paquet-d-audit.md). */
async function audit(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'verify') {
    const file = rest.find((a) => !a.startsWith('--'));
    if (!file || !existsSync(file)) {
      process.stderr.write(file ? `Fichier introuvable : ${file}\n` : AUDIT_USAGE);
      return 64;
    }
    const bytes = readFileSync(file);
    // A PDF or a workbook the registry issued (a funder's statement) carries its seal; anything else is a pack.
    if (bytes.subarray(0, 5).toString('latin1') === '%PDF-' || bytes.subarray(0, 2).toString('latin1') === 'PK')
      return verifyIssuedDocument(file, bytes, optionOf(rest, 'cle'));
    const started = Date.now();
    let pack: unknown;
    try {
      pack = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      process.stderr.write(`Paquet illisible (${file}) : ${(error as Error).message}\n`);
      return 65;
    }
    const trusted = optionOf(rest, 'cle');
    const report = verifyAuditPack(pack, trusted ? { trustedKeyId: trusted } : {});
    if (report.scope) process.stdout.write(`Paquet : ${report.scope.description}.\n`);
    printKeyTrust(report, trusted, 'le paquet');
    return printVerification(
      report,
      `${report.eventsChecked} événements, sans serveur ni base, en ${seconds(started)} s`,
    );
  }
  if (action === 'cle') {
    const config = loadPlatformConfig(process.env, { mode: 'embedded', port: 0 });
    if (!existsSync(config.journal.keyFile)) {
      process.stderr.write(`Clé du journal signé introuvable : ${config.journal.keyFile}\n`);
      return 66;
    }
    const key = LogSigningKey.loadFile(config.journal.keyFile, false);
    process.stdout.write(`Empreinte de la clé du journal : ${key.keyId}\n${key.publicKeyPem()}`);
    return 0;
  }
  if (action !== 'export') {
    process.stderr.write(AUDIT_USAGE);
    return 64;
  }
  const funder = optionOf(rest, 'funder');
  const asOfText = optionOf(rest, 'asOf');
  const asOf = asOfText === undefined ? undefined : parseAsOf(asOfText);
  if (asOfText !== undefined && !asOf) {
    process.stderr.write(`--asOf : une date (2020-12-31) ou un instant ISO 8601, pas « ${asOfText} »\n`);
    return 64;
  }
  if (funder !== undefined && !ORGANISATION_PATTERN.test(funder)) {
    process.stderr.write(`--funder : un code du référentiel (maisons-et-cites, anru…), pas « ${funder} »\n`);
    return 64;
  }
  const opened = await openExistingStore('audit export');
  if (!opened) return 66;
  try {
    const pack = await exportAuditPack(opened.store, {
      ...(asOf ? { asOf } : {}),
      ...(funder ? { funder, select: concernsFunder(funder) } : {}),
      onProgress: (count) => {
        if (process.stderr.isTTY) process.stderr.write(`\r  ${formatIntegerFr(count)} événements lus…`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const target =
      optionOf(rest, 'sortie') ??
      `paquet-audit-${pack.log}${funder ? `-${funder}` : ''}-${(asOf ?? new Date()).toISOString().slice(0, 10)}.json`;
    writeFileSync(target, `${JSON.stringify(pack, null, 1)}\n`);
    process.stdout.write(
      `Écrit : ${target} — ${pack.scope.description}, tête du ${frInstant(pack.head.signedAt)}, clé ${pack.publicKey.keyId}.\nVérification, hors ligne : cvl audit verify ${target} --cle=${pack.publicKey.keyId}\n`,
    );
    return 0;
  } finally {
    await opened.store.close();
  }
}

/**
 * Where a service answers: its own address when given (REPORTING_URL, RENEWAL_URBAN_URL… — distributed mode, one
 * port per service), else CVL_API_URL, else the embedded host on this machine.
 */
const apiBase = (path: string) => {
  const service = /^\/api\/([a-z-]+)/.exec(path)?.[1] ?? '';
  const own = process.env[serviceUrlVariable(service)];
  return (own ?? process.env.CVL_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
};

/** Calls the running services with the user's token (CVL_TOKEN, else a local one); undefined when nothing answers. */
async function callApi(
  method: 'GET' | 'POST',
  path: string,
  accept = 'application/json',
): Promise<Response | undefined> {
  const bearer =
    process.env.CVL_TOKEN ?? (await localToken({ subject: 'cvl', organisation: 'call', roles: ['admin'] }));
  try {
    return await fetch(`${apiBase(path)}${path}`, {
      method,
      headers: { Authorization: `Bearer ${bearer}`, Accept: accept },
    });
  } catch {
    process.stderr.write(
      `Service injoignable à ${apiBase(path)} : lancez npm start, ou indiquez CVL_API_URL (ou REPORTING_URL, RENEWAL_URBAN_URL… en mode distribué).\n`,
    );
    return undefined;
  }
}

/** A refused call, in the user's words: the problem's title, detail and each field at fault. */
async function refused(response: Response): Promise<number> {
  const problem = (await response.json().catch(() => ({}))) as {
    title?: string;
    detail?: string;
    errors?: Array<{ field: string; message: string }>;
  };
  process.stderr.write(
    `Refusé (${response.status}) : ${problem.title ?? ''}${problem.detail ? ` — ${problem.detail}` : ''}\n`,
  );
  for (const error of problem.errors ?? []) process.stderr.write(`  ${error.field} : ${error.message}\n`);
  return 1;
}

interface ReplayProgress {
  generation: string;
  projected: number;
  backlog: number;
  upToDate: boolean;
  phase?: 'stores' | 'transport';
  warning?: string;
}

/**
 * `cvl replay`: asks reporting to rebuild its read models — from each service's own store, then the topics — and
 * shows the progress until done.
 */
async function replay(): Promise<number> {
  const started = Date.now();
  const response = await callApi('POST', '/api/reporting/replay');
  if (!response) return 69;
  if (!response.ok) return refused(response);
  let progress = (await response.json()) as ReplayProgress;
  process.stdout.write(`Reconstruction des modèles de lecture (génération ${progress.generation})\n`);
  let stable = 0;
  let last = -1;
  // Up to date twice in a row with nothing new projected: the backlog is read from committed offsets, which lag a little.
  while (stable < 2) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const polled = await callApi('GET', '/api/reporting/replay');
    if (!polled) return 69;
    if (!polled.ok) return refused(polled);
    progress = (await polled.json()) as ReplayProgress;
    if (progress.phase === 'stores') {
      // The services' own stores first (whatever the transport still has): no total is known yet.
      process.stdout.write(
        `  relecture des magasins d’événements des services : ${formatIntegerFr(progress.projected)} événements projetés\n`,
      );
      continue;
    }
    const total = progress.projected + progress.backlog;
    const percent = total === 0 ? 100 : Math.floor((progress.projected * 100) / total);
    process.stdout.write(
      `  ${formatIntegerFr(progress.projected)} événements projetés, ${formatIntegerFr(progress.backlog)} en attente (${percent} %)\n`,
    );
    stable = progress.upToDate && progress.projected === last ? stable + 1 : 0;
    last = progress.projected;
  }
  process.stdout.write(
    `Reconstruction terminée : ${formatIntegerFr(progress.projected)} événements en ${seconds(started)} s.\n`,
  );
  if (progress.warning) {
    process.stderr.write(`Attention : ${progress.warning}\n`);
    return 1;
  }
  return 0;
}

async function report(args: string[]): Promise<number> {
  const [view, ...options] = args;
  const known = view ? REPORT_VIEWS[view] : undefined;
  if (!known) {
    process.stderr.write(`Vue inconnue : « ${view ?? ''} ». Vues : ${Object.keys(REPORT_VIEWS).join(', ')}.\n`);
    return 64;
  }
  const option = (name: string) => optionOf(options, name);
  const format = option('format') ?? known.formats[0];
  if (!known.formats.includes(format)) {
    process.stderr.write(`Format « ${format} » indisponible pour ${view} (formats : ${known.formats.join(', ')}).\n`);
    return 64;
  }
  // What the view needs named: in its path (« :funder ») or in its query (« year »).
  const needs = known.needs === undefined ? [] : typeof known.needs === 'string' ? [known.needs] : known.needs;
  const missing = needs.filter((name) => !option(name));
  if (missing.length) {
    process.stderr.write(
      `La vue ${view} demande ${needs.map((name) => `--${name}=…`).join(' ')} (par exemple --${needs[0]}=${known.example}).\n`,
    );
    return 64;
  }
  let path = known.path;
  for (const name of needs) path = path.replace(`:${name}`, encodeURIComponent(option(name) ?? ''));
  const query = new URLSearchParams(format === 'json' ? {} : { format });
  for (const name of REPORT_FILTERS.filter((filter) => !needs.includes(filter) || !known.path.includes(`:${filter}`))) {
    const value = option(name);
    if (value !== undefined) query.set(name, value);
  }
  const response = await callApi(
    'GET',
    `/api/${path}${query.size ? `?${query}` : ''}`,
    format === 'json' ? 'application/json' : '*/*',
  );
  if (!response) return 69;
  if (!response.ok) return refused(response);
  const body = Buffer.from(await response.arrayBuffer());
  const target =
    option('sortie') ??
    (format === 'json'
      ? undefined
      : (/filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${view}.${format}`));
  if (!target) {
    process.stdout.write(`${JSON.stringify(JSON.parse(body.toString('utf8')), null, 2)}\n`);
    return 0;
  }
  writeFileSync(target, body);
  process.stdout.write(`Écrit : ${target} (${formatIntegerFr(body.length)} octets)\n`);
  return 0;
}

async function localToken(principal: Principal, expiresIn?: string): Promise<string> {
  const config = loadPlatformConfig(process.env, { mode: 'embedded', port: 0 });
  const key = await loadOrCreateLocalKey(join(config.dataDir, 'auth'));
  return signToken(key.privateKey, principal, expiresIn ? { expiresIn } : {});
}

/** `cvl token SUBJECT ORGANISATION ROLE…`: exactly this form, each part checked as the API will check it. */
async function token(args: string[]): Promise<number> {
  const duration = args.find((a) => a.startsWith('--duree='))?.slice('--duree='.length);
  const [subject, organisation, ...roles] = args.filter((a) => !a.startsWith('--duree='));
  const problems: string[] = [];
  if (!subject || !SUBJECT_PATTERN.test(subject))
    problems.push('sujet absent ou non conforme (lettres, chiffres, « . _ @ + : | - »)');
  if (!organisation || !ORGANISATION_PATTERN.test(organisation))
    problems.push('organisation absente ou non conforme : un code du référentiel (maisons-et-cites, call, anru…)');
  if (roles.length === 0) problems.push(`aucun rôle : indiquez au moins un rôle parmi ${ROLES.join(', ')}`);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) problems.push(`rôle(s) inconnu(s) : ${unknown.join(', ')} (rôles : ${ROLES.join(', ')})`);
  if (duration !== undefined && !/^\d{1,2}(m|h)$/.test(duration))
    problems.push('--duree : en minutes ou en heures (30m, 8h), au plus 12h');
  else if (
    duration !== undefined &&
    (duration.endsWith('h') ? Number(duration.slice(0, -1)) * 60 : Number(duration.slice(0, -1))) > 12 * 60
  )
    problems.push('--duree : au plus 12h pour une personne');
  if (problems.length) {
    process.stderr.write(
      `Usage : cvl token <sujet> <organisation> <rôle…> [--duree=8h]\n${problems.map((p) => `  ${p}\n`).join('')}`,
    );
    return 64;
  }
  process.stdout.write(`${await localToken({ subject, organisation, roles: roles.filter(isRole) }, duration)}\n`);
  return 0;
}

/** `cvl echeances`: the deadlines' plain-text digest, for an operator's morning mail (a cron line). */
async function deadlinesDigestCommand(args: string[]): Promise<number> {
  const query = new URLSearchParams();
  for (const [option, name] of [
    ['au', 'asOf'],
    ['mois', 'months'],
    ['financeur', 'funder'],
  ] as const) {
    const value = optionOf(args, option);
    if (value !== undefined) query.set(name, value);
  }
  const response = await callApi(
    'GET',
    `/api/commitments/deadlines/digest${query.size ? `?${query}` : ''}`,
    'text/plain',
  );
  if (!response) return 69;
  if (!response.ok) return refused(response);
  const text = await response.text();
  const target = optionOf(args, 'sortie');
  if (!target) {
    process.stdout.write(text);
    return 0;
  }
  writeFileSync(target, text);
  process.stdout.write(`Écrit : ${target}\n`);
  return 0;
}

/** `cvl droits`: the role × route matrix, from the declared policies (docs/authorization-matrix.md). */
async function rights(args: string[]): Promise<number> {
  const target =
    args.find((a) => a.startsWith('--sortie='))?.slice('--sortie='.length) ??
    (args[0] === '--sortie' ? args[1] : undefined);
  // Loaded here only: the matrix needs the four services' modules, which no other command of the CLI loads.
  const { authorizationMatrixMarkdown } = await import('./authorization-matrix');
  const markdown = authorizationMatrixMarkdown();
  if (!target) {
    process.stdout.write(markdown);
    return 0;
  }
  writeFileSync(target, markdown);
  process.stdout.write(`Écrit : ${target}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'import':
      return importCommand(args);
    case 'reconcile':
      return reconcileCommand(args);
    case 'verify':
      return verify();
    case 'audit':
      return audit(args);
    case 'report':
      return report(args);
    case 'echeances':
      return deadlinesDigestCommand(args);
    case 'replay':
      return replay();
    case 'token':
      return token(args);
    case 'droits':
      return rights(args);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${HELP}\n`);
      return 0;
    default:
      process.stderr.write(`Commande inconnue : ${command}\n\n${HELP}\n`);
      return 64;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`cvl : ${error.message}\n`);
    // 75 (EX_TEMPFAIL): the data folder is held by a running suite — try again once it is stopped.
    process.exit(error instanceof DataDirLockedError ? 75 : 1);
  },
);
