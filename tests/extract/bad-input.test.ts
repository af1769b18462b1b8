// Documents dondoc cannot read: each is refused with a DocumentError of its own kind (and a message in both
// locales), nothing is extracted, and memory stays bounded (sizes are checked before anything is inflated).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import {
  assertPlan,
  DocumentError,
  type DocumentErrorKind,
  documentErrorMessage,
  documentText,
  readDocument,
} from '../../src/extract/document.js';
import { extractPlan } from '../../src/extract/extract.js';
import type { OcrRunner } from '../../src/extract/ocr.js';
import { pdf, scanImage, scannedPdf, zip } from './support/documents.js';

const root = path.resolve(import.meta.dirname, '../..');

async function refusal(promise: Promise<unknown>): Promise<DocumentError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error('the document was read');
}

const noOcr: OcrRunner = {
  unavailable: async () => 'Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils)',
  recognise: async () => {
    throw new Error('not called');
  },
  rasterise: async () => {
    throw new Error('not called');
  },
};

describe('documents that are refused', () => {
  it('a 50 MB file: too large, refused before it is parsed', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
    const error = await refusal(readDocument(big, 'big.txt'));
    expect(error).toMatchObject({ name: 'DocumentError', kind: 'too-large', params: { name: 'big.txt', max: 20 } });
  });

  it('a zip bomb: a .docx whose text inflates far beyond any plan', async () => {
    const bomb = zip([{ name: 'word/document.xml', data: Buffer.alloc(300 * 1024 * 1024, 0x20), declaredSize: 1000 }]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const error = await refusal(readDocument(bomb, 'bomb.docx', { limits: { maxPartBytes: 16 * 1024 * 1024 } }));
    expect(error.kind).toBe('zip-bomb');
    expect(error.cause).toBeInstanceOf(Error);
    // Inflation stopped at the limit: memory did not grow by the 300 MB the archive holds.
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
  });

  it('a zip bomb that declares its size: refused from the directory, nothing inflated', async () => {
    const declared = zip([
      { name: 'word/document.xml', data: deflateRawSync(Buffer.alloc(10)), store: true, declaredSize: 4_000_000_000 },
    ]);
    expect((await refusal(readDocument(declared, 'declared.docx'))).kind).toBe('zip-bomb');
  });

  it('a corrupt .docx, and a zip that is not a Word document', async () => {
    const corrupt = Buffer.concat([Buffer.from('PK\u0003\u0004', 'binary'), Buffer.alloc(200, 7)]);
    expect((await refusal(readDocument(corrupt, 'broken.docx'))).kind).toBe('corrupt-docx');
    const other = zip([{ name: 'readme.txt', data: 'hello' }]);
    expect((await refusal(readDocument(other, 'other.docx'))).kind).toBe('corrupt-docx');
  });

  it('a corrupt PDF', async () => {
    const error = await refusal(readDocument(Buffer.from('%PDF-1.7\n1 0 obj garbage\n%%EOF'), 'broken.pdf'));
    expect(error).toMatchObject({ kind: 'corrupt-pdf', params: { name: 'broken.pdf' } });
  });

  it('a PDF without a text layer, OCR unavailable: says how to enable it', async () => {
    const scan = await scannedPdf(await scanImage(['KẾ HOẠCH']));
    const error = await refusal(readDocument(scan, 'scan.pdf', { ocr: noOcr }));
    expect(error.kind).toBe('no-text-layer');
    expect(error.message).toMatch(/tesseract-ocr-vie/);
    expect((await refusal(readDocument(scan, 'scan.pdf'))).kind).toBe('no-text-layer');
  });

  it('a photo without OCR', async () => {
    const error = await refusal(readDocument(await scanImage(['KẾ HOẠCH']), 'photo.png', { ocr: noOcr }));
    expect(error).toMatchObject({ kind: 'ocr-missing', params: { install: expect.stringContaining('tesseract') } });
  });

  it('an empty file, and one that holds only white space', async () => {
    expect((await refusal(readDocument(Buffer.alloc(0), 'empty.txt'))).kind).toBe('empty');
    expect((await refusal(readDocument(Buffer.from(' \n\t\n'), 'blank.txt'))).kind).toBe('empty');
    expect((await refusal(readDocument(await pdf([[]]), 'blank.pdf'))).kind).toBe('no-text-layer');
  });

  it('an old .doc, a spreadsheet, text in a legacy encoding', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect((await refusal(readDocument(ole, 'plan.doc'))).kind).toBe('unsupported-doc');
    expect((await refusal(readDocument(Buffer.from('a,b\n1,2\n'), 'sheet.xlsx'))).kind).toBe('unsupported-type');
    const tcvn3 = Buffer.from([0x4b, 0xd5, 0x20, 0x68, 0x6f, 0xb9, 0x63, 0x68, 0x20, 0xff, 0xfe, 0x80]);
    expect((await refusal(readDocument(tcvn3, 'tcvn3.txt'))).kind).toBe('not-utf8');
    expect(() => documentText(ole, 'plan.doc')).toThrow(DocumentError);
  });

  it('a text that is not a plan: nothing to import', async () => {
    const text =
      'Kính gửi anh chị,\n\nCuộc họp chiều nay dời sang thứ Năm. Mọi người nhớ mang máy tính.\n\nTrân trọng.';
    const result = extractPlan(await readDocument(Buffer.from(text), 'mail.txt'));
    expect(() => assertPlan(result, 'mail.txt')).toThrow(expect.objectContaining({ kind: 'not-a-plan' }));
  });

  it('every kind has a message in both locales, with the arguments it is given', () => {
    const kinds: DocumentErrorKind[] = [
      'too-large',
      'zip-bomb',
      'corrupt-docx',
      'corrupt-pdf',
      'encrypted-pdf',
      'no-text-layer',
      'ocr-missing',
      'ocr-failed',
      'empty',
      'not-a-plan',
      'unsupported-doc',
      'unsupported-type',
      'not-utf8',
      'unreadable',
    ];
    for (const language of ['vi', 'en']) {
      const resource = new FluentResource(readFileSync(path.join(root, 'locales', `${language}.ftl`), 'utf8'));
      const ids = new Set(resource.body.map((entry) => entry.id));
      for (const kind of kinds) {
        const message = documentErrorMessage(new DocumentError(kind, 'x', { name: 'a.pdf' }));
        expect(message).toEqual({ id: `document-error-${kind}`, args: { name: 'a.pdf' } });
        expect(ids.has(message.id), `${language}: ${message.id}`).toBe(true);
      }
    }
    // The one-argument form (the first chat handler's) carries its text as the message.
    expect(documentErrorMessage(new DocumentError('Tệp quá lớn'))).toEqual({
      id: 'document-error-unreadable',
      args: { message: 'Tệp quá lớn' },
    });
  });
});
