// Extracting a plan document (bytes as uploaded or sent in chat) into `dondoc plan extract --json` (format
// dondoc-extract/2), against the database's units and levels, as the CLI does it: read, extract, check it reads as
// a plan, validate the draft with the loader. Refusals are DocumentErrors (with a Fluent message id).
import type { PrismaClient } from '../db/database.js';
import { listLevels } from '../db/levels.js';
import { loadUnitEntries } from '../db/units.js';
import { localDateAt } from '../domain/dates.js';
import type { LevelDefinition } from '../domain/levels.js';
import { assertPlan, readDocument } from '../extract/document.js';
import { extractPlan } from '../extract/extract.js';
import type { OcrRunner } from '../extract/ocr.js';
import { type ExtractJson, extractJson } from '../extract/result-json.js';
import { PlanFileError, parsePlanText } from '../plans/load.js';

export async function extractPlanDocument(
  prisma: PrismaClient,
  input: { bytes: Uint8Array; name: string; now: Date; timeZone?: string; ocr?: OcrRunner },
): Promise<ExtractJson> {
  const document = await readDocument(input.bytes, input.name, input.ocr ? { ocr: input.ocr } : {});
  const [known, levels] = await Promise.all([
    loadUnitEntries(prisma),
    listLevels(prisma).catch((): LevelDefinition[] => []),
  ]);
  const result = extractPlan(document, {
    knownUnits: known,
    knownLevels: levels,
    sourceFile: input.name,
    fallbackDate: localDateAt(input.now, input.timeZone ?? 'Asia/Ho_Chi_Minh'),
  });
  assertPlan(result, input.name);
  const json = extractJson(result, { name: input.name, problems: [], knownLevels: levels });
  let problems: string[] = [];
  try {
    parsePlanText(
      JSON.stringify(json.draft),
      input.name,
      new Set(known.map((unit) => unit.code)),
      levels.length > 0 ? new Set(levels.map((level) => level.key)) : undefined,
    );
  } catch (error) {
    if (!(error instanceof PlanFileError)) throw error;
    problems = error.issues.map((issue) => issue.message);
  }
  return { ...json, problems };
}
