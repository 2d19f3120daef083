import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How many lines around the one asked for, at most: a paragraph, not the document. */
export const MAX_CONTEXT_LINES = 20;

export interface DocumentExcerpt {
  document: string;
  line: number;
  lineCount: number;
  lines: { line: number; text: string }[];
}

/**
 * The signed document's own text, line by line as its copy in the data set holds it (`source/<document>.md`, the
 * lines every figure cites): what an auditor reads beside a figure to see that it says what the ledger says.
 * Read once per document and kept (a contract is a few hundred kilobytes).
 */
export class DocumentText {
  private readonly cache = new Map<string, string[]>();
  constructor(private readonly sourceFolder: string) {}

  private linesOf(document: string): string[] | undefined {
    if (!/^[a-z0-9-]{1,120}$/.test(document)) return undefined;
    const cached = this.cache.get(document);
    if (cached) return cached;
    const file = join(this.sourceFolder, `${document}.md`);
    if (!existsSync(file)) return undefined;
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    this.cache.set(document, lines);
    return lines;
  }

  /** Lines `line − around` to `line + around` (1-based, as figures cite them); undefined: no such document or line. */
  excerpt(document: string, line: number, around: number): DocumentExcerpt | undefined {
    const lines = this.linesOf(document);
    if (!lines || line < 1 || line > lines.length) return undefined;
    const span = Math.min(Math.max(around, 0), MAX_CONTEXT_LINES);
    const from = Math.max(1, line - span);
    const to = Math.min(lines.length, line + span);
    const excerpt: DocumentExcerpt['lines'] = [];
    for (let at = from; at <= to; at++) excerpt.push({ line: at, text: lines[at - 1] });
    return { document, line, lineCount: lines.length, lines: excerpt };
  }
}
