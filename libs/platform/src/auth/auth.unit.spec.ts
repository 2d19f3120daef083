import { Controller, Get, Module, Post } from '@nestjs/common';
import { SignJWT } from 'jose';
import { loadOrCreateLocalKey, signToken } from './local-keys';
import { accessFor, Allow, Public, rolesOf } from './policy';
import type { Principal } from './principal';
import { assertEveryRouteHasPolicy, routeTable } from './routes';
import { parseRoleMap, principalFromClaims, TokenVerifier } from './token-verifier';

const financeur: Principal = { subject: 'comptable', organisation: 'maisons-et-cites', roles: ['financeur'] };

describe('bearer tokens: only those that mean something', () => {
  let key: Awaited<ReturnType<typeof loadOrCreateLocalKey>>;
  let verifier: TokenVerifier;
  beforeAll(async () => {
    key = await loadOrCreateLocalKey();
    verifier = TokenVerifier.fromKey(key.publicKey, { issuer: 'cvl-embedded', audience: 'cvl' });
  });
  const raw = (
    claims: Record<string, unknown>,
    build: (jwt: SignJWT) => SignJWT = (j) => j.setIssuedAt().setExpirationTime('1h'),
  ) =>
    build(new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setIssuer('cvl-embedded').setAudience('cvl')).sign(
      key.privateKey,
    );

  it('verifies a token of the configured key, issuer and audience, and reads the principal', async () => {
    await expect(verifier.verify(await signToken(key.privateKey, financeur))).resolves.toEqual(financeur);
    await expect(verifier.verify(`${await signToken(key.privateKey, financeur)}x`)).rejects.toThrow(/jeton refusé/);
  });

  it('refuses a token without exp, an expired one, and one that lives longer than a person’s maximum', async () => {
    await expect(
      verifier.verify(await raw({ sub: 'a', org: 'call', roles: ['pilotage'] }, (j) => j.setIssuedAt())),
    ).rejects.toThrow(/exp/);
    await expect(verifier.verify(await signToken(key.privateKey, financeur, { expiresIn: '-1s' }))).rejects.toThrow(
      /jeton refusé/,
    );
    await expect(verifier.verify(await signToken(key.privateKey, financeur, { expiresIn: '30d' }))).rejects.toThrow(
      /au plus 43200 s pour une personne/,
    );
  });

  it('lets a named service account live longer, and no one else', async () => {
    const lenient = TokenVerifier.fromKey(key.publicKey, {
      issuer: 'cvl-embedded',
      audience: 'cvl',
      serviceAccounts: ['reporting-batch'],
    });
    await expect(
      lenient.verify(
        await signToken(
          key.privateKey,
          { subject: 'reporting-batch', organisation: 'cvl', roles: ['auditeur'] },
          { expiresIn: '7d' },
        ),
      ),
    ).resolves.toMatchObject({ subject: 'reporting-batch' });
    await expect(lenient.verify(await signToken(key.privateKey, financeur, { expiresIn: '7d' }))).rejects.toThrow(
      /pour une personne/,
    );
  });

  it('refuses a wrong issuer or audience', async () => {
    await expect(
      verifier.verify(await signToken(key.privateKey, financeur, { issuer: 'someone-else' })),
    ).rejects.toThrow(/iss/);
    await expect(
      verifier.verify(await signToken(key.privateKey, financeur, { audience: 'another-app' })),
    ).rejects.toThrow(/aud/);
  });

  it('refuses unknown roles, roles that are not a list, no role, and unsafe subjects or organisations', () => {
    expect(() => principalFromClaims({ sub: 'a', org: 'call', roles: ['superuser'] })).toThrow(
      /rôle inconnu « superuser »/,
    );
    expect(() => principalFromClaims({ sub: 'a', org: 'call', roles: 'admin' })).toThrow(/liste/);
    expect(() => principalFromClaims({ sub: 'a', org: 'call', roles: [] })).toThrow(/aucun rôle/);
    for (const sub of ['', 'a b', 'x\u0000y', 'ligne\nsuivante', 'é'.repeat(3), 'x'.repeat(129)])
      expect(() => principalFromClaims({ sub, org: 'call', roles: ['auditeur'] })).toThrow(/sujet/);
    for (const org of ['', 'CALL', 'Caisse des Dépôts', 'a@b', 'call\u0000'])
      expect(() => principalFromClaims({ sub: 'a', org, roles: ['auditeur'] })).toThrow(/organisation/);
    expect(principalFromClaims({ sub: 'auth0|5f1e', org: 'call', roles: ['auditeur'] }).subject).toBe('auth0|5f1e');
  });

  it('maps the provider’s claims (groups, nested claims) to roles and organisation', () => {
    const mapping = {
      organisationClaim: 'attributes.organisation',
      rolesClaim: 'realm_access.roles',
      roleMap: parseRoleMap('cvl-audit=auditeur, cvl-finance=financeur'),
    };
    expect(
      principalFromClaims(
        {
          sub: 'k-1',
          attributes: { organisation: 'region' },
          realm_access: { roles: ['offline_access', 'cvl-audit'] },
        },
        mapping,
      ),
    ).toEqual({ subject: 'k-1', organisation: 'region', roles: ['auditeur'] });
    expect(() =>
      principalFromClaims(
        { sub: 'k-1', attributes: { organisation: 'region' }, realm_access: { roles: ['offline_access'] } },
        mapping,
      ),
    ).toThrow(/aucun rôle/);
    expect(() => parseRoleMap('cvl-audit=superuser')).toThrow(/correspondance/);
  });
});

describe('route policies', () => {
  it('lets admin in everywhere, the listed roles on everything, and the own roles on their part only', () => {
    const policy = { all: ['pilotage' as const], own: { financeur: 'ses engagements' } };
    expect(accessFor({ ...financeur, roles: ['admin'] }, policy)?.all).toBe(true);
    expect(accessFor({ ...financeur, roles: ['pilotage'] }, policy)?.all).toBe(true);
    const own = accessFor(financeur, policy);
    expect(own).toMatchObject({ all: false, ownRoles: ['financeur'] });
    expect(own?.mayActFor('financeur', 'maisons-et-cites')).toBe(true);
    expect(own?.mayActFor('financeur', 'region')).toBe(false);
    expect(accessFor({ ...financeur, roles: ['auditeur'] }, policy)).toBeUndefined();
    expect(rolesOf(policy)).toEqual(['admin', 'pilotage', 'financeur']);
  });

  it('reads every route and its policy from Nest’s metadata, and refuses to start with a route without one', () => {
    @Controller('api/demo')
    class DemoController {
      @Get() @Allow({ all: ['auditeur'] }) list() {
        return [];
      }
      @Post() create() {
        return {};
      }
      @Get('health') @Public() health() {
        return 'ok';
      }
    }
    @Module({ controllers: [DemoController] })
    class DemoModule {}
    const routes = routeTable([DemoModule]);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/demo',
      'POST /api/demo',
      'GET /api/demo/health',
    ]);
    expect(() => assertEveryRouteHasPolicy(routes)).toThrow('POST /api/demo (DemoController.create)');
    expect(() => assertEveryRouteHasPolicy(routes.filter((r) => r.method === 'GET'))).not.toThrow();
  });
});
