import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlEventStore, type OpenedEventStore } from '@cvl/event-store';
import { createTestSchema, spawnTsProcess } from '@cvl/testing';
import { Attacker } from '../../libs/event-store/src/contract/attacker';

/*
 * `cvl verify` and `cvl audit` as an auditor runs them, on PostgreSQL, against the forgeries of issue 12 made
 * with SQL by someone who can write the database but does not hold the log's key.
 */
describe('cvl verify and cvl audit on PostgreSQL (e2e)', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let opened: OpenedEventStore;
  let folder: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    schema = await createTestSchema('cliverify');
    folder = mkdtempSync(join(tmpdir(), 'cvl-verify-'));
    env = {
      DATABASE_URL: schema.url,
      DB_SCHEMA: schema.schema,
      CVL_JOURNAL_KEY_FILE: join(folder, 'cle.pem'),
      CVL_WITNESS_DIR: join(folder, 'temoin'),
    };
    opened = await openSqlEventStore({
      databaseUrl: schema.url,
      schema: schema.schema,
      signing: {
        keyFile: env.CVL_JOURNAL_KEY_FILE,
        createKey: true,
        witnessFile: join(env.CVL_WITNESS_DIR, `${schema.schema}.jsonl`),
        log: schema.schema,
      },
    });
  });
  afterAll(async () => {
    await opened.store.close();
    await schema.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  const cvl = async (...args: string[]) => {
    const cli = spawnTsProcess('services/suite/src/cli.ts', env, args);
    const code = await cli.exited;
    return { code, output: cli.lines.join('\n'), stderr: cli.stderr() };
  };
  const payments = (count: number) =>
    Array.from({ length: count }, (_, n) => ({
      eventId: randomUUID(),
      type: 'commitments.payment-recorded',
      schemaVersion: 1,
      data: { funder: 'maisons-et-cites', commitmentId: 'mc-1', amount: `${n + 1}00000.00` },
      metadata: { actor: { subject: 'e2e', organisation: 'call', roles: ['pilotage'] } },
    }));

  it('intact, then each forgery named — an edit, a forged 9 999 999 € commitment, a rewrite with recomputed hashes — all at once', async () => {
    const stream = `commitments-${randomUUID()}`;
    const other = `commitments-${randomUUID()}`;
    await opened.store.append(stream, payments(3), 'no_stream');
    await opened.store.append(other, payments(2), 'no_stream');
    opened.store.signedLog?.recordWitness();
    const clean = await cvl('verify');
    expect(clean.output).toContain('Intègre');
    expect(clean.output).toContain('5 événements');
    expect(clean.output).toContain(`Journal signé « ${schema.schema} » : tête n°`);
    expect(clean.code).toBe(0);

    const pack = join(folder, 'paquet.json');
    const exported = await cvl('audit', 'export', `--sortie=${pack}`);
    expect(exported.code).toBe(0);
    expect(exported.output).toContain('tout le journal');
    const intactPack = await cvl('audit', 'verify', pack);
    expect(intactPack.output).toContain('Intègre');
    expect(intactPack.code).toBe(0);

    const attacker = new Attacker(opened.client);
    await attacker.unlock();
    await opened.client.query(
      `UPDATE events SET data = jsonb_set(data, '{amount}', '"900000.00"') WHERE stream_id = $1 AND revision = 2`,
      [stream],
    );
    await attacker.insertChained(stream, { funder: 'maisons-et-cites', amount: '9999999.00', status: 'firm' });
    await opened.client.query(
      `UPDATE events SET data = jsonb_set(data, '{amount}', '"1.00"') WHERE stream_id = $1 AND revision = 0`,
      [other],
    );
    await attacker.rechain(other);
    const tampered = await cvl('verify');
    expect(tampered.code).toBe(2);
    expect(tampered.output).toContain('ALTÉRATION DÉTECTÉE');
    expect(tampered.output).toContain(`flux ${stream}, version 2`);
    expect(tampered.output).toContain('contenu modifié');
    expect(tampered.output).toContain(`flux ${stream}, version 3`);
    expect(tampered.output).toContain('absent du journal signé');
    expect(tampered.output).toContain('même si les empreintes ont été recalculées');

    // The pack taken before the forgeries, edited the same way, fails on its own, without the database.
    const edited = JSON.parse(readFileSync(pack, 'utf8'));
    edited.events[2].data.amount = '900000.00';
    writeFileSync(pack, JSON.stringify(edited));
    const editedPack = await cvl('audit', 'verify', pack, `--cle=${edited.publicKey.keyId}`);
    expect(editedPack.code).toBe(2);
    expect(editedPack.output).toContain('celle attendue');
    expect(editedPack.output).toContain('contenu modifié');
  });

  it('refuses to verify a folder that holds no store, instead of calling it intact', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cvl-empty-'));
    const cli = spawnTsProcess('services/suite/src/cli.ts', { CVL_DATA_DIR: empty, DATABASE_URL: '' }, ['verify']);
    expect(await cli.exited).toBe(66);
    expect(cli.stderr()).toContain('Aucun magasin d’événements');
    rmSync(empty, { recursive: true, force: true });
  });
});
