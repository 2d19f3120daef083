import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { findUpwards } from '@cvl/platform';
import { API_RESOURCE, DSFR_PATH, OIDC_PATH, SIGN_IN_PATH, WEB_CLIENT } from '../sign-in/identity-provider';

/** The web application's build (vite, `npm run build:web`; `npm start` makes it): CVL_WEB_DIR, else from here up. */
export const WEB_BUILD = join('dist', 'services', 'web');

/** Where the application reads how to sign people in (a static deployment serves its own file at this path). */
export const WEB_CONFIG_PATH = '/web-config.json';

/**
 * How the browser signs in: the embedded provider by default; a partner's provider (ProConnect, Keycloak…) when
 * WEB_OIDC_AUTHORIZATION_URL, WEB_OIDC_TOKEN_URL and WEB_OIDC_CLIENT_ID name it (a public client, PKCE; WEB_OIDC_PROMPT
 * for its `prompt`, such as select_account).
 */
export function webConfig(env: NodeJS.ProcessEnv = process.env) {
  return {
    authorizationEndpoint: env.WEB_OIDC_AUTHORIZATION_URL ?? `${OIDC_PATH}/auth`,
    tokenEndpoint: env.WEB_OIDC_TOKEN_URL ?? `${OIDC_PATH}/token`,
    clientId: env.WEB_OIDC_CLIENT_ID ?? WEB_CLIENT,
    scope: env.WEB_OIDC_SCOPE ?? 'openid profile',
    resource: env.WEB_OIDC_RESOURCE ?? API_RESOURCE,
    // After « Se déconnecter », the provider's session would sign the same person in again without asking: the
    // embedded provider always shows the account chooser; a partner's provider does what WEB_OIDC_PROMPT says.
    prompt: env.WEB_OIDC_AUTHORIZATION_URL ? (env.WEB_OIDC_PROMPT ?? '') : 'login',
  };
}

/** Paths that are the API's or the provider's: never answered with the application's page. */
const SERVER_PATHS = [
  '/api/',
  '/api',
  OIDC_PATH,
  SIGN_IN_PATH,
  '/health',
  '/metrics',
  DSFR_PATH,
  '/assets/',
  WEB_CONFIG_PATH,
];

function webBuild(): string | undefined {
  const dir = process.env.CVL_WEB_DIR ?? findUpwards(WEB_BUILD, __dirname);
  return dir && existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/** The design system's files (stylesheets, fonts, icons), as the package ships them. */
function dsfrFolder(): string {
  return join(dirname(require.resolve('@codegouvfr/react-dsfr/package.json')), 'dsfr');
}

const NOT_BUILT = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Application non construite — Grand livre du contrat de ville</title><link rel="stylesheet" href="${DSFR_PATH}/dsfr.min.css"></head><body><main class="fr-container fr-my-6w"><h1>L’application web n’est pas construite</h1><p>Construisez-la avec <code>npm run build:web</code> (<code>npm start</code> le fait), puis rechargez la page. L’API, sa documentation et la connexion pour obtenir un jeton (<a href="${SIGN_IN_PATH}">${SIGN_IN_PATH}</a>) fonctionnent sans elle.</p></main></body></html>`;

/**
 * Serves the web application at `/` (embedded mode): its files, the design system's, and its page for every other
 * address a person opens (the application routes in the browser: /releve/…, /matrice…). The API keeps its own
 * answers, 404 included: a file missing under /assets or /dsfr falls through to it.
 */
export function mountWebApplication(app: INestApplication): void {
  app.use(DSFR_PATH, express.static(dsfrFolder(), { maxAge: '7d', index: false }));
  const config = webConfig();
  app.use(WEB_CONFIG_PATH, (request: Request, response: Response, next: NextFunction) =>
    request.method === 'GET' ? void response.setHeader('Cache-Control', 'no-cache').json(config) : next(),
  );
  const build = webBuild();
  if (build)
    app.use('/assets', express.static(join(build, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (SERVER_PATHS.some((prefix) => request.path === prefix || request.path.startsWith(prefix))) return next();
    if (!request.accepts('html')) return next();
    if (!build) return void response.status(503).type('html').send(NOT_BUILT);
    if (request.path !== '/' && /\.[a-z0-9]{2,5}$/i.test(request.path)) {
      // A file at the build's root (favicon…): served if there, else the API's 404.
      const file = join(build, request.path);
      return existsSync(file) && file.startsWith(build) ? void response.sendFile(file) : next();
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(join(build, 'index.html'));
  });
}
