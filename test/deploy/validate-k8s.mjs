// Validates Kubernetes objects against their published schemas: the built-in kinds with kubernetes-models, the
// operators' kinds (Strimzi, CloudNativePG) with their @kubernetes-models packages. Reads a YAML stream on standard
// input; prints one JSON line per object: { kind, name, problem? }. A kind no package knows is a problem, not a skip.
// (A script of its own: these packages are ES modules only, which Jest's CommonJS transform cannot import.)
import { readFileSync } from 'node:fs';
import { loadAll } from 'js-yaml';

const CUSTOM = {
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
  'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg',
};

async function modelOf(apiVersion, kind) {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const pkg = CUSTOM[group] ?? 'kubernetes-models';
  try {
    const module = await import(`${pkg}/${apiVersion}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

const objects = loadAll(readFileSync(0, 'utf8')).filter(Boolean);
for (const object of objects) {
  const { apiVersion, kind, metadata } = object;
  const line = { apiVersion, kind, name: metadata?.name };
  const Model = await modelOf(apiVersion, kind);
  if (!Model) line.problem = `aucun schéma connu pour ${apiVersion} ${kind}`;
  else
    try {
      new Model(object).validate();
    } catch (error) {
      line.problem = String(error.message ?? error).slice(0, 2000);
    }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
