// Runs TypeScript sources directly in Node (child processes of the fault tests, the cvl CLI in development):
// each .ts file is transpiled by TypeScript itself (transpileModule keeps decorator metadata, unlike esbuild).
// Type checking stays with `npm run build` / `npm run typecheck`.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { registerAliases } = require('./aliases');

const root = path.resolve(__dirname, '..');
registerAliases(
  root,
  '.ts',
  JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths,
);

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  inlineSourceMap: true,
  resolveJsonModule: true,
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
