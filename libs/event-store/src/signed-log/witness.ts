import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SignedTreeHead } from './tree-head';

/**
 * Where signed heads are kept outside the database: a file of JSON lines, only ever appended to, on the service's
 * host (or a mounted volume another party holds). Rolling the database back to an older signed state, or deleting
 * the heads in it, is caught by comparing with the witness.
 */
export interface Witness {
  readonly location: string;
  record(head: SignedTreeHead): void;
  heads(): SignedTreeHead[];
}

export class FileWitness implements Witness {
  constructor(readonly location: string) {}

  record(head: SignedTreeHead): void {
    mkdirSync(dirname(this.location), { recursive: true, mode: 0o700 });
    appendFileSync(this.location, `${JSON.stringify(head)}\n`, { mode: 0o600 });
    // One fsync per recorded head (every few seconds at most): the witness must survive the crash it exists for.
    const fd = openSync(this.location, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  heads(): SignedTreeHead[] {
    if (!existsSync(this.location)) return [];
    return parseWitnessLines(readFileSync(this.location, 'utf8'));
  }
}

/** A witness in memory (tests, a store opened without a data directory). */
export class MemoryWitness implements Witness {
  readonly location = 'mémoire';
  private readonly kept: SignedTreeHead[] = [];

  record(head: SignedTreeHead): void {
    this.kept.push(head);
  }

  heads(): SignedTreeHead[] {
    return [...this.kept];
  }
}

/** Lines that do not parse are kept as such: the verifier reports them rather than this reader hiding them. */
export function parseWitnessLines(text: string): SignedTreeHead[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      try {
        return JSON.parse(line) as SignedTreeHead;
      } catch {
        return {
          log: '',
          sequence: -1,
          treeSize: -1,
          rootHash: '',
          signedAt: '',
          keyId: '',
          signature: line.slice(0, 80),
        };
      }
    });
}
