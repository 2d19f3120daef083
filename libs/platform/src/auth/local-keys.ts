import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import type { Principal } from './principal';

/** Issuer and audience of the embedded mode's own tokens (its built-in sign-in and `cvl token`). */
export const LOCAL_ISSUER = 'cvl-embedded';
export const LOCAL_AUDIENCE = 'cvl';

export interface LocalSigningKey {
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicKeyPem: string;
  privateJwk: JWK;
}

/**
 * The embedded mode's own signing key (Ed25519), kept in the data folder (mode 0600) so tokens outlive a restart.
 * Production never uses it: it verifies tokens of the partners' identity provider (AUTH_JWKS_URL).
 */
export async function loadOrCreateLocalKey(folder?: string): Promise<LocalSigningKey> {
  const file = folder ? join(folder, 'embedded-signing-key.jwk.json') : undefined;
  let privateJwk: JWK;
  if (file && existsSync(file)) {
    privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } else {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    privateJwk = await exportJWK(pair.privateKey);
    if (file && folder) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const privateKey = (await importJWK(privateJwk, 'EdDSA')) as KeyLike;
  const { d: _secret, ...publicJwk } = privateJwk;
  const publicKey = (await importJWK(publicJwk, 'EdDSA')) as KeyLike;
  return { privateKey, publicKey, publicKeyPem: await exportSPKI(publicKey), privateJwk };
}

export interface SignOptions {
  /** A jose duration (« 8h », « 30d »); 8 hours by default, a working day. */
  expiresIn?: string;
  issuer?: string;
  audience?: string;
}

/** Signs a token for a principal (embedded mode's tokens, `cvl token`, tests). */
export async function signToken(key: KeyLike, principal: Principal, options: SignOptions = {}): Promise<string> {
  return new SignJWT({ org: principal.organisation, roles: principal.roles })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject(principal.subject)
    .setIssuer(options.issuer ?? LOCAL_ISSUER)
    .setAudience(options.audience ?? LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(key);
}
