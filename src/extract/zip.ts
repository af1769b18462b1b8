// Entries of a zip archive (a .docx) read with bounded memory: sizes are checked from the central directory before
// anything is inflated, and inflation stops at the limit, so a zip bomb costs nothing.
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {
  constructor(
    message: string,
    readonly reason: 'corrupt' | 'too-large',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** The archive's table of contents, from its central directory. */
export function zipEntries(zip: Uint8Array): ZipEntry[] {
  const buffer = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end record is within the last 64 KiB + 22 bytes (its comment is at most 65,535 bytes).
  let end = -1;
  for (let offset = buffer.length - 22; offset >= Math.max(0, buffer.length - 65_557); offset -= 1) {
    if (buffer.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new ZipError('no end of central directory: not a complete zip file', 'corrupt');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL_FILE_HEADER)
      throw new ZipError(`central directory entry ${index + 1} is damaged`, 'corrupt');
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    entries.push({
      name: buffer.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'),
      method: buffer.readUInt16LE(offset + 10),
      compressedSize: buffer.readUInt32LE(offset + 20),
      size: buffer.readUInt32LE(offset + 24),
      localOffset: buffer.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * One entry's bytes, at most `maxBytes` once inflated. The declared size is checked first (and the ratio, since a
 * declared size can lie); inflation is capped at the limit whatever the header says.
 */
export function readZipEntry(zip: Uint8Array, entry: ZipEntry, maxBytes: number): Buffer {
  const buffer = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  if (entry.size > maxBytes)
    throw new ZipError(`${entry.name} would inflate to ${entry.size} bytes (limit ${maxBytes})`, 'too-large');
  const local = entry.localOffset;
  if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== LOCAL_FILE_HEADER)
    throw new ZipError(`${entry.name}: local header missing`, 'corrupt');
  const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
  const data = buffer.subarray(dataStart, dataStart + entry.compressedSize);
  if (data.length < entry.compressedSize) throw new ZipError(`${entry.name}: truncated`, 'corrupt');
  if (entry.method === 0) return data;
  if (entry.method !== 8)
    throw new ZipError(`${entry.name}: compression method ${entry.method} not supported`, 'corrupt');
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new ZipError(`${entry.name} inflates beyond ${maxBytes} bytes`, 'too-large', { cause: error });
    throw new ZipError(`${entry.name} cannot be inflated: ${(error as Error).message}`, 'corrupt', { cause: error });
  }
}
