import { randomUUID } from 'node:crypto';
import { openSqlEventStore, type OpenedEventStore } from '@cvl/event-store';
import { createTestSchema, spawnTsProcess } from '@cvl/testing';

describe('cvl verify on PostgreSQL (e2e)', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let opened: OpenedEventStore;
  beforeAll(async () => {
    schema = await createTestSchema('cliverify');
    opened = await openSqlEventStore({ databaseUrl: schema.url, schema: schema.schema });
  });
  afterAll(async () => {
    await opened.store.close();
    await schema.drop();
  });

  const verify = async () => {
    const cli = spawnTsProcess('services/suite/src/cli.ts', { DATABASE_URL: schema.url, DB_SCHEMA: schema.schema }, ['verify']);
    const code = await cli.exited;
    return { code, output: cli.lines.join('\n') };
  };

  it('says the store is intact, then names the stream and revision a direct SQL UPDATE altered', async () => {
    const stream = `commitments-${randomUUID()}`;
    await opened.store.append(stream, [1, 2, 3].map((n) => ({ eventId: randomUUID(), type: 'commitments.payment-recorded', schemaVersion: 1, data: { amount: `${n}00000.00` }, metadata: { actor: 'e2e@CALL' } })), 'no_stream');
    const clean = await verify();
    expect(clean.code).toBe(0);
    expect(clean.output).toContain('Intègre');
    expect(clean.output).toContain('3 événements');

    await opened.client.exec('ALTER TABLE events DISABLE TRIGGER events_immutable');
    await opened.client.query(`UPDATE events SET data = '{"amount":"900000.00"}'::jsonb WHERE stream_id = $1 AND revision = 2`, [stream]);
    const tampered = await verify();
    expect(tampered.code).toBe(2);
    expect(tampered.output).toContain('ALTÉRATION DÉTECTÉE');
    expect(tampered.output).toContain(stream);
    expect(tampered.output).toContain('version : 2');
  });
});
