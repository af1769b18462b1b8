// The draft plan file (format dondoc-plan/1) as YAML, with a comment on every uncertain point.
import { Document, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { PLAN_FORMAT } from '../plans/format.js';
import type { DraftDuty, DraftWindow, ExtractResult } from './extract.js';
import { OTHER_PREFIX } from './units.js';

function everyText(months: number): string {
  return months % 12 === 0
    ? `${months / 12} year${months === 12 ? '' : 's'}`
    : `${months} month${months === 1 ? '' : 's'}`;
}

function windowJson(window: DraftWindow): Record<string, unknown> {
  const base: Record<string, unknown> =
    window.start === window.end && !window.repeat ? { on: window.start } : { start: window.start, end: window.end };
  if (window.label) base.label = window.label;
  if (window.repeat) base.repeat = { every: everyText(window.repeat.everyMonths) };
  return base;
}

/** Lead refs a plan file can hold: units and levels (groups outside the unit tree are only in the JSON). */
function inTree(refs: string[]): string[] {
  return refs.filter((ref) => !ref.startsWith(OTHER_PREFIX));
}

/** The draft's lead: what the text names, or the issuer as a placeholder (flagged) when it names no unit. */
export function draftLead(duty: DraftDuty, issuerUnit: string | undefined): string[] {
  const lead = inTree(duty.lead);
  return lead.length > 0 ? lead : issuerUnit ? [issuerUnit] : [];
}

function dutyJson(duty: DraftDuty, issuerUnit: string | undefined): Record<string, unknown> {
  const support = inTree(duty.support);
  return {
    key: duty.key,
    ref: duty.ref,
    title: duty.title,
    source: duty.source,
    lead: draftLead(duty, issuerUnit),
    ...(support.length > 0 ? { support } : {}),
    ...(duty.schedule.length > 0 ? { schedule: duty.schedule.map(windowJson) } : {}),
  };
}

/** The draft as the plan-file object (what `parsePlanText` reads). */
export function draftObject(result: ExtractResult): Record<string, unknown> {
  return {
    format: PLAN_FORMAT,
    plan: { ...result.plan },
    ...(result.levels.length > 0
      ? {
          levels: result.levels.map((level) => ({
            key: level.key,
            rank: level.rank,
            name: level.name.vi,
            members: level.members.vi,
            ...(level.aliases.length > 0 ? { aliases: [...level.aliases] } : {}),
          })),
        }
      : {}),
    ...(result.units.length > 0
      ? {
          units: result.units.map((unit) => ({
            code: unit.code,
            name: unit.name,
            ...(unit.shortName ? { shortName: unit.shortName } : {}),
            level: unit.level,
            ...(unit.parent && unit.parent !== unit.code ? { parent: unit.parent } : {}),
            ...(unit.aliases.length > 0 ? { aliases: [...unit.aliases] } : {}),
          })),
        }
      : {}),
    duties: result.duties.map((duty) => dutyJson(duty, result.plan.issuerUnit)),
  };
}

/** The draft as YAML text: a header that says what was found, comments on what must be checked. */
export function draftYaml(result: ExtractResult, sourceName?: string): string {
  const document = new Document(draftObject(result), { aliasDuplicateObjects: false });
  const summary = result.summary;
  document.commentBefore = [
    ` DRAFT extracted by \`dondoc plan extract\`${sourceName ? ` from ${sourceName}` : ''}: review every duty before importing.`,
    ` Found ${summary.duties} duties, ${summary.windows} windows (${summary.datedWindows} dated in the text, ${summary.deadlines} deadlines),`,
    ` ${summary.recurring} recurring duties, ${summary.uncertain} uncertain items (marked "CHECK:" below), ${summary.newUnits.length} new units.`,
    ' Conventions: ref = the section (IV.2.c); lead = "chủ trì" / the subject / the unit heading; support = "phối hợp";',
    ' a time line closing a section applies to the items before it; recurring duties without a day get a default',
    ' first window (marked "Default"); source = the sentence(s) quoted from the text (white space collapsed).',
    ...result.planUncertain.map((note) => ` CHECK: ${note}`),
  ].join('\n');

  const units = document.get('units', true);
  if (isSeq(units)) {
    (units as YAMLSeq).items.forEach((item, index) => {
      const unit = result.units[index];
      if (unit && isMap(item)) (item as YAMLMap).commentBefore = ` CHECK: new unit (${unit.reason})`;
    });
  }
  const duties = document.get('duties', true);
  if (isSeq(duties)) {
    (duties as YAMLSeq).items.forEach((item, index) => {
      const duty = result.duties[index];
      if (!duty || !isMap(item)) return;
      const map = item as YAMLMap;
      const notes = duty.uncertain.filter(
        (note) => !duty.schedule.some((window) => window.comment && note.startsWith(window.comment.slice(0, 20))),
      );
      const others = [...duty.lead, ...duty.support].filter((ref) => ref.startsWith(OTHER_PREFIX));
      const lines = [
        ` line ${duty.line}`,
        ...notes.map((note) => ` CHECK: ${note}`),
        ...(others.length > 0
          ? [
              ` CHECK: also named, outside the unit tree: ${others.map((ref) => ref.slice(OTHER_PREFIX.length)).join('; ')}`,
            ]
          : []),
      ];
      map.commentBefore = lines.join('\n');
      for (const field of ['lead', 'support']) {
        const list = map.get(field, true);
        if (isSeq(list)) (list as YAMLSeq).flow = true;
      }
      const schedule = map.get('schedule', true);
      if (isSeq(schedule)) {
        (schedule as YAMLSeq).items.forEach((windowNode, windowIndex) => {
          const window = duty.schedule[windowIndex];
          if (window?.comment && isMap(windowNode))
            (windowNode as YAMLMap).commentBefore =
              ` ${window.comment.startsWith('Default') ? '' : 'CHECK: '}${window.comment}`;
        });
      }
    });
  }
  return document.toString({ lineWidth: 110, flowCollectionPadding: false });
}
