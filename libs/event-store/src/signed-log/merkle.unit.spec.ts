import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { EMPTY_ROOT, Frontier, InclusionProver, leafHash, nodeHash, verifyInclusion } from './merkle';
import { LogSigningKey, verifyTreeHead } from './tree-head';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(hashOf(`event-${i}`)));

/** RFC 6962 §2.1 written the plainest way, to check the faster code against. */
function referenceRoot(items: Buffer[]): Buffer {
  if (items.length === 0) return EMPTY_ROOT;
  if (items.length === 1) return items[0];
  let k = 1;
  while (k * 2 < items.length) k *= 2;
  return nodeHash(referenceRoot(items.slice(0, k)), referenceRoot(items.slice(k)));
}

describe('Merkle tree of the signed log (RFC 6962/9162)', () => {
  it('the frontier gives the root of every prefix, as the definition does', () => {
    const all = leaves(70);
    const frontier = Frontier.empty();
    expect(frontier.root().equals(EMPTY_ROOT)).toBe(true);
    all.forEach((leaf, index) => {
      frontier.append(leaf);
      expect(frontier.root().equals(referenceRoot(all.slice(0, index + 1)))).toBe(true);
    });
  });

  it('a frontier saved and restored extends to the same roots; a frontier of the wrong shape is refused', () => {
    const all = leaves(37);
    const first = Frontier.empty();
    all.slice(0, 21).forEach((leaf) => first.append(leaf));
    const restored = Frontier.restore(21n, first.toJSON());
    all.slice(21).forEach((leaf) => restored.append(leaf));
    expect(restored.root().equals(referenceRoot(all))).toBe(true);
    expect(() => Frontier.restore(23n, first.toJSON())).toThrow(/frontière incohérente/);
  });

  it('leaves and nodes cannot be confused (domain prefixes)', () => {
    const [a, b] = leaves(2);
    expect(nodeHash(a, b).equals(leafHash(nodeHash(a, b).toString('hex')))).toBe(false);
  });

  it('every audit path verifies, for every leaf of every tree size up to 40', () => {
    const all = leaves(40);
    const prover = new InclusionProver(all);
    for (let size = 1; size <= all.length; size++) {
      const root = prover.root(size);
      expect(root.equals(referenceRoot(all.slice(0, size)))).toBe(true);
      for (let index = 0; index < size; index++) {
        expect(verifyInclusion(all[index], BigInt(index), BigInt(size), prover.path(index, size), root)).toBe(true);
      }
    }
  });

  it('property: a path proves only its own leaf, at its own place (the size is bound by the signed head, not the path)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), fc.nat(), (size, rawIndex, rawOther) => {
        const all = leaves(size);
        const prover = new InclusionProver(all);
        const index = rawIndex % size;
        const other = rawOther % size;
        const root = prover.root();
        const path = prover.path(index);
        expect(verifyInclusion(all[index], BigInt(index), BigInt(size), path, root)).toBe(true);
        if (other !== index) {
          expect(verifyInclusion(all[other], BigInt(index), BigInt(size), path, root)).toBe(false);
          expect(verifyInclusion(all[index], BigInt(other), BigInt(size), path, root)).toBe(false);
        }
        if (path.length > 0) {
          const bent = path.map((hash, i) => (i === path.length - 1 ? leafHash(hashOf('forged')) : hash));
          expect(verifyInclusion(all[index], BigInt(index), BigInt(size), bent, root)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('signed tree heads', () => {
  const key = LogSigningKey.generate();
  const head = key.sign({
    log: 'cvl',
    sequence: 3,
    treeSize: 12,
    rootHash: hashOf('root'),
    signedAt: '2026-12-02T10:00:00.000Z',
    keyId: key.keyId,
  });

  it('verify with the public key alone', () => {
    expect(verifyTreeHead(head, key.publicKey)).toBe(true);
  });

  it('any field changed, or another key, and the signature fails', () => {
    for (const changed of [
      { treeSize: 13 },
      { sequence: 4 },
      { rootHash: hashOf('other') },
      { log: 'autre' },
      { signedAt: '2026-12-02T10:00:01.000Z' },
    ]) {
      expect(verifyTreeHead({ ...head, ...changed }, key.publicKey)).toBe(false);
    }
    const other = LogSigningKey.generate();
    expect(verifyTreeHead(head, other.publicKey)).toBe(false);
    expect(verifyTreeHead({ ...head, keyId: other.keyId }, other.publicKey)).toBe(false);
  });
});

describe('the log signing key file', () => {
  it('is made once: processes starting together on one folder all get the key that won', () => {
    const { mkdtempSync, rmSync, readdirSync } = require('node:fs') as typeof import('node:fs');
    const { join } = require('node:path') as typeof import('node:path');
    const folder = mkdtempSync(join(require('node:os').tmpdir(), 'cvl-key-'));
    const path = join(folder, 'journal', 'cle.pem');
    const keys = Array.from({ length: 5 }, () => LogSigningKey.loadFile(path, true).keyId);
    expect(new Set(keys).size).toBe(1);
    expect(readdirSync(join(folder, 'journal'))).toEqual(['cle.pem']);
    expect(() => LogSigningKey.loadFile(join(folder, 'absente.pem'), false)).toThrow(/introuvable/);
    rmSync(folder, { recursive: true, force: true });
  });
});
