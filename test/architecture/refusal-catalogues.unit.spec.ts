import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RefusalCatalogue } from '@cvl/refusal';
import { COMMITMENTS_REFUSALS } from '../../services/commitments/src/domain/refusals';
import { ITI_REFUSALS } from '../../services/iti-feder/src/domain/refusals';
import { RENEWAL_REFUSALS } from '../../services/renewal-urban/src/domain/refusals';

const ROOT = join(__dirname, '..', '..');
const CATALOGUES: Array<[string, RefusalCatalogue<string>]> = [
  ['commitments', COMMITMENTS_REFUSALS],
  ['renewal-urban', RENEWAL_REFUSALS],
  ['iti-feder', ITI_REFUSALS],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

// Each service refuses with the codes of its catalogue (the compiler holds the call sites to it); here: none is
// dead, each has a kind and a French title, and no decider goes around the catalogue with the bare `refuse`.
describe('the refusal catalogues', () => {
  it.each(CATALOGUES)('%s: every code is used, titled, and the only way its deciders refuse', (service, catalogue) => {
    const files = sources(join(ROOT, 'services', service, 'src'));
    const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    const unused = Object.keys(catalogue.entries).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
    for (const [code, entry] of Object.entries(catalogue.entries)) {
      expect({ code, kind: ['unknown', 'conflict', 'rule'].includes(entry.kind) }).toEqual({ code, kind: true });
      expect({ code, titled: /^[A-ZÉÈÀÂÎÔÛÇ«L]/.test(entry.title) && entry.title.length <= 60 }).toEqual({
        code,
        titled: true,
      });
    }
    const aroundTheCatalogue = files
      .filter((file) => /import \{[^}]*\brefuse\b[^}]*\} from '@cvl\/refusal'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(aroundTheCatalogue).toEqual([]);
  });

  it('a refusal carries its catalogue’s kind and title, and the excess it was given', () => {
    const refusal = COMMITMENTS_REFUSALS.refuse('envelope-exceeded', 'Enveloppe « Axe 3 » dépassée de 1,00 €', {
      field: 'amount',
      excessCents: 100n,
    });
    expect(refusal).toEqual({
      refused: true,
      code: 'envelope-exceeded',
      message: 'Enveloppe « Axe 3 » dépassée de 1,00 €',
      kind: 'rule',
      title: 'Enveloppe dépassée',
      field: 'amount',
      excessCents: 100n,
    });
    expect(COMMITMENTS_REFUSALS.refuse('unknown-condition', 'Condition inconnue : c', { kind: 'unknown' }).kind).toBe(
      'unknown',
    );
  });
});
