import { processRoutes, ROLE_DESCRIPTIONS, ROLES, type Role, type RouteEntry } from '@cvl/platform';
import { embeddedSuite } from './suite';

/** What a role may do on a route, as the matrix says it: everything, its own part (and which), or nothing. */
export type Cell = { kind: 'public' } | { kind: 'all' } | { kind: 'own'; scope: string } | { kind: 'forbidden' };

export function cellOf(route: RouteEntry, role: Role): Cell {
  const policy = route.policy;
  if (policy === 'public') return { kind: 'public' };
  if (!policy) return { kind: 'forbidden' };
  if (role === 'admin' || policy.all.includes(role)) return { kind: 'all' };
  const scope = policy.own?.[role];
  return scope ? { kind: 'own', scope } : { kind: 'forbidden' };
}

/** Every route of the four services (and the platform's own), in the order of their paths. */
export function suiteRoutes(): RouteEntry[] {
  return processRoutes(embeddedSuite.modules);
}

const text = (cell: Cell) => (cell.kind === 'public' ? 'public' : cell.kind === 'all' ? 'oui' : '—');

/**
 * The role × route table, generated from the policies declared beside the controllers (docs/authorization-matrix.md).
 * A test keeps the committed file equal to this, and another calls every cell.
 */
export function authorizationMatrixMarkdown(routes: RouteEntry[] = suiteRoutes()): string {
  const scopes: string[] = [];
  const note = (scope: string) => {
    if (!scopes.includes(scope)) scopes.push(scope);
    return scopes.indexOf(scope) + 1;
  };
  const lines = [
    '# Qui peut faire quoi — matrice des droits',
    '',
    'Générée depuis les politiques déclarées à côté des contrôleurs (`@Allow`, `@Public`) par `npm run docs:matrix` ;',
    'un test vérifie que ce fichier est à jour et un autre appelle chaque case, en mode intégré et en mode distribué.',
    'Sans jeton, toute route non publique répond 401 ; un rôle que la route n’admet pas reçoit 403.',
    '',
    '« oui » : sur tout ce que la route atteint. « part n » : sur la part de son organisation seulement (voir la note n) ;',
    'ailleurs la route répond 403 pour une écriture, 403 ou 404 pour une lecture. « — » : 403.',
    '',
    'Hors du tableau, publiques parce qu’elles précèdent tout jeton : la documentation OpenAPI (`/api/<service>/docs`),',
    'la connexion du mode intégré (`/connexion`) et son fournisseur OpenID Connect (`/oidc`).',
    '',
    '## Rôles',
    '',
    ...ROLES.map((role) => `- \`${role}\` — ${ROLE_DESCRIPTIONS[role]}`),
    '',
    '## Routes',
    '',
    `| méthode | route | ${ROLES.join(' | ')} |`,
    `|---|---|${ROLES.map(() => '---').join('|')}|`,
    ...routes.map(
      (route) =>
        `| ${route.method} | \`${route.path}\` | ${ROLES.map((role) => {
          const cell = cellOf(route, role);
          return cell.kind === 'own' ? `part ${note(cell.scope)}` : text(cell);
        }).join(' | ')} |`,
    ),
    '',
    '## Notes : la part de chacun',
    '',
    ...scopes.map((scope, i) => `${i + 1}. ${scope}`),
    '',
  ];
  return lines.join('\n');
}
