// `dondoc plan extract <file>`: a draft plan file from a Vietnamese implementation plan (.txt, .docx, .pdf, a scan).

import { open, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { localDateAt } from '../../domain/dates.js';
import type { ExtractResult } from '../../extract/extract.js';
import { CliError, type CliIO, type CliRuntime, printJson } from '../runtime.js';

export function registerExtractCommand(planCommand: Command, io: CliIO, runtime: CliRuntime): void {
  planCommand
    .command('extract')
    .description(
      'read an implementation plan (.txt UTF-8, .docx, .pdf, or a scan with OCR) and write a draft plan file to review',
    )
    .argument('<file>', 'the plan, e.g. plans/sources/tra-vinh-15-KH-TU-2012.txt')
    .option('--out <draft.yaml>', 'write the draft here (default: print it)')
    .option('--json', 'print the extraction as JSON (format dondoc-extract/2, see docs/plan-extraction.md)')
    .option('--no-ocr', 'refuse scans instead of running Tesseract on them')
    .action(async (file: string, options: { out?: string; json?: boolean; ocr?: boolean }) => {
      const { DocumentError } = await import('../../extract/document.js');
      const { tesseractRunner } = await import('../../extract/ocr.js');
      const { draftPlan } = await import('../../services/extraction.js');
      const absolute = path.resolve(io.cwd, file);
      const bytes = await readPlanFile(absolute, file);
      const sourceFile = options.out
        ? path.relative(path.dirname(path.resolve(io.cwd, options.out)), absolute)
        : path.basename(absolute);
      const draft = await runtime
        .withDatabase(({ prisma }) =>
          draftPlan(prisma, {
            bytes,
            name: file,
            sourceFile: sourceFile.split(path.sep).join('/'),
            today: localDateAt(runtime.now(), runtime.config.defaultTimeZone),
            ...(options.ocr !== false ? { ocr: tesseractRunner() } : {}),
          }),
        )
        .catch((error: unknown) => {
          if (error instanceof DocumentError) throw new CliError(error.message, 1, { cause: error });
          throw error;
        });
      if (options.out) await writeFile(path.resolve(io.cwd, options.out), draft.yaml, 'utf8');
      if (options.json) {
        printJson(io, draft.json);
        return;
      }
      if (!options.out) io.stdout(draft.yaml);
      const say = options.out ? io.stdout : io.stderr;
      say(describeExtraction(draft.result, options.out, draft.problems));
    });
}

export function describeExtraction(result: ExtractResult, out: string | undefined, problems: string[]): string {
  const s = result.summary;
  const lines = [
    `Plan ${result.plan.code} — ${result.plan.issuer}${result.plan.place ? `, ${result.plan.place}` : ''}, ${result.plan.issuedOn}`,
    `  read as ${result.document.format}${result.document.notes.length > 0 ? ` (${result.document.notes.join('; ')})` : ''}`,
    `  found ${s.duties} duties (${s.tableDuties} from tables) in ${s.sections.length} sections, ${s.windows} windows (${s.datedWindows} dated in the text, ${s.deadlines} deadlines), ${s.recurring} recurring`,
    `  uncertain: ${s.uncertain} (marked "CHECK:" in the draft); ${s.withoutLead} duties name no lead unit`,
    `  new units: ${s.newUnits.length > 0 ? s.newUnits.join(', ') : 'none'}`,
    ...(result.levels.length > 0 ? [`  new levels: ${result.levels.map((level) => level.key).join(', ')}`] : []),
    ...result.planUncertain.map((note) => `  CHECK: ${note}`),
    ...(problems.length > 0
      ? ['  the draft does not validate yet:', ...problems.map((problem) => `    ${problem}`)]
      : ['  the draft validates (dondoc plan import --dry-run to see what it would change)']),
  ];
  if (out) lines.push(`  draft written to ${out}`);
  return `${lines.join('\n')}\n`;
}

/** Reads the file with its size checked first (a 50 MB file is refused before it is read). */
async function readPlanFile(absolute: string, shown: string): Promise<Uint8Array> {
  const { DEFAULT_LIMITS } = await import('../../extract/document.js');
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new CliError(`Cannot read plan ${shown}: not a file`);
    if (info.size > DEFAULT_LIMITS.maxBytes)
      throw new CliError(
        `${shown} is ${Math.round(info.size / 1024 / 1024)} MB; at most ${DEFAULT_LIMITS.maxBytes / 1024 / 1024} MB are read`,
      );
    const handle = await open(absolute, 'r');
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`Cannot read plan ${shown}: ${code === 'ENOENT' ? 'no such file' : code}`);
  }
}
