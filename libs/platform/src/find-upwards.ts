import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A file or folder of the repository found from `from` upwards (sources and dist builds sit at different depths),
 * bounded to ten levels; undefined when none holds it.
 */
export function findUpwards(relative: string, from: string): string | undefined {
  for (let dir = from, depth = 0; depth < 10; dir = dirname(dir), depth++) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
  }
  return undefined;
}
