import { createHash } from 'node:crypto';

/** A line of the source document states money when it writes euros (« € », « euro », « euros »). */
export const STATES_MONEY = /€|euros?\b/;

export interface DigestLine {
  line: number;
  /** SHA-256 of the line as written (UTF-8, without its line break), hex. */
  sha256: string;
}

/** The digest of a document: each line that states money, its number and its hash — the text itself stays out. */
export function digestOf(document: string): DigestLine[] {
  return document
    .split('\n')
    .flatMap((text, index) =>
      STATES_MONEY.test(text) ? [{ line: index + 1, sha256: createHash('sha256').update(text).digest('hex') }] : [],
    );
}

export const DIGEST_HEADER = 'line;sha256';

export function writeDigest(lines: readonly DigestLine[]): string {
  return [DIGEST_HEADER, ...lines.map((l) => `${l.line};${l.sha256}`)].join('\n') + '\n';
}

export function readDigest(csv: string): DigestLine[] {
  const [header, ...rows] = csv.replace(/\r\n/g, '\n').trimEnd().split('\n');
  if (header !== DIGEST_HEADER) throw new Error(`empreinte du document : en-tête « ${DIGEST_HEADER} » attendu`);
  return rows.map((row, index) => {
    const [line, sha256] = row.split(';');
    if (!/^\d+$/.test(line ?? '') || !/^[0-9a-f]{64}$/.test(sha256 ?? ''))
      throw new Error(`empreinte du document, ligne ${index + 2} : « numéro;sha256 » attendu`);
    return { line: Number(line), sha256 };
  });
}

/** What differs between a digest kept and the document at hand: lines added, removed or rewritten. */
export function digestDifferences(kept: readonly DigestLine[], actual: readonly DigestLine[]): string[] {
  const before = new Map(kept.map((l) => [l.line, l.sha256]));
  const now = new Map(actual.map((l) => [l.line, l.sha256]));
  const lines = [...new Set([...before.keys(), ...now.keys()])].sort((a, b) => a - b);
  return lines.flatMap((line) => {
    const a = before.get(line);
    const b = now.get(line);
    if (a === b) return [];
    if (a === undefined) return [`l. ${line} : nouvelle ligne qui énonce des euros`];
    if (b === undefined) return [`l. ${line} : n’énonce plus d’euros (ou a disparu)`];
    return [`l. ${line} : réécrite depuis l’empreinte`];
  });
}
