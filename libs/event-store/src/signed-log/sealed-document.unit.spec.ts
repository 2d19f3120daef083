import type { DocumentSeals } from '../event-store.port';
import {
  decodeSeal,
  encodeSeal,
  fingerprintOf,
  sealDocument,
  sealInPdf,
  verifySealedDocument,
  type SealedDocument,
} from './sealed-document';
import { LogSigningKey, verifyDocumentSeal } from './tree-head';

const sealsOf = (key: LogSigningKey): DocumentSeals => ({
  seal: (purpose, digest) => key.sealDocument(purpose, digest),
  check: (purpose, digest, seal) => verifyDocumentSeal(purpose, digest, seal, key.publicKey),
  publicKey: { keyId: key.keyId, pem: key.publicKeyPem() },
});

describe('a sealed document (a funder’s statement) checked with no server', () => {
  const key = LogSigningKey.generate();
  const head = key.sign({
    log: 'cvl',
    sequence: 12,
    treeSize: 340,
    rootHash: 'ab'.repeat(32),
    signedAt: '2026-12-04T10:00:00.000Z',
    keyId: key.keyId,
  });
  const issue = (content = { funder: 'maisons-et-cites', totals: { conditional: '258750000.00' } }) =>
    sealDocument(sealsOf(key), {
      purpose: 'releve-financeur',
      reference: 'REL-20261204-0A1B2C3D',
      issuedAt: '2026-12-04T10:05:00.000Z',
      content,
      printed: ['Maisons et Cités Soginorpa', '258 750 000,00'],
      head,
    });
  const printedText = (doc: SealedDocument) =>
    `Relevé des engagements de Maisons et Cités Soginorpa\nConditionnel 258 750 000,00 €\nRéférence : ${doc.reference}\nEmpreinte : ${fingerprintOf(doc)}`;

  it('is conforming as issued: content, seal, head, trusted key and the printed text', () => {
    const doc = issue();
    const report = verifySealedDocument(decodeSeal(encodeSeal(doc)), {
      trustedKeyId: key.keyId,
      printedText: printedText(doc),
    });
    expect(report).toMatchObject({ ok: true, problems: [], trustedKey: 'confirmée', keyId: key.keyId });
    expect(report.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
  });

  it('names each alteration: a figure changed, its hash recomputed, a key swapped, a page re-typed', () => {
    const doc = issue();
    const edited = { ...doc, content: { funder: 'maisons-et-cites', totals: { conditional: '358750000.00' } } };
    expect(verifySealedDocument(edited).problems).toEqual([
      'le contenu ne donne pas l’empreinte scellée : contenu modifié après émission',
    ]);
    // Whoever recomputes the content's hash still cannot seal it without the key.
    const rehashed = { ...issue(edited.content), seal: doc.seal };
    expect(verifySealedDocument(rehashed).problems).toEqual([expect.stringContaining('sceau forgé')]);
    // Re-sealed end to end with another key: consistent alone, refused against the key the CALL publishes.
    const other = LogSigningKey.generate();
    const forged = sealDocument(sealsOf(other), { ...doc, head: other.sign({ ...head, keyId: other.keyId }) });
    expect(verifySealedDocument(forged).ok).toBe(true);
    expect(verifySealedDocument(forged, { trustedKeyId: key.keyId })).toMatchObject({
      ok: false,
      trustedKey: 'différente',
    });
    // The seal kept, the page's figure changed: the printed text no longer carries what was sealed.
    expect(
      verifySealedDocument(doc, { printedText: printedText(doc).replace('258 750 000,00', '358 750 000,00') }).problems,
    ).toEqual(['le texte imprimé ne porte pas « 258 750 000,00 » : page modifiée après émission']);
  });

  it('refuses what is not a sealed document, and finds the seal in a PDF’s info dictionary, direct or by object', () => {
    expect(verifySealedDocument({ format: 'autre' })).toMatchObject({ ok: false });
    expect(verifySealedDocument(null).ok).toBe(false);
    const payload = encodeSeal(issue());
    expect(sealInPdf(Buffer.from(`<< /CvlSceau (${payload}) >>`, 'latin1'))).toBe(payload);
    expect(sealInPdf(Buffer.from(`<< /CvlSceau 23 0 R >>\nendobj\n23 0 obj\n(${payload})\nendobj`, 'latin1'))).toBe(
      payload,
    );
    expect(sealInPdf(Buffer.from('%PDF-1.7 << /Title (x) >>', 'latin1'))).toBeUndefined();
  });
});
