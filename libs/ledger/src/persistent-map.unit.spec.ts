import fc from 'fast-check';
import { PersistentMap } from './persistent-map';

describe('PersistentMap', () => {
  it('behaves like a Map, in first-insertion order, and never changes an earlier version (1 000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer()), { maxLength: 3_000 }),
        (operations) => {
          let persistent = PersistentMap.empty<number, number>();
          const reference = new Map<number, number>();
          const versions: Array<[PersistentMap<number, number>, Array<[number, number]>]> = [];
          operations.forEach(([key, value], index) => {
            persistent = persistent.set(key, value);
            reference.set(key, value);
            if (index % 97 === 0) versions.push([persistent, [...reference.entries()]]);
          });
          expect([...persistent.entries()]).toEqual([...reference.entries()]);
          expect(persistent.size).toBe(reference.size);
          for (const [key, value] of reference) expect(persistent.get(key)).toBe(value);
          expect(persistent.has(-1)).toBe(false);
          for (const [version, entries] of versions) expect([...version]).toEqual(entries);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
