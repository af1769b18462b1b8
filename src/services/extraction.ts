// A plan document → a draft plan, as the chat, the CLI and the web console do it: read (OCR for scans when
// Tesseract is there), extracted against the database's units and levels, checked by the plan-file loader.
import type { PrismaClient } from '../db/database.js';
import { listLevels } from '../db/levels.js';
import { loadUnitEntries } from '../db/units.js';
import type { LocalDate } from '../domain/dates.js';
import { assertPlan, readDocument } from '../extract/document.js';
import { draftYaml } from '../extract/draft.js';
import { type ExtractResult, extractPlan } from '../extract/extract.js';
import type { OcrRunner } from '../extract/ocr.js';
import { type ExtractJson, extractJson } from '../extract/result-json.js';
import { PlanFileError, parsePlanText } from '../plans/load.js';

export interface DraftRequest {
  bytes: Uint8Array;
  /** The file's name as the user gave it (its extension helps tell formats apart). */
  name: string;
  /** Written into the draft as plan.sourceFile. */
  sourceFile?: string;
  /** The day used when the text states no date. */
  today: LocalDate;
  ocr?: OcrRunner;
}

export interface PlanDraft {
  result: ExtractResult;
  /** The documented JSON (dondoc-extract/2): the review screen's and scripts' view. */
  json: ExtractJson;
  /** The draft plan file with its CHECK comments. */
  yaml: string;
  /** What the loader says is still wrong with the draft (empty: it would import). */
  problems: string[];
}

/** Throws DocumentError (with a kind for the user's message) for a file that is not a readable plan. */
export async function draftPlan(prisma: PrismaClient, request: DraftRequest): Promise<PlanDraft> {
  const document = await readDocument(request.bytes, request.name, request.ocr ? { ocr: request.ocr } : {});
  const [knownUnits, knownLevels] = await Promise.all([loadUnitEntries(prisma), listLevels(prisma)]);
  const result = extractPlan(document, {
    knownUnits,
    knownLevels,
    sourceFile: request.sourceFile ?? request.name,
    fallbackDate: request.today,
  });
  assertPlan(result, request.name);
  const yaml = draftYaml(result, request.name);
  const problems = draftProblems(
    yaml,
    request.name,
    new Set(knownUnits.map((unit) => unit.code)),
    new Set(knownLevels.map((level) => level.key)),
  );
  return { result, yaml, problems, json: extractJson(result, { name: request.name, problems, knownLevels }) };
}

function draftProblems(yaml: string, name: string, units: Set<string>, levels: Set<string>): string[] {
  try {
    parsePlanText(yaml, name, units, levels);
    return [];
  } catch (error) {
    if (error instanceof PlanFileError)
      return error.issues.map((issue) => `${issue.line ? `line ${issue.line} ` : ''}${issue.message}`);
    throw error;
  }
}
