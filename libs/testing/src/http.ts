/** What a binary parser needs of supertest's response: its data and end events. */
interface ByteStream {
  on(event: 'data' | 'end', listener: (chunk: Buffer) => void): unknown;
}

/** A supertest parser that keeps a binary answer (XLSX, PDF) as one Buffer: `.buffer(true).parse(binaryBody)`. */
export function binaryBody(res: ByteStream, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
