import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import type { DocumentSeals, JsonValue } from '../event-store.port';
import { keyIdOf, publicKeyFromPem, verifyDocumentSeal, verifyTreeHead, type SignedTreeHead } from './tree-head';

/**
 * A document the CALL issues (a funder's statement): its content, the signed head of the log its figures come from,
 * and a seal by the log's key over both. Embedded in the file (the PDF's info dictionary, the workbook's « À
 * propos »), it lets `cvl audit verify <fichier>` check, with no server, that the figures are those issued, from a
 * log whose head the key signed — and that the printed text carries them. docs/formats-des-financeurs.md (« Vérifier un document scellé ») says how.
 */
export const SEALED_DOCUMENT_FORMAT = 'cvl-document-scelle/1';

export interface SealedDocument {
  format: typeof SEALED_DOCUMENT_FORMAT;
  /** What the document is (« releve-financeur »): a seal for one purpose proves nothing for another. */
  purpose: string;
  reference: string;
  issuedAt: string;
  /** What the document says, as JSON (amounts as decimal strings). */
  content: JsonValue;
  /** sha256 of the content's canonical JSON, hex. */
  contentHash: string;
  /** Texts the printed document must carry (its reference, its totals as French readers read them). */
  printed: string[];
  /** The log's head when the document was issued: every figure comes from events it covers. */
  head: SignedTreeHead;
  publicKey: { keyId: string; pem: string };
  /** Ed25519 over the digest of everything above, under the purpose. */
  seal: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What the seal signs: the reference, the instant, the content's hash, what is printed and the head, canonically. */
function sealedDigest(document: Omit<SealedDocument, 'seal' | 'content' | 'publicKey'>): string {
  const { format, purpose, reference, issuedAt, contentHash, printed, head } = document;
  return sha256(
    canonicalJson({ format, purpose, reference, issuedAt, contentHash, printed, head } as unknown as JsonValue),
  );
}

/** « 3F9A 0C21 77DE 4B10 9A2C 55E1 0B7F 3D42 »: the first 128 bits of the sealed digest, as a reader compares them. */
export function fingerprintOf(document: SealedDocument): string {
  return sealedDigest(document)
    .slice(0, 32)
    .toUpperCase()
    .replace(/(.{4})(?!$)/g, '$1 ');
}

export function sealDocument(
  seals: DocumentSeals,
  fields: Pick<SealedDocument, 'purpose' | 'reference' | 'issuedAt' | 'content' | 'printed' | 'head'>,
): SealedDocument {
  const unsealed = {
    format: SEALED_DOCUMENT_FORMAT,
    ...fields,
    contentHash: sha256(canonicalJson(fields.content)),
    publicKey: seals.publicKey,
  } as const;
  return { ...unsealed, seal: seals.seal(fields.purpose, sealedDigest(unsealed)) };
}

/** The seal as it travels inside a file: base64 of its canonical JSON (ASCII, no escaping anywhere). */
export function encodeSeal(document: SealedDocument): string {
  return Buffer.from(canonicalJson(document as unknown as JsonValue), 'utf8').toString('base64');
}

export function decodeSeal(payload: string): unknown {
  return JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as unknown;
}

/**
 * The seal a PDF issued here carries in its info dictionary, if any: « /CvlSceau (…) », or « /CvlSceau 23 0 R » and
 * the object it names (pdfkit writes each entry as an object of its own). Base64 needs no PDF string escaping.
 */
export function sealInPdf(pdf: Buffer): string | undefined {
  const text = pdf.toString('latin1');
  const direct = /\/CvlSceau\s*\(([A-Za-z0-9+/=]+)\)/.exec(text)?.[1];
  if (direct) return direct;
  const object = /\/CvlSceau\s+(\d{1,9})\s+0\s+R/.exec(text)?.[1];
  if (!object) return undefined;
  return new RegExp(`(?:^|[\\r\\n])${object}\\s+0\\s+obj\\s*\\(([A-Za-z0-9+/=]+)\\)`).exec(text)?.[1];
}

export interface SealVerification {
  ok: boolean;
  problems: string[];
  keyId: string;
  trustedKey: 'confirmée' | 'non confirmée' | 'différente';
  document?: SealedDocument;
  fingerprint?: string;
}

/**
 * Checks a sealed document alone: its content hashes to what was sealed, the seal is the key's over it, the head is
 * the key's too, the key is the one the auditor trusts (when given), and `printedText` (the file's text, when read)
 * carries the reference, the fingerprint and every printed figure. Every problem is listed, not only the first.
 */
export function verifySealedDocument(
  input: unknown,
  options: { trustedKeyId?: string; printedText?: string } = {},
): SealVerification {
  const document = input as Partial<SealedDocument>;
  const refused = (problem: string): SealVerification => ({
    ok: false,
    problems: [problem],
    keyId: '',
    trustedKey: 'non confirmée',
  });
  if (typeof document !== 'object' || document === null || document.format !== SEALED_DOCUMENT_FORMAT)
    return refused(`format inconnu (attendu ${SEALED_DOCUMENT_FORMAT})`);
  if (
    typeof document.purpose !== 'string' ||
    typeof document.reference !== 'string' ||
    typeof document.issuedAt !== 'string' ||
    typeof document.contentHash !== 'string' ||
    typeof document.seal !== 'string' ||
    !Array.isArray(document.printed) ||
    !document.head ||
    !document.publicKey?.pem
  )
    return refused(
      'sceau incomplet : purpose, reference, issuedAt, content, contentHash, printed, head, publicKey et seal sont requis',
    );
  let publicKey;
  try {
    publicKey = publicKeyFromPem(document.publicKey.pem);
  } catch (error) {
    return refused(`clé publique illisible : ${(error as Error).message}`);
  }
  const sealed = document as SealedDocument;
  const keyId = keyIdOf(publicKey);
  const problems: string[] = [];
  if (sha256(canonicalJson(sealed.content)) !== sealed.contentHash)
    problems.push('le contenu ne donne pas l’empreinte scellée : contenu modifié après émission');
  let digest: string | undefined;
  try {
    digest = sealedDigest(sealed);
  } catch (error) {
    problems.push(`sceau illisible : ${(error as Error).message}`);
  }
  if (digest && !verifyDocumentSeal(sealed.purpose, digest, sealed.seal, publicKey))
    problems.push(`le sceau n’est pas celui de la clé ${keyId} sur ce document : document modifié ou sceau forgé`);
  if (!verifyTreeHead(sealed.head, publicKey))
    problems.push(`la tête n° ${sealed.head.sequence} du journal n’est pas signée par la clé ${keyId}`);
  const trustedKey =
    options.trustedKeyId === undefined ? 'non confirmée' : options.trustedKeyId === keyId ? 'confirmée' : 'différente';
  if (trustedKey === 'différente')
    problems.push(`le document est scellé par la clé ${keyId}, pas par la clé attendue ${options.trustedKeyId}`);
  const fingerprint = digest ? fingerprintOf(sealed) : undefined;
  if (options.printedText !== undefined) {
    // pdf.js may join or split a line where the page wraps it: compared with white space folded.
    const text = options.printedText.replace(/\s+/g, ' ');
    for (const expected of [sealed.reference, ...(fingerprint ? [fingerprint] : []), ...sealed.printed])
      if (!text.includes(expected.replace(/\s+/g, ' ')))
        problems.push(`le texte imprimé ne porte pas « ${expected} » : page modifiée après émission`);
  }
  return {
    ok: problems.length === 0,
    problems,
    keyId,
    trustedKey,
    document: sealed,
    ...(fingerprint ? { fingerprint } : {}),
  };
}
