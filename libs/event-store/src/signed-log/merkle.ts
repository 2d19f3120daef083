import { createHash } from 'node:crypto';

/**
 * The Merkle tree of a log, as RFC 6962/9162 defines it (Certificate Transparency): leaves are hashed with a 0x00
 * prefix and inner nodes with 0x01, so that no leaf can pass for a node; a tree of n leaves splits at the largest
 * power of two below n. An auditor who has the leaves re-derives every root; one who has a single leaf checks it
 * against a signed root with its audit path, without seeing the others.
 */
export type Hash = Buffer;

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(eventHashHex: string): Hash {
  return createHash('sha256').update(LEAF).update(Buffer.from(eventHashHex, 'hex')).digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** The root of the empty tree (RFC 6962 §2.1: the hash of the empty string). */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** Bounds every loop over a tree's height: 2^63 leaves are more than any log will hold. */
const MAX_HEIGHT = 63;

/**
 * The right edge of a growing tree: the roots of its perfect subtrees, largest first (one per bit set in the size).
 * Enough to append a leaf and to compute the root in O(log n), so a writer need not keep the leaves.
 */
export class Frontier {
  private constructor(
    private subtrees: Hash[],
    private count: bigint,
  ) {}

  static empty(): Frontier {
    return new Frontier([], 0n);
  }

  static restore(size: bigint, subtreesHex: readonly string[]): Frontier {
    const expected = popCount(size);
    if (subtreesHex.length !== expected)
      throw new Error(
        `frontière incohérente : ${subtreesHex.length} sous-arbres pour ${size} feuilles (attendu ${expected})`,
      );
    return new Frontier(
      subtreesHex.map((hex) => Buffer.from(hex, 'hex')),
      size,
    );
  }

  get size(): bigint {
    return this.count;
  }

  append(leaf: Hash): void {
    let hash = leaf;
    let carry = this.count;
    // Two perfect subtrees of the same height merge, as a binary counter carries.
    for (let height = 0; (carry & 1n) === 1n; height++) {
      if (height > MAX_HEIGHT) throw new Error('arbre trop haut');
      hash = nodeHash(this.subtrees.pop() as Hash, hash);
      carry >>= 1n;
    }
    this.subtrees.push(hash);
    this.count++;
  }

  root(): Hash {
    if (this.subtrees.length === 0) return EMPTY_ROOT;
    let hash = this.subtrees[this.subtrees.length - 1];
    for (let index = this.subtrees.length - 2; index >= 0; index--) hash = nodeHash(this.subtrees[index], hash);
    return hash;
  }

  toJSON(): string[] {
    return this.subtrees.map((hash) => hash.toString('hex'));
  }

  clone(): Frontier {
    return new Frontier([...this.subtrees], this.count);
  }
}

function popCount(value: bigint): number {
  let bits = 0;
  for (let rest = value; rest > 0n; rest >>= 1n) bits += Number(rest & 1n);
  return bits;
}

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Audit paths (RFC 9162 §2.1.3) for leaves of one tree. The subtree hashes are memoised: a pack proving every
 * event of a funder computes each of the tree's 2n − 1 nodes at most once.
 */
export class InclusionProver {
  private readonly memo = new Map<string, Hash>();

  constructor(private readonly leaves: readonly Hash[]) {}

  root(size = this.leaves.length): Hash {
    return size === 0 ? EMPTY_ROOT : this.subtree(0, size);
  }

  /** The audit path of leaf `index` in the tree of the first `size` leaves, bottom up. */
  path(index: number, size = this.leaves.length): Hash[] {
    if (!(index >= 0 && index < size && size <= this.leaves.length))
      throw new RangeError(`feuille ${index} hors de l’arbre de ${size} feuilles`);
    const path: Hash[] = [];
    let low = 0;
    let high = size;
    let position = index;
    const above: Hash[] = [];
    for (let height = 0; high - low > 1; height++) {
      if (height > MAX_HEIGHT) throw new Error('arbre trop haut');
      const k = splitPoint(high - low);
      if (position < k) {
        above.push(this.subtree(low + k, high));
        high = low + k;
      } else {
        above.push(this.subtree(low, low + k));
        low += k;
        position -= k;
      }
    }
    // Collected top down; an audit path is read from the leaf up.
    for (let index2 = above.length - 1; index2 >= 0; index2--) path.push(above[index2]);
    return path;
  }

  private subtree(low: number, high: number): Hash {
    if (high - low === 1) return this.leaves[low];
    const key = `${low}:${high}`;
    const known = this.memo.get(key);
    if (known) return known;
    const k = splitPoint(high - low);
    const hash = nodeHash(this.subtree(low, low + k), this.subtree(low + k, high));
    this.memo.set(key, hash);
    return hash;
  }
}

/**
 * Checks an audit path (RFC 9162 §2.1.3.2): does leaf `index` of a tree of `size` leaves, with this path, lead to
 * `root`? Pure, so that the offline verifier and the tests share it.
 */
export function verifyInclusion(leaf: Hash, index: bigint, size: bigint, path: readonly Hash[], root: Hash): boolean {
  if (index < 0n || index >= size) return false;
  if (path.length > MAX_HEIGHT + 1) return false;
  let fn = index;
  let sn = size - 1n;
  let hash = leaf;
  for (const sibling of path) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      hash = nodeHash(sibling, hash);
      // Climb past the levels where this node is a right edge without a sibling.
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      hash = nodeHash(hash, sibling);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && hash.equals(root);
}
