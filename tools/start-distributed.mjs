// `npm run start:distributed`: the production shape on this machine — the four services as four processes
// (ports 3001-3004) over PostgreSQL and a real Kafka broker, bearer tokens verified against a configured key.
// PostgreSQL: DATABASE_URL, else deploy/local/postgres.sh. Kafka: KAFKA_BROKERS, else deploy/local/kafka.sh.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT } from 'jose';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = [
  ['commitments', 3001],
  ['renewal-urban', 3002],
  ['iti-feder', 3003],
  ['reporting', 3004],
];
const say = (line) => process.stdout.write(`${line}\n`);

const shell = (script, args, env = {}) =>
  execFileSync('bash', [join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .toString()
    .trim()
    .split('\n')
    .pop();
const databaseUrl = process.env.DATABASE_URL ?? shell('deploy/local/postgres.sh', ['ensure']);
let startedKafka = false;
let kafkaBrokers = process.env.KAFKA_BROKERS;
if (!kafkaBrokers) {
  shell('deploy/local/kafka.sh', ['start']);
  startedKafka = true;
  kafkaBrokers = `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;
}

// The signing key of this local deployment (an identity provider's, in production: AUTH_JWKS_URL).
const keyFile = join(root, '.data', 'distributed', 'signing-key.jwk.json');
mkdirSync(dirname(keyFile), { recursive: true });
if (!existsSync(keyFile)) {
  const pair = await generateKeyPair('EdDSA', { extractable: true });
  writeFileSync(keyFile, JSON.stringify(await exportJWK(pair.privateKey)), { mode: 0o600 });
}
const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8'));
const privateKey = await importJWK(privateJwk, 'EdDSA');
const { d: _secret, ...publicJwk } = privateJwk;
const publicKeyPem = await exportSPKI(await importJWK(publicJwk, 'EdDSA'));
// Issuer and audience are checked in every mode: this local deployment names its own.
const ISSUER = process.env.AUTH_ISSUER ?? 'cvl-distributed-local';
const AUDIENCE = process.env.AUTH_AUDIENCE ?? 'cvl';
const token = await new SignJWT({ org: 'cvl', roles: ['admin'] })
  .setProtectedHeader({ alg: 'EdDSA' })
  .setSubject('admin')
  .setIssuer(ISSUER)
  .setAudience(AUDIENCE)
  .setIssuedAt()
  .setExpirationTime('8h')
  .sign(privateKey);

say('Compilation des quatre services…');
for (const [service] of SERVICES)
  execFileSync(process.execPath, [join(root, 'tools', 'build-app.mjs'), `services/${service}`], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

// Reporting's integrity report asks the other services (their hash chains, the ledger's balances) at these addresses.
const serviceUrls = Object.fromEntries(
  SERVICES.map(([service, port]) => [`${service.toUpperCase().replace('-', '_')}_URL`, `http://127.0.0.1:${port}`]),
);
const children = SERVICES.map(([service, port]) => {
  const child = spawn(process.execPath, [join(root, 'dist', 'services', service, 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers,
      AUTH_PUBLIC_KEY: publicKeyPem,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      CVL_DEPLOYMENT: process.env.CVL_DEPLOYMENT ?? 'local',
      ...serviceUrls,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => say(`[${service}] ${line}`));
  return child;
});

say('');
say('Mode distribué : quatre processus, PostgreSQL et Kafka (' + kafkaBrokers + ')');
for (const [service, port] of SERVICES)
  say(
    `  ${service.padEnd(14)} http://127.0.0.1:${port}/api/${service}    documentation : http://127.0.0.1:${port}/api/${service}/docs`,
  );
say('');
say('Jeton d’administration (valable 8 heures) :');
say(`  ${token}`);
say('');
say('Pour cvl report / cvl replay depuis un autre terminal :');
say(
  `  export ${Object.entries(serviceUrls)
    .map(([name, url]) => `${name}=${url}`)
    .join(' ')} CVL_TOKEN=<jeton>`,
);
say('Arrêt : Ctrl+C');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => {
    if (startedKafka) shell('deploy/local/kafka.sh', ['stop']);
    process.exit(0);
  }, 3_000);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});
for (const child of children)
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`Un service s’est arrêté (${code ?? signal}) : arrêt de l’ensemble.`);
      stop();
    }
  });
