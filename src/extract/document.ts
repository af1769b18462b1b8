// A plan document's bytes → the document model: plain or web-copied text (UTF-8), Word .docx, PDF with a text
// layer, and scans (PDF or photo) through OCR when Tesseract is installed. Every refusal is a DocumentError with a
// machine-readable kind; sizes, pages and text length are bounded before work is done.
import { type DocxLimits, readDocx } from './docx.js';
import type { OcrRunner } from './ocr.js';
import { OCR_INSTALL } from './ocr.js';
import { looksScanned, PdfError, pdfDocument, pdfLines } from './pdf.js';
import type { SourceDocument } from './source.js';
import { readTextDocument } from './text-document.js';
import { ZipError } from './zip.js';

export type DocumentErrorKind =
  | 'too-large'
  | 'zip-bomb'
  | 'corrupt-docx'
  | 'corrupt-pdf'
  | 'encrypted-pdf'
  | 'no-text-layer'
  | 'ocr-missing'
  | 'ocr-failed'
  | 'empty'
  | 'not-a-plan'
  | 'unsupported-doc'
  | 'unsupported-type'
  | 'not-utf8'
  /** A message from a caller that names no kind (the first chat handler's). */
  | 'unreadable';

export type DocumentErrorParams = Record<string, string | number>;

/** A document dondoc cannot read, with what to do instead. */
export class DocumentError extends Error {
  readonly kind: DocumentErrorKind;
  readonly params: DocumentErrorParams;

  constructor(message: string);
  constructor(kind: DocumentErrorKind, message: string, params?: DocumentErrorParams, options?: { cause?: unknown });
  constructor(
    kindOrMessage: DocumentErrorKind | string,
    message?: string,
    params: DocumentErrorParams = {},
    options?: { cause?: unknown },
  ) {
    super(message ?? kindOrMessage, options);
    this.name = 'DocumentError';
    this.kind = message === undefined ? 'unreadable' : (kindOrMessage as DocumentErrorKind);
    this.params = message === undefined ? { message: kindOrMessage } : params;
  }
}

/** The Fluent message for an error (`document-error-<kind>` in locales/*.ftl) and its arguments. */
export function documentErrorMessage(error: DocumentError): { id: string; args: Record<string, string | number> } {
  return { id: `document-error-${error.kind}`, args: { ...error.params } };
}

export interface DocumentLimits {
  /** Largest file read at all. */
  maxBytes: number;
  /** Most bytes any part of a .docx may inflate to. */
  maxPartBytes: number;
  /** Longest normalised text (characters); longer texts are refused. */
  maxTextLength: number;
  /** PDF pages read. */
  maxPages: number;
  /** Pages of a scan recognised by OCR. */
  maxOcrPages: number;
}

export const DEFAULT_LIMITS: DocumentLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPartBytes: 40 * 1024 * 1024,
  maxTextLength: 2_000_000,
  maxPages: 300,
  maxOcrPages: 40,
};

export interface ReadDocumentOptions {
  limits?: Partial<DocumentLimits>;
  /** OCR for scans and photos; absent or undefined: scans are refused with how to enable OCR. */
  ocr?: OcrRunner;
}

type Sniffed = 'docx' | 'zip' | 'pdf' | 'doc' | 'image' | 'text';

function sniff(bytes: Uint8Array, name: string): Sniffed {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 4).toString('binary') === 'PK\u0003\u0004') return /\.docx$/i.test(name) ? 'docx' : 'zip';
  if (head.subarray(0, 5).toString('binary') === '%PDF-') return 'pdf';
  if (head.readUInt32BE(0) === 0xd0cf11e0) return 'doc';
  if (
    head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ||
    (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) ||
    head.subarray(0, 4).toString('binary') === 'II*\u0000' ||
    head.subarray(0, 4).toString('binary') === 'MM\u0000*'
  )
    return 'image';
  return 'text';
}

function limitsOf(options: ReadDocumentOptions): DocumentLimits {
  return { ...DEFAULT_LIMITS, ...options.limits };
}

function checkSize(size: number, shown: string, limits: DocumentLimits): void {
  if (size > limits.maxBytes)
    throw new DocumentError(
      'too-large',
      `${shown} is ${megabytes(size)} MB; at most ${megabytes(limits.maxBytes)} MB are read`,
      {
        name: shown,
        size: megabytes(size),
        max: megabytes(limits.maxBytes),
      },
    );
  if (size === 0) throw new DocumentError('empty', `${shown} is empty`, { name: shown });
}

function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/** Text of a file that must be UTF-8 (a BOM or UTF-16 with its BOM is accepted). */
function decodeText(bytes: Uint8Array, shown: string): string {
  const head = bytes.subarray(0, 2);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new DocumentError(
      'not-utf8',
      `${shown} is not UTF-8 text (an old Vietnamese encoding such as TCVN3 or VNI?): save it as UTF-8 and extract that`,
      { name: shown },
      { cause: error },
    );
  }
}

function checkText(document: SourceDocument, shown: string, limits: DocumentLimits): SourceDocument {
  if (document.text.length > limits.maxTextLength)
    throw new DocumentError(
      'too-large',
      `${shown} holds more text than any plan (${document.text.length} characters)`,
      {
        name: shown,
        size: megabytes(document.text.length),
        max: megabytes(limits.maxTextLength),
      },
    );
  if (document.text.replace(/[\s|*_-]+/g, '').length === 0)
    throw new DocumentError('empty', `${shown} holds no text`, { name: shown });
  return document;
}

/** The document model of a plan file, whatever its kind; refusals are DocumentErrors. */
export async function readDocument(
  bytes: Uint8Array,
  shown: string,
  options: ReadDocumentOptions = {},
): Promise<SourceDocument> {
  const limits = limitsOf(options);
  checkSize(bytes.length, shown, limits);
  const kind = sniff(bytes, shown);
  switch (kind) {
    case 'docx':
    case 'zip':
      return checkText(readWord(bytes, shown, limits), shown, limits);
    case 'pdf':
      return checkText(await readPdf(bytes, shown, limits, options.ocr), shown, limits);
    case 'image':
      return checkText(await readImage(bytes, shown, limits, options.ocr), shown, limits);
    case 'doc':
      throw new DocumentError(
        'unsupported-doc',
        `${shown} is an old Word document (.doc): open it in Word or LibreOffice, save it as .docx, and extract that`,
        { name: shown },
      );
    default:
      if (/\.(?:doc|xls|xlsx|ppt|pptx|odt|rtf|zip|rar|7z|exe)$/i.test(shown))
        throw new DocumentError('unsupported-type', unsupportedMessage(shown), { name: shown });
      if (bytes.subarray(0, 4096).includes(0))
        throw new DocumentError('unsupported-type', unsupportedMessage(shown), { name: shown });
      return checkText(readTextDocument(decodeText(bytes, shown)), shown, limits);
  }
}

function unsupportedMessage(shown: string): string {
  return `${shown}: dondoc reads .txt (UTF-8), .docx, .pdf and scans (.pdf, .png, .jpg); save the plan in one of these`;
}

function readWord(bytes: Uint8Array, shown: string, limits: DocumentLimits): SourceDocument {
  try {
    const docxLimits: DocxLimits = { maxPartBytes: Math.min(limits.maxPartBytes, limits.maxTextLength * 8) };
    return readDocx(bytes, docxLimits);
  } catch (error) {
    if (error instanceof ZipError && error.reason === 'too-large')
      throw new DocumentError(
        'zip-bomb',
        `${shown} unpacks to far more than any plan (${error.message}): refused`,
        { name: shown },
        { cause: error },
      );
    if (error instanceof ZipError || (error instanceof Error && error.name === 'DocxError'))
      throw new DocumentError(
        'corrupt-docx',
        `${shown} could not be unpacked as a Word document (${error.message}): save it again as .docx, or as plain text (UTF-8)`,
        { name: shown, reason: error.message },
        { cause: error },
      );
    throw error;
  }
}

async function readPdf(
  bytes: Uint8Array,
  shown: string,
  limits: DocumentLimits,
  ocr: OcrRunner | undefined,
): Promise<SourceDocument> {
  let text: Awaited<ReturnType<typeof pdfLines>>;
  try {
    text = await pdfLines(bytes, { maxPages: limits.maxPages });
  } catch (error) {
    if (error instanceof PdfError)
      throw new DocumentError(
        error.reason === 'encrypted' ? 'encrypted-pdf' : 'corrupt-pdf',
        `${shown}: ${error.message}`,
        { name: shown, reason: error.message },
        { cause: error },
      );
    throw error;
  }
  if (!looksScanned(text)) return pdfDocument(text);
  const missing = ocr ? await ocr.unavailable() : `OCR is not enabled (${OCR_INSTALL})`;
  if (missing || !ocr)
    throw new DocumentError(
      'no-text-layer',
      `${shown} has no text layer (a scan): ${missing ?? 'OCR is not enabled'}; or extract a text copy of the plan`,
      { name: shown, install: OCR_INSTALL },
    );
  const pages = await ocrCall(shown, () => ocr.rasterise(bytes, limits.maxOcrPages));
  const texts: string[] = [];
  for (const page of pages) texts.push(await ocrCall(shown, () => ocr.recognise(page)));
  const document = readTextDocument(texts.join('\n\n'));
  const notes = [
    `text recognised by OCR from ${pages.length} scanned page(s): check numbers, dates and diacritics`,
    ...(text.pageCount > limits.maxOcrPages
      ? [`only the first ${limits.maxOcrPages} of ${text.pageCount} pages were recognised`]
      : []),
  ];
  return { ...document, format: 'ocr', notes };
}

async function readImage(
  bytes: Uint8Array,
  shown: string,
  _limits: DocumentLimits,
  ocr: OcrRunner | undefined,
): Promise<SourceDocument> {
  const missing = ocr ? await ocr.unavailable() : `OCR is not enabled (${OCR_INSTALL})`;
  if (missing || !ocr)
    throw new DocumentError('ocr-missing', `${shown} is an image: reading it needs OCR. ${missing ?? ''}`.trim(), {
      name: shown,
      install: OCR_INSTALL,
    });
  const text = await ocrCall(shown, () => ocr.recognise(bytes));
  const document = readTextDocument(text);
  return { ...document, format: 'ocr', notes: ['text recognised by OCR: check numbers, dates and diacritics'] };
}

async function ocrCall<T>(shown: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new DocumentError(
      'ocr-failed',
      `${shown}: OCR failed (${(error as Error).message})`,
      { name: shown, reason: (error as Error).message },
      { cause: error },
    );
  }
}

/**
 * Text of a plain-text or .docx plan, synchronously (the chat's first document handler uses it). PDFs and scans
 * need `readDocument`. The .docx is rendered as the normalised text the extractor reads (tables as `|` rows).
 */
export function documentText(bytes: Buffer, shown: string): string {
  const limits = DEFAULT_LIMITS;
  checkSize(bytes.length, shown, limits);
  const kind = sniff(bytes, shown);
  if (kind === 'docx' || kind === 'zip') return checkText(readWord(bytes, shown, limits), shown, limits).text;
  if (kind === 'doc')
    throw new DocumentError('unsupported-doc', `${shown} is an old Word document (.doc): save it as .docx first`, {
      name: shown,
    });
  if (kind === 'pdf' || kind === 'image')
    throw new DocumentError('unsupported-type', `${shown}: PDFs and scans are read by readDocument (asynchronous)`, {
      name: shown,
    });
  return checkText(readTextDocument(decodeText(bytes, shown)), shown, limits).text;
}

/** Paragraph text of a Word document's XML: one line per <w:p>, tabs and breaks kept (a quick look, no numbering). */
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

/** Refuses a text that is not an implementation plan: no document type, no sections, nothing assigned. */
export function assertPlan(
  result: { duties: unknown[]; planUncertain: string[]; summary: { sections: string[] } },
  shown: string,
): void {
  const noHeading = result.planUncertain.some((note) => note.startsWith('title'));
  if (result.duties.length === 0 || (noHeading && result.summary.sections.length < 2 && result.duties.length < 3))
    throw new DocumentError(
      'not-a-plan',
      `${shown} does not read as an implementation plan (no "KẾ HOẠCH" heading, sections or assigned duties found)`,
      { name: shown },
    );
}
