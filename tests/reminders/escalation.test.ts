// The overdue schedule and escalation, pure: a fake clock (instants passed in), holidays, working hours.
import { describe, expect, it } from 'vitest';
import { createConfig } from '../../src/config.js';
import { localDate } from '../../src/domain/dates.js';
import { followUpStatus } from '../../src/domain/follow-up.js';
import {
  DEFAULT_ESCALATION,
  escalationLedgerKind,
  ledgerKindInfo,
  overdueStepDays,
  planOverdue,
  stillOverdue,
  supervisingUnitId,
} from '../../src/reminders/escalation.js';
import type { WorkingCalendar } from '../../src/reminders/policy.js';

const d = localDate;
const VN = 'Asia/Ho_Chi_Minh';
const vn = (text: string) => new Date(`${text}:00+07:00`);
const iso = (date: Date) => date.toISOString();

function calendar(changes: Partial<WorkingCalendar> = {}): WorkingCalendar {
  return {
    timeZone: VN,
    sendAtMinutes: 8 * 60,
    startMinutes: 7 * 60 + 30,
    endMinutes: 17 * 60 + 30,
    workingDays: new Set([1, 2, 3, 4, 5]),
    holidays: new Set(),
    ...changes,
  };
}

describe('the overdue schedule', () => {
  it('is days 1, 3 and 7 after the deadline, then weekly, at most N', () => {
    expect(overdueStepDays(6)).toEqual([1, 3, 7, 14, 21, 28]);
    expect(overdueStepDays(2)).toEqual([1, 3]);
    expect(overdueStepDays(0)).toEqual([]);
    expect(overdueStepDays(8)).toEqual([1, 3, 7, 14, 21, 28, 35, 42]);
  });

  it('puts each step at the send time of its working day, and the escalation with step 3', () => {
    // Deadline Monday 1/10/2012: Tuesday 2/10, Thursday 4/10, Monday 8/10, then Mondays.
    const plan = planOverdue(d('2012-10-01'), DEFAULT_ESCALATION, calendar());
    expect(plan.map((step) => [step.kind, iso(step.dueAt)])).toEqual([
      ['overdue-1', iso(vn('2012-10-02T08:00'))],
      ['overdue-3', iso(vn('2012-10-04T08:00'))],
      ['escalate-7', iso(vn('2012-10-08T08:00'))],
      ['overdue-7', iso(vn('2012-10-08T08:00'))],
      ['overdue-14', iso(vn('2012-10-15T08:00'))],
      ['overdue-21', iso(vn('2012-10-22T08:00'))],
      ['overdue-28', iso(vn('2012-10-29T08:00'))],
    ]);
    // Each step stops being useful when the next one's day begins; the last a week after its own day.
    const byKind = new Map(plan.map((step) => [step.kind, step]));
    expect(iso(byKind.get('overdue-1')!.usefulUntil)).toBe(iso(vn('2012-10-04T00:00')));
    expect(iso(byKind.get('overdue-28')!.usefulUntil)).toBe(iso(vn('2012-11-05T00:00')));
  });

  it('waits past weekends and holidays, and drops a step that would reach the next one', () => {
    // Deadline Thursday 30/8/2012: day 1 is Friday 31/8 → fine; day 3 is Sunday 2/9 (and 3/9 a holiday) → Tuesday 4/9.
    const holidays = new Set([d('2012-09-03')]);
    const plan = planOverdue(d('2012-08-30'), { maxReminders: 3, escalateAfter: 3 }, calendar({ holidays }));
    expect(plan.map((step) => [step.kind, iso(step.dueAt)])).toEqual([
      ['overdue-1', iso(vn('2012-08-31T08:00'))],
      ['overdue-3', iso(vn('2012-09-04T08:00'))],
      ['escalate-7', iso(vn('2012-09-06T08:00'))],
      ['overdue-7', iso(vn('2012-09-06T08:00'))],
    ]);
    // Tết over days 1 to 7 (deadline Thursday 7/2/2013, holidays 8/2 and 11–15/2): days 1 and 3 would arrive on
    // Monday 18/2, after day 7 began, so only the "7 days" reminder (and the escalation with it) is sent.
    const tet = new Set(['2013-02-08', '2013-02-11', '2013-02-12', '2013-02-13', '2013-02-14', '2013-02-15'].map(d));
    const late = planOverdue(d('2013-02-07'), DEFAULT_ESCALATION, calendar({ holidays: tet }));
    expect(late.map((step) => step.kind).slice(0, 2)).toEqual(['escalate-7', 'overdue-7']);
    expect(iso(late[0]!.dueAt)).toBe(iso(vn('2013-02-18T08:00')));
    // Steps never share a day.
    const days = late.filter((s) => s.kind.startsWith('overdue')).map((s) => iso(s.dueAt).slice(0, 10));
    expect(new Set(days).size).toBe(days.length);
  });

  it('respects working hours: a send time before work starts waits for it', () => {
    const plan = planOverdue(
      d('2012-10-01'),
      { maxReminders: 1, escalateAfter: 0 },
      calendar({ sendAtMinutes: 6 * 60 }),
    );
    expect(plan.map((step) => [step.kind, iso(step.dueAt)])).toEqual([['overdue-1', iso(vn('2012-10-02T07:30'))]]);
  });

  it('escalates after the configured step, or never', () => {
    const after2 = planOverdue(d('2012-10-01'), { maxReminders: 6, escalateAfter: 2 }, calendar());
    expect(after2.filter((s) => s.kind.startsWith('escalate')).map((s) => s.kind)).toEqual(['escalate-3']);
    const never = planOverdue(d('2012-10-01'), { maxReminders: 6, escalateAfter: 0 }, calendar());
    expect(never.some((s) => s.kind.startsWith('escalate'))).toBe(false);
  });

  it('moves with the deadline in force: an extension to 15/10 starts the schedule again from there', () => {
    const extended = planOverdue(d('2012-10-15'), DEFAULT_ESCALATION, calendar());
    expect(iso(extended[0]!.dueAt)).toBe(iso(vn('2012-10-16T08:00')));
  });

  it('is checked again at sending through the four-way status: a done or an extension stops it', () => {
    const base = { doneOn: null, review: null, requiresConfirmation: false } as const;
    const overdue = followUpStatus({ ...base, deadline: d('2012-10-01'), today: d('2012-10-08') });
    expect(stillOverdue(overdue, 7)).toBe(true);
    expect(stillOverdue(overdue, 14)).toBe(false);
    const extended = followUpStatus({ ...base, deadline: d('2012-10-15'), today: d('2012-10-08') });
    expect(stillOverdue(extended, 1)).toBe(false);
    const done = followUpStatus({
      ...base,
      doneOn: d('2012-10-05'),
      deadline: d('2012-10-01'),
      today: d('2012-10-08'),
    });
    expect(stillOverdue(done, 7)).toBe(false);
    // A done that still waits for the office's confirmation is still overdue.
    const waiting = followUpStatus({
      doneOn: d('2012-10-05'),
      review: 'pending',
      requiresConfirmation: true,
      deadline: d('2012-10-01'),
      today: d('2012-10-08'),
    });
    expect(stillOverdue(waiting, 7)).toBe(true);
  });

  it('names ledger kinds and reads them back', () => {
    expect(escalationLedgerKind('escalate-7', 12)).toBe('escalate-7:12');
    expect(ledgerKindInfo('escalate-7:12')).toEqual({ type: 'escalate', daysLate: 7, unitId: 12 });
    expect(ledgerKindInfo('overdue-3')).toEqual({ type: 'overdue', daysLate: 3 });
    expect(ledgerKindInfo('nudge:2012-10-02')).toEqual({ type: 'nudge', day: '2012-10-02' });
    expect(ledgerKindInfo('before-open-7')).toEqual({ type: 'other' });
  });

  it('finds the supervising unit: the parent, else the plan issuer', () => {
    expect(supervisingUnitId({ id: 5, parentId: 2 }, 1)).toBe(2);
    expect(supervisingUnitId({ id: 5, parentId: null }, 1)).toBe(1);
    expect(supervisingUnitId({ id: 1, parentId: null }, 1)).toBeNull();
    expect(supervisingUnitId({ id: 5, parentId: null }, null)).toBeNull();
  });

  it('takes its settings from the environment: 6 reminders, escalation after the third by default', () => {
    expect(createConfig({}).reminders.escalation).toEqual(DEFAULT_ESCALATION);
    expect(createConfig({ REMINDER_OVERDUE_MAX: '4', REMINDER_ESCALATE_AFTER: '0' }).reminders.escalation).toEqual({
      maxReminders: 4,
      escalateAfter: 0,
    });
    expect(() => createConfig({ REMINDER_OVERDUE_MAX: '-1' })).toThrow();
  });
});
