// Plan documents made in the tests: a .docx (a zip written here) with Word numbering, tables and merged cells; a
// PDF with a text layer (pdf-lib, DejaVu for Vietnamese); a scan (SVG text rendered to PNG by resvg). Synthetic
// plans in other provinces' style, so that the readers are tested on the forms, not on one file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32, deflateRawSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { svgToPng } from '../../../src/reporting/png.js';

const require = createRequire(import.meta.url);

/** A zip archive of the given entries (deflated unless `store`). */
export function zip(
  entries: { name: string; data: Buffer | string; store?: boolean; declaredSize?: number }[],
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const packed = entry.store ? data : deflateRawSync(data);
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(data);
    const size = entry.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export type DocxPart = { p: string; num?: { id: number; level: number }; bold?: boolean } | { table: DocxCell[][] };

export interface DocxCell {
  text: string | string[];
  span?: number;
  merge?: 'restart' | 'continue';
}

function paragraphXml(text: string, options: { num?: { id: number; level: number }; bold?: boolean } = {}): string {
  const numPr = options.num
    ? `<w:numPr><w:ilvl w:val="${options.num.level}"/><w:numId w:val="${options.num.id}"/></w:numPr>`
    : '';
  const runProperties = options.bold ? '<w:rPr><w:b/></w:rPr>' : '';
  return `<w:p><w:pPr>${numPr}</w:pPr><w:r>${runProperties}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
}

/** A Word document: body parts in order, with a numbering definition (I. / 1. / a) levels for numId 1). */
export function docx(parts: DocxPart[]): Buffer {
  const body = parts
    .map((part) => {
      if ('p' in part) return paragraphXml(part.p, part);
      const rows = part.table
        .map(
          (row) =>
            `<w:tr>${row
              .map((cell) => {
                const properties = `<w:tcPr>${cell.span ? `<w:gridSpan w:val="${cell.span}"/>` : ''}${
                  cell.merge === 'restart'
                    ? '<w:vMerge w:val="restart"/>'
                    : cell.merge === 'continue'
                      ? '<w:vMerge/>'
                      : ''
                }</w:tcPr>`;
                const texts = Array.isArray(cell.text) ? cell.text : [cell.text];
                return `<w:tc>${properties}${texts.map((text) => paragraphXml(text)).join('')}</w:tc>`;
              })
              .join('')}</w:tr>`,
        )
        .join('');
      return `<w:tbl><w:tblPr/>${rows}</w:tbl>`;
    })
    .join('');
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const level = (ilvl: number, format: string, text: string) =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/></w:lvl>`;
  const numbering = `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0">${level(0, 'upperRoman', '%1.')}${level(1, 'decimal', '%2.')}${level(2, 'lowerLetter', '%3)')}${level(3, 'bullet', '-')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
  return zip([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    { name: 'word/document.xml', data: document },
    { name: 'word/numbering.xml', data: numbering },
  ]);
}

/** A PDF whose pages hold the given lines (a text layer, as Word or LibreOffice export). */
export async function pdf(pages: string[][], options: { fontSize?: number } = {}): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  const font = await document.embedFont(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')), {
    subset: true,
  });
  const size = options.fontSize ?? 11;
  for (const lines of pages) {
    const page = document.addPage([595, 842]);
    let y = 800;
    for (const line of lines) {
      if (line === '') {
        y -= size * 1.6;
        continue;
      }
      // Two columns on one line (the heading block): "left    |    right".
      const [left, right] = line.split('    |    ');
      page.drawText(left ?? '', { x: 50, y, size, font });
      if (right) page.drawText(right, { x: 330, y, size, font });
      y -= size * 1.5;
      if (y < 40) break;
    }
  }
  return document.save();
}

/** A PDF of pages that are images only (a scan without a text layer). */
export async function scannedPdf(png: Uint8Array, pages = 1): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const image = await document.embedPng(png);
  for (let index = 0; index < pages; index += 1) {
    const page = document.addPage([595, 842]);
    const height = (595 * image.height) / image.width;
    page.drawImage(image, { x: 0, y: 842 - height, width: 595, height });
  }
  return document.save();
}

/** A page of text as a picture (black on white, large type): what a scanner or a phone camera gives. */
export function scanImage(lines: string[], options: { width?: number; fontSize?: number } = {}): Promise<Uint8Array> {
  const width = options.width ?? 1700;
  const size = options.fontSize ?? 34;
  const height = Math.max(400, lines.length * size * 1.7 + 160);
  const texts = lines
    .map(
      (line, index) =>
        `<text x="80" y="${100 + index * size * 1.7}" font-family="DejaVu Sans" font-size="${size}" fill="#000">${escapeXml(line)}</text>`,
    )
    .join('');
  return svgToPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${texts}</svg>`,
  );
}
