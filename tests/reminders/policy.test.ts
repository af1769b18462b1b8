import { describe, expect, it } from 'vitest';
import { addDays, type LocalDate, localDate } from '../../src/domain/dates.js';
import { expandSchedule, type Schedule } from '../../src/domain/schedule.js';
import { instantAt, type LocalDateTime, toLocalDateTime } from '../../src/domain/zoned.js';
import {
  DEFAULT_POLICY,
  effectivePolicy,
  isWorkingDay,
  longestLead,
  nextWorkingInstant,
  nextWorkingTime,
  OVERDUE_USEFUL_DAYS,
  type PlannedReminder,
  planReminders,
  previousWorkingTime,
  type ReminderPolicy,
  type Window,
  type WorkingCalendar,
} from '../../src/reminders/policy.js';
import { seeded } from '../support/random.js';

// Everything is pure: windows, instants and calendars are passed explicitly; no real clock is read.

const d = localDate;
const VN = 'Asia/Ho_Chi_Minh';

/** "08:00" → 480, written locally so these tests do not depend on parseClock. */
function clock(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/** A local wall time in the calendar's zone, as the tests compare them. */
function wall(date: string, time: string): LocalDateTime {
  return { date: d(date), minutes: clock(time) };
}

function calendarWith(changes: Partial<WorkingCalendar> = {}): WorkingCalendar {
  return {
    timeZone: VN,
    sendAtMinutes: clock('08:00'),
    startMinutes: clock('07:30'),
    endMinutes: clock('17:30'),
    workingDays: new Set([1, 2, 3, 4, 5]),
    holidays: new Set<LocalDate>(),
    ...changes,
  };
}

const calendar = calendarWith();

function window(start: string, end: string): Window {
  return { start: d(start), end: d(end) };
}

function dateRange(from: string, to: string): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = d(from); day <= d(to); day = addDays(day, 1)) days.push(day);
  return days;
}

/** A plan as the calendar shows it: kind, nominal day and local due time. */
function timetable(plan: PlannedReminder[], cal: WorkingCalendar = calendar) {
  return plan.map((reminder) => ({
    kind: reminder.kind,
    day: reminder.day,
    due: toLocalDateTime(reminder.dueAt, cal.timeZone),
  }));
}

function row(kind: string, day: string, dueDate: string, dueTime: string) {
  return { kind, day, due: wall(dueDate, dueTime) };
}

/** The invariants every plan must satisfy, whatever the window and calendar. */
function expectDeliverable(plan: PlannedReminder[], win: Window, cal: WorkingCalendar): void {
  const opens = instantAt(win.start, 0, cal.timeZone);
  const afterWindow = instantAt(addDays(win.end, 1), 0, cal.timeZone);
  const days = new Set<string>();
  for (const [index, reminder] of plan.entries()) {
    const due = toLocalDateTime(reminder.dueAt, cal.timeZone);
    const context = `${win.start}..${win.end} ${reminder.kind} due ${due.date} ${due.minutes}`;
    expect(isWorkingDay(due.date, cal), context).toBe(true);
    expect(cal.holidays.has(due.date), context).toBe(false);
    expect(due.minutes, context).toBeGreaterThanOrEqual(cal.startMinutes);
    expect(due.minutes, context).toBeLessThanOrEqual(cal.endMinutes);
    expect(reminder.dueAt.getTime(), context).toBeLessThan(reminder.usefulUntil.getTime());
    expect(days.has(due.date), `${context}: a second reminder the same day`).toBe(false);
    days.add(due.date);
    if (index > 0) expect(reminder.dueAt.getTime(), context).toBeGreaterThan(plan[index - 1]!.dueAt.getTime());
    if (reminder.kind.startsWith('before-open-'))
      expect(reminder.dueAt.getTime(), context).toBeLessThan(opens.getTime());
    if (reminder.kind === 'open' || reminder.kind.startsWith('before-close-')) {
      expect(reminder.dueAt.getTime(), context).toBeGreaterThanOrEqual(opens.getTime());
      expect(reminder.dueAt.getTime(), context).toBeLessThan(afterWindow.getTime());
    }
    if (reminder.kind === 'overdue')
      expect(reminder.dueAt.getTime(), context).toBeGreaterThanOrEqual(afterWindow.getTime());
  }
}

describe('planReminders', () => {
  it('plans a normal two-month window (Trà Vinh district reviews, 1/8–30/9/2012) in due order at local working times', () => {
    const plan = planReminders(window('2012-08-01', '2012-09-30'), DEFAULT_POLICY, calendar);
    expect(timetable(plan)).toEqual([
      row('before-open-7', '2012-07-25', '2012-07-25', '08:00'), // Wednesday
      row('before-open-3', '2012-07-29', '2012-07-30', '08:00'), // Sunday → Monday at the send time
      row('before-open-1', '2012-07-31', '2012-07-31', '08:00'), // Tuesday
      row('open', '2012-08-01', '2012-08-01', '08:00'), // Wednesday
      row('before-close-3', '2012-09-27', '2012-09-27', '08:00'), // Thursday
      row('before-close-1', '2012-09-29', '2012-09-28', '08:00'), // Saturday → brought forward to Friday
      row('overdue', '2012-10-01', '2012-10-01', '08:00'), // Monday
    ]);
    expectDeliverable(plan, window('2012-08-01', '2012-09-30'), calendar);
  });

  it('brings "1 day before close" of a Sunday deadline forward to Friday at the send time, keeping it over a less urgent one on Friday, and drops it if the window has no working time before', () => {
    const sundayDeadline = planReminders(window('2012-08-01', '2012-09-30'), DEFAULT_POLICY, calendar);
    const lastCall = sundayDeadline.find((reminder) => reminder.kind === 'before-close-1')!;
    expect(lastCall.day).toBe('2012-09-29'); // Saturday: waiting for Monday would be after the deadline
    expect(toLocalDateTime(lastCall.dueAt, VN)).toEqual(wall('2012-09-28', '08:00'));

    // Friday is "2 days before close" too: one reminder that day, the more urgent "1 day before" (the later nominal day).
    const withTwoDays = planReminders(
      window('2012-08-01', '2012-09-30'),
      { ...DEFAULT_POLICY, beforeCloseDays: [2, 1] },
      calendar,
    );
    expect(timetable(withTwoDays).filter((reminder) => reminder.kind.startsWith('before-close'))).toEqual([
      row('before-close-1', '2012-09-29', '2012-09-28', '08:00'),
    ]);

    // A weekend-only window (Sat 29/9–Sun 30/9): nothing can be delivered while it is open, and Friday is before it opens.
    const weekendOnly = planReminders(window('2012-09-29', '2012-09-30'), DEFAULT_POLICY, calendar);
    expect(timetable(weekendOnly)).toEqual([
      row('before-open-7', '2012-09-22', '2012-09-24', '08:00'), // Saturday → Monday at the send time, still before it opens
      row('before-open-3', '2012-09-26', '2012-09-26', '08:00'),
      row('before-open-1', '2012-09-28', '2012-09-28', '08:00'),
      row('overdue', '2012-10-01', '2012-10-01', '08:00'),
    ]);
    expectDeliverable(weekendOnly, window('2012-09-29', '2012-09-30'), calendar);
  });

  it('gives a one-day window no "before close" reminders: only before-open 7/3/1, open and overdue', () => {
    const plan = planReminders(window('2012-03-30', '2012-03-30'), DEFAULT_POLICY, calendar);
    expect(timetable(plan)).toEqual([
      row('before-open-7', '2012-03-23', '2012-03-23', '08:00'),
      row('before-open-3', '2012-03-27', '2012-03-27', '08:00'),
      row('before-open-1', '2012-03-29', '2012-03-29', '08:00'),
      row('open', '2012-03-30', '2012-03-30', '08:00'), // Friday
      row('overdue', '2012-03-31', '2012-04-02', '08:00'), // Saturday → Monday at the send time
    ]);
    expect(plan.some((reminder) => reminder.kind.startsWith('before-close'))).toBe(false);
  });

  it('moves a "before open" reminder on a weekend to Monday while the window has not opened yet, and never gives a day a second reminder of the window', () => {
    // Opens Tuesday 7/8: "3 days before" is Saturday 4/8 → Monday 6/8 08:00, but "1 day before" is that Monday itself:
    // one reminder that day, the more urgent "1 day before".
    const tuesday = planReminders(window('2012-08-07', '2012-08-20'), DEFAULT_POLICY, calendar);
    expect(timetable(tuesday).filter((reminder) => reminder.kind.startsWith('before-open'))).toEqual([
      row('before-open-7', '2012-07-31', '2012-07-31', '08:00'),
      row('before-open-1', '2012-08-06', '2012-08-06', '08:00'),
    ]);
    expectDeliverable(tuesday, window('2012-08-07', '2012-08-20'), calendar);
  });

  it('brings a "before open" reminder on the weekend before a Monday opening forward to Friday, keeping it over a less urgent one on Friday, and drops it when there is no working day in reach', () => {
    // Opens Monday 13/8: "1 day before" is Sunday 12/8; Monday would be too late → Friday 10/8 at the send time.
    const sevenAndOne = planReminders(
      window('2012-08-13', '2012-08-31'),
      { ...DEFAULT_POLICY, beforeOpenDays: [7, 1] },
      calendar,
    );
    expect(timetable(sevenAndOne).filter((reminder) => reminder.kind.startsWith('before-open'))).toEqual([
      row('before-open-7', '2012-08-06', '2012-08-06', '08:00'),
      row('before-open-1', '2012-08-12', '2012-08-10', '08:00'),
    ]);

    // With the default 7/3/1, Friday 10/8 is "3 days before" too: not doubled, the more urgent "1 day before" is kept.
    const defaults = planReminders(window('2012-08-13', '2012-08-31'), DEFAULT_POLICY, calendar);
    expect(timetable(defaults).filter((reminder) => reminder.kind.startsWith('before-open'))).toEqual([
      row('before-open-7', '2012-08-06', '2012-08-06', '08:00'),
      row('before-open-1', '2012-08-12', '2012-08-10', '08:00'),
    ]);

    // Opens Monday 18/2/2013 after the Tết week (Mon 11/2–Fri 15/2 off): the last working time before Sunday 17/2
    // is Friday 8/2, earlier than the policy's reach (its longest lead + 7 days = 8 days before) → dropped.
    const afterTet = calendarWith({ holidays: new Set(dateRange('2013-02-11', '2013-02-15')) });
    const onlyOneDay = planReminders(
      window('2013-02-18', '2013-03-15'),
      { ...DEFAULT_POLICY, beforeOpenDays: [1] },
      afterTet,
    );
    expect(onlyOneDay.some((reminder) => reminder.kind.startsWith('before-open'))).toBe(false);
    expect(timetable(onlyOneDay, afterTet)[0]).toEqual(row('open', '2013-02-18', '2013-02-18', '08:00'));
  });

  it('keeps reminders of windows across month end and year end off weekends and holidays (New Year 1/1/2013, with 31/12 taken as a bridge day)', () => {
    const newYear = calendarWith({ holidays: new Set([d('2012-12-31'), d('2013-01-01')]) });
    const win = window('2012-12-28', '2013-01-03');
    const plan = planReminders(win, DEFAULT_POLICY, newYear);
    expect(timetable(plan, newYear)).toEqual([
      row('before-open-7', '2012-12-21', '2012-12-21', '08:00'),
      row('before-open-3', '2012-12-25', '2012-12-25', '08:00'),
      row('before-open-1', '2012-12-27', '2012-12-27', '08:00'),
      row('open', '2012-12-28', '2012-12-28', '08:00'), // Friday
      // "3 days before close" (Monday 31/12, off) would move to Wednesday 2/1, the day of "1 day before close": not doubled,
      // the more urgent "1 day before" is kept.
      row('before-close-1', '2013-01-02', '2013-01-02', '08:00'),
      row('overdue', '2013-01-04', '2013-01-04', '08:00'),
    ]);
    expectDeliverable(plan, win, newYear);

    // With only 1/1 off nothing needs to move.
    const onlyNewYearsDay = calendarWith({ holidays: new Set([d('2013-01-01')]) });
    expect(
      timetable(planReminders(win, DEFAULT_POLICY, onlyNewYearsDay), onlyNewYearsDay).map((reminder) => reminder.due),
    ).toEqual([
      wall('2012-12-21', '08:00'),
      wall('2012-12-25', '08:00'),
      wall('2012-12-27', '08:00'),
      wall('2012-12-28', '08:00'),
      wall('2012-12-31', '08:00'),
      wall('2013-01-02', '08:00'),
      wall('2013-01-04', '08:00'),
    ]);
  });

  it('never plans a reminder during Tết (9–15/2/2013) for a window starting 16/2, nor on a weekend, nor outside 07:30–17:30', () => {
    const tet = calendarWith({ holidays: new Set(dateRange('2013-02-09', '2013-02-15')) });
    const win = window('2013-02-16', '2013-03-15');
    const plan = planReminders(win, DEFAULT_POLICY, tet);
    expect(timetable(plan, tet)).toEqual([
      // Friday 15/2 (Tết) → the last working time before, Friday 8/2; 7 and 3 days before (9/2, 13/2) would land there too:
      // the most urgent, "1 day before", is kept.
      row('before-open-1', '2013-02-15', '2013-02-08', '08:00'),
      row('open', '2013-02-16', '2013-02-18', '08:00'), // Saturday → Monday 18/2 at the send time
      row('before-close-3', '2013-03-12', '2013-03-12', '08:00'),
      row('before-close-1', '2013-03-14', '2013-03-14', '08:00'),
      row('overdue', '2013-03-16', '2013-03-18', '08:00'), // Saturday → Monday at the send time
    ]);
    expectDeliverable(plan, win, tet);
  });

  it('keeps every reminder of many windows on working days, inside working hours, before it stops being useful, one a day (seeded sweep 2012–2014)', () => {
    const random = seeded(20120801);
    const holidays = new Set([
      ...dateRange('2012-01-21', '2012-01-27'), // Tết Nhâm Thìn
      d('2012-03-31'),
      d('2012-04-30'),
      d('2012-05-01'),
      d('2012-09-03'),
      d('2013-01-01'),
      ...dateRange('2013-02-09', '2013-02-15'), // Tết Quý Tỵ
      d('2013-04-19'),
      d('2013-04-29'),
      d('2013-04-30'),
      d('2013-05-01'),
      d('2013-09-02'),
    ]);
    const sendTimes = ['06:00', '07:30', '08:00', '12:00', '17:30', '19:00'].map(clock);
    for (let index = 0; index < 800; index += 1) {
      const cal = calendarWith({ holidays, sendAtMinutes: sendTimes[Math.floor(random() * sendTimes.length)]! });
      const start = addDays(d('2012-01-01'), Math.floor(random() * 730));
      const win = { start, end: addDays(start, Math.floor(random() * 45)) };
      const policy: ReminderPolicy = {
        ...DEFAULT_POLICY,
        beforeOpenDays: [14, 7, 5, 3, 2, 1].filter(() => random() < 0.5),
        beforeCloseDays: [7, 3, 2, 1].filter(() => random() < 0.5),
      };
      expectDeliverable(planReminders(win, policy, cal), win, cal);
    }
  });

  it('moves a send time before working hours to the start of work the same day (06:00 → 07:30)', () => {
    const early = calendarWith({ sendAtMinutes: clock('06:00') });
    const plan = planReminders(window('2012-08-01', '2012-09-30'), DEFAULT_POLICY, early);
    expect(timetable(plan, early)).toEqual([
      row('before-open-7', '2012-07-25', '2012-07-25', '07:30'),
      row('before-open-3', '2012-07-29', '2012-07-30', '07:30'),
      row('before-open-1', '2012-07-31', '2012-07-31', '07:30'),
      row('open', '2012-08-01', '2012-08-01', '07:30'),
      row('before-close-3', '2012-09-27', '2012-09-27', '07:30'),
      // Brought forward from Saturday: the send time clamped into working hours on Friday.
      row('before-close-1', '2012-09-29', '2012-09-28', '07:30'),
      row('overdue', '2012-10-01', '2012-10-01', '07:30'),
    ]);
  });

  it('moves a send time after working hours to the next working day at 07:30, or to 17:30 the same day when the next day is too late', () => {
    const late = calendarWith({ sendAtMinutes: clock('19:00') });
    const plan = planReminders(window('2012-08-01', '2012-09-30'), DEFAULT_POLICY, late);
    expect(timetable(plan, late)).toEqual([
      row('before-open-7', '2012-07-25', '2012-07-26', '07:30'), // Wednesday 19:00 → Thursday
      row('before-open-3', '2012-07-29', '2012-07-30', '07:30'), // Sunday → Monday
      row('before-open-1', '2012-07-31', '2012-07-31', '17:30'), // Wednesday morning is the opening: brought forward to the end of Tuesday
      row('open', '2012-08-01', '2012-08-02', '07:30'), // Wednesday 19:00 → Thursday
      // "1 day before close" (Saturday) is brought forward to Friday 17:30; "3 days before" (Thursday 19:00 → Friday 07:30)
      // would land on Friday too: not doubled, the more urgent "1 day before" is kept.
      row('before-close-1', '2012-09-29', '2012-09-28', '17:30'),
      row('overdue', '2012-10-01', '2012-10-02', '07:30'), // Monday 19:00 → Tuesday at the start of work (19:00 is outside working hours)
    ]);
  });

  it('puts every reminder on its nominal day at the send time exactly when every day is a working day', () => {
    const everyDay = calendarWith({ workingDays: new Set([0, 1, 2, 3, 4, 5, 6]) });
    const plan = planReminders(window('2012-08-01', '2012-09-30'), DEFAULT_POLICY, everyDay);
    expect(timetable(plan, everyDay)).toEqual([
      row('before-open-7', '2012-07-25', '2012-07-25', '08:00'),
      row('before-open-3', '2012-07-29', '2012-07-29', '08:00'),
      row('before-open-1', '2012-07-31', '2012-07-31', '08:00'),
      row('open', '2012-08-01', '2012-08-01', '08:00'),
      row('before-close-3', '2012-09-27', '2012-09-27', '08:00'),
      row('before-close-1', '2012-09-29', '2012-09-29', '08:00'),
      row('overdue', '2012-10-01', '2012-10-01', '08:00'),
    ]);
    for (const reminder of plan) expect(reminder.dueAt).toEqual(instantAt(reminder.day, clock('08:00'), VN));
  });

  it('gives each window of a 6-monthly series its own full set of reminders, with distinct due times', () => {
    const sixMonthly: Schedule = {
      start: d('2012-06-15'),
      end: d('2012-06-30'),
      repeat: { everyMonths: 6 },
      label: 'báo cáo 6 tháng',
    };
    const windows = expandSchedule(sixMonthly, { from: d('2012-01-01'), to: d('2014-12-31') });
    expect(windows.map((w) => `${w.start}..${w.end}`)).toEqual([
      '2012-06-15..2012-06-30',
      '2012-12-15..2012-12-31',
      '2013-06-15..2013-06-30',
      '2013-12-15..2013-12-31',
      '2014-06-15..2014-06-30',
      '2014-12-15..2014-12-31',
    ]);

    // Every day working: the full nominal set for each window.
    const everyDay = calendarWith({ workingDays: new Set([0, 1, 2, 3, 4, 5, 6]) });
    const allDue: number[] = [];
    for (const occurrence of windows) {
      const plan = planReminders(occurrence, DEFAULT_POLICY, everyDay);
      expect(timetable(plan, everyDay), `${occurrence.start}`).toEqual([
        row('before-open-7', addDays(occurrence.start, -7), addDays(occurrence.start, -7), '08:00'),
        row('before-open-3', addDays(occurrence.start, -3), addDays(occurrence.start, -3), '08:00'),
        row('before-open-1', addDays(occurrence.start, -1), addDays(occurrence.start, -1), '08:00'),
        row('open', occurrence.start, occurrence.start, '08:00'),
        row('before-close-3', addDays(occurrence.end, -3), addDays(occurrence.end, -3), '08:00'),
        row('before-close-1', addDays(occurrence.end, -1), addDays(occurrence.end, -1), '08:00'),
        row('overdue', addDays(occurrence.end, 1), addDays(occurrence.end, 1), '08:00'),
      ]);
      allDue.push(...plan.map((reminder) => reminder.dueAt.getTime()));
    }
    expect(allDue).toHaveLength(windows.length * 7);
    expect(new Set(allDue).size).toBe(allDue.length);

    // Weekdays only: each window still gets its own plan, within its own reach, with no shared due times.
    const weekdayDue: number[] = [];
    for (const occurrence of windows) {
      const plan = planReminders(occurrence, DEFAULT_POLICY, calendar);
      expectDeliverable(plan, occurrence, calendar);
      expect(plan.map((reminder) => reminder.kind)).toContain('open');
      expect(plan.map((reminder) => reminder.kind)).toContain('overdue');
      for (const reminder of plan) {
        expect(reminder.dueAt.getTime()).toBeGreaterThanOrEqual(
          instantAt(addDays(occurrence.start, -14), 0, VN).getTime(),
        );
        expect(reminder.dueAt.getTime()).toBeLessThan(
          instantAt(addDays(occurrence.end, 1 + OVERDUE_USEFUL_DAYS), 0, VN).getTime(),
        );
      }
      weekdayDue.push(...plan.map((reminder) => reminder.dueAt.getTime()));
    }
    expect(new Set(weekdayDue).size).toBe(weekdayDue.length);
    // 15/12/2013 is a Sunday, 31/12/2013 a Tuesday.
    expect(timetable(planReminders(windows[3]!, DEFAULT_POLICY, calendar))).toEqual([
      row('before-open-7', '2013-12-08', '2013-12-09', '08:00'), // Sunday → Monday at the send time
      row('before-open-3', '2013-12-12', '2013-12-12', '08:00'),
      row('before-open-1', '2013-12-14', '2013-12-13', '08:00'), // Saturday → brought forward to Friday
      row('open', '2013-12-15', '2013-12-16', '08:00'),
      // "3 days before close" (Saturday 28/12) would move to Monday 30/12, the day of "1 day before": the latter is kept.
      row('before-close-1', '2013-12-30', '2013-12-30', '08:00'),
      row('overdue', '2014-01-01', '2014-01-01', '08:00'),
    ]);
  });
});

describe('usefulUntil and catching up', () => {
  it('ends "before open" reminders at local midnight of the opening day, open/before-close at midnight after the last day, overdue OVERDUE_USEFUL_DAYS later', () => {
    expect(OVERDUE_USEFUL_DAYS).toBe(30);
    const plan = planReminders(window('2012-08-01', '2012-09-30'), DEFAULT_POLICY, calendar);
    const until = Object.fromEntries(
      plan.map((reminder) => [reminder.kind, toLocalDateTime(reminder.usefulUntil, VN)]),
    );
    expect(until).toEqual({
      'before-open-7': wall('2012-08-01', '00:00'),
      'before-open-3': wall('2012-08-01', '00:00'),
      'before-open-1': wall('2012-08-01', '00:00'),
      open: wall('2012-10-01', '00:00'),
      'before-close-3': wall('2012-10-01', '00:00'),
      'before-close-1': wall('2012-10-01', '00:00'),
      overdue: wall(addDays(d('2012-10-01'), OVERDUE_USEFUL_DAYS), '00:00'),
    });
    // Local midnight in Hà Nội is 17:00 UTC the day before.
    expect(plan[0]!.usefulUntil.toISOString()).toBe('2012-07-31T17:00:00.000Z');
  });

  it('lets a planner that was down from before the window opened until mid-window send open and before-close, but no before-open', () => {
    const win = window('2012-08-01', '2012-08-10'); // Wednesday to the Friday after
    const plan = planReminders(win, DEFAULT_POLICY, calendar);
    expect(timetable(plan)).toEqual([
      row('before-open-7', '2012-07-25', '2012-07-25', '08:00'),
      row('before-open-3', '2012-07-29', '2012-07-30', '08:00'),
      row('before-open-1', '2012-07-31', '2012-07-31', '08:00'),
      row('open', '2012-08-01', '2012-08-01', '08:00'),
      row('before-close-3', '2012-08-07', '2012-08-07', '08:00'),
      row('before-close-1', '2012-08-09', '2012-08-09', '08:00'),
      row('overdue', '2012-08-11', '2012-08-13', '08:00'),
    ]);
    // The catch-up policy: whatever is due and still useful.
    const sendable = (now: Date) =>
      plan.filter((reminder) => reminder.dueAt <= now && now < reminder.usefulUntil).map((reminder) => reminder.kind);
    const at = (date: string, time: string) => instantAt(d(date), clock(time), VN);

    // Down since 20/7, back on Wednesday 8/8 at 10:00: the window has been open a week.
    expect(sendable(at('2012-08-08', '10:00'))).toEqual(['open', 'before-close-3']);
    expect(sendable(at('2012-08-09', '09:00'))).toEqual(['open', 'before-close-3', 'before-close-1']);
    // Back the evening before it opens: the "before open" ones are still worth sending.
    expect(sendable(at('2012-07-31', '23:59'))).toEqual(['before-open-7', 'before-open-3', 'before-open-1']);
    // Back after it closed: only the overdue notice, and only for OVERDUE_USEFUL_DAYS.
    expect(sendable(at('2012-08-11', '12:00'))).toEqual([]);
    expect(sendable(at('2012-08-20', '10:00'))).toEqual(['overdue']);
    expect(sendable(at('2012-09-09', '23:59'))).toEqual(['overdue']);
    expect(sendable(at('2012-09-10', '00:00'))).toEqual([]);
  });
});

describe('policy variants', () => {
  const win = window('2012-08-01', '2012-09-30');
  const kinds = (policy: ReminderPolicy) => planReminders(win, policy, calendar).map((reminder) => reminder.kind);

  it('plans no "before open" reminders for an empty beforeOpenDays and no "before close" ones for an empty beforeCloseDays', () => {
    expect(kinds({ ...DEFAULT_POLICY, beforeOpenDays: [] })).toEqual([
      'open',
      'before-close-3',
      'before-close-1',
      'overdue',
    ]);
    expect(kinds({ ...DEFAULT_POLICY, beforeCloseDays: [] })).toEqual([
      'before-open-7',
      'before-open-3',
      'before-open-1',
      'open',
      'overdue',
    ]);
    expect(
      kinds({ ...DEFAULT_POLICY, beforeOpenDays: [], beforeCloseDays: [], onOpen: false, overdue: false }),
    ).toEqual([]);
  });

  it('leaves out the opening reminder when onOpen is false and the overdue notice when overdue is false', () => {
    expect(kinds({ ...DEFAULT_POLICY, onOpen: false })).toEqual([
      'before-open-7',
      'before-open-3',
      'before-open-1',
      'before-close-3',
      'before-close-1',
      'overdue',
    ]);
    expect(kinds({ ...DEFAULT_POLICY, overdue: false })).toEqual([
      'before-open-7',
      'before-open-3',
      'before-open-1',
      'open',
      'before-close-3',
      'before-close-1',
    ]);
  });

  it('ignores zero, negative and fractional days and dedupes unsorted lists', () => {
    const messy: ReminderPolicy = {
      ...DEFAULT_POLICY,
      beforeOpenDays: [1, 3, 3, 0, -2, 7, 1, 2.5],
      beforeCloseDays: [1, 0, 3, -1, 1],
    };
    expect(planReminders(win, messy, calendar)).toEqual(planReminders(win, DEFAULT_POLICY, calendar));
  });

  // Formerly a bug: the lead was computed from the raw list, so NaN/Infinity made planReminders throw.
  it('ignores NaN and Infinity in beforeOpenDays like the other invalid days', () => {
    const withNaN: ReminderPolicy = { ...DEFAULT_POLICY, beforeOpenDays: [7, Number.NaN, 3, 1] };
    expect(planReminders(win, withNaN, calendar)).toEqual(planReminders(win, DEFAULT_POLICY, calendar));
    const withInfinity: ReminderPolicy = { ...DEFAULT_POLICY, beforeOpenDays: [7, Number.POSITIVE_INFINITY, 3, 1] };
    expect(planReminders(win, withInfinity, calendar)).toEqual(planReminders(win, DEFAULT_POLICY, calendar));
  });

  it('plans only the "before close" reminders whose day is while the window is open', () => {
    const tenDays = window('2012-08-01', '2012-08-10');
    const plan = planReminders(
      tenDays,
      { ...DEFAULT_POLICY, beforeOpenDays: [], beforeCloseDays: [20, 9, 5] },
      calendar,
    );
    expect(timetable(plan)).toEqual([
      row('open', '2012-08-01', '2012-08-01', '08:00'), // "9 days before close" is 1/8 too: not doubled
      row('before-close-5', '2012-08-05', '2012-08-06', '08:00'), // Sunday → Monday at the send time
      row('overdue', '2012-08-11', '2012-08-13', '08:00'),
    ]);
  });

  it('merges policies global ← plan ← duty, skipping absent overrides and leaving the global policy untouched', () => {
    const before = structuredClone(DEFAULT_POLICY);
    const plan: Partial<ReminderPolicy> = { beforeOpenDays: [5], coordinating: true, overdue: false };
    const duty: Partial<ReminderPolicy> = { beforeOpenDays: [2], overdue: true };
    expect(effectivePolicy(DEFAULT_POLICY, plan, duty)).toEqual({
      beforeOpenDays: [2],
      onOpen: true,
      beforeCloseDays: [3, 1],
      overdue: true,
      coordinating: true,
    });
    expect(effectivePolicy(DEFAULT_POLICY, plan)).toEqual({
      beforeOpenDays: [5],
      onOpen: true,
      beforeCloseDays: [3, 1],
      overdue: false,
      coordinating: true,
    });
    expect(effectivePolicy(DEFAULT_POLICY, undefined, duty)).toEqual({ ...DEFAULT_POLICY, beforeOpenDays: [2] });
    expect(effectivePolicy(DEFAULT_POLICY, plan, undefined)).toEqual(effectivePolicy(DEFAULT_POLICY, plan));
    expect(effectivePolicy(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY).toEqual(before);
  });

  // Formerly a bug: `{ ...policy, ...override }` copied an explicit undefined over the inherited value
  // (e.g. `{ beforeOpenDays: options.beforeOpen }` when the option was not given).
  it('treats a setting given as undefined or null in an override as not changed', () => {
    const merged = effectivePolicy(DEFAULT_POLICY, { beforeOpenDays: undefined, overdue: false });
    expect(merged).toEqual({ ...DEFAULT_POLICY, overdue: false });
    // null is not allowed by the type, but can come from stored JSON.
    const fromJson = JSON.parse(
      '{ "onOpen": null, "beforeCloseDays": null, "coordinating": true }',
    ) as Partial<ReminderPolicy>;
    expect(effectivePolicy(DEFAULT_POLICY, fromJson)).toEqual({ ...DEFAULT_POLICY, coordinating: true });
    expect(planReminders(win, merged, calendar).map((reminder) => reminder.kind)).toEqual([
      'before-open-7',
      'before-open-3',
      'before-open-1',
      'open',
      'before-close-3',
      'before-close-1',
    ]);
  });

  // The worker adds longestLead to today to find candidate windows: invalid days must not make it NaN or Infinity.
  it('ignores NaN and Infinity in beforeOpenDays in longestLead', () => {
    expect(longestLead({ ...DEFAULT_POLICY, beforeOpenDays: [7, Number.NaN, 3] })).toBe(7);
    expect(longestLead({ ...DEFAULT_POLICY, beforeOpenDays: [7, Number.POSITIVE_INFINITY] })).toBe(7);
  });
});

describe('working time', () => {
  const at = (date: string, time: string) => instantAt(d(date), clock(time), VN);

  it('returns an instant inside working time unchanged from nextWorkingInstant', () => {
    const wednesdayMorning = new Date(at('2012-08-01', '10:15').getTime() + 42_000); // 10:15:42
    expect(nextWorkingInstant(wednesdayMorning, calendar).getTime()).toBe(wednesdayMorning.getTime());
    expect(nextWorkingInstant(at('2012-08-01', '07:30'), calendar)).toEqual(at('2012-08-01', '07:30'));
    expect(nextWorkingInstant(at('2012-08-01', '17:30'), calendar)).toEqual(at('2012-08-01', '17:30'));
  });

  it('moves 02:00 on Saturday to Monday 07:30 with nextWorkingInstant (a snooze ending at night)', () => {
    expect(toLocalDateTime(nextWorkingInstant(at('2012-08-04', '02:00'), calendar), VN)).toEqual(
      wall('2012-08-06', '07:30'),
    );
    expect(toLocalDateTime(nextWorkingInstant(at('2012-08-03', '17:31'), calendar), VN)).toEqual(
      wall('2012-08-06', '07:30'),
    );
    expect(toLocalDateTime(nextWorkingInstant(at('2012-08-06', '06:59'), calendar), VN)).toEqual(
      wall('2012-08-06', '07:30'),
    );
    // Across a holiday: Monday 3/9/2012 (Quốc khánh, observed) → Tuesday.
    const nationalDay = calendarWith({ holidays: new Set([d('2012-09-03')]) });
    expect(toLocalDateTime(nextWorkingInstant(at('2012-09-01', '09:00'), nationalDay), VN)).toEqual(
      wall('2012-09-04', '07:30'),
    );
  });

  it('finds the next working time from a local time', () => {
    expect(toLocalDateTime(nextWorkingTime(wall('2012-08-04', '08:00'), calendar), VN)).toEqual(
      wall('2012-08-06', '07:30'),
    );
    expect(toLocalDateTime(nextWorkingTime(wall('2012-08-01', '12:00'), calendar), VN)).toEqual(
      wall('2012-08-01', '12:00'),
    );
    expect(toLocalDateTime(nextWorkingTime(wall('2012-08-01', '19:00'), calendar), VN)).toEqual(
      wall('2012-08-02', '07:30'),
    );
    // resumeAt: the time on a later day (the usual send time); the same day is unaffected.
    expect(toLocalDateTime(nextWorkingTime(wall('2012-08-04', '08:00'), calendar, clock('08:00')), VN)).toEqual(
      wall('2012-08-06', '08:00'),
    );
    expect(toLocalDateTime(nextWorkingTime(wall('2012-08-01', '19:00'), calendar, clock('08:00')), VN)).toEqual(
      wall('2012-08-02', '08:00'),
    );
    expect(toLocalDateTime(nextWorkingTime(wall('2012-08-01', '06:00'), calendar, clock('08:00')), VN)).toEqual(
      wall('2012-08-01', '07:30'),
    );
  });

  it('goes back from Monday 06:00 to Friday at the send time with previousWorkingTime', () => {
    expect(toLocalDateTime(previousWorkingTime(wall('2012-08-06', '06:00'), calendar)!, VN)).toEqual(
      wall('2012-08-03', '08:00'),
    );
    expect(toLocalDateTime(previousWorkingTime(wall('2012-08-01', '20:00'), calendar)!, VN)).toEqual(
      wall('2012-08-01', '17:30'),
    ); // capped at the end of work
    expect(toLocalDateTime(previousWorkingTime(wall('2012-08-01', '10:00'), calendar)!, VN)).toEqual(
      wall('2012-08-01', '10:00'),
    );
    // A send time outside working hours is clamped on the day gone back to.
    const late = calendarWith({ sendAtMinutes: clock('19:00') });
    expect(toLocalDateTime(previousWorkingTime(wall('2012-08-05', '19:00'), late)!, VN)).toEqual(
      wall('2012-08-03', '17:30'),
    );
  });

  it('finds no previous working time when there is none within two weeks', () => {
    const longBreak = calendarWith({ holidays: new Set(dateRange('2013-01-28', '2013-02-15')) });
    expect(previousWorkingTime(wall('2013-02-17', '08:00'), longBreak)).toBeUndefined();
    expect(previousWorkingTime(wall('2012-08-06', '08:00'), calendarWith({ workingDays: new Set() }))).toBeUndefined();
  });

  it('throws a RangeError from nextWorkingTime for a calendar with no working days at all', () => {
    const never = calendarWith({ workingDays: new Set() });
    expect(() => nextWorkingTime(wall('2012-08-01', '08:00'), never)).toThrow(RangeError);
    expect(() => nextWorkingInstant(at('2012-08-01', '08:00'), never)).toThrow(RangeError);
    expect(() => planReminders(window('2012-08-01', '2012-09-30'), DEFAULT_POLICY, never)).toThrow(RangeError);
  });

  it('knows working days from the weekday and the holidays', () => {
    const tet = calendarWith({ holidays: new Set(dateRange('2013-02-09', '2013-02-15')) });
    expect(isWorkingDay(d('2013-02-08'), tet)).toBe(true); // Friday
    expect(isWorkingDay(d('2013-02-11'), tet)).toBe(false); // Monday, Tết
    expect(isWorkingDay(d('2013-02-16'), tet)).toBe(false); // Saturday
    expect(isWorkingDay(d('2013-02-18'), tet)).toBe(true); // Monday
  });
});
