// Reminder planning, pure: which reminders a window gets, when each is due in working time, until when it is useful.
import { addDays, type LocalDate } from '../domain/dates.js';
import { instantAt, type LocalDateTime, toLocalDateTime } from '../domain/zoned.js';

export interface ReminderPolicy {
  /** Days before a window opens (default 7, 3 and 1). */
  beforeOpenDays: number[];
  /** On the morning the window opens. */
  onOpen: boolean;
  /** Days before it closes (default 3 and 1); only while the window is open on that day. */
  beforeCloseDays: number[];
  /** The day after it ends, to units that have not reported done. */
  overdue: boolean;
  /** Coordinating ("phối hợp") units too, not only the lead. */
  coordinating: boolean;
}

export const DEFAULT_POLICY: ReminderPolicy = {
  beforeOpenDays: [7, 3, 1],
  onOpen: true,
  beforeCloseDays: [3, 1],
  overdue: true,
  coordinating: false,
};

/** When reminders may be delivered: the plan's time zone, working hours and days, public holidays. */
export interface WorkingCalendar {
  timeZone: string;
  /** The time of day a reminder is due on its day, before working-hour shifting. */
  sendAtMinutes: number;
  startMinutes: number;
  endMinutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  workingDays: ReadonlySet<number>;
  holidays: ReadonlySet<LocalDate>;
}

/** How long after a window closed an overdue notice is still worth sending (catch-up after downtime). */
export const OVERDUE_USEFUL_DAYS = 30;

export type ReminderKind = `before-open-${number}` | 'open' | `before-close-${number}` | 'overdue';

export interface PlannedReminder {
  kind: ReminderKind;
  /** The day it is about (its nominal day, before shifting into working time). */
  day: LocalDate;
  /** When it is due: the nominal day at the send time, moved to the next working time if outside. */
  dueAt: Date;
  /** After this it is not sent any more (a "before it opens" reminder once the window has opened). */
  usefulUntil: Date;
}

export interface Window {
  start: LocalDate;
  end: LocalDate;
}

/**
 * The reminders of one window, in due order. A "before close" reminder whose day is before the window
 * opens is left out (a one-day window gets no "3 days before it closes"). A reminder due outside working
 * time waits for the next working time; one that would thereby miss its purpose (a "1 day before it
 * closes" on the Saturday before a Sunday deadline) is brought forward to the last working day before,
 * at the send time, and dropped if there is none in reach. A window gets at most one reminder a day:
 * of two on one day the more urgent (later nominal day) is kept.
 */
export function planReminders(window: Window, policy: ReminderPolicy, calendar: WorkingCalendar): PlannedReminder[] {
  const midnight = (date: LocalDate) => instantAt(date, 0, calendar.timeZone);
  const afterWindow = midnight(addDays(window.end, 1));
  const candidates: { kind: ReminderKind; day: LocalDate; usefulUntil: Date; notBefore: Date }[] = [];
  const lead = Math.max(0, ...unique(policy.beforeOpenDays)) + 7;
  const earliest = midnight(addDays(window.start, -lead));
  for (const days of unique(policy.beforeOpenDays))
    candidates.push({
      kind: `before-open-${days}`,
      day: addDays(window.start, -days),
      usefulUntil: midnight(window.start),
      notBefore: earliest,
    });
  if (policy.onOpen)
    candidates.push({ kind: 'open', day: window.start, usefulUntil: afterWindow, notBefore: midnight(window.start) });
  for (const days of unique(policy.beforeCloseDays)) {
    const day = addDays(window.end, -days);
    if (day >= window.start)
      candidates.push({
        kind: `before-close-${days}`,
        day,
        usefulUntil: afterWindow,
        notBefore: midnight(window.start),
      });
  }
  if (policy.overdue)
    candidates.push({
      kind: 'overdue',
      day: addDays(window.end, 1),
      usefulUntil: midnight(addDays(window.end, 1 + OVERDUE_USEFUL_DAYS)),
      notBefore: afterWindow,
    });

  const planned: PlannedReminder[] = [];
  const takenDays = new Set<LocalDate>();
  // Latest nominal day first: when two reminders land on one day, the more urgent one is kept
  // ("1 day before it closes", not "3 days before").
  candidates.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  const resumeAt =
    calendar.sendAtMinutes >= calendar.startMinutes && calendar.sendAtMinutes <= calendar.endMinutes
      ? calendar.sendAtMinutes
      : calendar.startMinutes;
  for (const candidate of candidates) {
    const nominal = { date: candidate.day, minutes: calendar.sendAtMinutes };
    let dueAt = nextWorkingTime(nominal, calendar, resumeAt);
    if (dueAt >= candidate.usefulUntil) {
      const earlier = previousWorkingTime(nominal, calendar);
      if (!earlier || earlier < candidate.notBefore) continue;
      dueAt = earlier;
    }
    const dueDay = toLocalDateTime(dueAt, calendar.timeZone).date;
    if (takenDays.has(dueDay)) continue;
    takenDays.add(dueDay);
    planned.push({ kind: candidate.kind, day: candidate.day, dueAt, usefulUntil: candidate.usefulUntil });
  }
  return planned.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * The working time before a local time: the same day if it is a working day and the time is past the
 * start of work (capped at its end), else the send time of the last working day before (within two weeks).
 */
export function previousWorkingTime(at: LocalDateTime, calendar: WorkingCalendar): Date | undefined {
  let { date, minutes } = at;
  const clamp = (value: number) => Math.min(Math.max(value, calendar.startMinutes), calendar.endMinutes);
  for (let guard = 0; guard < 14; guard += 1) {
    if (!isWorkingDay(date, calendar) || minutes < calendar.startMinutes) {
      date = addDays(date, -1);
      minutes = clamp(calendar.sendAtMinutes);
      continue;
    }
    return instantAt(date, Math.min(minutes, calendar.endMinutes), calendar.timeZone);
  }
  return undefined;
}

/**
 * The first moment at or after a local time that is inside working hours on a working day; on a later
 * day, at `resumeAt` (the start of work unless given, e.g. the usual send time).
 */
export function nextWorkingTime(at: LocalDateTime, calendar: WorkingCalendar, resumeAt = calendar.startMinutes): Date {
  let { date, minutes } = at;
  // A year of holidays in a row is a configuration error, not a reason to loop forever.
  for (let guard = 0; guard < 400; guard += 1) {
    if (!isWorkingDay(date, calendar) || minutes > calendar.endMinutes) {
      date = addDays(date, 1);
      minutes = resumeAt;
      continue;
    }
    return instantAt(date, Math.max(minutes, calendar.startMinutes), calendar.timeZone);
  }
  throw new RangeError('The working calendar has no working day within 400 days');
}

/** The same, from an instant (a snooze ends at 02:00 → delivered at the start of the next working time). */
export function nextWorkingInstant(instant: Date, calendar: WorkingCalendar): Date {
  const next = nextWorkingTime(toLocalDateTime(instant, calendar.timeZone), calendar);
  return next < instant ? instant : next;
}

/** When a reminder reaches an official who snoozed past its time: when the snooze ends, in working time. */
export function dueForRecipient(dueAt: Date, snoozedUntil: Date | null, calendar: WorkingCalendar): Date {
  return snoozedUntil && snoozedUntil > dueAt ? nextWorkingInstant(snoozedUntil, calendar) : dueAt;
}

export function isWorkingDay(date: LocalDate, calendar: WorkingCalendar): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return calendar.workingDays.has(weekday) && !calendar.holidays.has(date);
}

/** The policy for a duty: the global one, then the plan's changes, then the duty's. */
export function effectivePolicy(
  global: ReminderPolicy,
  ...overrides: (Partial<ReminderPolicy> | undefined)[]
): ReminderPolicy {
  // Only settings actually given change the policy: an explicit undefined inherits.
  const given = (override: Partial<ReminderPolicy> | undefined) =>
    Object.fromEntries(Object.entries(override ?? {}).filter(([, value]) => value !== undefined && value !== null));
  return Object.assign({}, global, ...overrides.map(given));
}

/** The earliest day a reminder of this policy can be about, relative to a window's start (for finding candidates). */
export function longestLead(policy: Pick<ReminderPolicy, 'beforeOpenDays'>): number {
  return Math.max(0, ...unique(policy.beforeOpenDays));
}

function unique(days: number[]): number[] {
  return [...new Set(days.filter((day) => Number.isInteger(day) && day > 0))].sort((a, b) => b - a);
}
