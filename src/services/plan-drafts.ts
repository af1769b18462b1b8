// Plan drafts under review, stored server-side (PlanDraft), so a reload or another admin sees the same table: created
// from an extraction, edited field by field or per duty, validated by the same loader as `dondoc plan import` (with
// the database's units and levels) with every problem mapped to its field, imported with the CLI's dry-run diff first.
import type { Actor } from '../db/audit.js';
import type { PrismaClient } from '../db/database.js';
import { knownLevelKeys } from '../db/levels.js';
import { type ImportSummary, knownUnitCodes } from '../db/plans.js';
import { createPlanDraft, getPlanDraft, markPlanDraftImported, type PlanDraftRow, savePlanDraft } from '../db/web.js';
import { parseLocalDate } from '../domain/dates.js';
import { PLAN_FORMAT } from '../plans/format.js';
import { PlanFileError, parsePlanText } from '../plans/load.js';
import {
  REVIEW_FORMAT,
  type ReviewDraft,
  type ReviewDuty,
  type ReviewWindow,
  reviewFromExtraction,
} from './plan-review-mapping.js';
import { importPlanText } from './plans.js';

export type { ExtractJson } from '../extract/result-json.js';
export type { ReviewDraft, ReviewDuty, ReviewWindow };

export interface StoredDraft {
  id: number;
  name: string;
  review: ReviewDraft;
  sourceText: string | null;
  row: PlanDraftRow;
}

export function isReviewDraft(value: unknown): value is ReviewDraft {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === REVIEW_FORMAT;
}

export async function createDraftFromExtraction(
  prisma: PrismaClient,
  input: { name: string; extraction: Parameters<typeof reviewFromExtraction>[0]; actor: Actor },
): Promise<number> {
  const review = reviewFromExtraction(input.extraction);
  return createPlanDraft(prisma, {
    name: input.name,
    content: review,
    sourceText: input.extraction.source.text ?? null,
    actor: input.actor,
  });
}

export async function loadDraft(prisma: PrismaClient, id: number): Promise<StoredDraft | undefined> {
  const row = await getPlanDraft(prisma, id);
  if (!row || !isReviewDraft(row.content)) return undefined;
  return { id: row.id, name: row.name, review: row.content, sourceText: row.sourceText, row };
}

// ------------------------------------------------------------------------------------------------ the plan file

/** The plan-file object of a review table: what the loader validates and the importer writes. */
export function planFileOf(review: ReviewDraft): Record<string, unknown> {
  const plan = Object.fromEntries(
    Object.entries(review.plan).filter(([, value]) => value !== undefined && value !== ''),
  );
  return {
    format: PLAN_FORMAT,
    plan,
    ...(review.levels.length ? { levels: review.levels } : {}),
    ...(review.units.length ? { units: review.units } : {}),
    duties: review.duties.map((duty) => ({
      key: duty.key,
      ref: duty.ref,
      title: duty.title,
      source: duty.source,
      ...(duty.summary ? { summary: duty.summary } : {}),
      ...(duty.aliases?.length ? { aliases: duty.aliases } : {}),
      lead: duty.lead,
      ...(duty.support.length ? { support: duty.support } : {}),
      ...(duty.windows.length
        ? {
            schedule: duty.windows.map((window) => ({
              ...(window.start === window.end && !window.repeat
                ? { on: window.start }
                : { start: window.start, end: window.end }),
              ...(window.label ? { label: window.label } : {}),
              ...(window.repeat ? { repeat: window.repeat } : {}),
            })),
          }
        : {}),
    })),
  };
}

/** Where a problem shows: a duty's field, a plan field, the units list, or the draft as a whole. */
export type IssueTarget =
  | { on: 'duty'; dutyId: string; field: DutyField }
  | { on: 'plan'; field: string }
  | { on: 'units'; index: number }
  | { on: 'draft' };

export type DutyField = 'key' | 'ref' | 'title' | 'source' | 'lead' | 'support' | 'windows';

export interface ReviewIssue {
  target: IssueTarget;
  message: string;
  /** The loader's path, as the CLI names it (duties[3].lead[0]). */
  path: string;
}

const DUTY_FIELDS: Record<string, DutyField> = {
  key: 'key',
  ref: 'ref',
  title: 'title',
  source: 'source',
  lead: 'lead',
  support: 'support',
  schedule: 'windows',
};

function targetOf(review: ReviewDraft, path: (string | number)[]): IssueTarget {
  const [top, index, field] = path;
  if (top === 'duties' && typeof index === 'number') {
    const duty = review.duties[index];
    if (duty) return { on: 'duty', dutyId: duty.id, field: DUTY_FIELDS[String(field)] ?? 'title' };
  }
  if (top === 'plan' && typeof index === 'string') return { on: 'plan', field: index };
  if (top === 'units' && typeof index === 'number') return { on: 'units', index };
  return { on: 'draft' };
}

/** Runs the table through the loader `dondoc plan import` uses; every problem mapped to the field it is about. */
export async function validateReview(
  prisma: PrismaClient,
  review: ReviewDraft,
): Promise<{ issues: ReviewIssue[]; text: string }> {
  const [units, levels] = await Promise.all([knownUnitCodes(prisma), knownLevelKeys(prisma)]);
  const text = JSON.stringify(planFileOf(review), null, 2);
  try {
    parsePlanText(text, 'draft', units, levels);
    return { issues: [], text };
  } catch (error) {
    if (!(error instanceof PlanFileError)) throw error;
    return {
      text,
      issues: error.issues.map((issue) => ({
        target: targetOf(review, issue.path),
        message: issue.message,
        path: issue.path
          .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
          .join(''),
      })),
    };
  }
}

export type DraftImport =
  | { kind: 'invalid'; issues: ReviewIssue[] }
  | { kind: 'gone' }
  | { kind: 'done'; summary: ImportSummary; dryRun: boolean };

/** The CLI's import on the draft: a dry run first (the diff), then for real on confirmation; audited as plan.import. */
export async function importDraft(
  prisma: PrismaClient,
  input: { id: number; dryRun: boolean; actor: Actor; now: Date },
): Promise<DraftImport> {
  const draft = await loadDraft(prisma, input.id);
  if (!draft || draft.row.importedAt) return { kind: 'gone' };
  const { issues, text } = await validateReview(prisma, draft.review);
  if (issues.length) return { kind: 'invalid', issues };
  const summary = await importPlanText(prisma, {
    text,
    fileName: draft.name,
    ...(draft.sourceText ? { readSource: async () => draft.sourceText ?? '' } : {}),
    now: input.now,
    actor:
      input.actor.officialId !== undefined
        ? { officialId: input.actor.officialId, label: input.actor.label }
        : { label: input.actor.label },
    dryRun: input.dryRun,
  });
  if (!input.dryRun) await markPlanDraftImported(prisma, { id: input.id, planCode: summary.planCode, now: input.now });
  return { kind: 'done', summary, dryRun: input.dryRun };
}

// ------------------------------------------------------------------------------------------------ editing

/** Windows as people type them, one a line: `2012-07-01..2012-08-31 every 6 months until 2015-12-31 — label`. */
export function formatWindows(windows: readonly ReviewWindow[]): string {
  return windows
    .map((window) => {
      let line = window.start === window.end ? window.start : `${window.start}..${window.end}`;
      if (window.repeat) {
        line += ` every ${window.repeat.every}`;
        if (window.repeat.until) line += ` until ${window.repeat.until}`;
        if (window.repeat.count) line += ` count ${window.repeat.count}`;
      }
      if (window.label) line += ` — ${window.label}`;
      return line;
    })
    .join('\n');
}

const WINDOW_LINE =
  /^(\d{4}-\d{2}-\d{2})(?:\s*\.\.\s*(\d{4}-\d{2}-\d{2}))?(?:\s+every\s+(\d{1,3}\s*(?:months?|years?)))?(?:\s+until\s+(\d{4}-\d{2}-\d{2}))?(?:\s+count\s+(\d{1,4}))?(?:\s+[—-]\s*(.+))?$/i;

export function parseWindows(text: string): { windows: ReviewWindow[] } | { error: string } {
  const windows: ReviewWindow[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = WINDOW_LINE.exec(line);
    const start = match?.[1] ? parseLocalDate(match[1]) : undefined;
    const end = match?.[2] ? parseLocalDate(match[2]) : start;
    const until = match?.[4] ? parseLocalDate(match[4]) : undefined;
    if (!match || !start || !end || (match[4] && !until))
      return {
        error: `line ${index + 1}: "${line}" is not YYYY-MM-DD..YYYY-MM-DD [every N months] [until DATE] [count N] [— label]`,
      };
    windows.push({
      start,
      end,
      ...(match[6] ? { label: match[6].trim() } : {}),
      ...(match[3]
        ? {
            repeat: {
              every: match[3].replace(/\s+/g, ' '),
              ...(until ? { until } : {}),
              ...(match[5] ? { count: Number(match[5]) } : {}),
            },
          }
        : {}),
    });
  }
  return { windows };
}

/** "TU-BTG, level:district; TU-BTC" → codes; lower-case codes raised (level refs kept as written). */
export function parseRefs(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => (part.toLowerCase().startsWith('level:') ? part.toLowerCase() : part.toUpperCase())),
    ),
  ];
}

export type DraftEdit =
  | { kind: 'plan'; fields: Partial<Record<'code' | 'title' | 'issuer' | 'place' | 'issuedOn', string>> }
  | {
      kind: 'duty';
      dutyId: string;
      fields: Partial<Record<'key' | 'ref' | 'title' | 'source' | 'lead' | 'support' | 'windows', string>>;
    }
  | { kind: 'add' }
  | { kind: 'delete'; dutyId: string }
  /** The duty joins the one before it: units and windows united, passages joined. */
  | { kind: 'merge'; dutyId: string };

export type EditOutcome =
  | { kind: 'saved'; review: ReviewDraft }
  | { kind: 'refused'; field: string; message: string }
  | { kind: 'gone' };

export function applyEdit(
  review: ReviewDraft,
  edit: DraftEdit,
): { review: ReviewDraft } | { field: string; message: string } {
  const next: ReviewDraft = structuredClone(review);
  switch (edit.kind) {
    case 'plan':
      for (const [field, value] of Object.entries(edit.fields)) {
        if (value === undefined) continue;
        (next.plan as Record<string, string | undefined>)[field] = value.trim() || undefined;
      }
      return { review: next };
    case 'duty': {
      const duty = next.duties.find((item) => item.id === edit.dutyId);
      if (!duty) return { field: 'duty', message: 'no such duty' };
      const { fields } = edit;
      if (fields.key !== undefined) duty.key = fields.key.trim();
      if (fields.ref !== undefined) duty.ref = fields.ref.trim();
      if (fields.title !== undefined) duty.title = fields.title.trim();
      if (fields.source !== undefined) duty.source = fields.source.trim();
      if (fields.lead !== undefined) duty.lead = parseRefs(fields.lead);
      if (fields.support !== undefined) duty.support = parseRefs(fields.support);
      if (fields.windows !== undefined) {
        const parsed = parseWindows(fields.windows);
        if ('error' in parsed) return { field: 'windows', message: parsed.error };
        duty.windows = parsed.windows;
      }
      // What the admin wrote is no longer the extractor's guess.
      if (fields.lead !== undefined || fields.support !== undefined) duty.certainty.lead = 'high';
      if (fields.windows !== undefined) duty.certainty.windows = 'high';
      if (fields.ref !== undefined) duty.certainty.ref = 'high';
      return { review: next };
    }
    case 'add': {
      const id = `d${next.nextId}`;
      next.nextId += 1;
      next.duties.push({
        id,
        key: `new-${id}`,
        ref: next.duties.at(-1)?.ref ?? '1',
        title: '',
        source: '',
        lead: [],
        support: [],
        windows: [],
        certainty: { lead: 'high', windows: 'high', ref: 'high' },
        notes: [],
        others: [],
      });
      return { review: next };
    }
    case 'delete':
      next.duties = next.duties.filter((duty) => duty.id !== edit.dutyId);
      return { review: next };
    case 'merge': {
      const index = next.duties.findIndex((duty) => duty.id === edit.dutyId);
      const into = next.duties[index - 1];
      const from = next.duties[index];
      if (index < 1 || !into || !from) return { field: 'duty', message: 'nothing before it to merge into' };
      into.lead = [...new Set([...into.lead, ...from.lead])];
      into.support = [...new Set([...into.support, ...from.support])].filter((ref) => !into.lead.includes(ref));
      const seen = new Set(into.windows.map((w) => `${w.start}..${w.end}`));
      into.windows.push(...from.windows.filter((w) => !seen.has(`${w.start}..${w.end}`)));
      into.source = [into.source, from.source].filter(Boolean).join(' ');
      into.notes.push(...from.notes);
      into.others.push(...from.others);
      next.duties.splice(index, 1);
      return { review: next };
    }
  }
}

/** Applies an edit to the stored draft and saves it (audited with what changed). */
export async function editDraft(
  prisma: PrismaClient,
  input: { id: number; edit: DraftEdit; actor: Actor },
): Promise<EditOutcome> {
  const draft = await loadDraft(prisma, input.id);
  if (!draft || draft.row.importedAt) return { kind: 'gone' };
  const result = applyEdit(draft.review, input.edit);
  if ('message' in result) return { kind: 'refused', field: result.field, message: result.message };
  const saved = await savePlanDraft(prisma, {
    id: input.id,
    content: result.review,
    actor: input.actor,
    change: input.edit,
  });
  return saved ? { kind: 'saved', review: result.review } : { kind: 'gone' };
}
