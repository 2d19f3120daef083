/*
 * The demo realm in a real Keycloak (its distribution from Maven Central, deploy/local/keycloak.sh), and a service
 * configured as deploy/compose.yaml configures it: a person signs in as the web application does (authorization code
 * with PKCE, the login form filled in), and the service reads in the token the organisation and the roles the realm
 * gives the account — Keycloak's own default roles ignored, a wrong password refused.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { createTestSchema, spawnTsProcess, testKafkaBrokers, type TsProcess } from '@cvl/testing';

const ROOT = join(__dirname, '..', '..');
const PORT = Number(process.env.CVL_TEST_KEYCLOAK_PORT ?? 18180);
const KEYCLOAK = `http://127.0.0.1:${PORT}`;
const REDIRECT = 'http://localhost:8080/retour';

const base64url = (bytes: Buffer) => bytes.toString('base64url');
const decodeHtml = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&#x3D;/g, '=')
    .replace(/&#61;/g, '=');

/** Cookies as a browser keeps them between the login page and its form. */
function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

/** The web application's sign-in, as HTTP: the code flow with PKCE, the account's name and password typed in. */
async function signIn(username: string, password: string): Promise<string | undefined> {
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const jar = new Map<string, string>();
  const authorize = new URL(`${KEYCLOAK}/realms/cvl/protocol/openid-connect/auth`);
  for (const [name, value] of Object.entries({
    client_id: 'cvl-web',
    response_type: 'code',
    scope: 'openid profile',
    redirect_uri: REDIRECT,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: base64url(randomBytes(8)),
  }))
    authorize.searchParams.set(name, value);
  const page = await fetch(authorize, { redirect: 'manual' });
  cookiesOf(page, jar);
  const html = await page.text();
  const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`pas de formulaire de connexion (HTTP ${page.status})`);
  const login = await fetch(decodeHtml(action), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ username, password, credentialId: '' }),
  });
  const location = login.headers.get('location');
  const code = location?.startsWith(REDIRECT) ? new URL(location).searchParams.get('code') : null;
  if (!code) return undefined;
  const token = await fetch(`${KEYCLOAK}/realms/cvl/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: 'cvl-web',
      code_verifier: verifier,
    }),
  });
  expect(token.status).toBe(200);
  return ((await token.json()) as { access_token: string }).access_token;
}

describe('the demo realm in Keycloak, read by a service configured as compose configures it (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cvl-keycloak-'));
  const keycloakEnv = { ...process.env, KEYCLOAK_PORT: String(PORT), KEYCLOAK_DATA_DIR: dataDir };
  let service: TsProcess | undefined;
  let schema: Awaited<ReturnType<typeof createTestSchema>> | undefined;
  let url: string;

  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'deploy', 'local', 'keycloak.sh'), 'start'], {
      cwd: ROOT,
      env: keycloakEnv,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // The services' reading of tokens, exactly as deploy/compose.yaml writes it; only the addresses are this machine's.
    const compose = load(
      execFileSync('docker-compose', ['-f', 'deploy/compose.yaml', 'config'], { cwd: ROOT, encoding: 'utf8' }),
    ) as {
      services: Record<string, { environment: Record<string, string> }>;
    };
    const { AUTH_AUDIENCE, AUTH_ROLES_CLAIM, AUTH_ROLE_MAPPING, AUTH_ORGANISATION_CLAIM } =
      compose.services.commitments.environment;
    schema = await createTestSchema('keycloak');
    const run = Date.now().toString(36);
    service = spawnTsProcess('services/commitments/src/main.ts', {
      PORT: '0',
      DATABASE_URL: schema.url,
      DB_SCHEMA: schema.schema,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: `kc-${run}.`,
      CVL_DEPLOYMENT: `kc-${run}`,
      AUTH_ISSUER: `${KEYCLOAK}/realms/cvl`,
      AUTH_JWKS_URL: `${KEYCLOAK}/realms/cvl/protocol/openid-connect/certs`,
      AUTH_AUDIENCE,
      AUTH_ROLES_CLAIM,
      AUTH_ROLE_MAPPING,
      AUTH_ORGANISATION_CLAIM,
    });
    [, url] = await service.waitForLine(/^commitments : (http:\/\/127\.0\.0\.1:\d+)\/api\/commitments/, 120_000);
    // A token's organisation must be in the reference data: the platform's administrator, signed in through the
    // realm too, records the three the accounts below belong to.
    const admin = await signIn('admin', 'demo');
    for (const [code, name] of [
      ['maisons-et-cites', 'Maisons et Cités'],
      ['call', 'Communauté d’Agglomération de Lens-Liévin'],
      ['anru', 'Agence nationale pour la rénovation urbaine'],
    ]) {
      const recorded = await fetch(`${url}/api/commitments/reference/funders`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          code,
          name,
          trace: {
            reasonCode: 'referentiel',
            effectiveDate: '2015-07-01',
            source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line: 6062 },
          },
        }),
      });
      expect(recorded.status).toBe(201);
    }
  }, 420_000);

  afterAll(async () => {
    await service?.stop();
    await schema?.drop();
    execFileSync('bash', [join(ROOT, 'deploy', 'local', 'keycloak.sh'), 'stop'], {
      cwd: ROOT,
      env: keycloakEnv,
      stdio: 'ignore',
    });
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it.each([
    ['financeur-maisons-et-cites', 'maisons-et-cites', ['financeur']],
    ['pilotage-call', 'call', ['pilotage']],
    ['instructeur-anru', 'anru', ['instructeur-anru', 'financeur']],
  ])('%s signs in and the service reads its organisation and roles', async (username, organisation, roles) => {
    const token = await signIn(username, 'demo');
    expect(token).toBeDefined();
    const me = await fetch(`${url}/api/commitments/me`, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await me.json()) as { organisation: string; roles: string[]; detail?: string };
    expect({ status: me.status, detail: body.detail }).toEqual({ status: 200, detail: undefined });
    const principal = body;
    expect(principal.organisation).toBe(organisation);
    expect([...principal.roles].sort()).toEqual([...roles].sort());
  });

  it('refuses a wrong password (no code), and a token the realm did not sign', async () => {
    expect(await signIn('pilotage-call', 'pas-le-bon')).toBeUndefined();
    const forged = (await signIn('auditeur', 'demo'))!.split('.');
    forged[1] = base64url(
      Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(forged[1], 'base64url').toString()), org: 'call' })),
    );
    const refused = await fetch(`${url}/api/commitments/me`, {
      headers: { Authorization: `Bearer ${forged.join('.')}` },
    });
    expect(refused.status).toBe(401);
  });
});
