import type { RunningProcess } from '@cvl/platform';

const SERVICES = ['commitments', 'renewal-urban', 'iti-feder', 'reporting'];

/** What a newcomer needs after `npm start`: where to look, and how to call a command. */
export function startBanner(running: RunningProcess, figures: string[] = []): string {
  const { url, config, infrastructure } = running;
  const store =
    infrastructure.storeKind === 'pglite'
      ? `PGlite sur disque (${config.dataDir}/event-store)`
      : infrastructure.storeKind === 'kurrentdb'
        ? 'KurrentDB (événements) et PostgreSQL'
        : 'PostgreSQL';
  const lines = [
    '',
    'Grand livre du Contrat de Ville 2015-2020 — Communauté d’Agglomération de Lens-Liévin',
    `Mode intégré : ${url}  ·  magasin d’événements : ${store}  ·  transport : ${infrastructure.bus.kind}`,
    '',
    `Application web : ${url}/  (tableau de bord, relevés, matrice, opérations, contrôles, imports, exports)`,
    '',
    'Services et documentation (OpenAPI) :',
    ...SERVICES.map((s) => `  ${s.padEnd(14)} ${url}/api/${s}    documentation : ${url}/api/${s}/docs`),
    `  santé          ${url}/health    métriques : ${url}/metrics`,
    ...(figures.length ? ['', ...figures] : []),
    '',
    `Relevé d’un financeur : ${url}/releve/maisons-et-cites  (API : ${url}/api/commitments/funders/maisons-et-cites/statement)`,
  ];
  if (infrastructure.localKey) {
    lines.push(
      '',
      `Connexion (OpenID Connect, comptes de démonstration par rôle et par organisation) : ${url}/  ·  jeton pour l’API : ${url}/connexion`,
    );
  }
  if (infrastructure.adminToken) {
    lines.push(
      '',
      'Jeton d’administration (local, valable 8 heures ; un nouveau à chaque démarrage) — toute requête le demande :',
      `  ${infrastructure.adminToken}`,
      '',
      'Exemple :',
      `  curl -H "Authorization: Bearer <jeton>" ${url}/api/commitments`,
    );
  }
  lines.push('', 'Arrêt : Ctrl+C', '');
  return lines.join('\n');
}
