// Reply text for an answer: short enough for a phone, dates as officials write them (30/09/2012, "tháng 9/2012").
import { dateParts, daysInMonth, type LocalDate, MONTHS_EN, QUARTER_NUMERALS } from '../domain/dates.js';
import type { Language } from '../domain/language.js';
import type { Translate } from '../i18n.js';
import type { DateRange } from './types.js';

/** More lines than this and the reply says how many more there are instead of flooding the chat. */
export const MAX_LINES = 10;

export interface ReplyDuty {
  title: string;
  ref: string;
  windowStart: LocalDate | null;
  windowEnd: LocalDate | null;
  /** Display names of lead and coordinating units. */
  lead: string[];
  coordinate: string[];
  /** Marked when the deadline falls inside the asked period. */
  deadlineInRange?: boolean;
  /** Overdue answers: the lead units that have not reported done. */
  missing?: string[];
}

export function formatDate(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

export function formatWindow(start: LocalDate, end: LocalDate): string {
  if (start === end) return formatDate(start);
  if (start.slice(0, 4) === end.slice(0, 4)) return `${formatDate(start).slice(0, 5)}–${formatDate(end)}`;
  return `${formatDate(start)}–${formatDate(end)}`;
}

/** "tháng 9/2012", "quý III/2012", "năm 2012", "ngày 30/09/2012", "từ 15/08/2012 đến 15/09/2012". */
export function describePeriod(range: DateRange, t: Translate): string {
  const from = dateParts(range.from);
  const to = dateParts(range.to);
  const wholeMonths = from.day === 1 && to.day === daysInMonth(to.year, to.month) && from.year === to.year;
  // Years and months go in as text: as numbers Fluent would group them ("2.012").
  const year = String(from.year);
  if (range.from === range.to) return t('period-day', { date: formatDate(range.from) });
  if (wholeMonths && from.month === to.month) {
    return t('period-month', { month: String(from.month), year, monthName: MONTHS_EN[from.month - 1] ?? '' });
  }
  if (wholeMonths && from.month === 1 && to.month === 12) return t('period-year', { year });
  if (wholeMonths && (from.month === 1 || from.month === 7) && to.month === from.month + 5) {
    return t('period-half', { half: from.month === 1 ? 1 : 2, year });
  }
  if (wholeMonths && from.month % 3 === 1 && to.month === from.month + 2) {
    const quarter = (from.month + 2) / 3;
    return t('period-quarter', { quarter: QUARTER_NUMERALS[quarter - 1] ?? '', quarterNumber: String(quarter), year });
  }
  return t('period-range', { from: formatDate(range.from), to: formatDate(range.to) });
}

function dutyLine(duty: ReplyDuty, t: Translate, marker: string): string {
  const when = duty.windowStart && duty.windowEnd ? formatWindow(duty.windowStart, duty.windowEnd) : t('unit-ongoing');
  const parts = [`${marker} ${when}${duty.deadlineInRange ? ' ⏰' : ''} — ${duty.title} [${duty.ref}]`];
  if (duty.missing)
    parts.push(`  ${t('overdue-missing', { count: duty.missing.length, units: shortList(duty.missing) })}`);
  else if (duty.lead.length > 0) parts.push(`  ${t('lead', { units: shortList(duty.lead) })}`);
  return parts.join('\n');
}

function shortList(names: string[], max = 3): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} +${names.length - max}`;
}

/** Lists longer than this, spread over several months, get a heading per month of their deadlines. */
const GROUP_ABOVE = 5;

/**
 * A header, then at most MAX_LINES duties (grouped by the month of their deadline when long) and a count
 * of the rest. `numbered` marks them 1., 2., … so a chat can offer them as choices.
 */
export function listReply(header: string, duties: ReplyDuty[], t: Translate, numbered = false): string {
  const shown = duties.slice(0, MAX_LINES);
  const months = new Set(shown.map((duty) => duty.windowEnd?.slice(0, 7) ?? ''));
  const byDeadline = shown.every(
    (duty, i) => i === 0 || (shown[i - 1]?.windowEnd ?? '9999') <= (duty.windowEnd ?? '9999'),
  );
  const grouped = shown.length > GROUP_ABOVE && months.size > 1 && byDeadline;
  const lines: string[] = [header];
  let month: string | undefined;
  for (const [index, duty] of shown.entries()) {
    const dutyMonth = duty.windowEnd?.slice(0, 7) ?? '';
    if (grouped && dutyMonth !== month) {
      month = dutyMonth;
      lines.push(`▸ ${duty.windowEnd ? monthHeading(duty.windowEnd, t) : t('heading-ongoing')}`);
    }
    lines.push(dutyLine(duty, t, numbered ? `${index + 1}.` : '•'));
  }
  const rest = duties.length - shown.length;
  if (rest > 0) lines.push(t('more', { count: rest }));
  return lines.join('\n');
}

function monthHeading(date: LocalDate, t: Translate): string {
  const { year, month } = dateParts(date);
  return t('heading-month', { month: String(month), year: String(year), monthName: MONTHS_EN[month - 1] ?? '' });
}

export function helpReply(t: Translate, intro: 'help' | 'unknown'): string {
  return `${t(intro)}\n${t('examples')}`;
}

/** The reply language: English when the asker chose it or asked in English. */
export function replyLanguage(asked: Language, preferred: Language | undefined): Language {
  return preferred === 'en' || asked === 'en' ? 'en' : 'vi';
}

/** Duties done late: the unit, the window and how many days after its deadline in force it reported done. */
export function lateReply(
  rows: readonly {
    title: string;
    ref: string;
    start: LocalDate;
    end: LocalDate;
    unit: { name: string };
    daysLate: number;
  }[],
  total: number,
  period: string,
  t: Translate,
): string {
  if (total === 0) return t('followup-late-none', { period });
  const lines = [t('followup-late-header', { period, count: total })];
  for (const row of rows.slice(0, MAX_LINES))
    lines.push(
      `• ${row.unit.name}: ${row.title} [${row.ref}] (${formatWindow(row.start, row.end)}) — ${t('followup-days-late', { days: row.daysLate })}`,
    );
  if (total > Math.min(rows.length, MAX_LINES))
    lines.push(t('followup-more', { count: total - Math.min(rows.length, MAX_LINES) }));
  return lines.join('\n');
}

/** Units that have not reported on some of the period's windows, with how many, and how many are overdue. */
export function silentUnitsReply(
  units: readonly { name: string; unreported: number; overdue: number }[],
  period: string,
  t: Translate,
): string {
  if (units.length === 0) return t('followup-silent-none', { period });
  const lines = [t('followup-silent-header', { period, count: units.length })];
  for (const unit of units.slice(0, MAX_LINES))
    lines.push(`• ${unit.name}: ${t('followup-silent-line', { windows: unit.unreported, overdue: unit.overdue })}`);
  if (units.length > MAX_LINES) lines.push(t('followup-more', { count: units.length - MAX_LINES }));
  return lines.join('\n');
}
