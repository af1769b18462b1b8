// Uploaded files, checked before anything reads them: present, within the size limit (the body limit has already
// cut anything far larger), and of an accepted type by both their name and their first bytes.
import type { Context } from 'hono';

export type UploadKind = 'txt' | 'csv' | 'docx' | 'xlsx' | 'pdf';

export type Upload =
  | { name: string; kind: UploadKind; bytes: Uint8Array }
  | { refused: 'missing' | 'too-large' | 'wrong-type'; args: Record<string, string | number> };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** Whether the bytes are what their extension says: zip for Office files, %PDF- for PDF, UTF-8 text otherwise. */
export function contentMatches(kind: UploadKind, bytes: Uint8Array): boolean {
  if (kind === 'docx' || kind === 'xlsx') return startsWith(bytes, ZIP);
  if (kind === 'pdf') return startsWith(bytes, PDF);
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export async function uploadedFile(c: Context, maxBytes: number, accepted: readonly UploadKind[]): Promise<Upload> {
  const body = await c.req.parseBody({ all: true });
  const value = Array.isArray(body.file) ? body.file[0] : body.file;
  if (!(value instanceof File) || value.size === 0) return { refused: 'missing', args: {} };
  const name = value.name.replace(/[\\/]/g, '_').slice(-200) || 'upload';
  const max = Math.round(maxBytes / 1024 / 1024);
  if (value.size > maxBytes) return { refused: 'too-large', args: { max } };
  const extension = name.toLowerCase().split('.').pop() ?? '';
  const kind = accepted.find((candidate) => candidate === extension);
  const types = accepted.map((candidate) => `.${candidate}`).join(', ');
  if (!kind) return { refused: 'wrong-type', args: { name, types } };
  const bytes = new Uint8Array(await value.arrayBuffer());
  if (!contentMatches(kind, bytes)) return { refused: 'wrong-type', args: { name, types } };
  return { name, kind, bytes };
}
