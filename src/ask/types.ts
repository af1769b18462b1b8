// The vocabulary shared by question parsing (pure) and answering (database): intents, periods, answers.
import type { LocalDate } from '../domain/dates.js';

export const INTENTS = [
  'due',
  'unit_duties',
  'duty_when',
  'overdue',
  'done_late',
  'not_reported',
  'help',
  'unknown',
] as const;
export type Intent = (typeof INTENTS)[number];

export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** A period found in a question, with the words it was read from (for tests and debugging). */
export interface PeriodMatch {
  range: DateRange;
  /**
   * `window`: the duties open in the period ("tháng 9", "this week").
   * `deadline`: a bound ("trước 30/9", "đến cuối tháng", "by Friday"): duties due by the end of the range;
   * the range then starts today (or at the bound's own start when one is given).
   */
  kind: 'window' | 'deadline';
  /** The part of the folded question that named the period. */
  matched: string;
}
