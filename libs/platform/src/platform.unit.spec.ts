import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadRequestException } from '@nestjs/common';
import { WrongExpectedRevisionError } from '@cvl/event-store';
import { ConfigError, loadPlatformConfig } from './config';
import { commandEventId, currentContext, inEventContext, runInContext } from './context/request-context';
import { decodeCursor, encodeCursor, paginate } from './http/pagination';
import { expectedRevisionFromIfMatch } from './http/versioned';
import { DomainRefusal } from './problem/problem';
import { toProblem } from './problem/to-problem';
import { InvalidInputException } from './problem/validation';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { EffectDto, isCalendarDate } from './http/source.dto';
import { ContentionError } from './cqrs/decision-loop';

describe('problem details', () => {
  it('maps each kind of error to its status, title and fields', () => {
    expect(toProblem(new InvalidInputException([{ field: 'amount', message: 'illisible' }]))).toMatchObject({
      status: 400,
      errors: [{ field: 'amount' }],
    });
    expect(toProblem(new WrongExpectedRevisionError('s', 2, 3))).toMatchObject({
      status: 409,
      type: '/problems/revision-conflict',
      currentRevision: 3,
    });
    // Lost races the client did not cause: a 503 to retry, never a 409 that blames an If-Match it did not send.
    expect(toProblem(new ContentionError('commitments-ledger', 10))).toMatchObject({
      status: 503,
      type: '/problems/contention',
      detail: expect.stringContaining('Renvoyez la demande'),
    });
    expect(
      toProblem(
        new DomainRefusal(
          'envelope-exceeded',
          'Enveloppe dépassée',
          'dépassement de 200,00 €',
          422,
          [{ field: 'amount', message: 'trop élevé' }],
          { excess: '200.00' },
        ),
      ),
    ).toMatchObject({
      status: 422,
      type: '/problems/envelope-exceeded',
      excess: '200.00',
      errors: [{ field: 'amount' }],
    });
    expect(toProblem(new BadRequestException('nope'))).toMatchObject({ status: 400, detail: 'nope' });
    const internal = toProblem(new Error('secret stack'), '/x', 'corr-1');
    expect(internal).toMatchObject({ status: 500, correlationId: 'corr-1' });
    expect(internal.detail).not.toContain('secret');
  });
});

describe('If-Match and pagination', () => {
  it('reads ETags and refuses what is not one', () => {
    expect(expectedRevisionFromIfMatch('"3"')).toBe(3);
    expect(expectedRevisionFromIfMatch('W/"0"')).toBe(0);
    expect(expectedRevisionFromIfMatch('*')).toBe('stream_exists');
    expect(expectedRevisionFromIfMatch(undefined)).toBeUndefined();
    expect(() => expectedRevisionFromIfMatch('3')).toThrow(/If-Match/);
  });
  it('pages with opaque cursors', () => {
    expect(decodeCursor(encodeCursor(40))).toBe(40);
    expect(paginate([1, 2, 3], { limit: 2 })).toEqual({ items: [1, 2], nextCursor: encodeCursor(2) });
  });
});

describe('command event ids', () => {
  it('are derived from the principal and the Idempotency-Key, so a re-run appends the same events', () => {
    const principal = { subject: 's', organisation: 'o', roles: [] };
    const a = runInContext({ correlationId: 'c', principal, idempotencyKey: 'k' }, () => [
      commandEventId(0),
      commandEventId(1),
    ]);
    const b = runInContext({ correlationId: 'd', principal, idempotencyKey: 'k' }, () => [
      commandEventId(0),
      commandEventId(1),
    ]);
    expect(a).toEqual(b);
    expect(a[0]).not.toBe(a[1]);
    expect(a[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const other = runInContext(
      { correlationId: 'c', principal: { ...principal, subject: 't' }, idempotencyKey: 'k' },
      () => commandEventId(0),
    );
    expect(other).not.toBe(a[0]);
  });
});

describe('configuration', () => {
  it('names the variable at fault', () => {
    expect(() => loadPlatformConfig({ PORT: 'abc' }, { mode: 'embedded', port: 3000 })).toThrow(ConfigError);
    expect(() => loadPlatformConfig({ PORT: 'abc' }, { mode: 'embedded', port: 3000 })).toThrow(/PORT/);
    expect(() => loadPlatformConfig({}, { mode: 'distributed', port: 3001 })).toThrow(/DATABASE_URL/);
    expect(() =>
      loadPlatformConfig({ DATABASE_URL: 'postgres://x', KAFKA_BROKERS: 'a:1' }, { mode: 'distributed', port: 3001 }),
    ).toThrow(/AUTH_JWKS_URL/);
    expect(loadPlatformConfig({ KAFKA_BROKERS: 'a:1, b:2' }, { mode: 'embedded', port: 3000 })).toMatchObject({
      port: 3000,
      kafkaBrokers: ['a:1', 'b:2'],
      host: '127.0.0.1',
    });
  });
});

describe('the event store by configuration', () => {
  const embedded = { mode: 'embedded' as const, port: 3000 };
  it('is the SQL store unless EVENT_STORE=kurrentdb names a KurrentDB server', () => {
    expect(loadPlatformConfig({}, embedded).eventStore).toEqual({ kind: 'sql' });
    expect(
      loadPlatformConfig(
        { EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'kurrentdb://127.0.0.1:2113?tls=false' },
        embedded,
      ).eventStore,
    ).toEqual({ kind: 'kurrentdb', connectionString: 'kurrentdb://127.0.0.1:2113?tls=false' });
    expect(() => loadPlatformConfig({ EVENT_STORE: 'kurrentdb' }, embedded)).toThrow(/KURRENTDB_CONNECTION_STRING/);
    expect(() =>
      loadPlatformConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'http://x' }, embedded),
    ).toThrow(/KURRENTDB_CONNECTION_STRING.*kurrentdb:\/\//);
    expect(() => loadPlatformConfig({ EVENT_STORE: 'mongo' }, embedded)).toThrow(/EVENT_STORE.*mongo/);
  });
});

describe('Kafka as production runs it', () => {
  const embedded = { mode: 'embedded' as const, port: 3000 };
  const folder = mkdtempSync(join(tmpdir(), 'cvl-kafka-config-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('takes TLS, SCRAM (password from a mounted secret), replication, in-sync replicas, partitions and retention', () => {
    writeFileSync(join(folder, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nessai\n-----END CERTIFICATE-----\n');
    writeFileSync(join(folder, 'mot-de-passe'), 's3cret\n');
    const config = loadPlatformConfig(
      {
        KAFKA_SSL_CA_FILE: join(folder, 'ca.pem'),
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'cvl-commitments',
        KAFKA_SASL_PASSWORD_FILE: join(folder, 'mot-de-passe'),
        KAFKA_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
        KAFKA_PARTITIONS: '6',
        KAFKA_RETENTION_MS: String(90 * 24 * 3600 * 1000),
      },
      embedded,
    );
    expect(config.kafka).toEqual({
      ssl: { ca: ['-----BEGIN CERTIFICATE-----\nessai\n-----END CERTIFICATE-----\n'] },
      sasl: { mechanism: 'scram-sha-512', username: 'cvl-commitments', password: 's3cret' },
      replicationFactor: 3,
      minInsyncReplicas: 2,
      partitions: 6,
      retentionMs: 90 * 24 * 3600 * 1000,
    });
    expect(loadPlatformConfig({}, embedded).kafka).toEqual({});
  });

  it('refuses, naming the variable, what would lose messages or leak credentials', () => {
    const refused = (env: Record<string, string>) => () => loadPlatformConfig(env, embedded);
    expect(refused({ KAFKA_RETENTION_MS: String(7 * 24 * 3600 * 1000) })).toThrow(/KAFKA_RETENTION_MS.*30 jours/);
    expect(refused({ KAFKA_REPLICATION_FACTOR: '2', KAFKA_MIN_INSYNC_REPLICAS: '3' })).toThrow(
      /KAFKA_MIN_INSYNC_REPLICAS/,
    );
    expect(
      refused({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }),
    ).toThrow(/KAFKA_SSL.*en clair/);
    expect(refused({ KAFKA_SSL: 'oui' })).toThrow(/KAFKA_SSL/);
    expect(refused({ KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(/KAFKA_SASL_MECHANISM/);
    expect(refused({ KAFKA_PARTITIONS: '0' })).toThrow(/KAFKA_PARTITIONS/);
  });
});

describe('consumed events', () => {
  it('run in a context carrying their correlation id, with the event as cause', async () => {
    const seen = await inEventContext(async (event: { id: string; correlationid: string }) => ({
      ...currentContext(),
      id: event.id,
    }))({ id: 'evt-1', correlationid: 'corr-9' });
    expect(seen).toMatchObject({ correlationId: 'corr-9', causationId: 'evt-1' });
    expect(currentContext()).toBeUndefined();
  });
});

describe('calendar dates', () => {
  it('accepts the days of the calendar only, and says so in French naming the field', async () => {
    expect(['2016-02-29', '2015-12-31', '1900-01-01'].every(isCalendarDate)).toBe(true);
    expect(
      ['2015-02-29', '2016-02-30', '0000-00-00', '2016-13-01', '2016-1-1', '2200-01-01', 20160101].some(isCalendarDate),
    ).toBe(false);
    const errors = await validate(
      plainToInstance(EffectDto, { effectiveDate: '2016-02-30', source: { kind: 'act', reference: 'Arrêté' } }),
    );
    expect(errors.map((e) => [e.property, Object.values(e.constraints ?? {})[0]])).toEqual([
      ['effectiveDate', expect.stringContaining('pas de 30 février')],
    ]);
  });
});
