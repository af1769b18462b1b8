// The plan file format (YAML or JSON): its zod schema and the cross-reference checks zod cannot express.
import { z } from 'zod';
import { isValidTimeZone, type LocalDate, parseLocalDate } from '../domain/dates.js';
import { LEVEL_KEY, STANDARD_LEVEL_KEYS } from '../domain/levels.js';
import type { Schedule } from '../domain/schedule.js';

export const PLAN_FORMAT = 'dondoc-plan/1';
/** A level's key ("district", "commune"): one of the standard levels, the database's, or the file's own. */
export type UnitLevel = string;
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;
const UNIT_CODE = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;
const LEVEL_REF = /^level:[a-z][a-z0-9-]{0,31}$/;
const EVERY = /^(\d{1,3})\s*(month|months|year|years)$/;

const nonEmpty = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

const date = z.string().transform((text, ctx): LocalDate => {
  const parsed = parseLocalDate(text);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a calendar date in the form YYYY-MM-DD` });
    return z.NEVER;
  }
  return parsed;
});

const repeatSchema = z
  .object({
    every: z.string().regex(EVERY, 'must read like "6 months" or "1 year"'),
    until: date.optional(),
    count: z.number().int().min(1).max(1000).optional(),
  })
  .strict()
  .transform(({ every, until, count }) => {
    const [, amount = '1', unit = 'month'] = EVERY.exec(every) as RegExpExecArray;
    const everyMonths = Number(amount) * (unit.startsWith('year') ? 12 : 1);
    return { everyMonths, until, count };
  })
  .refine((repeat) => repeat.everyMonths >= 1, { message: 'must repeat at least every month', path: ['every'] });

const windowSchema = z
  .object({
    on: date.optional(),
    start: date.optional(),
    end: date.optional(),
    label: nonEmpty(200).optional(),
    repeat: repeatSchema.optional(),
  })
  .strict()
  .superRefine((window, ctx) => {
    if (window.on && (window.start || window.end)) {
      ctx.addIssue({ code: 'custom', message: 'use either "on" (one day) or "start" and "end", not both' });
    } else if (!window.on && !(window.start && window.end)) {
      ctx.addIssue({ code: 'custom', message: 'needs "on" (one day) or both "start" and "end"' });
    } else if (window.start && window.end && window.end < window.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `ends (${window.end}) before it starts (${window.start})`,
      });
    }
    if (window.repeat?.until && window.repeat.until < (window.on ?? window.start ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['repeat', 'until'], message: 'is before the first window' });
    }
  })
  .transform(
    (window): Schedule => ({
      start: (window.on ?? window.start) as LocalDate,
      end: (window.on ?? window.end) as LocalDate,
      ...(window.repeat ? { repeat: stripUndefined(window.repeat) } : {}),
      ...(window.label ? { label: window.label } : {}),
    }),
  );

const responsibleSchema = z.union([
  z.string().regex(UNIT_CODE, 'must be a unit code (A-Z, 0-9, "-", "_") or "level:<level>"'),
  z.string().regex(LEVEL_REF, 'must be a unit code or "level:<level key>", e.g. "level:commune"'),
]);

const unitSchema = z
  .object({
    code: z.string().regex(UNIT_CODE, 'must use capitals, digits, "-" or "_" (e.g. "TU-BTG")'),
    name: nonEmpty(300),
    shortName: nonEmpty(120).optional(),
    level: z.string().regex(LEVEL_KEY, 'must be a level key such as "province" or "commune"'),
    parent: z.string().regex(UNIT_CODE).optional(),
    aliases: z.array(nonEmpty(120)).max(50).default([]),
  })
  .strict();

const levelSchema = z
  .object({
    key: z.string().regex(LEVEL_KEY, 'must be lower case letters, digits or "-" (e.g. "commune")'),
    rank: z.number().int().min(0).max(20),
    name: nonEmpty(120),
    members: nonEmpty(200),
    nameEn: nonEmpty(120).optional(),
    membersEn: nonEmpty(200).optional(),
    aliases: z.array(nonEmpty(120)).max(50).default([]),
  })
  .strict();

const dutySchema = z
  .object({
    key: z.string().regex(KEY, 'must be letters, digits, ".", "-" or "_" (at most 120)'),
    ref: nonEmpty(40),
    title: nonEmpty(300),
    summary: nonEmpty(4000).optional(),
    source: nonEmpty(8000),
    lead: z.array(responsibleSchema).min(1, 'needs at least one lead unit or level'),
    support: z.array(responsibleSchema).default([]),
    aliases: z.array(nonEmpty(120)).max(50).default([]),
    schedule: z.array(windowSchema).default([]),
  })
  .strict();

export const planFileSchema = z
  .object({
    format: z.literal(PLAN_FORMAT, { message: `must be "${PLAN_FORMAT}"` }),
    plan: z
      .object({
        code: nonEmpty(60),
        title: nonEmpty(500),
        issuer: nonEmpty(300),
        issuerUnit: z.string().regex(UNIT_CODE).optional(),
        place: nonEmpty(120).optional(),
        issuedOn: date,
        timeZone: z
          .string()
          .refine(isValidTimeZone, { message: 'is not an IANA time zone such as Asia/Ho_Chi_Minh' })
          .default(DEFAULT_TIME_ZONE),
        sourceFile: nonEmpty(500).optional(),
        /** Reported completions wait for the issuing body to confirm them (`dondoc plan confirmations` turns it on or off). */
        requiresConfirmation: z.boolean().optional(),
      })
      .strict(),
    /** Levels the file defines or renames; the standard ones (province, commune, …) need no entry. */
    levels: z.array(levelSchema).default([]),
    units: z.array(unitSchema).default([]),
    duties: z.array(dutySchema).min(1, 'a plan needs at least one duty'),
  })
  .strict();

export type PlanFile = z.output<typeof planFileSchema>;
export type PlanFileUnit = PlanFile['units'][number];
export type PlanFileLevel = PlanFile['levels'][number];
export type PlanFileDuty = PlanFile['duties'][number];

export interface PlanIssue {
  /** Path inside the document, e.g. ["duties", 3, "lead", 0]. */
  path: (string | number)[];
  message: string;
}

/**
 * Checks what the schema alone cannot: unique keys and codes, known unit and level references, a unit
 * tree without cycles. `knownUnitCodes` and `knownLevelKeys` are what the database already has (a file
 * may rely on them); the standard levels are always known.
 */
export function checkPlanReferences(
  plan: PlanFile,
  knownUnitCodes: ReadonlySet<string>,
  knownLevelKeys: ReadonlySet<string> = STANDARD_LEVEL_KEYS,
): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const fileLevels = new Set<string>();
  plan.levels.forEach((level, index) => {
    if (fileLevels.has(level.key))
      issues.push({ path: ['levels', index, 'key'], message: `level "${level.key}" is listed twice` });
    fileLevels.add(level.key);
  });
  const isLevel = (key: string) => fileLevels.has(key) || knownLevelKeys.has(key) || STANDARD_LEVEL_KEYS.has(key);
  plan.units.forEach((unit, index) => {
    if (!isLevel(unit.level))
      issues.push({
        path: ['units', index, 'level'],
        message: `unknown level "${unit.level}": define it under levels:`,
      });
  });
  const fileUnits = new Map<string, PlanFileUnit>();
  plan.units.forEach((unit, index) => {
    if (fileUnits.has(unit.code))
      issues.push({ path: ['units', index, 'code'], message: `unit code "${unit.code}" is listed twice` });
    fileUnits.set(unit.code, unit);
  });
  const isKnown = (code: string) => fileUnits.has(code) || knownUnitCodes.has(code);

  plan.units.forEach((unit, index) => {
    if (unit.parent && !isKnown(unit.parent)) {
      issues.push({ path: ['units', index, 'parent'], message: `unknown parent unit "${unit.parent}"` });
    }
  });
  for (const cycle of findParentCycles(plan.units)) {
    issues.push({ path: ['units', cycle.index, 'parent'], message: `unit "${cycle.code}" is its own ancestor` });
  }
  if (plan.plan.issuerUnit && !isKnown(plan.plan.issuerUnit)) {
    issues.push({ path: ['plan', 'issuerUnit'], message: `unknown unit "${plan.plan.issuerUnit}"` });
  }

  const keys = new Set<string>();
  plan.duties.forEach((duty, index) => {
    if (keys.has(duty.key))
      issues.push({ path: ['duties', index, 'key'], message: `duty key "${duty.key}" is used twice` });
    keys.add(duty.key);
    for (const field of ['lead', 'support'] as const) {
      duty[field].forEach((ref, refIndex) => {
        if (ref.startsWith('level:')) {
          if (!isLevel(ref.slice('level:'.length)))
            issues.push({
              path: ['duties', index, field, refIndex],
              message: `unknown level "${ref.slice('level:'.length)}": define it under levels:`,
            });
        } else if (!isKnown(ref)) {
          issues.push({ path: ['duties', index, field, refIndex], message: `unknown unit code "${ref}"` });
        }
      });
    }
  });
  return issues;
}

function findParentCycles(units: PlanFileUnit[]): { index: number; code: string }[] {
  const parentOf = new Map(units.map((unit) => [unit.code, unit.parent]));
  const cycles: { index: number; code: string }[] = [];
  units.forEach((unit, index) => {
    const seen = new Set<string>([unit.code]);
    let current = unit.parent;
    while (current !== undefined) {
      if (current === unit.code) {
        cycles.push({ index, code: unit.code });
        break;
      }
      if (seen.has(current)) break;
      seen.add(current);
      current = parentOf.get(current);
    }
  });
  return cycles;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
