/* The platform's HTTP behaviour, run on PGlite + in-process transport and on PostgreSQL + Kafka. */
import { Readiness } from '../observability/readiness';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { generateKeyPair } from 'jose';
import { configurePlatformApp } from '../bootstrap';
import { loadOrCreateLocalKey, signToken } from '../auth/local-keys';
import { TokenVerifier } from '../auth/token-verifier';
import type { Infrastructure } from '../infrastructure';
import { PlatformModule } from '../platform.module';
import { SampleModule } from './sample.module';
import { waitUntil } from '@cvl/testing';

const TRUSTED_ORIGIN = 'https://app.partenaires.example';

export function platformApiSuite(
  name: string,
  open: (verifier: TokenVerifier) => Promise<Omit<Infrastructure, 'verifier'> & { cleanup?: () => Promise<void> }>,
): void {
  describe(`platform HTTP conventions — ${name}`, () => {
    let app: INestApplication;
    let infra: Awaited<ReturnType<typeof open>>;
    let token: string;
    let auditorToken: string;
    let signingKey: Awaited<ReturnType<typeof loadOrCreateLocalKey>>;
    // Counted in the table itself: readAll would rightly hold back events until older transactions of the whole
    // cluster (other test files running meanwhile) have finished.
    const countEvents = async () =>
      (await infra.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0].n;

    beforeAll(async () => {
      const key = await loadOrCreateLocalKey();
      signingKey = key;
      const verifier = TokenVerifier.fromKey(key.publicKey, { issuer: 'cvl-embedded', audience: 'cvl' });
      token = await signToken(key.privateKey, { subject: 'tester', organisation: 'anru', roles: ['admin'] });
      auditorToken = await signToken(key.privateKey, {
        subject: 'controle',
        organisation: 'cour-des-comptes',
        roles: ['auditeur'],
      });
      infra = await open(verifier);
      const moduleRef = await Test.createTestingModule({
        imports: [
          PlatformModule.forRoot('sample', {
            ...infra,
            verifier,
            http: { corsOrigins: [TRUSTED_ORIGIN], costlyPerMinute: 3 },
          }),
          SampleModule,
        ],
      }).compile();
      app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
      configurePlatformApp(
        app as NestExpressApplication,
        [{ service: 'sample', title: 'Sample', description: 'test', module: SampleModule }],
        [TRUSTED_ORIGIN],
      );
      await app.init();
    });
    afterAll(async () => {
      await app.close();
      await infra.cleanup?.();
    });

    const http = () => request(app.getHttpServer());
    const auth = { Authorization: '' };
    beforeEach(() => (auth.Authorization = `Bearer ${token}`));

    it('serves /health (event store and transport), /metrics and the OpenAPI document without a token', async () => {
      const health = await http().get('/health').expect(200);
      expect(health.body.info).toMatchObject({
        eventStore: { status: 'up' },
        messaging: { status: 'up', transport: infra.bus.kind },
      });
      const metrics = await http().get('/metrics').expect(200);
      expect(metrics.text).toContain('http_request_duration_seconds');
      const docs = await http().get('/api/sample/docs/openapi.json').expect(200);
      expect(Object.keys(docs.body.paths)).toContain('/api/sample/labels');
    });

    it('is live while it answers, and ready only while nothing it runs is too far behind', async () => {
      expect((await http().get('/health/live').expect(200)).body.status).toBe('ok');
      expect((await http().get('/health/ready').expect(200)).body.info).toMatchObject({
        eventStore: { status: 'up' },
        lag: { status: 'up' },
      });
      const readiness = app.get(Readiness);
      let behind = readiness.maxLag + 1;
      readiness.register({ name: 'projection:essai', lag: async () => behind });
      const notReady = await http().get('/health/ready').expect(503);
      expect(notReady.body.detail).toContain(`lag : en retard : projection:essai (${readiness.maxLag + 1} événements)`);
      expect(notReady.body.checks.eventStore).toMatchObject({ status: 'up' });
      behind = 0;
      await http().get('/health/ready').expect(200);
      readiness.unregister('projection:essai');
    });

    it('refuses commands without a valid bearer token, as problem+json', async () => {
      const none = await http().post('/api/sample/labels').send({ name: 'x', amount: '1.00' }).expect(401);
      expect(none.headers['content-type']).toContain('application/problem+json');
      expect(none.body).toMatchObject({ status: 401, title: 'Authentification requise' });
      const other = await generateKeyPair('EdDSA');
      const forged = await signToken(other.privateKey, { subject: 'mallory', organisation: 'call', roles: ['admin'] });
      await http()
        .post('/api/sample/labels')
        .set('Authorization', `Bearer ${forged}`)
        .send({ name: 'x', amount: '1.00' })
        .expect(401);
    });

    it('times every answer under the status it went out with (a guard’s 401, a filter’s 400 and 404), and counts what it appends', async () => {
      const count = async (labels: string) => {
        const text = (await http().get('/metrics').expect(200)).text;
        const line = text.split('\n').find((l) => l.startsWith(`http_request_duration_seconds_count{${labels}}`));
        return line ? Number(line.split(' ').at(-1)) : 0;
      };
      const appended = async () =>
        (await http().get('/metrics').expect(200)).text
          .split('\n')
          .filter((l) => l.startsWith('cvl_events_appended_total{service="sample",type="sample.label-created"}'))
          .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
      const route = 'method="POST",route="/api/sample/labels"';
      const [unauthorised, invalid, created, unmatched, events] = [
        await count(`${route},status="401"`),
        await count(`${route},status="400"`),
        await count(`${route},status="201"`),
        await count('method="GET",route="unmatched",status="404"'),
        await appended(),
      ];
      await http().post('/api/sample/labels').send({ name: 'x', amount: '1.00' }).expect(401);
      await http().post('/api/sample/labels').set(auth).send({ name: '', amount: 'beaucoup' }).expect(400);
      await http().post('/api/sample/labels').set(auth).send({ name: 'Mesure', amount: '1.00' }).expect(201);
      await http().get('/api/sample/nulle-part').set(auth).expect(404);
      expect(await count(`${route},status="401"`)).toBe(unauthorised + 1);
      expect(await count(`${route},status="400"`)).toBe(invalid + 1);
      expect(await count(`${route},status="201"`)).toBe(created + 1);
      expect(await count('method="GET",route="unmatched",status="404"')).toBe(unmatched + 1);
      expect(await appended()).toBe(events + 1);
    });

    it('shows a command under Idempotency-Key as in flight while it runs, and no more once answered', async () => {
      const inFlight = async () =>
        Number(
          (await http().get('/metrics').expect(200)).text.match(/^cvl_idempotency_keys_in_flight (\d+)$/m)?.[1] ?? NaN,
        );
      expect(await inFlight()).toBe(0);
      // The append is held until the test lets it go: the command is reserved and running meanwhile.
      const append = infra.store.append.bind(infra.store);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      infra.store.append = async (...args) => {
        await held;
        return append(...args);
      };
      try {
        const answer = http()
          .post('/api/sample/labels')
          .set(auth)
          .set('Idempotency-Key', `en-cours-${Date.now()}`)
          .send({ name: 'Tenue', amount: '2.00' })
          .then((response) => response);
        await waitUntil(async () => (await inFlight()) === 1, 10_000, 'the keyed command in flight');
        release();
        expect((await answer).status).toBe(201);
      } finally {
        release();
        infra.store.append = append;
      }
      expect(await inFlight()).toBe(0);
    });

    it('lets in only the roles the route’s policy names (403 otherwise, naming them), reads included', async () => {
      const refused = await http()
        .post('/api/sample/labels')
        .set('Authorization', `Bearer ${auditorToken}`)
        .send({ name: 'x', amount: '1.00' })
        .expect(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.detail).toContain('admin, pilotage');
      await http().get('/api/sample/labels').set('Authorization', `Bearer ${auditorToken}`).expect(403);
      await http().get('/api/sample/labels').set(auth).expect(200);
    });

    it('records the authenticated principal as the actor, never a header', async () => {
      const created = await http()
        .post('/api/sample/labels')
        .set(auth)
        .set('X-Actor', 'mallory@CALL')
        .send({ name: 'Étude urbaine', amount: '150000.00' })
        .expect(201);
      expect(created.body.createdBy).toBe('tester (anru)');
      expect(created.headers.etag).toBe('"0"');
      expect(created.headers['x-correlation-id']).toBeTruthy();
    });

    it('answers bad input with 400 naming each field, and writes nothing', async () => {
      const before = await countEvents();
      const bad = await http()
        .post('/api/sample/labels')
        .set(auth)
        .send({ name: '', amount: '1,5', extra: true })
        .expect(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      const fields = bad.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['amount', 'extra', 'name']);
      await http()
        .post('/api/sample/labels')
        .set(auth)
        .set('Content-Type', 'application/json')
        .send('{"name":')
        .expect(400);
      expect(await countEvents()).toBe(before);
    });

    it('refuses NUL, control characters, broken Unicode and deep nesting with 400 naming the field, and writes nothing', async () => {
      const before = await countEvents();
      const nul = await http()
        .post('/api/sample/labels')
        .set(auth)
        .send({ name: 'a\u0000b', amount: '1.00' })
        .expect(400);
      expect(nul.body.errors).toEqual([{ field: 'name', message: 'caractère nul (U+0000) refusé' }]);
      const lone = await http()
        .post('/api/sample/labels')
        .set(auth)
        .set('Content-Type', 'application/json')
        .send('{"name":"x\\ud800y","amount":"1.00"}')
        .expect(400);
      expect(lone.body.errors[0]).toMatchObject({ field: 'name', message: expect.stringContaining('demi-paire') });
      const bell = await http()
        .post('/api/sample/labels')
        .set(auth)
        .send({ name: 'x', amount: '1.00', ['a\u0007']: 1 })
        .expect(400);
      expect(bell.body.errors[0].message).toContain('nom de champ');
      const deep = `${'{"deeper":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
      const nested = await http()
        .post('/api/sample/labels')
        .set(auth)
        .set('Content-Type', 'application/json')
        .send(`{"name":"x","amount":"1.00","extra":${deep}}`)
        .expect(400);
      expect(nested.body.errors[0].message).toContain('imbrication trop profonde');
      // Found by the fuzz tier: an own `constructor` (or `__proto__`) anywhere made class-transformer throw, a 500.
      for (const key of ['constructor', '__proto__', 'prototype']) {
        const reserved = await http()
          .post('/api/sample/labels')
          .set(auth)
          .set('Content-Type', 'application/json')
          .send(`{"name":"x","amount":"1.00","meta":{"${key}":"x"}}`)
          .expect(400);
        expect(reserved.body.errors[0]).toEqual({
          field: `meta.${key}`,
          message: `nom de champ : « ${key} » est un nom réservé, refusé à toute profondeur`,
        });
      }
      for (const id of ['..%2F..%2Fetc', '%20', 'x'.repeat(101)]) {
        const refused = await http().get(`/api/sample/labels/${id}`).set(auth).expect(400);
        expect(refused.body.errors[0]).toEqual({
          field: 'id',
          message: 'identifiant : lettres, chiffres, « . », « _ » ou « - » (100 caractères au plus)',
        });
      }
      const path = await http().get('/api/sample/labels/ab%00cd').set(auth).expect(400);
      expect(path.body.errors[0]).toEqual({ field: 'id', message: 'caractère nul (U+0000) refusé' });
      expect(await countEvents()).toBe(before);
    });

    it('answers a retried command with the same Idempotency-Key with the first response, appending once', async () => {
      const before = await countEvents();
      const body = { name: 'Conduite de projet', amount: '90000.00' };
      const first = await http()
        .post('/api/sample/labels')
        .set(auth)
        .set('Idempotency-Key', 'k-123')
        .send(body)
        .expect(201);
      const retry = await http()
        .post('/api/sample/labels')
        .set(auth)
        .set('Idempotency-Key', 'k-123')
        .send(body)
        .expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.headers.etag).toBe(first.headers.etag);
      expect(await countEvents()).toBe(before + 1);
      const misuse = await http()
        .post('/api/sample/labels')
        .set(auth)
        .set('Idempotency-Key', 'k-123')
        .send({ ...body, amount: '1.00' })
        .expect(422);
      expect(misuse.body.detail).toContain('Idempotency-Key');
      expect(await countEvents()).toBe(before + 1);
    });

    it('exposes the revision as ETag and refuses a stale If-Match with 409, writing nothing', async () => {
      const created = await http().post('/api/sample/labels').set(auth).send({ name: 'A', amount: '1.00' }).expect(201);
      const id = created.body.id;
      const read = await http().get(`/api/sample/labels/${id}`).set(auth).expect(200);
      expect(read.headers.etag).toBe('"0"');
      const renamed = await http()
        .put(`/api/sample/labels/${id}`)
        .set(auth)
        .set('If-Match', '"0"')
        .send({ name: 'B', amount: '2.00' })
        .expect(200);
      expect(renamed.headers.etag).toBe('"1"');
      const before = await countEvents();
      const stale = await http()
        .put(`/api/sample/labels/${id}`)
        .set(auth)
        .set('If-Match', '"0"')
        .send({ name: 'C', amount: '3.00' })
        .expect(409);
      expect(stale.body.errors[0].field).toBe('If-Match');
      expect(stale.body.currentRevision).toBe(1);
      await http()
        .put(`/api/sample/labels/${id}`)
        .set(auth)
        .set('If-Match', 'yesterday')
        .send({ name: 'C', amount: '3.00' })
        .expect(400);
      expect(await countEvents()).toBe(before);
      expect((await http().get(`/api/sample/labels/${id}`).set(auth).expect(200)).body.name).toBe('B');
    });

    it('paginates lists with an opaque cursor and refuses a page size out of bounds', async () => {
      const first = await http().get('/api/sample/labels?limit=3').set(auth).expect(200);
      expect(first.body.items).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
      const second = await http()
        .get(`/api/sample/labels?limit=3&cursor=${first.body.nextCursor}`)
        .set(auth)
        .expect(200);
      expect(second.body.items).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
      const last = await http()
        .get(`/api/sample/labels?limit=3&cursor=${second.body.nextCursor}`)
        .set(auth)
        .expect(200);
      expect(last.body).toEqual({ items: [{ n: 6 }] });
      const bad = await http().get('/api/sample/labels?limit=0').set(auth).expect(400);
      expect(bad.body.errors[0].field).toBe('limit');
    });

    it('sends security headers, opens CORS to the configured origins only, and bounds costly calls per principal', async () => {
      const answer = await http().get('/health').set('Origin', TRUSTED_ORIGIN).expect(200);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
      expect(answer.headers['access-control-allow-origin']).toBe(TRUSTED_ORIGIN);
      const stranger = await http().get('/health').set('Origin', 'https://ailleurs.example').expect(200);
      expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
      for (let i = 0; i < 3; i++) await http().get('/api/sample/labels/costly').set(auth).expect(200);
      const limited = await http().get('/api/sample/labels/costly').set(auth).expect(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.body.detail).toContain('au plus 3 par minute');
      // Counted per principal: another one is not held back by the first one's calls.
      const other = await signToken(signingKey.privateKey, {
        subject: 'autre',
        organisation: 'call',
        roles: ['pilotage'],
      });
      await http().get('/api/sample/labels/costly').set('Authorization', `Bearer ${other}`).expect(200);
    });

    it('echoes a sane X-Correlation-Id and replaces an unsafe one', async () => {
      const kept = await http().get('/health').set('X-Correlation-Id', 'corr-12345678').expect(200);
      expect(kept.headers['x-correlation-id']).toBe('corr-12345678');
      const replaced = await http().get('/health').set('X-Correlation-Id', 'bad value!').expect(200);
      // A fresh UUID instead (hex digits may spell « bad » by chance: the form is what is checked).
      expect(replaced.headers['x-correlation-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    });
  });
}
