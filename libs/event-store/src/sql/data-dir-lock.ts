import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { relative } from 'node:path';

/** Who holds a data folder: enough for the refusal to name it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** What the process is (« npm start », « cvl import ») and its command line. */
  owner: string;
  command: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const since = new Date(holder.startedAt).toLocaleString('fr-FR', {
      timeZone: 'Europe/Paris',
      dateStyle: 'short',
      timeStyle: 'medium',
    });
    super(
      `Le dossier de données ${dataDir} est déjà ouvert par ${holder.owner} (processus ${holder.pid} sur ${holder.host}, depuis le ${since} : ${holder.command}). ` +
        'Un seul processus peut ouvrir un magasin PGlite : arrêtez-le, ou passez par son API.',
    );
    this.name = 'DataDirLockedError';
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One process per PGlite folder. Two PGlite instances on the same files each believe they own them: one's writes
 * vanish under the other's (issue 12 lost an acknowledged write so). The lock is a file created exclusively beside
 * the folder; a lock whose process is gone (kill -9, power cut) is taken over, once, by the next to open.
 */
export function acquireDataDirLock(dataDir: string, owner: string): { release: () => void } {
  const path = `${dataDir}.lock`;
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    owner,
    command: process.argv
      .slice(1)
      .map((arg) => relative(process.cwd(), arg) || arg)
      .join(' ')
      .slice(0, 300),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        try {
          if ((JSON.parse(readFileSync(path, 'utf8')) as LockHolder).pid === process.pid) unlinkSync(path);
        } catch {
          // Already gone.
        }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: LockHolder | undefined;
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
      } catch {
        holder = undefined;
      }
      // Held by a live process — this one included: two PGlite instances in one process are as bad as in two.
      const held = holder && (holder.host !== me.host || alive(holder.pid));
      if (held && holder) throw new DataDirLockedError(dataDir, holder);
      // Stale (its process is gone) or unreadable: take it over.
      try {
        unlinkSync(path);
      } catch {
        // Someone else took it over first; the next attempt sees theirs.
      }
    }
  }
  const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  throw new DataDirLockedError(dataDir, holder);
}
