// One duty of the draft from what the reader gathered for it (sentences or a table row, lead and support, time
// findings): its key, title, windows, recurrence, deadline, ongoing flag and condition, and how certain each is.
import { type LocalDate, makeLocalDate } from '../domain/dates.js';
import { foldText } from '../domain/text.js';
import { defaultRecurringWindow, type TimeFinding } from './dates.js';
import { collapseSpaces } from './normalize.js';

export type Certainty = 'high' | 'medium' | 'low';

export interface DraftWindow {
  start: LocalDate;
  end: LocalDate;
  label?: string;
  repeat?: { everyMonths: number };
  /** Set when the window is our choice or a reading to check; written as a comment above it. */
  comment?: string;
  /** The window is our default for a recurrence without a day in the text (not a date the text gives). */
  assumed?: boolean;
}

/** Where a duty is in the normalised text: a line and offsets, and for a table row the table and row. */
export interface DutyLocation {
  line: number;
  start: number;
  end: number;
  table?: number;
  row?: number;
}

export interface DraftDuty {
  key: string;
  ref: string;
  title: string;
  source: string;
  /** Unit codes, `level:<key>`, or `other:<words>` for a group outside the unit tree. Empty when the text names none. */
  lead: string[];
  support: string[];
  schedule: DraftWindow[];
  /** Recurrence found in the text (months; null for "định kỳ" with no interval). */
  recurring?: number | null;
  /** The last day the text allows ("trước ngày 30/6/2026"). */
  deadline?: LocalDate;
  /** Ongoing work ("Thường xuyên"), from a date when the text gives one ("Từ ngày 01/01/2026"). */
  ongoing?: { from?: LocalDate };
  /** A condition instead of (or besides) a date ("sau khi Đề án được phê duyệt"). */
  condition?: string;
  /** Points a reviewer must check (written as comments above the duty). */
  uncertain: string[];
  /** 1-based line of the normalised text where the duty's text starts. */
  line: number;
  location: DutyLocation;
  certainty: { lead: Certainty; windows: Certainty; ref: Certainty };
  origin: 'text' | 'table';
}

export type LeadSource = 'chu-tri' | 'giao' | 'subject' | 'heading' | 'table' | 'context' | 'issuer' | 'none';

export interface Gathered {
  ref: string;
  refCertainty: Certainty;
  sentences: { raw: string; text: string }[];
  lead: string[];
  leadFrom: LeadSource;
  support: string[];
  times: TimeFinding[];
  line: number;
  location: DutyLocation;
  uncertain: string[];
  origin: 'text' | 'table';
  closedBy?: { times: TimeFinding[]; line: number; text: string; count: number };
  /** Windows taken from the heading of the section ("1. Giai đoạn 2025 - 2030"). */
  fromHeading?: string;
}

const LEAD_CERTAINTY: Record<LeadSource, Certainty> = {
  'chu-tri': 'high',
  giao: 'high',
  heading: 'high',
  table: 'high',
  subject: 'medium',
  context: 'medium',
  issuer: 'low',
  none: 'low',
};

export function toDuty(group: Gathered, planDate: LocalDate, keys: Set<string>): DraftDuty {
  const source = group.sentences.map((sentence) => sentence.raw).join(' ');
  const text = group.sentences.map((sentence) => sentence.text).join(' ');
  const title = titleOf(text);
  let base = `${group.ref.toLowerCase() || 'x'}-${slug(title)}`.slice(0, 100).replace(/-+$/, '');
  if (!/^[A-Za-z0-9]/.test(base)) base = `d-${base}`;
  base = base.replace(/[^A-Za-z0-9._-]/g, '-');
  let key = base;
  for (let n = 2; keys.has(key); n += 1) key = `${base}-${n}`;
  keys.add(key);

  const uncertain = [...group.uncertain];
  const schedule: DraftWindow[] = [];
  const dated = group.times.filter(
    (time) => (time.kind === 'window' || time.kind === 'deadline') && time.start && time.end,
  );
  const recurring =
    group.times.find((time) => time.kind === 'recurring' && time.everyMonths !== undefined) ??
    group.times.find((time) => time.kind === 'recurring');
  const ongoing = group.times.find((time) => time.kind === 'ongoing');
  const condition = group.times.find((time) => time.kind === 'condition');
  let windowsCertainty: Certainty = dated.some((time) => !time.yearInferred) ? 'high' : 'medium';
  const seen = new Set<string>();
  let deadline: LocalDate | undefined;
  for (const time of dated) {
    const notes: string[] = [];
    if (time.yearInferred) notes.push(`year not written ("${time.phrase}"): taken from the plan date`);
    if (time.note) notes.push(time.note);
    let start = time.start as LocalDate;
    let end = time.end as LocalDate;
    if (time.kind === 'deadline') {
      if (recurring?.everyMonths) {
        // "trước ngày 15/11 hằng năm": the first window runs from the plan date to the next such day.
        if (time.yearInferred && end < planDate)
          end = makeLocalDate(Number(end.slice(0, 4)) + 1, Number(end.slice(5, 7)), Number(end.slice(8, 10))) ?? end;
        start = planDate;
        notes.push(`recurring deadline "${time.phrase}": the first window runs from the plan date to ${end}`);
      } else notes.push(`deadline "${time.phrase}": window runs from the plan date to it`);
    }
    const window: DraftWindow = {
      start,
      end,
      ...(time.kind === 'deadline' ? { label: 'hạn chót' } : {}),
    };
    if (notes.length > 0) {
      window.comment = notes.join('; ');
      uncertain.push(...notes);
    }
    if (time.kind === 'deadline') deadline = end;
    const id = `${start}..${end}`;
    if (seen.has(id)) continue;
    seen.add(id);
    schedule.push(window);
  }
  if (group.closedBy) {
    const note = `window from the line closing the section (line ${group.closedBy.line}: "${collapseSpaces(group.closedBy.text).normalize('NFC')}"), applied to the ${group.closedBy.count} item(s) before it`;
    if (group.closedBy.count > 1) {
      uncertain.push(note);
      windowsCertainty = 'medium';
    }
    for (const window of schedule) if (!window.comment) window.comment = note;
  }
  if (group.fromHeading) {
    const note = `window from the heading of the section ("${group.fromHeading}")`;
    uncertain.push(note);
    windowsCertainty = 'medium';
    for (const window of schedule) if (!window.comment) window.comment = note;
  }
  if (seen.size > 1) {
    uncertain.push(`several windows in the text (${[...seen].join(', ')}): check which belong to this duty`);
    windowsCertainty = 'low';
  }
  let recurringMonths: number | null | undefined;
  if (recurring) {
    recurringMonths = recurring.everyMonths ?? null;
    if (recurring.everyMonths === undefined) {
      uncertain.push(recurring.note ?? `"${recurring.phrase}": no interval`);
      windowsCertainty = 'low';
    } else if (schedule[0]) {
      schedule[0].repeat = { everyMonths: recurring.everyMonths };
      schedule[0].label = recurring.label ?? recurring.phrase;
    } else {
      const report = /\bbao cao\b/.test(foldText(text));
      const window = defaultRecurringWindow(recurring.everyMonths, planDate, report);
      schedule.push({
        start: window.start,
        end: window.end,
        label: recurring.label ?? recurring.phrase,
        repeat: { everyMonths: recurring.everyMonths },
        comment: `Default (no day in the text, "${recurring.phrase}"): ${window.why}; open-ended`,
        assumed: true,
      });
      uncertain.push(
        `recurring ("${recurring.phrase}") with no day in the text: default first window ${window.start}..${window.end}`,
      );
      windowsCertainty = 'low';
    }
  }
  if (condition) {
    uncertain.push(condition.note ?? `condition: "${condition.phrase}"`);
    if (dated.length === 0) windowsCertainty = 'low';
  }
  if (ongoing?.note) uncertain.push(ongoing.note);
  return {
    key,
    ref: group.ref || '-',
    title,
    source: source.length > 8000 ? source.slice(0, 8000) : source,
    lead: group.lead,
    support: group.support.filter((ref) => !group.lead.includes(ref)),
    schedule,
    ...(recurringMonths !== undefined ? { recurring: recurringMonths } : {}),
    ...(deadline ? { deadline } : {}),
    ...(ongoing ? { ongoing: ongoing.start ? { from: ongoing.start } : {} } : {}),
    ...(condition ? { condition: (condition.note ?? condition.phrase).replace(/^condition: /, '') } : {}),
    uncertain: [...new Set(uncertain)],
    line: group.line,
    location: group.location,
    certainty: {
      lead: group.lead.length === 0 ? 'low' : LEAD_CERTAINTY[group.leadFrom],
      windows: windowsCertainty,
      ref: group.refCertainty,
    },
    origin: group.origin,
  };
}

/** A short title: the first clause of the text, at most about 90 characters, cut at a word. */
export function titleOf(text: string): string {
  let title = text.replace(/^[-+*•\s]+/, '').trim();
  const clause = /^(.{30,}?)[;:](?:\s|$)/u.exec(title);
  if (clause?.[1]) title = clause[1];
  if (title.length > 90) {
    const cut = title.slice(0, 90);
    title = `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40)).replace(/[,;:\s]+$/, '')}…`;
  }
  title = title.replace(/[.;:,\s]+$/u, '');
  return title || 'Nhiệm vụ';
}

const SLUG_SKIP = new Set([
  'cac',
  'va',
  'cua',
  'de',
  'cho',
  'voi',
  'trong',
  'theo',
  'nhung',
  'mot',
  'so',
  'la',
  'thi',
  'o',
  've',
]);

function slug(title: string): string {
  const words = foldText(title)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(' ')
    .filter((word) => word && !SLUG_SKIP.has(word));
  return words.slice(0, 6).join('-') || 'nhiem-vu';
}
