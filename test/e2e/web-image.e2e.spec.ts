/*
 * The web application's image as deploy/Dockerfile lays it out (its `web` stage), served by a real nginx (Debian's,
 * installed by tools/test.sh) with the image's own configuration: its files placed under a folder standing for the
 * image's root, every absolute path of the configuration read under that folder, and the services' addresses
 * (`commitments:3000`…) those of an embedded suite on this machine — the only lines changed.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnProcess, spawnTsProcess, type TsProcess } from '@cvl/testing';
import { layOut, parseDockerfile, type DockerStage } from '../deploy/dockerfile';

const ROOT = join(__dirname, '..', '..');
const web = parseDockerfile(readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8')).find(
  (stage) => stage.name === 'web',
) as DockerStage;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('the web application image, served by nginx with its own configuration (e2e)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cvl-web-image-'));
  const image = join(folder, 'racine');
  const processes: TsProcess[] = [];
  let site: string;
  let token: string;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'tools', 'build-web.mjs'), '--if-stale'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    // The image's files: its COPY lines (the build stage's /src is this repository), and what compose mounts.
    layOut(web, ROOT, image);
    mkdirSync(join(image, 'etc', 'cvl'), { recursive: true });
    cpSync(join(ROOT, 'deploy', 'web', 'web-config.compose.json'), join(image, 'etc', 'cvl', 'web-config.json'));

    const suite = spawnTsProcess('services/suite/src/main.ts', {
      PORT: '0',
      CVL_DATA_DIR: join(folder, 'donnees'),
      DATABASE_URL: '',
      KAFKA_BROKERS: '',
    });
    processes.push(suite);
    const [, api] = await suite.waitForLine(/^Mode intégré : (http:\/\/127\.0\.0\.1:\d+)/, 180_000);
    await suite.waitForLine(/^Arrêt/, 180_000);
    token = suite.lines[suite.lines.findIndex((line) => line.startsWith('Jeton')) + 1].trim();

    const port = await freePort();
    const conf = join(image, 'etc', 'nginx', 'conf.d');
    const rewrite = (text: string) =>
      text
        .replace(/\blisten 8080;/, `listen 127.0.0.1:${port};`)
        .replace(/http:\/\/(commitments|renewal-urban|iti-feder|reporting):3000/g, api)
        .replace(/(\s)(\/(?:etc|usr)\/[^\s;]+)/g, (_, space: string, path: string) => `${space}${join(image, path)}`);
    for (const file of readdirSync(conf))
      writeFileSync(join(conf, file), rewrite(readFileSync(join(conf, file), 'utf8')));
    const temp = join(folder, 'nginx');
    mkdirSync(temp, { recursive: true });
    // What the nginx image's own nginx.conf does around conf.d: the MIME types, the server blocks.
    writeFileSync(
      join(temp, 'nginx.conf'),
      [
        'daemon off;',
        `pid ${temp}/nginx.pid;`,
        `error_log ${temp}/error.log warn;`,
        'events {}',
        'http {',
        '  include /etc/nginx/mime.types;',
        '  default_type application/octet-stream;',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${temp}/${kind};`),
        `  include ${conf}/*.conf;`,
        '}',
      ].join('\n'),
    );
    // nginx's workers run as an unprivileged user: the folder must be readable by it, as the image's files are.
    for (const path of [folder, image]) chmodSync(path, 0o755);
    execFileSync('chmod', ['-R', 'a+rX', image]);
    const nginx = spawnProcess('nginx', ['-c', join(temp, 'nginx.conf'), '-p', temp], {}, { label: 'nginx' });
    processes.push(nginx);
    site = `http://127.0.0.1:${port}`;
    for (let attempt = 0; attempt < 100; attempt++) {
      const ready = await fetch(`${site}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nginx ne répond pas : ${nginx.stderr()}`);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves the application on every address of its own, with its sign-in configuration and safe headers', async () => {
    for (const path of ['/', '/releve/maisons-et-cites?arrete=2016-12-31']) {
      const page = await fetch(`${site}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html lang="fr"/);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const config = await fetch(`${site}/web-config.json`);
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect(config.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await config.json()).toMatchObject({ clientId: 'cvl-web' });
    const asset = readdirSync(join(image, 'usr', 'share', 'nginx', 'html', 'assets')).find((file) =>
      file.endsWith('.js'),
    );
    const script = await fetch(`${site}/assets/${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${site}/assets/absent.js`)).status).toBe(404);
  });

  it('passes each service’s API through with the bearer token, and answers any other API address with a 404', async () => {
    const me = await fetch(`${site}/api/commitments/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ organisation: 'cvl', roles: ['admin'] });
    expect((await fetch(`${site}/api/reporting/me`)).status).toBe(401);
    for (const service of ['renewal-urban', 'iti-feder', 'reporting'])
      expect((await fetch(`${site}/api/${service}/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(
        200,
      );
    const unknown = await fetch(`${site}/api/inconnu/x`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });
});
