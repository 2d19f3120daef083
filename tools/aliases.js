// Resolves the workspace's own packages (@cvl/<lib>) at run time, for code run outside Jest:
//   - from TypeScript sources (tools/register-ts.js): @cvl/x -> <root>/libs/x/src/index.ts
//   - from a tsc build (dist/<app>/...):            @cvl/x -> <dist>/libs/x/src/index.js
const Module = require('node:module');
const path = require('node:path');

function registerAliases(root, extension) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveWorkspaceAlias(request, parent, ...rest) {
    const match = /^@cvl\/([a-z0-9-]+)$/.exec(request);
    const target = match ? path.join(root, 'libs', match[1], 'src', `index${extension}`) : request;
    return resolve.call(this, target, parent, ...rest);
  };
}

module.exports = { registerAliases };
