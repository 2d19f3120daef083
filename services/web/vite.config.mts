import { fileURLToPath } from 'node:url';
import { createLogger, defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repository = fileURLToPath(new URL('../..', import.meta.url));

// The design system's stylesheets are served at /dsfr (by the suite, or copied beside the build): Vite need not find
// them at build time, and need not say so at every build.
const logger = createLogger('warn');
for (const level of ['warn', 'warnOnce', 'info'] as const) {
  const original = logger[level];
  logger[level] = (message, options) => {
    if (message.includes('/dsfr/') && message.includes("doesn't exist at build time")) return;
    original(message, options);
  };
}

// The web application: a static build (dist/services/web) that the suite serves at `/`, or any static server in
// distributed mode. Money is formatted by the ledger's own library (@cvl/money), never re-implemented here; the roles'
// names come from the public contract (@cvl/contracts).
export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  resolve: {
    alias: {
      '@cvl/money': `${repository}libs/money/src/index.ts`,
      '@cvl/contracts': `${repository}libs/contracts/src/index.ts`,
    },
  },
  build: {
    outDir: `${repository}dist/services/web`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    rollupOptions: {
      // react-dsfr marks its modules « use client » (for Next.js): meaningless in a single-page build.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
  customLogger: logger,
});
