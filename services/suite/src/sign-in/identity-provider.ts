import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { urlencoded } from 'express';
import { listeningOrigin, LOCAL_AUDIENCE, ROLE_DESCRIPTIONS, ROLE_LABELS, type Infrastructure } from '@cvl/platform';
import { DEMO_ACCOUNTS, demoAccount, type DemoAccount } from './demo-accounts';

/**
 * Where the embedded identity provider lives, and the two clients it knows, both first-party and public (PKCE, no
 * secret): the suite's token page (for API users) and the web application, which signs people in from the browser.
 */
export const OIDC_PATH = '/oidc';
export const SIGN_IN_PATH = '/connexion';
export const SIGN_IN_CLIENT = 'cvl-connexion';
export const WEB_CLIENT = 'cvl-web';
/** Where the provider sends the browser back to the web application (a route of the application itself). */
export const WEB_RETURN_PATH = '/retour';
const FIRST_PARTY_CLIENTS = new Set([SIGN_IN_CLIENT, WEB_CLIENT]);
/** The API as a resource server: access tokens for it are JWTs with this audience, verified like any other token. */
export const API_RESOURCE = 'urn:cvl:api';
const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** Sign-ins in progress (state → PKCE verifier), bounded: the oldest go first. */
const MAX_PENDING_SIGN_INS = 1_000;
const PENDING_TTL_MS = 10 * 60_000;

type Provider = {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{ uid: string; prompt: { name: string }; params: Record<string, unknown> }>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  on(event: string, listener: (...args: unknown[]) => void): void;
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * A server-rendered page of the sign-in, in the State's design system (DSFR, served at /dsfr by the suite), so that
 * choosing an account looks like the web application it leads to.
 */
function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr" data-fr-scheme="light"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — Grand livre du contrat de ville</title>
<link rel="stylesheet" href="${DSFR_PATH}/dsfr.min.css"><link rel="stylesheet" href="${DSFR_PATH}/utility/icons/icons.min.css"></head>
<body><header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row"><div class="fr-header__brand fr-enlarge-link"><div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div><div class="fr-header__service"><a href="/" title="Accueil — Grand livre du contrat de ville"><p class="fr-header__service-title">Grand livre du contrat de ville</p></a><p class="fr-header__service-tagline">Communauté d’Agglomération de Lens-Liévin — 2015-2020</p></div></div></div></div></div></header>
<main id="contenu" class="fr-container fr-my-6w">${body}</main></body></html>`;
}

/** Where the suite serves the design system's stylesheets, fonts and icons (from @codegouvfr/react-dsfr). */
export const DSFR_PATH = '/dsfr';

/** A secret of the data folder (mode 0600), made once: cookie keys outlive a restart. */
function persistentSecret(folder: string, name: string): string {
  const file = join(folder, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(folder, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const origin = (app: INestApplication): string => listeningOrigin(app.getHttpServer());

/**
 * A real OpenID Connect provider in the suite's process (`oidc-provider`), with the demo accounts and no password:
 * authorization code + PKCE, access tokens as JWTs for the API (signed with the embedded key, audience « cvl »), so the
 * API verifies them exactly as it verifies a partner's provider's. Created on the first request, once the process
 * listens and its address — the issuer — is known.
 */
export function mountEmbeddedSignIn(app: INestApplication, infrastructure: Infrastructure): void {
  const key = infrastructure.localKey;
  if (!key) return; // a configured provider (AUTH_JWKS_URL…) signs people in: no demo accounts then
  const secrets = join(infrastructure.dataDir ?? '.', 'auth');
  let provider: Promise<Provider> | undefined;
  const providerFor = (base: string) =>
    (provider ??= (async () => {
      const { default: OidcProvider } = (await import('oidc-provider')) as unknown as {
        default: new (issuer: string, config: Record<string, unknown>) => Provider;
      };
      const issuer = `${base}${OIDC_PATH}`;
      infrastructure.verifier.trustIssuer(issuer);
      const created = new OidcProvider(issuer, {
        clients: [
          {
            client_id: SIGN_IN_CLIENT,
            token_endpoint_auth_method: 'none',
            redirect_uris: [`${base}${SIGN_IN_PATH}/retour`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            id_token_signed_response_alg: 'EdDSA',
          },
          {
            client_id: WEB_CLIENT,
            token_endpoint_auth_method: 'none',
            redirect_uris: [`${base}${WEB_RETURN_PATH}`],
            post_logout_redirect_uris: [`${base}/`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            id_token_signed_response_alg: 'EdDSA',
          },
        ],
        jwks: { keys: [{ ...key.privateJwk, kid: 'cvl-embedded', alg: 'EdDSA', use: 'sig' }] },
        cookies: { keys: [persistentSecret(secrets, 'oidc-cookie-key')] },
        scopes: ['openid', 'profile'],
        claims: { openid: ['sub'], profile: ['name', 'org', 'roles'] },
        findAccount: async (_ctx: unknown, id: string) => {
          const account = demoAccount(id);
          return account
            ? {
                accountId: id,
                claims: async () => ({ sub: id, name: account.name, org: account.organisation, roles: account.roles }),
              }
            : undefined;
        },
        // What the API reads in its access tokens: the organisation and the roles, as a partner's provider maps them.
        extraTokenClaims: async (_ctx: unknown, token: { accountId?: string }) => {
          const account = token.accountId ? demoAccount(token.accountId) : undefined;
          // The person's name too: the web application shows who is signed in without asking anyone else.
          return account ? { org: account.organisation, roles: account.roles, name: account.name } : undefined;
        },
        renderError: async (
          ctx: { type: string; body: string },
          out: { error?: string; error_description?: string },
        ) => {
          ctx.type = 'html';
          ctx.body = page(
            'Connexion impossible',
            `<h1>Connexion impossible</h1><div class="fr-alert fr-alert--error fr-mb-3w"><p>${escapeHtml(out.error_description ?? out.error ?? 'erreur du fournisseur d’identité')}</p></div><p><a class="fr-link" href="/">Recommencer</a></p>`,
          );
        },
        interactions: {
          url: (_ctx: unknown, interaction: { uid: string }) => `${SIGN_IN_PATH}/interaction/${interaction.uid}`,
        },
        // The suite's own clients are first-party: the person consents by choosing the account, no second screen.
        loadExistingGrant: async (ctx: {
          oidc: {
            client: { clientId: string };
            session: { accountId?: string; grantIdFor(id: string): string | undefined };
            result?: { consent?: { grantId?: string } };
            provider: {
              Grant: {
                find(id: string): Promise<unknown>;
                new (init: object): {
                  addOIDCScope(s: string): void;
                  addResourceScope(r: string, s: string): void;
                  save(): Promise<string>;
                };
              };
            };
          };
        }) => {
          const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
          if (grantId) return ctx.oidc.provider.Grant.find(grantId);
          if (!FIRST_PARTY_CLIENTS.has(ctx.oidc.client.clientId) || !ctx.oidc.session.accountId) return undefined;
          const grant = new ctx.oidc.provider.Grant({
            clientId: ctx.oidc.client.clientId,
            accountId: ctx.oidc.session.accountId,
          });
          grant.addOIDCScope('openid profile');
          grant.addResourceScope(API_RESOURCE, 'cvl');
          await grant.save();
          return grant;
        },
        features: {
          devInteractions: { enabled: false },
          resourceIndicators: {
            enabled: true,
            defaultResource: () => API_RESOURCE,
            useGrantedResource: () => true,
            getResourceServerInfo: () => ({
              scope: 'cvl',
              audience: LOCAL_AUDIENCE,
              accessTokenFormat: 'jwt',
              accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
              jwt: { sign: { alg: 'EdDSA' } },
            }),
          },
        },
        ttl: {
          AccessToken: ACCESS_TOKEN_TTL_SECONDS,
          AuthorizationCode: 60,
          IdToken: ACCESS_TOKEN_TTL_SECONDS,
          Interaction: 600,
          Session: 8 * 3600,
          Grant: 8 * 3600,
        },
      });
      return created;
    })());

  const pending = new Map<string, { verifier: string; at: number }>();
  const remember = (state: string, verifier: string) => {
    for (const [s, p] of pending)
      if (Date.now() - p.at > PENDING_TTL_MS || pending.size >= MAX_PENDING_SIGN_INS) pending.delete(s);
    pending.set(state, { verifier, at: Date.now() });
  };
  const form = urlencoded({ extended: false, limit: '4kb' });
  const failed = (res: Response, status: number, message: string): void =>
    void res
      .status(status)
      .type('html')
      .send(
        page(
          'Connexion impossible',
          `<h1>Connexion impossible</h1><div class="fr-alert fr-alert--error fr-mb-3w"><p>${escapeHtml(message)}</p></div><p><a class="fr-link" href="/">Recommencer</a></p>`,
        ),
      );
  const guarded =
    (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) =>
      handler(req, res).catch(next);

  // The demo sign-in: a person picks who to be, signs in through the provider, and gets a token for the API.
  app.use(SIGN_IN_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || (req.path !== '/' && req.path !== '')) return next();
    res.type('html').send(
      page(
        'Connexion',
        `<h1>Obtenir un jeton pour l’API</h1><p>Mode intégré : un fournisseur d’identité OpenID Connect tourne dans la suite, avec un compte de démonstration par rôle et par organisation du contrat de Lens-Liévin. En production, la connexion passe par le fournisseur des partenaires (ProConnect, Keycloak…).</p>
<p>Pour consulter le grand livre, ouvrez <a href="/">l’application</a>. Cette page donne un jeton d’accès pour les appels à l’API (curl, tableurs, scripts).</p>
<p><a class="fr-btn" href="${SIGN_IN_PATH}/debut">Se connecter et obtenir un jeton</a></p>`,
      ),
    );
  });
  app.use(
    `${SIGN_IN_PATH}/debut`,
    guarded(async (req, res) => {
      const base = origin(app);
      await providerFor(base);
      const state = randomBytes(16).toString('base64url');
      const verifier = randomBytes(32).toString('base64url');
      remember(state, verifier);
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const query = new URLSearchParams({
        client_id: SIGN_IN_CLIENT,
        response_type: 'code',
        scope: 'openid profile',
        redirect_uri: `${base}${SIGN_IN_PATH}/retour`,
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        resource: API_RESOURCE,
      });
      res.redirect(`${OIDC_PATH}/auth?${query}`);
    }),
  );
  app.use(
    `${SIGN_IN_PATH}/interaction/:uid/compte`,
    form,
    guarded(async (req, res) => {
      const oidc = await providerFor(origin(app));
      const subject = typeof req.body?.compte === 'string' ? req.body.compte : '';
      if (req.method !== 'POST' || !demoAccount(subject))
        return failed(res, 400, 'compte : choisissez un des comptes proposés');
      await oidc.interactionFinished(req, res, { login: { accountId: subject } }, { mergeWithLastSubmission: false });
    }),
  );
  app.use(
    `${SIGN_IN_PATH}/interaction/:uid`,
    guarded(async (req, res) => {
      const oidc = await providerFor(origin(app));
      const details = await oidc.interactionDetails(req, res);
      const byRole = new Map<string, DemoAccount[]>();
      for (const account of DEMO_ACCOUNTS)
        byRole.set(account.roles[0], [...(byRole.get(account.roles[0]) ?? []), account]);
      let index = 0;
      const fieldsets = [...byRole]
        .map(([role, accounts]) => {
          const legend = `${ROLE_LABELS[role as keyof typeof ROLE_LABELS]} — ${ROLE_DESCRIPTIONS[role as keyof typeof ROLE_DESCRIPTIONS]}`;
          const radios = accounts
            .map((a) => {
              const id = `compte-${index++}`;
              return `<div class="fr-fieldset__element"><div class="fr-radio-group"><input type="radio" id="${id}" name="compte" value="${escapeHtml(a.subject)}" required><label class="fr-label" for="${id}">${escapeHtml(a.name)}<span class="fr-hint-text">${escapeHtml(a.organisationName)}</span></label></div></div>`;
            })
            .join('');
          return `<fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">${escapeHtml(legend)}</legend>${radios}</fieldset>`;
        })
        .join('');
      res
        .type('html')
        .send(
          page(
            'Choisir un compte',
            `<h1>Connexion</h1><div class="fr-callout fr-mb-4w"><p class="fr-callout__text">Mode intégré : comptes de démonstration, sans mot de passe, un par rôle et par organisation du contrat. En production, la connexion passe par le fournisseur d’identité des partenaires (ProConnect, Keycloak…).</p></div><form method="post" action="${SIGN_IN_PATH}/interaction/${escapeHtml(details.uid)}/compte"><h2 class="fr-h4">Qui êtes-vous ?</h2>${fieldsets}<button class="fr-btn" type="submit">Se connecter</button></form>`,
          ),
        );
    }),
  );
  app.use(
    `${SIGN_IN_PATH}/retour`,
    guarded(async (req, res) => {
      const base = origin(app);
      const state = typeof req.query.state === 'string' ? req.query.state : '';
      const code = typeof req.query.code === 'string' ? req.query.code : '';
      const waiting = pending.get(state);
      pending.delete(state);
      if (!waiting || !code)
        return failed(
          res,
          400,
          typeof req.query.error_description === 'string'
            ? req.query.error_description
            : 'état de connexion inconnu ou expiré',
        );
      const answer = await fetch(`${base}${OIDC_PATH}/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: `${base}${SIGN_IN_PATH}/retour`,
          client_id: SIGN_IN_CLIENT,
          code_verifier: waiting.verifier,
          resource: API_RESOURCE,
        }),
      });
      const tokens = (await answer.json()) as { access_token?: string; error_description?: string };
      if (!answer.ok || !tokens.access_token)
        return failed(
          res,
          502,
          `le fournisseur d’identité a refusé l’échange : ${tokens.error_description ?? answer.status}`,
        );
      const principal = await infrastructure.verifier.verify(tokens.access_token);
      const account = demoAccount(principal.subject);
      res.type('html').send(
        page(
          'Connecté',
          `<h1>Connecté : ${escapeHtml(account?.name ?? principal.subject)}</h1><p>Organisation : <strong>${escapeHtml(account?.organisationName ?? principal.organisation)}</strong> (${escapeHtml(principal.organisation)}) · rôle : <strong>${escapeHtml(principal.roles.join(', '))}</strong></p>
<div class="fr-input-group"><label class="fr-label" for="jeton">Jeton d’accès (valable ${ACCESS_TOKEN_TTL_SECONDS / 60} minutes) pour l’API</label><textarea class="fr-input" readonly id="jeton" rows="6">${escapeHtml(tokens.access_token)}</textarea></div>
<p class="fr-text--sm">curl -H "Authorization: Bearer &lt;jeton&gt;" ${escapeHtml(base)}/api/commitments/funders/${escapeHtml(principal.organisation)}/statement</p><p><a class="fr-link" href="${SIGN_IN_PATH}">Changer de compte</a> · <a class="fr-link" href="/">Ouvrir l’application</a></p>`,
        ),
      );
    }),
  );
  app.use(OIDC_PATH, (req: Request, res: Response, next: NextFunction) => {
    providerFor(origin(app))
      .then((oidc) => oidc.callback()(req, res))
      .catch(next);
  });
}
