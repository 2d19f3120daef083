import { inflateRawSync } from 'node:zlib';

/**
 * An XLSX is a zip: a few kilobytes can inflate to gigabytes (a zip bomb took 1,4 GB in issue 12). Before the
 * spreadsheet library sees it, its central directory is read and every entry inflated here, each bounded by what is
 * left of the budget — declared sizes can lie, zlib's maxOutputLength cannot.
 */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
export const MAX_XLSX_ENTRIES = 500;

export class UnsafeArchiveError extends Error {
  constructor(detail: string) {
    super(`Classeur refusé : ${detail}`);
    this.name = 'UnsafeArchiveError';
  }
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

export function assertSafeXlsx(zip: Buffer, budget = MAX_XLSX_UNCOMPRESSED_BYTES): void {
  // The end-of-directory record is in the last 65 557 bytes (22 + a comment of at most 65 535).
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 65_557); at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new UnsafeArchiveError('ce n’est pas un fichier XLSX (archive zip illisible)');
  const entries = zip.readUInt16LE(end + 10);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (entries > MAX_XLSX_ENTRIES)
    throw new UnsafeArchiveError(`${entries} parties dans l’archive, au plus ${MAX_XLSX_ENTRIES}`);
  let left = budget;
  let at = directoryOffset;
  for (let index = 0; index < entries; index++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw new UnsafeArchiveError('répertoire de l’archive illisible');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const declared = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    if (declared > left)
      throw new UnsafeArchiveError(`contenu décompressé de plus de ${Math.floor(budget / 1024 / 1024)} Mo`);
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_HEADER)
      throw new UnsafeArchiveError('partie de l’archive illisible');
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressed);
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, left) }).length;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          throw new UnsafeArchiveError(`contenu décompressé de plus de ${Math.floor(budget / 1024 / 1024)} Mo`);
        }
        throw new UnsafeArchiveError('partie de l’archive illisible');
      }
    } else throw new UnsafeArchiveError(`méthode de compression ${method} non prise en charge`);
    left -= size;
    if (left < 0) throw new UnsafeArchiveError(`contenu décompressé de plus de ${Math.floor(budget / 1024 / 1024)} Mo`);
    at += 46 + nameLength + extraLength + commentLength;
  }
}
