import { verifyAuditPack } from '@cvl/event-store';
import { signToken } from '@cvl/platform';
import { startCommitmentsApi, traceBody, type ApiHarness } from '../test-support/api-suite';

// GET /api/<service>/audit-pack: the pack `cvl audit export` writes, served to the people allowed to take it away;
// GET /api/<service>/me: who the service reads in a token.
describe('the audit pack over HTTP (PGlite, signed log)', () => {
  let h: ApiHarness;
  let financeur: { Authorization: string };
  beforeAll(async () => {
    h = await startCommitmentsApi();
    for (const [code, name] of [
      ['maisons-et-cites', 'Maisons et Cités Soginorpa'],
      ['region', 'Région Nord-Pas-de-Calais'],
    ])
      await h
        .http()
        .post('/api/commitments/reference/funders')
        .set(h.auth)
        .send({ code, name, attributes: { category: 'landlord' }, trace: traceBody('referentiel', '2015-07-01') })
        .expect(201);
    const key = h.infra.localKey as NonNullable<ApiHarness['infra']['localKey']>;
    const token = await signToken(key.privateKey, {
      subject: 'finances.mc',
      organisation: 'maisons-et-cites',
      roles: ['financeur'],
    });
    financeur = { Authorization: `Bearer ${token}` };
  });
  afterAll(async () => h.close());

  it('tells a person who the service reads in its token (GET /me): what the web application builds its menu from', async () => {
    const me = await h.http().get('/api/commitments/me').set(financeur).expect(200);
    expect(me.body).toEqual({ subject: 'finances.mc', organisation: 'maisons-et-cites', roles: ['financeur'] });
    await h.http().get('/api/commitments/me').expect(401);
  });

  it('gives the contract team the whole log as an attachment, and it verifies offline', async () => {
    const answer = await h.http().get('/api/commitments/audit-pack').set(h.auth).expect(200);
    expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="paquet-audit-.+\.json"$/);
    const report = verifyAuditPack(answer.body, { trustedKeyId: answer.body.publicKey.keyId });
    expect(report).toMatchObject({ ok: true, trustedKey: 'confirmée' });
    expect(answer.body.scope.complete).toBe(true);
    expect(report.eventsChecked).toBeGreaterThanOrEqual(2);
  });

  it('gives a financeur its own events only, each proven, and refuses it another funder’s', async () => {
    const own = await h.http().get('/api/commitments/audit-pack').set(financeur).expect(200);
    expect(own.body.scope).toMatchObject({ complete: false, funder: 'maisons-et-cites' });
    expect(own.body.events.length).toBeGreaterThanOrEqual(1);
    expect(verifyAuditPack(own.body).ok).toBe(true);
    const other = await h.http().get('/api/commitments/audit-pack?funder=region').set(financeur).expect(403);
    expect(other.body.detail).toContain('Accès refusé');
  });

  it('says there is nothing to pack before the first signed head — a 404 in words, never a server error', async () => {
    const early = await h.http().get('/api/commitments/audit-pack?asOf=2001-01-01').set(h.auth).expect(404);
    expect(early.body.detail).toBe(
      'Paquet d’audit impossible : aucune tête signée au 2001-01-01, le journal commence plus tard',
    );
    const bad = await h.http().get('/api/commitments/audit-pack?asOf=2020-02-30').set(h.auth).expect(400);
    expect(bad.body.errors[0].field).toBe('asOf');
  });
});
