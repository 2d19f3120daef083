import { mkdtempSync, rmSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTsProcess, type TsProcess } from '@cvl/testing';

/** A cookie jar and manual redirects: what a browser does between the client, the provider and its interaction pages. */
class Browser {
  private readonly cookies = new Map<string, string>();
  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return response;
  }
  /** Follows redirects (bounded) and returns the last answer and its address. */
  async follow(url: string, init: RequestInit = {}, hops = 10): Promise<{ response: Response; url: string }> {
    let current = url;
    let response = await this.go(current, init);
    for (let i = 0; i < hops && response.status >= 300 && response.status < 400; i++) {
      current = new URL(response.headers.get('location') as string, current).href;
      response = await this.go(current);
    }
    return { response, url: current };
  }
}

describe('sign-in: the embedded OpenID Connect provider with its demo accounts (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cvl-sign-in-'));
  let suite: TsProcess;
  let url: string;
  beforeAll(async () => {
    suite = spawnTsProcess('services/suite/src/main.ts', {
      PORT: '0',
      CVL_DATA_DIR: dataDir,
      DATABASE_URL: '',
      KAFKA_BROKERS: '',
    });
    [, url] = await suite.waitForLine(/^Mode intégré : (http:\/\/127\.0\.0\.1:\d+)/, 120_000);
    await suite.waitForLine(/^Arrêt/, 120_000);
  }, 150_000);
  afterAll(async () => {
    await suite?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('npm start offers the sign-in and says where', () => {
    expect(suite.lines).toContain(
      `Connexion (OpenID Connect, comptes de démonstration par rôle et par organisation) : ${url}/  ·  jeton pour l’API : ${url}/connexion`,
    );
  });

  it('a financeur signs in with authorization code + PKCE and reads its own statement, and only its own', async () => {
    const discovery = (await (await fetch(`${url}/oidc/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      authorization_endpoint: string;
      token_endpoint: string;
      code_challenge_methods_supported: string[];
    };
    expect(discovery.issuer).toBe(`${url}/oidc`);
    expect(discovery.code_challenge_methods_supported).toContain('S256');

    // The suite's own sign-in page is the client: it starts the flow, the provider asks who one is, the page gets the token.
    const browser = new Browser();
    const picker = await browser.follow(`${url}/connexion/debut`);
    expect(picker.url).toMatch(/\/connexion\/interaction\/[\w-]+$/);
    const html = await picker.response.text();
    expect(html).toContain('Direction financière de Maisons et Cités');
    expect(html).toContain('Chambre régionale des comptes');
    const action = /action="([^"]+)"/.exec(html)?.[1] as string;
    const signedIn = await browser.follow(new URL(action, url).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'compte=demo.financeur.maisons-et-cites',
    });
    expect(signedIn.url).toMatch(/\/connexion\/retour\?code=/);
    const page = await signedIn.response.text();
    expect(page).toContain('Connecté : Direction financière de Maisons et Cités');
    const token = /<textarea[^>]*id="jeton"[^>]*>([^<]+)</.exec(page)?.[1] as string;
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      iss: `${url}/oidc`,
      aud: 'cvl',
      sub: 'demo.financeur.maisons-et-cites',
      org: 'maisons-et-cites',
      roles: ['financeur'],
    });
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(3600);

    const api = (path: string) => fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await api('/api/commitments/funders/maisons-et-cites/statement')).status).toBe(200);
    expect((await api('/api/commitments/funders/call/statement')).status).toBe(403);
    expect((await api('/api/reporting/integrity')).status).toBe(403);
  });

  it('cvl token keeps its form: a subject, a reference-data organisation and at least one known role', async () => {
    const token = (args: string[]) =>
      spawnTsProcess('services/suite/src/cli.ts', { CVL_DATA_DIR: dataDir }, ['token', ...args]);
    const roleless = token(['comptable', 'maisons-et-cites']);
    expect(await roleless.exited).toBe(64);
    expect(roleless.stderr()).toContain(
      'aucun rôle : indiquez au moins un rôle parmi admin, pilotage, financeur, maitre-ouvrage, instructeur-anru, autorite-gestion, auditeur, exploitation',
    );
    const unsafe = token(['comptable principal', 'Maisons et Cités', 'superuser']);
    expect(await unsafe.exited).toBe(64);
    expect(unsafe.stderr()).toMatch(
      /sujet absent ou non conforme[\s\S]*organisation absente ou non conforme[\s\S]*rôle\(s\) inconnu\(s\) : superuser/,
    );
    const good = token(['comptable', 'maisons-et-cites', 'financeur']);
    expect(await good.exited).toBe(0);
    const jwt = good.lines.join('').trim();
    expect(
      (
        await fetch(`${url}/api/commitments/funders/maisons-et-cites/statement`, {
          headers: { Authorization: `Bearer ${jwt}` },
        })
      ).status,
    ).toBe(200);
    expect(
      (await fetch(`${url}/api/commitments/balances`, { headers: { Authorization: `Bearer ${jwt}` } })).status,
    ).toBe(403);
  });

  it('the provider itself refuses a public client without PKCE and an unknown account', async () => {
    const query = new URLSearchParams({
      client_id: 'cvl-connexion',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: `${url}/connexion/retour`,
      state: 's',
    });
    const withoutPkce = await new Browser().follow(`${url}/oidc/auth?${query}`);
    expect(withoutPkce.url).toContain('error=invalid_request');
    const verifier = randomBytes(32).toString('base64url');
    query.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
    query.set('code_challenge_method', 'S256');
    const browser = new Browser();
    const picker = await browser.follow(`${url}/oidc/auth?${query}`);
    const action = /action="([^"]+)"/.exec(await picker.response.text())?.[1] as string;
    const unknown = await browser.go(new URL(action, url).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'compte=mallory',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('choisissez un des comptes proposés');
  });
});
