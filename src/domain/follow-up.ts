// The four-way status offices count a unit's window in: done on time, done late, open within the deadline, overdue.
//
// Computed, never stored: from the unit's current report, its confirmation (on plans that require one) and the
// deadline in force (the window's end, or the end of an approved extension). A "done" waiting for confirmation or
// sent back is still open: the office has not accepted it. Done is dated by the report, not by the confirmation:
// the unit finished when it said so, the office only checked it.
import { daysBetween, type LocalDate } from './dates.js';

export type FollowUpState = 'done_on_time' | 'done_late' | 'open' | 'overdue';

export const FOLLOW_UP_STATES: readonly FollowUpState[] = ['done_on_time', 'done_late', 'open', 'overdue'];

export type ReviewState = 'pending' | 'confirmed' | 'returned';

export interface FollowUpInput {
  /** The deadline in force for this unit: the window's last day, or an approved extension's. */
  deadline: LocalDate;
  /** The day (in the plan's time zone) of the unit's current report when that report says done; else null. */
  doneOn: LocalDate | null;
  /** The current report's review; null when the plan does not require confirmation or nothing was reported. */
  review: ReviewState | null;
  requiresConfirmation: boolean;
  today: LocalDate;
}

export interface FollowUp {
  state: FollowUpState;
  /** Days after the deadline: the report's (done late) or today's (overdue); 0 otherwise. */
  daysLate: number;
  /** Done, but the office has not confirmed it yet (or returned it): counted as open or overdue meanwhile. */
  awaitingConfirmation: boolean;
  returned: boolean;
}

/** Whether a report's "done" counts as done: on plans that require it, only once it is confirmed. */
export function completionAccepted(
  doneOn: LocalDate | null,
  review: ReviewState | null,
  requiresConfirmation: boolean,
): boolean {
  if (doneOn === null) return false;
  return !requiresConfirmation || review === 'confirmed';
}

export function followUpStatus(input: FollowUpInput): FollowUp {
  const returned = input.doneOn !== null && input.requiresConfirmation && input.review === 'returned';
  const awaitingConfirmation = input.doneOn !== null && input.requiresConfirmation && input.review !== 'confirmed';
  if (input.doneOn !== null && completionAccepted(input.doneOn, input.review, input.requiresConfirmation)) {
    const late = daysBetween(input.deadline, input.doneOn);
    return late > 0
      ? { state: 'done_late', daysLate: late, awaitingConfirmation: false, returned: false }
      : { state: 'done_on_time', daysLate: 0, awaitingConfirmation: false, returned: false };
  }
  const overdue = daysBetween(input.deadline, input.today);
  return overdue > 0
    ? { state: 'overdue', daysLate: overdue, awaitingConfirmation, returned }
    : { state: 'open', daysLate: 0, awaitingConfirmation, returned };
}

export interface FollowUpCounts {
  done_on_time: number;
  done_late: number;
  open: number;
  overdue: number;
}

export interface FollowUpRates {
  total: number;
  /** Done (on time or late) over all windows counted. */
  doneRate: number;
  /** Done on time over all windows counted. */
  onTimeRate: number;
  /** Overdue over all windows counted. */
  overdueRate: number;
}

export function emptyCounts(): FollowUpCounts {
  return { done_on_time: 0, done_late: 0, open: 0, overdue: 0 };
}

/** Rates of a set of counts; 0 (not NaN) when nothing is counted. */
export function followUpRates(counts: FollowUpCounts): FollowUpRates {
  const total = counts.done_on_time + counts.done_late + counts.open + counts.overdue;
  const rate = (n: number) => (total === 0 ? 0 : n / total);
  return {
    total,
    doneRate: rate(counts.done_on_time + counts.done_late),
    onTimeRate: rate(counts.done_on_time),
    overdueRate: rate(counts.overdue),
  };
}
