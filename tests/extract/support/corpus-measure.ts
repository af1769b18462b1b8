// Measuring an extraction against a corpus answer key (tests/fixtures/corpus-answers/README.md): duties matched by
// text, then dated windows, lead units, recurrence and metadata compared. Works on the few fields every version of
// the extractor has, so that the first extractor can be measured the same way (the baseline).
import { foldText } from '../../../src/domain/text.js';

export interface KeyUnit {
  name?: string;
  written?: string;
  group?: string;
  text?: string;
}

export interface KeyDuty {
  ref: string;
  text: string;
  lead: KeyUnit[];
  leadImplied?: boolean;
  support: KeyUnit[];
  windows: { start: string; end: string }[];
  deadline?: boolean;
  recurrence?: { everyMonths: number | null; note?: string };
  ongoing?: boolean;
  condition?: string;
}

export interface AnswerKey {
  file: string;
  metadata: { code: string; issuer: string; place: string; issuedOn: string; title: string; implements: string[] };
  duties: KeyDuty[];
  notDuties: string[];
}

/** What is measured of an extraction: any version's result has these. */
export interface Measured {
  plan: { code: string; issuer: string; place?: string; issuedOn: string; title: string };
  implements?: { number: string }[];
  duties: {
    ref: string;
    source: string;
    lead: string[];
    schedule: { start: string; end: string; repeat?: unknown; assumed?: boolean; comment?: string }[];
    recurring?: number | null;
  }[];
  units: { code: string; name: string; shortName?: string; aliases: string[] }[];
}

/** As the answer keys' checker normalises: no emphasis, white space collapsed, NFC; then folded. */
export function normalise(text: string): string {
  return foldText(text.normalize('NFC').replace(/\*/g, '').replace(/\s+/g, ' ').trim());
}

/** Heading markers and bullets at the start ("I. ", "1.", "a)", "- ") are not part of a text. */
function withoutMarker(text: string): string {
  return text.replace(/^(?:(?:[ivxlc]+|\d+(?:\.\d+)*|[a-z])\s*[.)/-]+\s*|[-+•]\s+)/, '').trim();
}

const PLACE_TAIL = / (?:tinh|thanh pho)(?: [a-z]+)*$/;

function sameName(a: string, b: string): boolean {
  const x = normalise(a).replace(/[.,;:]+$/, '');
  const y = normalise(b).replace(/[.,;:]+$/, '');
  return x === y || x.replace(PLACE_TAIL, '') === y.replace(PLACE_TAIL, '');
}

function titleWords(title: string): string[] {
  return normalise(title)
    .replace(/^ke hoach\s+/, '')
    .split(/[^a-z0-9/-]+/)
    .filter(Boolean);
}

/** Words in common over the longer title's words, the document type ("Kế hoạch") left out on both sides. */
export function titleOverlap(ours: string, key: string): number {
  const a = titleWords(ours);
  const b = titleWords(key);
  const pool = [...b];
  let common = 0;
  for (const word of a) {
    const at = pool.indexOf(word);
    if (at >= 0) {
      common += 1;
      pool.splice(at, 1);
    }
  }
  return common / Math.max(a.length, b.length, 1);
}

export interface PlanFigures {
  file: string;
  keyDuties: number;
  extracted: number;
  matched: number;
  unmatchedKey: string[];
  windows: { key: number; ours: number; right: number; missed: string[]; extra: string[] };
  lead: {
    exact: number;
    compared: number;
    unitsOurs: number;
    unitsKey: number;
    /** Our units that the key names (precision's numerator). */
    unitsRight: number;
    /** The key's units that we name (recall's numerator). */
    keyUnitsFound: number;
    errors: string[];
  };
  recurrence: { key: number; ours: number; right: number; errors: string[] };
  metadata: { code: boolean; issuer: boolean; place: boolean; issuedOn: boolean; title: boolean; titleOverlap: number };
  implements: { key: number; ours: number; right: number };
  notDutiesTaken: string[];
}

export function measurePlan(
  key: AnswerKey,
  result: Measured,
  label: (ref: string) => { names: string[]; level?: string; other?: string },
): PlanFigures {
  const sources = result.duties.map((duty) => normalise(duty.source));
  const used = new Set<number>();
  const pairs: [KeyDuty, Measured['duties'][number]][] = [];
  const unmatchedKey: string[] = [];
  for (const duty of key.duties) {
    const text = normalise(duty.text);
    // Text decides; when several duties hold it (a body item repeated by an appendix row), the one from the same
    // part of the plan (its ref's first segment, "PL" or "V") is taken.
    const part = (ref: string) => ref.split(/[.\-/]/)[0] ?? '';
    const candidates = (test: (source: string) => boolean) =>
      sources.map((_source, i) => i).filter((i) => !used.has(i) && test(sources[i] ?? ''));
    const pick = (indexes: number[]) =>
      indexes.find((i) => result.duties[i]?.ref === duty.ref) ??
      indexes.find((i) => part(result.duties[i]?.ref ?? '') === part(duty.ref)) ??
      indexes[0] ??
      -1;
    let index = pick(candidates((source) => source.startsWith(text)));
    if (index < 0) index = pick(candidates((source) => source.includes(text)));
    if (index < 0) {
      unmatchedKey.push(`${duty.ref}: ${duty.text}`);
      continue;
    }
    used.add(index);
    pairs.push([duty, result.duties[index] as Measured['duties'][number]]);
  }

  // Dated windows: the key's against ours on the matched duties (our assumed default windows are not dates).
  const windows = { key: 0, ours: 0, right: 0, missed: [] as string[], extra: [] as string[] };
  for (const [expected, ours] of pairs) {
    const mine = ours.schedule
      .filter((window) => !window.assumed && !window.comment?.startsWith('Default'))
      .map((window) => `${window.start}..${window.end}`);
    const theirs = expected.windows.map((window) => `${window.start}..${window.end}`);
    windows.key += theirs.length;
    windows.ours += mine.length;
    const pool = [...mine];
    for (const window of theirs) {
      const at = pool.indexOf(window);
      if (at >= 0) {
        windows.right += 1;
        pool.splice(at, 1);
      } else windows.missed.push(`${expected.ref} ${window} (ours: ${mine.join(', ') || 'none'})`);
    }
    for (const window of pool) windows.extra.push(`${expected.ref} ${window}`);
  }
  // Windows of key duties that were not found at all are missed too (recall is over every window of the key).
  for (const duty of key.duties)
    if (!pairs.some(([expected]) => expected === duty))
      for (const window of duty.windows) {
        windows.key += 1;
        windows.missed.push(`${duty.ref} ${window.start}..${window.end} (duty not found)`);
      }

  // Lead units: each key entry against our refs (names and aliases folded; groups against level keys).
  const lead = {
    exact: 0,
    compared: 0,
    unitsOurs: 0,
    unitsKey: 0,
    unitsRight: 0,
    keyUnitsFound: 0,
    errors: [] as string[],
  };
  const matches = (unit: KeyUnit, ref: string) => {
    const info = label(ref);
    if (unit.group && unit.group !== 'other') return info.level === unit.group;
    if (unit.group === 'other') {
      const text = normalise(unit.text ?? '');
      const mine = normalise(info.other ?? '');
      return Boolean(mine) && (mine.includes(text) || text.includes(mine));
    }
    return info.names.some(
      (name) => sameName(name, unit.name ?? '') || (unit.written ? sameName(name, unit.written) : false),
    );
  };
  for (const [expected, ours] of pairs) {
    lead.compared += 1;
    lead.unitsKey += expected.lead.length;
    lead.unitsOurs += ours.lead.length;
    const rightKey = expected.lead.filter((unit) => ours.lead.some((ref) => matches(unit, ref))).length;
    const rightOurs = ours.lead.filter((ref) => expected.lead.some((unit) => matches(unit, ref))).length;
    lead.unitsRight += rightOurs;
    lead.keyUnitsFound += rightKey;
    if (rightKey === expected.lead.length && rightOurs === ours.lead.length) lead.exact += 1;
    else
      lead.errors.push(
        `${expected.ref}: expected [${expected.lead.map((unit) => unit.name ?? `${unit.group}:${unit.text}`).join('; ')}], got [${ours.lead.join(', ')}]`,
      );
  }

  const recurrence = { key: 0, ours: 0, right: 0, errors: [] as string[] };
  for (const [expected, ours] of pairs) {
    const theirs = expected.recurrence?.everyMonths ?? undefined;
    const mine = ours.recurring ?? undefined;
    if (theirs !== undefined) recurrence.key += 1;
    if (mine !== undefined) recurrence.ours += 1;
    if (theirs !== undefined && mine === theirs) recurrence.right += 1;
    else if (theirs !== undefined || mine !== undefined)
      recurrence.errors.push(`${expected.ref}: expected ${theirs ?? 'none'}, got ${mine ?? 'none'}`);
  }

  const same = (a: string | undefined, b: string) => a !== undefined && normalise(a) === normalise(b);
  const overlap = titleOverlap(result.plan.title, key.metadata.title);
  const metadata = {
    code: same(result.plan.code.replace(/\s+/g, ''), key.metadata.code.replace(/\s+/g, '')),
    issuer: same(result.plan.issuer, key.metadata.issuer),
    place: same(result.plan.place, key.metadata.place),
    issuedOn: result.plan.issuedOn === key.metadata.issuedOn,
    title: overlap >= 0.9,
    titleOverlap: overlap,
  };
  const ourImplements = (result.implements ?? []).map((item) => normalise(item.number));
  const implementsFigures = {
    key: key.metadata.implements.length,
    ours: ourImplements.length,
    right: key.metadata.implements.filter((number) => ourImplements.includes(normalise(number))).length,
  };

  // A notDuty (heading, purpose, legal basis …) taken as a duty: an extracted duty not matched to the key whose
  // text starts with it.
  const matchedIndexes = used;
  const notDutiesTaken: string[] = [];
  for (const text of key.notDuties) {
    const folded = withoutMarker(normalise(text));
    if (folded.length < 4) continue;
    // A long notDuty is found by its opening; a short one (a heading) only as the whole text of a duty, since many
    // duties start with a heading's words ("Nền tảng số quản trị …" is not the heading "3. Nền tảng số").
    const taken = sources.some((source, index) => {
      if (matchedIndexes.has(index)) return false;
      const text = withoutMarker(source);
      return (
        text.startsWith(folded) && (folded.length >= 40 || text.replace(/[.:;,\s]+$/, '').length <= folded.length + 3)
      );
    });
    if (taken) notDutiesTaken.push(text);
  }

  return {
    file: key.file,
    keyDuties: key.duties.length,
    extracted: result.duties.length,
    matched: pairs.length,
    unmatchedKey,
    windows,
    lead,
    recurrence,
    metadata,
    implements: implementsFigures,
    notDutiesTaken,
  };
}

/** A ref's names for matching: a unit's name and aliases, a level's key, or a group's words. */
export function labeller(
  result: Measured,
  known: { code: string; name: string; names: string[] }[] = [],
): (ref: string) => { names: string[]; level?: string; other?: string } {
  return (ref) => {
    if (ref.startsWith('level:')) return { names: [], level: ref.slice('level:'.length) };
    if (ref.startsWith('other:')) return { names: [], other: ref.slice('other:'.length) };
    const unit = result.units.find((item) => item.code === ref);
    if (unit) return { names: [unit.name, unit.shortName ?? '', ...unit.aliases].filter(Boolean) };
    const knownUnit = known.find((item) => item.code === ref);
    return { names: knownUnit ? [knownUnit.name, ...knownUnit.names] : [ref] };
  };
}

export const percent = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '—');
export const ratio = (right: number, total: number) => (total === 0 ? Number.NaN : right / total);
