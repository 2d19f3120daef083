import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { TokenVerifier } from './token-verifier';

describe('bearer tokens from an identity provider’s JWKS (served on 127.0.0.1)', () => {
  let server: Server;
  let url: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sign = (claims: Record<string, unknown>, kid = 'idp-1') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('controleur')
      .setIssuer('https://idp.region')
      .setAudience('cvl')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

  it('verifies a token signed by a key of the set, with issuer and audience', async () => {
    const verifier = await TokenVerifier.create({ jwksUrl: url, issuer: 'https://idp.region', audience: 'cvl' });
    await expect(verifier.verify(await sign({ org: 'region', roles: ['auditeur'] }))).resolves.toEqual({
      subject: 'controleur',
      organisation: 'region',
      roles: ['auditeur'],
    });
  });

  it('refuses a token for another audience or from an unknown key', async () => {
    const verifier = await TokenVerifier.create({
      jwksUrl: url,
      issuer: 'https://idp.region',
      audience: 'another-app',
    });
    await expect(verifier.verify(await sign({ org: 'call', roles: ['auditeur'] }))).rejects.toThrow(/jeton refusé/);
    const strict = await TokenVerifier.create({ jwksUrl: url, issuer: 'https://idp.region', audience: 'cvl' });
    await expect(strict.verify(await sign({ org: 'call', roles: ['auditeur'] }, 'unknown-kid'))).rejects.toThrow(
      /jeton refusé/,
    );
  });
});
