// Resolves the workspace's own packages (@cvl/...) at run time, for code run outside Jest, from the `paths` of
// tsconfig.base.json (the one place they are declared):
//   - from TypeScript sources (tools/register-ts.js): @cvl/x -> <root>/<path>.ts
//   - from a tsc build (dist/<app>/...):            @cvl/x -> <dist app>/<path>.js
const Module = require('node:module');
const path = require('node:path');

function registerAliases(root, extension, paths) {
  const table = new Map(
    Object.entries(paths).map(([alias, [target]]) => [alias, path.join(root, target.replace(/\.ts$/, extension))]),
  );
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveWorkspaceAlias(request, parent, ...rest) {
    return resolve.call(this, table.get(request) ?? request, parent, ...rest);
  };
}

module.exports = { registerAliases };
