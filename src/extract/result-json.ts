// The JSON of `dondoc plan extract --json` (format "dondoc-extract/2"): the interface of the review screen and of
// scripts. Everything a reviewer needs beside the source: metadata with certainty, levels, units, each duty with
// its place in the normalised text, its parts' certainty and notes, the draft plan object, and its problems.
import { type LevelDefinition, STANDARD_LEVELS } from '../domain/levels.js';
import { draftObject } from './draft.js';
import type { ExtractResult } from './extract.js';
import { OTHER_PREFIX } from './units.js';

export const EXTRACT_FORMAT = 'dondoc-extract/2';

export interface ResponsibleJson {
  /** Unit code or `level:<key>`; absent for a group outside the unit tree. */
  ref?: string;
  kind: 'unit' | 'level' | 'other';
  /** The unit's name, the level's members ("các xã, phường, đặc khu"), or the words as written. */
  name: string;
  /** The unit or level is the database's (false: proposed by this draft). */
  known?: boolean;
}

export interface ExtractJsonOptions {
  /** The file name as given. */
  name?: string;
  problems: string[];
  knownLevels?: LevelDefinition[];
  /** Leave the normalised text out (it can be large); the default keeps it. */
  withoutText?: boolean;
}

export function extractJson(result: ExtractResult, options: ExtractJsonOptions) {
  const units = new Map<string, { name: string; known: boolean }>();
  for (const unit of result.knownUnitsUsed) units.set(unit.code, { name: unit.name, known: true });
  for (const unit of result.units) units.set(unit.code, { name: unit.name, known: false });
  const levels = [...STANDARD_LEVELS, ...(options.knownLevels ?? [])];
  const responsible = (ref: string): ResponsibleJson => {
    if (ref.startsWith(OTHER_PREFIX)) return { kind: 'other', name: ref.slice(OTHER_PREFIX.length) };
    if (ref.startsWith('level:')) {
      const key = ref.slice('level:'.length);
      const level = levels.find((item) => item.key === key) ?? result.levels.find((item) => item.key === key);
      return { ref, kind: 'level', name: level?.members.vi ?? key, known: levels.some((item) => item.key === key) };
    }
    const unit = units.get(ref);
    return { ref, kind: 'unit', name: unit?.name ?? ref, known: unit?.known ?? false };
  };
  return {
    format: EXTRACT_FORMAT,
    source: {
      ...(options.name ? { name: options.name } : {}),
      format: result.document.format,
      notes: result.document.notes,
      ...(options.withoutText ? {} : { text: result.document.text }),
    },
    plan: {
      ...result.plan,
      implements: result.implements,
      certainty: result.planCertainty,
      notes: result.planUncertain,
    },
    levels: { used: result.levelsUsed, proposed: result.levels },
    units: {
      proposed: result.units,
      known: result.knownUnitsUsed.map((unit) => ({ code: unit.code, name: unit.name, level: unit.level })),
    },
    duties: result.duties.map((duty) => ({
      key: duty.key,
      ref: duty.ref,
      title: duty.title,
      text: duty.source,
      origin: duty.origin,
      source: duty.location,
      lead: duty.lead.map(responsible),
      support: duty.support.map(responsible),
      windows: duty.schedule.map((window) => ({
        start: window.start,
        end: window.end,
        ...(window.label ? { label: window.label } : {}),
        ...(window.repeat ? { repeat: window.repeat } : {}),
        assumed: window.assumed ?? false,
        ...(window.comment ? { note: window.comment } : {}),
      })),
      ...(duty.deadline ? { deadline: duty.deadline } : {}),
      ...(duty.recurring !== undefined ? { recurrence: { everyMonths: duty.recurring } } : {}),
      ...(duty.ongoing ? { ongoing: duty.ongoing } : {}),
      ...(duty.condition ? { condition: duty.condition } : {}),
      certainty: duty.certainty,
      notes: duty.uncertain,
    })),
    summary: result.summary,
    draft: draftObject(result),
    problems: options.problems,
  };
}

export type ExtractJson = ReturnType<typeof extractJson>;
