import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { ORGANISATION_PATTERN, SUBJECT_PATTERN, type Principal } from './principal';
import { isRole, ROLES, type Role } from './roles';

/**
 * How the identity provider's claims become a principal. Keycloak puts groups in `groups` and realm roles in
 * `realm_access.roles`; ProConnect gives no role at all (the mapping then comes from groups the partner manages).
 */
export interface ClaimMapping {
  /** Dotted path of the claim that holds the organisation: `org` by default. */
  organisationClaim: string;
  /** Dotted path of the claim that holds the roles (or groups): `roles` by default. */
  rolesClaim: string;
  /** Provider value → role of the suite (`cvl-audit` → `auditeur`); values absent from it must be roles themselves. */
  roleMap: Record<string, Role>;
}

export const DEFAULT_CLAIM_MAPPING: ClaimMapping = { organisationClaim: 'org', rolesClaim: 'roles', roleMap: {} };

export interface TokenVerifierConfig {
  /** A JWKS endpoint (identity provider); takes precedence over a static public key. */
  jwksUrl?: string;
  /** A PEM public key (SPKI), for a single signing key given by configuration. */
  publicKeyPem?: string;
  /** Algorithm of the static public key: EdDSA (default), RS256, ES256… */
  algorithm?: string;
  /** The issuer (or issuers) whose tokens are accepted. */
  issuer?: string | string[];
  audience?: string;
  /** Longest lifetime (exp − iat) accepted for a person's token. */
  maxLifetimeSeconds?: number;
  /** Named service accounts (subjects) and the longer lifetime their tokens may have. */
  serviceAccounts?: string[];
  serviceMaxLifetimeSeconds?: number;
  claimMapping?: ClaimMapping;
}

export const DEFAULT_MAX_LIFETIME_SECONDS = 12 * 3600;
export const DEFAULT_SERVICE_MAX_LIFETIME_SECONDS = 30 * 24 * 3600;

export class InvalidTokenError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'InvalidTokenError';
  }
}

export const ALLOWED_ALGORITHMS = ['EdDSA', 'RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'];

/** Verifies bearer JWTs signed with asymmetric keys and turns their claims into a Principal. */
export class TokenVerifier {
  private constructor(
    private readonly key: KeyLike | JWTVerifyGetKey,
    private readonly config: TokenVerifierConfig,
  ) {}

  static async create(config: TokenVerifierConfig): Promise<TokenVerifier> {
    if (config.jwksUrl) return new TokenVerifier(createRemoteJWKSet(new URL(config.jwksUrl)), config);
    if (config.publicKeyPem)
      return new TokenVerifier(await importSPKI(config.publicKeyPem, config.algorithm ?? 'EdDSA'), config);
    throw new Error('authentification : ni AUTH_JWKS_URL ni AUTH_PUBLIC_KEY ne sont configurés');
  }

  static fromKey(key: KeyLike, config: TokenVerifierConfig = {}): TokenVerifier {
    return new TokenVerifier(key, { ...config });
  }

  /** Accepts the tokens of one more issuer signed with the same key (the embedded provider, once its address is known). */
  trustIssuer(issuer: string): void {
    const current = this.config.issuer === undefined ? [] : ([] as string[]).concat(this.config.issuer);
    if (!current.includes(issuer)) this.config.issuer = [...current, issuer];
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const verifyOptions = {
        algorithms: ALLOWED_ALGORITHMS,
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['exp', 'iat'],
      };
      payload =
        typeof this.key === 'function'
          ? (await jwtVerify(token, this.key, verifyOptions)).payload
          : (await jwtVerify(token, this.key, verifyOptions)).payload;
    } catch (error) {
      throw new InvalidTokenError(`jeton refusé : ${(error as Error).message}`);
    }
    const principal = principalFromClaims(payload, this.config.claimMapping);
    checkLifetime(payload, principal, this.config);
    return principal;
  }
}

/** A token's lifetime (exp − iat) within its bound: short for people, longer only for a named service account. */
function checkLifetime(payload: JWTPayload, principal: Principal, config: TokenVerifierConfig): void {
  const lifetimeSeconds = (payload.exp as number) - (payload.iat as number);
  const isService = (config.serviceAccounts ?? []).includes(principal.subject);
  const maxSeconds = isService
    ? (config.serviceMaxLifetimeSeconds ?? DEFAULT_SERVICE_MAX_LIFETIME_SECONDS)
    : (config.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS);
  if (!(lifetimeSeconds > 0) || lifetimeSeconds > maxSeconds) {
    throw new InvalidTokenError(
      `jeton refusé : durée de validité de ${lifetimeSeconds} s, au plus ${maxSeconds} s pour ${isService ? 'ce compte de service' : 'une personne'}`,
    );
  }
}

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part))
      return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The principal a token's claims name, or a refusal that says which claim is wrong. */
export function principalFromClaims(payload: JWTPayload, mapping: ClaimMapping = DEFAULT_CLAIM_MAPPING): Principal {
  const subject = payload.sub;
  if (typeof subject !== 'string' || !SUBJECT_PATTERN.test(subject))
    throw new InvalidTokenError(
      'jeton refusé : sujet (sub) absent ou non conforme (lettres, chiffres, « . _ @ + : | - », 128 caractères au plus)',
    );
  const organisation = claimAt(payload, mapping.organisationClaim);
  if (typeof organisation !== 'string' || !ORGANISATION_PATTERN.test(organisation)) {
    throw new InvalidTokenError(
      `jeton refusé : organisation (${mapping.organisationClaim}) absente ou non conforme : un code du référentiel est attendu (minuscules, chiffres, « . _ - »)`,
    );
  }
  const claimed = claimAt(payload, mapping.rolesClaim);
  if (!Array.isArray(claimed) || claimed.some((r) => typeof r !== 'string'))
    throw new InvalidTokenError(`jeton refusé : rôles (${mapping.rolesClaim}) attendus sous forme de liste`);
  const roles: Role[] = [];
  for (const value of claimed as string[]) {
    const role = Object.prototype.hasOwnProperty.call(mapping.roleMap, value) ? mapping.roleMap[value] : value;
    if (!isRole(role)) {
      // A provider's group that maps to nothing is ignored only when a mapping is configured; a role we do not know is refused.
      if (Object.keys(mapping.roleMap).length > 0) continue;
      throw new InvalidTokenError(`jeton refusé : rôle inconnu « ${value} » (rôles : ${ROLES.join(', ')})`);
    }
    if (!roles.includes(role)) roles.push(role);
  }
  if (roles.length === 0)
    throw new InvalidTokenError(`jeton refusé : aucun rôle de la plateforme (rôles : ${ROLES.join(', ')})`);
  return { subject, organisation, roles };
}

/** Parses a claim mapping given as text: « cvl-audit=auditeur,cvl-finance=financeur ». */
export function parseRoleMap(text: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [from, to] = pair.split('=').map((p) => p.trim());
    if (!from || !isRole(to))
      throw new Error(
        `correspondance de rôle invalide « ${pair} » : attendu valeur=rôle, rôle parmi ${ROLES.join(', ')}`,
      );
    map[from] = to;
  }
  return map;
}
