// Overdue reminders and escalation, pure: when a unit past its deadline in force is reminded, and when its leaders
// and the supervising unit's admins are told. No I/O: the worker asks the database which units are overdue.
import { addDays, type LocalDate } from '../domain/dates.js';
import type { FollowUp } from '../domain/follow-up.js';
import { instantAt, toLocalDateTime } from '../domain/zoned.js';
import { nextWorkingTime, type WorkingCalendar } from './policy.js';

export interface EscalationSettings {
  /** At most this many overdue reminders: days 1, 3 and 7 after the deadline, then weekly (0: none). */
  maxReminders: number;
  /** After this step (1-based; 3 = day 7) the unit's leaders and the supervising unit's admins are told (0: never). */
  escalateAfter: number;
}

export const DEFAULT_ESCALATION: EscalationSettings = { maxReminders: 6, escalateAfter: 3 };

/** How long an escalation missed during downtime is still worth sending. */
export const ESCALATION_USEFUL_DAYS = 14;

export interface PlannedOverdue {
  /** `overdue-<days>` (to the unit) or `escalate-<days>` (about it; the ledger kind adds `:<unitId>`). */
  kind: `overdue-${number}` | `escalate-${number}`;
  /** 1-based position in the schedule. */
  step: number;
  /** Days after the deadline it is about. */
  daysLate: number;
  /** Its nominal day, before shifting into working time. */
  day: LocalDate;
  dueAt: Date;
  /** Not sent after this: the next step (or, for the last, a week) replaces it. */
  usefulUntil: Date;
}

/** The days after a deadline the overdue reminders are about: 1, 3, 7, then weekly, at most `max`. */
export function overdueStepDays(max: number): number[] {
  const days: number[] = [];
  for (let step = 0; step < max; step += 1) days.push(step < 3 ? ([1, 3, 7][step] ?? 7) : 7 * (step - 1));
  return days;
}

/**
 * The overdue reminders (and the escalation) of a unit whose deadline in force is `deadline`, in due order. Each is
 * due at the send time of its day, moved to the next working time (weekends, holidays); one that would thereby reach
 * the next step's day is left out (the next step says the same, later). The escalation goes with step
 * `escalateAfter`, on that step's day even when the reminder itself was left out.
 */
export function planOverdue(
  deadline: LocalDate,
  settings: EscalationSettings,
  calendar: WorkingCalendar,
): PlannedOverdue[] {
  const midnight = (date: LocalDate) => instantAt(date, 0, calendar.timeZone);
  const resumeAt =
    calendar.sendAtMinutes >= calendar.startMinutes && calendar.sendAtMinutes <= calendar.endMinutes
      ? calendar.sendAtMinutes
      : calendar.startMinutes;
  const due = (day: LocalDate) => nextWorkingTime({ date: day, minutes: calendar.sendAtMinutes }, calendar, resumeAt);
  const days = overdueStepDays(settings.maxReminders);
  const planned: PlannedOverdue[] = [];
  const taken = new Set<LocalDate>();
  days.forEach((daysLate, index) => {
    const day = addDays(deadline, daysLate);
    const next = days[index + 1];
    const usefulUntil = midnight(addDays(deadline, next ?? daysLate + 7));
    const dueAt = due(day);
    const dueDay = toLocalDateTime(dueAt, calendar.timeZone).date;
    if (dueAt < usefulUntil && !taken.has(dueDay)) {
      taken.add(dueDay);
      planned.push({ kind: `overdue-${daysLate}`, step: index + 1, daysLate, day, dueAt, usefulUntil });
    }
    if (settings.escalateAfter === index + 1)
      planned.push({
        kind: `escalate-${daysLate}`,
        step: index + 1,
        daysLate,
        day,
        dueAt,
        usefulUntil: midnight(addDays(day, ESCALATION_USEFUL_DAYS)),
      });
  });
  return planned.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.kind.localeCompare(b.kind));
}

/** The ledger kind of an escalation about one unit: a recipient gets one per unit. */
export function escalationLedgerKind(kind: `escalate-${number}`, unitId: number): string {
  return `${kind}:${unitId}`;
}

export type LedgerKindInfo =
  | { type: 'overdue'; daysLate: number }
  | { type: 'escalate'; daysLate: number; unitId: number }
  | { type: 'nudge'; day: LocalDate }
  | { type: 'other' };

/** What a ledger kind is about (`overdue-3`, `escalate-7:12`, `nudge:2012-10-02`, anything else). */
export function ledgerKindInfo(kind: string): LedgerKindInfo {
  let match = /^overdue-(\d+)$/.exec(kind);
  if (match) return { type: 'overdue', daysLate: Number(match[1]) };
  match = /^escalate-(\d+):(\d+)$/.exec(kind);
  if (match) return { type: 'escalate', daysLate: Number(match[1]), unitId: Number(match[2]) };
  match = /^nudge:(\d{4}-\d{2}-\d{2})$/.exec(kind);
  if (match) return { type: 'nudge', day: match[1] as LocalDate };
  return { type: 'other' };
}

/** Checked again at sending: the unit is still overdue (no accepted done) at least as long as the step says. */
export function stillOverdue(followUp: FollowUp, daysLate: number): boolean {
  return followUp.state === 'overdue' && followUp.daysLate >= daysLate;
}

/** The unit that supervises another: its parent in the unit tree, else the plan's issuer (neither: nobody). */
export function supervisingUnitId(unit: { id: number; parentId: number | null }, issuerUnitId: number | null) {
  const supervisor = unit.parentId ?? issuerUnitId;
  return supervisor === unit.id ? null : supervisor;
}

/** The longest a step can be after a deadline (for finding candidate windows). */
export function longestOverdueLead(settings: EscalationSettings): number {
  const days = overdueStepDays(settings.maxReminders);
  return Math.max(0, ...days) + Math.max(7, ESCALATION_USEFUL_DAYS);
}
