// Signing in from the browser: OpenID Connect authorization code with PKCE, against the provider the server names in
// /web-config.json (the suite's own, /oidc, in embedded mode). The access token lives in this tab's sessionStorage (gone with the tab) and is sent as a bearer
// token; the API verifies it as it verifies every other.

interface SignInConfig {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  scope: string;
  resource: string;
  /** The `prompt` of the request (« login »: always choose the account), empty for none. */
  prompt: string;
}

/** How to sign in, as the server says (/web-config.json): the embedded provider, or the partners' own. */
async function signInConfig(): Promise<SignInConfig> {
  const answer = await fetch('/web-config.json', { headers: { Accept: 'application/json' } });
  if (!answer.ok) throw new Error(`configuration de connexion introuvable (${answer.status})`);
  return (await answer.json()) as SignInConfig;
}

const PENDING_KEY = 'cvl.connexion';
const SESSION_KEY = 'cvl.session';

export interface Principal {
  subject: string;
  name: string;
  organisation: string;
  roles: string[];
  expiresAt: number;
}

export interface Session {
  token: string;
  principal: Principal;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomText = (size: number) => base64url(crypto.getRandomValues(new Uint8Array(size)));

const returnUri = () => `${location.origin}/retour`;

/** Goes to the provider: the person chooses an account there and comes back to /retour with a code. */
export async function signIn(after = location.pathname + location.search): Promise<void> {
  const verifier = randomText(32);
  const state = randomText(16);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const config = await signInConfig();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, after: after.startsWith('/') ? after : '/' }));
  const query = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    scope: config.scope,
    redirect_uri: returnUri(),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    resource: config.resource,
    ...(config.prompt ? { prompt: config.prompt } : {}),
  });
  location.assign(`${config.authorizationEndpoint}?${query}`);
}

/** The token's own claims, for what is only shown (the person's name) and when it expires. */
function claimsOf(token: string): { name?: string; exp?: number } {
  const [, payload = ''] = token.split('.');
  try {
    return JSON.parse(
      new TextDecoder().decode(
        Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
      ),
    ) as { name?: string; exp?: number };
  } catch {
    return {};
  }
}

/**
 * Who the API reads in the token (its roles and organisation, after the provider's claims are mapped): the menu is
 * built from that, never from claims the browser would interpret itself.
 */
async function principalOf(token: string): Promise<Principal> {
  const answer = await fetch('/api/commitments/me', {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  if (!answer.ok) throw new Error(`le grand livre refuse ce jeton (${answer.status}) : reconnectez-vous`);
  const read = (await answer.json()) as { subject: string; organisation: string; roles: string[] };
  const claims = claimsOf(token);
  return {
    subject: read.subject,
    name: claims.name ?? read.subject,
    organisation: read.organisation,
    roles: read.roles,
    expiresAt: (claims.exp ?? Date.now() / 1000 + 3600) * 1000,
  };
}

/** Back from the provider: the code exchanged for a token (with the verifier only this tab knows). */
export async function completeSignIn(search: string): Promise<{ session: Session; after: string }> {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    after: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (params.get('error'))
    throw new Error(`le fournisseur d’identité a refusé : ${params.get('error_description') ?? params.get('error')}`);
  if (!pending || pending.state !== params.get('state') || !params.get('code'))
    throw new Error('connexion inconnue ou expirée : recommencez');
  const config = await signInConfig();
  const answer = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') as string,
      redirect_uri: returnUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
      resource: config.resource,
    }),
  });
  const tokens = (await answer.json()) as { access_token?: string; error_description?: string };
  if (!answer.ok || !tokens.access_token)
    throw new Error(`échange refusé par le fournisseur d’identité : ${tokens.error_description ?? answer.status}`);
  const session = { token: tokens.access_token, principal: await principalOf(tokens.access_token) };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return { session, after: pending.after };
}

/** The session of this tab, if it has one that has not expired. */
export function currentSession(): Session | undefined {
  const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
  if (!stored || stored.principal.expiresAt <= Date.now()) {
    sessionStorage.removeItem(SESSION_KEY);
    return undefined;
  }
  return stored;
}

export function signOut(): void {
  sessionStorage.removeItem(SESSION_KEY);
  location.assign('/');
}
