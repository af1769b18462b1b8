// A plan document's text from its bytes: plain UTF-8 text, or a Word .docx (a zip with word/document.xml). Pure.
import { inflateRawSync } from 'node:zlib';

/** A document dondoc cannot read, with what to do instead. */
export class DocumentError extends Error {}

/** More text than any plan has: an archive that inflates beyond it is refused (a zip bomb). */
const MAX_TEXT_BYTES = 20 * 1024 * 1024;

export function documentText(bytes: Buffer, shown: string): string {
  if (bytes.subarray(0, 4).toString('binary') === 'PK\u0003\u0004') {
    let xml: Buffer | undefined;
    try {
      xml = readZipEntry(bytes, 'word/document.xml');
    } catch (error) {
      throw new DocumentError(
        `${shown} could not be unpacked (${(error as Error).message}): save the plan as plain text (UTF-8) and extract that`,
      );
    }
    if (!xml)
      throw new DocumentError(
        `${shown} is a zip file without word/document.xml: save the plan as plain text (UTF-8) and extract that`,
      );
    return docxText(xml.toString('utf8'));
  }
  if (/\.(?:doc|pdf)$/i.test(shown))
    throw new DocumentError(`${shown}: only .txt (UTF-8) and .docx are read; save the plan as plain text first`);
  return bytes.toString('utf8');
}

/** One entry of a zip archive (stored or deflated), found through the central directory. */
function readZipEntry(zip: Buffer, name: string): Buffer | undefined {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return undefined;
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let index = 0; index < count && offset + 46 <= zip.length; index += 1) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) return undefined;
    const method = zip.readUInt16LE(offset + 10);
    const compressed = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const entryName = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    if (entryName === name) {
      const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(dataStart, dataStart + compressed);
      return method === 0 ? data : inflateRawSync(data, { maxOutputLength: MAX_TEXT_BYTES });
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}

/** Paragraph text of a Word document: one line per <w:p>, tabs and breaks kept. */
export function docxText(xml: string): string {
  return xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
