// `npm run data:digest` rebuilds data/<contract>/source-digest.csv from the source document; `-- --check` only
// compares (exit 1 on any difference). The document is the project's seed when it is beside the clone, else the copy
// kept in the data set's source/ folder.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  digestDifferences,
  digestOf,
  readDigest,
  writeDigest,
} from '../../services/commitments/src/import-data-set/source-digest';

const ROOT = join(__dirname, '..', '..');
const NAME = 'contrat-de-ville-lens-lievin-2015-2020';
const DIGEST = join(ROOT, 'data', NAME, 'source-digest.csv');
const SEED = join(ROOT, '..', 'shared', 'seed', `${NAME}.md`);
const COPY = join(ROOT, 'data', NAME, 'source', `${NAME}.md`);

const document = existsSync(SEED) ? SEED : COPY;
if (!existsSync(document)) {
  process.stderr.write(`Document source introuvable (${SEED} ni ${COPY}) : rien à recalculer.\n`);
  process.exit(2);
}
const actual = digestOf(readFileSync(document, 'utf8'));
if (process.argv.includes('--check')) {
  const differences = existsSync(DIGEST)
    ? digestDifferences(readDigest(readFileSync(DIGEST, 'utf8')), actual)
    : ['empreinte absente'];
  for (const d of differences) process.stderr.write(`  ${d}\n`);
  process.stdout.write(
    differences.length === 0
      ? `Empreinte conforme au document (${document}) : ${actual.length} lignes qui énoncent des euros.\n`
      : `Empreinte différente du document : ${differences.length} ligne(s) — npm run data:digest pour la refaire, puis relisez figures.csv.\n`,
  );
  process.exit(differences.length === 0 ? 0 : 1);
}
writeFileSync(DIGEST, writeDigest(actual));
process.stdout.write(`${DIGEST} : ${actual.length} lignes qui énoncent des euros (document : ${document}).\n`);
