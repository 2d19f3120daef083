import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import type { Principal } from './principal';

export interface TokenVerifierConfig {
  /** A JWKS endpoint (identity provider); takes precedence over a static public key. */
  jwksUrl?: string;
  /** A PEM public key (SPKI), for a single signing key given by configuration. */
  publicKeyPem?: string;
  /** Algorithm of the static public key: EdDSA (default), RS256, ES256… */
  algorithm?: string;
  issuer?: string;
  audience?: string;
}

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
    if (config.publicKeyPem) return new TokenVerifier(await importSPKI(config.publicKeyPem, config.algorithm ?? 'EdDSA'), config);
    throw new Error('authentification : ni AUTH_JWKS_URL ni AUTH_PUBLIC_KEY ne sont configurés');
  }

  static fromKey(key: KeyLike, config: TokenVerifierConfig = {}): TokenVerifier {
    return new TokenVerifier(key, config);
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const verifyOptions = { algorithms: ALLOWED_ALGORITHMS, issuer: this.config.issuer, audience: this.config.audience };
      payload = typeof this.key === 'function' ? (await jwtVerify(token, this.key, verifyOptions)).payload : (await jwtVerify(token, this.key, verifyOptions)).payload;
    } catch (error) {
      throw new InvalidTokenError(`jeton refusé : ${(error as Error).message}`);
    }
    return principalFromClaims(payload);
  }
}

export function principalFromClaims(payload: JWTPayload): Principal {
  const subject = typeof payload.sub === 'string' ? payload.sub.trim() : '';
  const organisation = typeof payload.org === 'string' ? payload.org.trim() : '';
  if (!subject) throw new InvalidTokenError('jeton sans sujet (sub)');
  if (!organisation) throw new InvalidTokenError('jeton sans organisation (org)');
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  return { subject, organisation, roles };
}
