// `dondoc plan extract <file>`: a draft plan file from the text of a Vietnamese implementation plan.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadUnitEntries } from '../../db/units.js';
import { localDateAt } from '../../domain/dates.js';
import { DocumentError, documentText } from '../../extract/document.js';
import { draftObject, draftYaml } from '../../extract/draft.js';
import { type ExtractResult, extractPlan } from '../../extract/extract.js';
import { PlanFileError, parsePlanText } from '../../plans/load.js';
import { CliError, type CliIO, type CliRuntime, printJson } from '../runtime.js';

export function registerExtractCommand(planCommand: Command, io: CliIO, runtime: CliRuntime): void {
  planCommand
    .command('extract')
    .description(
      'read the text of an implementation plan (.txt, UTF-8; or .docx) and write a draft plan file to review',
    )
    .argument('<file>', 'the plan text, e.g. plans/sources/tra-vinh-15-KH-TU-2012.txt')
    .option('--out <draft.yaml>', 'write the draft here (default: print it)')
    .option('--json', 'print { plan, duties, units, uncertain, summary } as JSON')
    .action(async (file: string, options: { out?: string; json?: boolean }) => {
      const absolute = path.resolve(io.cwd, file);
      const text = await readPlanText(absolute, file);
      const known = await runtime.withDatabase(({ prisma }) => loadUnitEntries(prisma));
      const sourceFile = options.out
        ? path.relative(path.dirname(path.resolve(io.cwd, options.out)), absolute)
        : path.basename(absolute);
      const result = extractPlan(text, {
        knownUnits: known,
        sourceFile: sourceFile.split(path.sep).join('/'),
        fallbackDate: localDateAt(runtime.now(), 'Asia/Ho_Chi_Minh'),
      });
      const yaml = draftYaml(result, file);
      const problems = validate(yaml, options.out ?? 'draft', new Set([...known.map((unit) => unit.code)]));
      if (options.out) await writeFile(path.resolve(io.cwd, options.out), yaml, 'utf8');
      if (options.json) {
        printJson(io, {
          plan: result.plan,
          duties: result.duties,
          units: result.units,
          uncertain: result.uncertain,
          summary: result.summary,
          draft: draftObject(result),
          problems,
        });
        return;
      }
      if (!options.out) io.stdout(yaml);
      const say = options.out ? io.stdout : io.stderr;
      say(describeExtraction(result, options.out, problems));
    });
}

function validate(yaml: string, name: string, known: Set<string>): string[] {
  try {
    parsePlanText(yaml, name, known);
    return [];
  } catch (error) {
    if (error instanceof PlanFileError)
      return error.issues.map((issue) => `${issue.line ? `line ${issue.line} ` : ''}${issue.message}`);
    throw error;
  }
}

export function describeExtraction(result: ExtractResult, out: string | undefined, problems: string[]): string {
  const s = result.summary;
  const lines = [
    `Plan ${result.plan.code} — ${result.plan.issuer}${result.plan.place ? `, ${result.plan.place}` : ''}, ${result.plan.issuedOn}`,
    `  found ${s.duties} duties in ${s.sections.length} sections, ${s.windows} windows (${s.datedWindows} dated in the text, ${s.deadlines} deadlines), ${s.recurring} recurring`,
    `  uncertain: ${s.uncertain} (marked "CHECK:" in the draft)`,
    `  new units: ${s.newUnits.length > 0 ? s.newUnits.join(', ') : 'none'}`,
    ...result.planUncertain.map((note) => `  CHECK: ${note}`),
    ...(problems.length > 0
      ? ['  the draft does not validate yet:', ...problems.map((problem) => `    ${problem}`)]
      : ['  the draft validates (dondoc plan import --dry-run to see what it would change)']),
  ];
  if (out) lines.push(`  draft written to ${out}`);
  return `${lines.join('\n')}\n`;
}

async function readPlanText(absolute: string, shown: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`Cannot read plan text ${shown}: ${code === 'ENOENT' ? 'no such file' : code}`);
  }
  try {
    return documentText(bytes, shown);
  } catch (error) {
    if (error instanceof DocumentError) throw new CliError(error.message);
    throw error;
  }
}
