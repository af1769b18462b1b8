// A .docx as an office opens it: LibreOffice converts it to PDF, pdftotext reads the text back (-layout keeps table
// rows on one line). Each test process has its own LibreOffice profile, so parallel runs do not share one.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PROFILE_DIR = path.join(os.tmpdir(), `dondoc-libreoffice-${process.pid}`);
const PROFILE = `file://${PROFILE_DIR}`;

/** Removes this process's LibreOffice profile (call after the file's last conversion). */
export async function removeLibreOfficeProfile(): Promise<void> {
  await rm(PROFILE_DIR, { recursive: true, force: true });
}

/** The text of the document as LibreOffice lays it out, and its page count. */
export async function docxAsPdfText(docx: Uint8Array): Promise<{ text: string; pages: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-docx-'));
  try {
    const input = path.join(dir, 'draft.docx');
    await writeFile(input, docx);
    await run(
      'libreoffice',
      [`-env:UserInstallation=${PROFILE}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input],
      {
        timeout: 120_000,
      },
    );
    const pdf = path.join(dir, 'draft.pdf');
    await readFile(pdf);
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
    const { stdout: info } = await run('pdfinfo', [pdf]);
    return { text: stdout.normalize('NFC'), pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
