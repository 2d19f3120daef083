import { join } from 'node:path';
import { findUpwards } from '@cvl/platform';

export const CONTRACT_DATA_SET = join('data', 'contrat-de-ville-lens-lievin-2015-2020');

/** The contract's data folder: CVL_DATA_SET, else found from here upwards (sources and dist builds differ in depth). */
export function findDataSet(relative = CONTRACT_DATA_SET, from = __dirname): string {
  if (process.env.CVL_DATA_SET) return process.env.CVL_DATA_SET;
  const found = findUpwards(relative, from);
  if (!found) throw new Error(`jeu de données introuvable : ${relative} (définissez CVL_DATA_SET)`);
  return found;
}
