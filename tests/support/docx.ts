// Reading a .docx back in tests: word/document.xml, and its paragraphs as text (table cells are paragraphs too).
import { readZipEntry, zipEntries } from '../../src/extract/zip.js';

export function zipEntryText(docx: Uint8Array, name: string): string {
  const entry = zipEntries(docx).find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name} in the .docx`);
  return readZipEntry(docx, entry, 100 * 1024 * 1024).toString('utf8');
}

export function documentXml(docx: Uint8Array): string {
  return zipEntryText(docx, 'word/document.xml');
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Each <w:p>'s text, in document order. */
export function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) =>
    decode([...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  );
}

/** Each table row's cell texts: [table][row][cell]. */
export function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((table) =>
    [...table[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
      [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => paragraphs(cell[0]).join('\n')),
    ),
  );
}
