import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { contractTypes, GENERATED_DIR } from '../../tools/contracts/contract-types';

// The types in @cvl/contracts are generated from contracts/events: a schema changed without `npm run
// contracts:types` (or a generated file edited by hand) fails here, naming the file.
describe('@cvl/contracts types', () => {
  it('are what contracts/events generates, one module per publishing service', async () => {
    const generated = await contractTypes();
    expect([...generated.keys()].map((path) => basename(path)).sort()).toEqual(
      readdirSync(GENERATED_DIR)
        .filter((f) => f.endsWith('.ts'))
        .sort(),
    );
    for (const [path, text] of generated) {
      expect(existsSync(path)).toBe(true);
      expect({ file: basename(path), upToDate: readFileSync(path, 'utf8') === text }).toEqual({
        file: basename(path),
        upToDate: true,
      });
    }
  }, 60_000);
});
