// Builds the web application (services/web) with Vite into dist/services/web, then copies the design system's
// stylesheets, fonts and icons beside it (dsfr/), so that the folder is complete for any static server (distributed
// mode). The suite serves the same files at /dsfr from the package in embedded mode.
//   node tools/build-web.mjs [--if-stale]   (--if-stale: nothing to do when the build is newer than its sources)
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const project = join(root, 'services', 'web');
const out = join(root, 'dist', 'services', 'web');

/** The newest modification time under these paths (bounded walk: the web sources are a few dozen files). */
function newest(paths, depth = 0) {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory() && depth < 8)
      latest = Math.max(
        latest,
        newest(
          readdirSync(path).map((entry) => join(path, entry)),
          depth + 1,
        ),
      );
    else latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}

const sources = [project, join(root, 'libs', 'money', 'src'), join(root, 'package-lock.json')];
if (process.argv.includes('--if-stale') && existsSync(join(out, 'index.html'))) {
  if (statSync(join(out, 'index.html')).mtimeMs >= newest(sources)) process.exit(0);
}
const started = Date.now();
const { build } = await import('vite');
await build({ configFile: join(project, 'vite.config.mts'), logLevel: 'warn' });
const require = createRequire(import.meta.url);
const dsfr = join(dirname(require.resolve('@codegouvfr/react-dsfr/package.json')), 'dsfr');
mkdirSync(join(out, 'dsfr', 'utility'), { recursive: true });
cpSync(join(dsfr, 'dsfr.min.css'), join(out, 'dsfr', 'dsfr.min.css'));
cpSync(join(dsfr, 'fonts'), join(out, 'dsfr', 'fonts'), { recursive: true });
cpSync(join(dsfr, 'icons'), join(out, 'dsfr', 'icons'), { recursive: true });
cpSync(join(dsfr, 'utility', 'icons'), join(out, 'dsfr', 'utility', 'icons'), { recursive: true });
console.log(`application web construite -> dist/services/web (${((Date.now() - started) / 1000).toFixed(1)} s)`);
