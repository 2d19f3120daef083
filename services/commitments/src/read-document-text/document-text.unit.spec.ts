import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findDataSet } from '../import-data-set/find-data-set';
import { DocumentText, MAX_CONTEXT_LINES } from './document-text';

describe('the document text beside its figures', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cvl-document-'));
  writeFileSync(join(folder, 'contrat-test.md'), ['un', 'deux', 'trois', 'quatre', 'cinq'].join('\n'));
  const text = new DocumentText(folder);

  it('gives the line asked for and its neighbours, 1-based as figures cite them', () => {
    expect(text.excerpt('contrat-test', 3, 1)).toEqual({
      document: 'contrat-test',
      line: 3,
      lineCount: 5,
      lines: [
        { line: 2, text: 'deux' },
        { line: 3, text: 'trois' },
        { line: 4, text: 'quatre' },
      ],
    });
  });

  it('stops at the document’s edges and bounds the context', () => {
    expect(text.excerpt('contrat-test', 1, 2)?.lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(text.excerpt('contrat-test', 5, 1000)?.lines).toHaveLength(Math.min(5, MAX_CONTEXT_LINES * 2 + 1));
  });

  it('knows no line outside the document, no unknown document, and no path in a name', () => {
    expect(text.excerpt('contrat-test', 6, 0)).toBeUndefined();
    expect(text.excerpt('contrat-test', 0, 0)).toBeUndefined();
    expect(text.excerpt('autre', 1, 0)).toBeUndefined();
    expect(text.excerpt('../contrat-test', 1, 0)).toBeUndefined();
  });

  it('reads the Lens-Liévin contract: line 5465 is the synthesis that states 259M€ and 94M€', () => {
    const contract = new DocumentText(join(findDataSet(), 'source'));
    const excerpt = contract.excerpt('contrat-de-ville-lens-lievin-2015-2020', 5465, 0);
    expect(excerpt?.lines[0].text).toMatch(/259\s*M€/);
    expect(excerpt?.lines[0].text).toMatch(/94\s*M€/);
  });
});
