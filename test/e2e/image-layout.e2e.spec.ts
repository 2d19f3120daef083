/*
 * The images as deploy/Dockerfile lays them out, run without a Docker engine (none runs here): the deployable is
 * built as the image's build stage builds it, the runtime stage's COPY lines are carried out into a folder of its own
 * (node_modules linked rather than copied), and the image's own CMD and HEALTHCHECK are run there with its ENV. What
 * the image would lack at run time — a file it does not copy, a package pruned as a dev dependency — fails here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair } from 'jose';
import { createTestSchema, spawnProcess, testKafkaBrokers, type TsProcess } from '@cvl/testing';
import { layOut, parseDockerfile, substitute, type DockerStage } from '../deploy/dockerfile';

const ROOT = join(__dirname, '..', '..');
const runtime = parseDockerfile(readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8')).find(
  (stage) => stage.name === 'service',
) as DockerStage;

/** The image of one deployable, as files: the runtime stage's COPY lines carried out under a folder of its own. */
function assemble(service: string, into: string): string {
  for (const copy of runtime.copies) expect(copy.from).toBe('build');
  layOut(runtime, ROOT, into, { SERVICE: service });
  return join(into, runtime.workdir);
}

/** Every package a built file requires by name: each must be a runtime dependency (the image prunes the others). */
function requiredPackages(folder: string): Set<string> {
  const found = new Set<string>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const child = join(path, entry);
      if (statSync(child).isDirectory()) walk(child);
      else if (entry.endsWith('.js'))
        for (const match of readFileSync(child, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) {
          const name = match[1].startsWith('@') ? match[1].split('/').slice(0, 2).join('/') : match[1].split('/')[0];
          if (!name.startsWith('@cvl/') && !builtinModules.includes(name.replace(/^node:/, ''))) found.add(name);
        }
    }
  };
  walk(folder);
  return found;
}

describe('the images of deploy/Dockerfile, laid out and run (e2e)', () => {
  const folders: string[] = [];
  const processes: TsProcess[] = [];
  const dependencies = Object.keys(
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
      .dependencies,
  );

  beforeAll(() => {
    // As the build stage does: `npm run build` builds each deployable this way, `npm run build:web` the web.
    for (const service of ['suite', 'commitments'])
      execFileSync(process.execPath, [join(ROOT, 'tools', 'build-app.mjs'), `services/${service}`], {
        cwd: ROOT,
        stdio: 'ignore',
      });
    execFileSync(process.execPath, [join(ROOT, 'tools', 'build-web.mjs'), '--if-stale'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
  }, 300_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  /** The image's CMD in its WORKDIR with its ENV — on loopback and a free port rather than 0.0.0.0:3000. */
  const run = (service: string, env: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), `cvl-image-${service}-`));
    folders.push(root);
    const app = assemble(service, root);
    const imageEnv = Object.fromEntries(
      Object.entries(runtime.env).map(([name, value]) => [name, substitute(value, { SERVICE: service })]),
    );
    const [command, ...args] = runtime.cmd as string[];
    const child = spawnProcess(
      command,
      args,
      { ...imageEnv, HOST: '127.0.0.1', PORT: '0', CVL_DATA_DIR: join(root, 'var', 'lib', 'cvl'), ...env },
      { cwd: app, label: `image ${service}` },
    );
    processes.push(child);
    return { child, app };
  };
  const healthcheck = (port: string) => {
    const [command, ...args] = runtime.healthcheck as string[];
    return spawnSync(command === 'node' ? process.execPath : command, args, { env: { ...process.env, PORT: port } })
      .status;
  };

  it('needs at run time no package the image prunes (dev dependencies)', () => {
    for (const service of ['suite', 'commitments']) {
      const missing = [...requiredPackages(join(ROOT, 'dist', 'services', service))].filter(
        (name) => !dependencies.includes(name),
      );
      expect({ service, missing }).toEqual({ service, missing: [] });
    }
  });

  it('the suite image starts from its own files: the contract loaded from its data, the web application served, healthy', async () => {
    const { child } = run('suite', { DATABASE_URL: '', KAFKA_BROKERS: '' });
    const [, url] = await child.waitForLine(/^Mode intégré : (http:\/\/127\.0\.0\.1:\d+)/, 180_000);
    await child.waitForLine(/^Arrêt/, 180_000);
    expect(child.lines.some((line) => /^Contrat chargé : \d+ événements enregistrés\.$/.test(line))).toBe(true);
    const page = await fetch(`${url}/`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html lang="fr"/);
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    expect(healthcheck(new URL(url).port)).toBe(0);
    // …and the same check fails where nothing answers.
    expect(healthcheck('1')).not.toBe(0);
  }, 300_000);

  it('the commitments image starts in distributed mode on PostgreSQL and Kafka and is ready', async () => {
    const schema = await createTestSchema('image');
    try {
      const keys = await generateKeyPair('EdDSA');
      const { child } = run('commitments', {
        DATABASE_URL: schema.url,
        DB_SCHEMA: schema.schema,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_TOPIC_PREFIX: `image-${Date.now().toString(36)}.`,
        CVL_DEPLOYMENT: `image-${Date.now().toString(36)}`,
        AUTH_PUBLIC_KEY: await exportSPKI(keys.publicKey),
        AUTH_ISSUER: 'https://idp.image',
        AUTH_AUDIENCE: 'cvl',
      });
      const [, url] = await child.waitForLine(/^commitments : (http:\/\/127\.0\.0\.1:\d+)\/api\/commitments/, 120_000);
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      expect((await fetch(`${url}/api/commitments/funders/call/statement`)).status).toBe(401);
      expect(healthcheck(new URL(url).port)).toBe(0);
    } finally {
      await Promise.all(processes.map((p) => p.stop()));
      await schema.drop();
    }
  }, 180_000);
});
