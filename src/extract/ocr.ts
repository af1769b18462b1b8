// Optical character recognition of scans and photos with Tesseract (Vietnamese data), and pages of scanned PDFs
// rasterised by Poppler's pdftoppm. The only part of extraction that runs programs: the runner is injected, so
// callers and tests choose it, and nothing runs at import time.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface OcrRunner {
  /** Why OCR cannot run here (missing program or language data), or undefined when it can. */
  unavailable(): Promise<string | undefined>;
  /** The text of one image (PNG, JPEG, TIFF). */
  recognise(image: Uint8Array): Promise<string>;
  /** Page images of a scanned PDF, at most `maxPages`. */
  rasterise(pdf: Uint8Array, maxPages: number): Promise<Uint8Array[]>;
}

export class OcrError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OcrError';
  }
}

export interface TesseractOptions {
  tesseract?: string;
  pdftoppm?: string;
  language?: string;
  /** Per image or PDF, milliseconds. */
  timeoutMs?: number;
}

/** What to install when OCR is missing (Debian packages). */
export const OCR_INSTALL = 'apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils';

function run(file: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stderr }));
        else resolve({ stdout, stderr });
      },
    );
  });
}

/** Tesseract and pdftoppm as installed on the machine (found on PATH unless given). */
export function tesseractRunner(options: TesseractOptions = {}): OcrRunner {
  const tesseract = options.tesseract ?? 'tesseract';
  const pdftoppm = options.pdftoppm ?? 'pdftoppm';
  const language = options.language ?? 'vie';
  const timeoutMs = options.timeoutMs ?? 120_000;
  let checked: Promise<string | undefined> | undefined;
  const withDir = async <T>(use: (dir: string) => Promise<T>): Promise<T> => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-ocr-'));
    try {
      return await use(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  return {
    unavailable() {
      checked ??= run(tesseract, ['--list-langs'], 10_000).then(
        ({ stdout, stderr }) =>
          `${stdout}\n${stderr}`.split(/\s+/).includes(language)
            ? undefined
            : `Tesseract has no "${language}" language data (install tesseract-ocr-${language})`,
        (error: NodeJS.ErrnoException) =>
          error.code === 'ENOENT'
            ? `Tesseract is not installed (${OCR_INSTALL})`
            : `Tesseract does not run: ${error.message}`,
      );
      return checked;
    },
    recognise(image) {
      return withDir(async (dir) => {
        const input = path.join(dir, 'page');
        await writeFile(input, image);
        try {
          const { stdout } = await run(tesseract, [input, 'stdout', '-l', language, '--psm', '4'], timeoutMs);
          return stdout;
        } catch (error) {
          throw new OcrError(`Tesseract failed: ${(error as Error).message}`, { cause: error });
        }
      });
    },
    rasterise(pdf, maxPages) {
      return withDir(async (dir) => {
        const input = path.join(dir, 'scan.pdf');
        await writeFile(input, pdf);
        try {
          await run(
            pdftoppm,
            ['-r', '300', '-gray', '-png', '-f', '1', '-l', String(maxPages), input, path.join(dir, 'p')],
            timeoutMs,
          );
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          throw new OcrError(
            code === 'ENOENT'
              ? `pdftoppm is not installed (${OCR_INSTALL})`
              : `pdftoppm failed: ${(error as Error).message}`,
            { cause: error },
          );
        }
        const files = (await readdir(dir))
          .filter((file) => /^p-\d+\.png$/.test(file))
          .sort((a, b) => pageOf(a) - pageOf(b));
        return Promise.all(files.map((file) => readFile(path.join(dir, file))));
      });
    },
  };
}

function pageOf(file: string): number {
  return Number(/(\d+)\.png$/.exec(file)?.[1] ?? 0);
}
