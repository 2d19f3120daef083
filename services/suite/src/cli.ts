// cvl — the contrat de ville ledger's command line. `npm run cvl -- <command>`.
import { join } from 'node:path';
import { openSqlEventStore, type VerifyReport } from '@cvl/event-store';
import { loadOrCreateLocalKey, loadPlatformConfig, signToken } from '@cvl/platform';

const HELP = `Usage : cvl <commande>

  verify            vérifie la chaîne d’empreintes de chaque flux et signale le premier maillon rompu
  token [sujet] [organisation] [rôle…]
                    émet un jeton local (mode intégré) pour appeler l’API
  help              cette aide

Variables : DATABASE_URL (PostgreSQL ; sinon PGlite dans CVL_DATA_DIR, par défaut ./.data), DB_SCHEMA.`;

async function verify(): Promise<number> {
  const config = loadPlatformConfig(process.env, { mode: 'embedded', port: 0 });
  const { store } = await openSqlEventStore({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'event-store'), schema: config.databaseSchema });
  const started = Date.now();
  let report: VerifyReport;
  try {
    report = await store.verify({
      onProgress: ({ streamsChecked, eventsChecked }) => {
        if (process.stderr.isTTY) process.stderr.write(`\r  ${streamsChecked} flux, ${eventsChecked} événements vérifiés…`);
      },
    });
  } finally {
    await store.close();
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const summary = `${report.streamsChecked} flux, ${report.eventsChecked} événements, en ${((Date.now() - started) / 1000).toFixed(1).replace('.', ',')} s`;
  if (report.ok) {
    process.stdout.write(`Intègre : aucune altération détectée (${summary}).\n`);
    return 0;
  }
  const broken = report.firstBroken;
  process.stdout.write(`ALTÉRATION DÉTECTÉE (${summary})\n  flux : ${broken?.streamId}\n  version : ${broken?.revision}\n  ${broken?.detail}\n`);
  return 2;
}

async function token(args: string[]): Promise<number> {
  const config = loadPlatformConfig(process.env, { mode: 'embedded', port: 0 });
  const key = await loadOrCreateLocalKey(join(config.dataDir, 'auth'));
  const [subject = 'admin', organisation = 'CALL', ...roles] = args;
  process.stdout.write(`${await signToken(key.privateKey, { subject, organisation, roles: roles.length ? roles : ['admin'] })}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'verify':
      return verify();
    case 'token':
      return token(args);
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
    process.exit(1);
  },
);
