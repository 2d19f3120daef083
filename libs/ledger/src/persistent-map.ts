/**
 * An immutable map whose `set` returns a new map and leaves the old one as it was, at a cost well below a full
 * copy: changes pile up in a small overlay over a shared base, and the two are merged into a new base once the
 * overlay outgrows √(base size). A set costs O(√n) amortised instead of O(n), so a ledger replayed event by event
 * stays far from quadratic. Iteration follows first-insertion order, like Map.
 */
export class PersistentMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly overlay: ReadonlyMap<K, V>,
    readonly size: number,
  ) {}

  static empty<K, V>(): PersistentMap<K, V> {
    return new PersistentMap<K, V>(new Map(), new Map(), 0);
  }

  static from<K, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    const base = new Map(entries);
    return new PersistentMap<K, V>(base, new Map(), base.size);
  }

  get(key: K): V | undefined {
    return this.overlay.has(key) ? this.overlay.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.overlay.has(key) || this.base.has(key);
  }

  set(key: K, value: V): PersistentMap<K, V> {
    const size = this.has(key) ? this.size : this.size + 1;
    const overlay = new Map(this.overlay);
    overlay.set(key, value);
    if (overlay.size * overlay.size > Math.max(1_024, this.base.size)) {
      const merged = new Map(this.base);
      for (const [k, v] of overlay) merged.set(k, v);
      return new PersistentMap(merged, new Map(), size);
    }
    return new PersistentMap(this.base, overlay, size);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) yield [key, this.overlay.has(key) ? (this.overlay.get(key) as V) : value];
    for (const [key, value] of this.overlay) if (!this.base.has(key)) yield [key, value];
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}
