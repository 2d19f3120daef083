import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openSqlEventStore } from '../open-event-store';
import { DataDirLockedError } from './data-dir-lock';

describe('one process per PGlite data folder', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cvl-lock-'));
  const dataDir = join(folder, 'event-store');
  const signing = { keyFile: join(folder, 'cle.pem'), createKey: true, witnessFile: join(folder, 'temoin.jsonl') };
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('a second opening is refused, naming who holds the folder; once closed, it opens again and the writes are there', async () => {
    const first = await openSqlEventStore({ dataDir, signing, applicationName: 'npm start' });
    await first.store.append(
      'stream-1',
      [{ eventId: 'a6b9a1d4-1b2b-4a44-9c53-9f6f3c8f0e01', type: 't', schemaVersion: 1, data: { amount: '1.00' } }],
      'no_stream',
    );
    const refusal = await openSqlEventStore({ dataDir, signing, applicationName: 'cvl import' }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect((refusal as Error).message).toContain(
      `déjà ouvert par npm start (processus ${process.pid} sur ${hostname()}`,
    );
    await first.store.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const second = await openSqlEventStore({ dataDir, signing, applicationName: 'cvl verify' });
    expect((await second.store.readStream('stream-1')).map((e) => e.data.amount)).toEqual(['1.00']);
    expect((await second.store.verify()).broken).toEqual([]);
    await second.store.close();
  });

  it('a lock left by a process that died (kill -9) is taken over', async () => {
    // A real process, gone by now: its pid is free.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(
      `${dataDir}.lock`,
      JSON.stringify({
        pid: Number(gone.stdout),
        host: hostname(),
        owner: 'npm start',
        command: 'x',
        startedAt: new Date().toISOString(),
      }),
    );
    const opened = await openSqlEventStore({ dataDir, signing, applicationName: 'npm start' });
    expect((await opened.store.readStream('stream-1')).length).toBe(1);
    await opened.store.close();
  });
});
