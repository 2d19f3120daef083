// `npm start`: builds the embedded suite (incremental tsc, quick after the first time) and runs it.
import { spawn, execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.stdout.write('Compilation de la suite…\n');
// The web application first (Vite, a second or two; skipped when its build is newer than its sources).
execFileSync(process.execPath, [join(root, 'tools', 'build-web.mjs'), '--if-stale'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  cwd: root,
});
execFileSync(process.execPath, [join(root, 'tools', 'build-app.mjs'), 'services/suite'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  cwd: root,
});
// Request logs stay available with LOG_LEVEL=info; by default the console shows the banner and what goes wrong.
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
const child = spawn(process.execPath, [join(root, 'dist', 'services', 'suite', 'main.js')], {
  stdio: 'inherit',
  cwd: root,
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
