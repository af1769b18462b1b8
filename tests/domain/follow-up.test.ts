import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import { followUpRates, followUpStatus } from '../../src/domain/follow-up.js';

const deadline = localDate('2012-09-30');
const base = { deadline, review: null, requiresConfirmation: false } as const;

describe('followUpStatus', () => {
  it('counts a done reported on the deadline day as on time, and the day after as one day late', () => {
    expect(followUpStatus({ ...base, doneOn: deadline, today: localDate('2012-10-05') })).toMatchObject({
      state: 'done_on_time',
      daysLate: 0,
    });
    expect(followUpStatus({ ...base, doneOn: localDate('2012-10-01'), today: localDate('2012-10-05') })).toMatchObject({
      state: 'done_late',
      daysLate: 1,
    });
  });

  it('is open through the deadline day and overdue from the day after', () => {
    expect(followUpStatus({ ...base, doneOn: null, today: deadline }).state).toBe('open');
    expect(followUpStatus({ ...base, doneOn: null, today: localDate('2012-10-03') })).toMatchObject({
      state: 'overdue',
      daysLate: 3,
    });
  });

  it('keeps a done that awaits confirmation, or was returned, open or overdue', () => {
    const pending = { ...base, requiresConfirmation: true, doneOn: localDate('2012-09-20') };
    expect(followUpStatus({ ...pending, review: 'pending', today: localDate('2012-09-25') })).toMatchObject({
      state: 'open',
      awaitingConfirmation: true,
    });
    expect(followUpStatus({ ...pending, review: 'returned', today: localDate('2012-10-02') })).toMatchObject({
      state: 'overdue',
      daysLate: 2,
      returned: true,
    });
    expect(followUpStatus({ ...pending, review: 'confirmed', today: localDate('2012-10-02') }).state).toBe(
      'done_on_time',
    );
  });
});

describe('followUpStatus at the boundaries', () => {
  const original = localDate('2012-09-30');
  const extended = localDate('2012-10-10');

  it('judges a done by the deadline in force: an approved extension moves it, whenever it was approved', () => {
    // Reported on 5 October: late against the window's end, on time against the extension.
    const doneOn = localDate('2012-10-05');
    const today = localDate('2012-10-20');
    expect(followUpStatus({ ...base, deadline: original, doneOn, today })).toMatchObject({
      state: 'done_late',
      daysLate: 5,
    });
    expect(followUpStatus({ ...base, deadline: extended, doneOn, today })).toMatchObject({
      state: 'done_on_time',
      daysLate: 0,
    });
    // Reported on the extension's last day: on time; the day after it: one day late.
    expect(followUpStatus({ ...base, deadline: extended, doneOn: extended, today }).state).toBe('done_on_time');
    expect(followUpStatus({ ...base, deadline: extended, doneOn: localDate('2012-10-11'), today })).toMatchObject({
      state: 'done_late',
      daysLate: 1,
    });
  });

  it('turns an overdue window back to open when an extension is approved after the deadline, and overdue again after it', () => {
    expect(followUpStatus({ ...base, deadline: original, doneOn: null, today: localDate('2012-10-03') })).toMatchObject(
      {
        state: 'overdue',
        daysLate: 3,
      },
    );
    expect(followUpStatus({ ...base, deadline: extended, doneOn: null, today: localDate('2012-10-03') }).state).toBe(
      'open',
    );
    expect(followUpStatus({ ...base, deadline: extended, doneOn: null, today: extended }).state).toBe('open');
    expect(followUpStatus({ ...base, deadline: extended, doneOn: null, today: localDate('2012-10-12') })).toMatchObject(
      {
        state: 'overdue',
        daysLate: 2,
      },
    );
  });

  it('counts days overdue for a returned completion from the deadline, not from the report or the return', () => {
    const returned = followUpStatus({
      deadline: original,
      doneOn: localDate('2012-09-28'),
      review: 'returned',
      requiresConfirmation: true,
      today: localDate('2012-10-04'),
    });
    expect(returned).toEqual({ state: 'overdue', daysLate: 4, awaitingConfirmation: true, returned: true });
    // Confirmed later, the unit is on time: it finished on the 28th, the office only checked it.
    expect(
      followUpStatus({
        deadline: original,
        doneOn: localDate('2012-09-28'),
        review: 'confirmed',
        requiresConfirmation: true,
        today: localDate('2012-10-04'),
      }),
    ).toEqual({ state: 'done_on_time', daysLate: 0, awaitingConfirmation: false, returned: false });
  });

  it('ignores a review on plans that do not require confirmation, and a progress report is not done', () => {
    expect(
      followUpStatus({ ...base, doneOn: localDate('2012-09-01'), review: 'returned', today: localDate('2012-10-01') }),
    ).toMatchObject({ state: 'done_on_time', returned: false });
    expect(
      followUpStatus({
        ...base,
        requiresConfirmation: true,
        doneOn: null,
        review: null,
        today: localDate('2012-10-01'),
      }),
    ).toMatchObject({ state: 'overdue', daysLate: 1, awaitingConfirmation: false });
  });
});

describe('followUpRates', () => {
  it('gives rates over all windows counted, and zero for none', () => {
    expect(followUpRates({ done_on_time: 2, done_late: 1, open: 0, overdue: 1 })).toEqual({
      total: 4,
      doneRate: 0.75,
      onTimeRate: 0.5,
      overdueRate: 0.25,
    });
    expect(followUpRates({ done_on_time: 0, done_late: 0, open: 0, overdue: 0 }).doneRate).toBe(0);
  });
});
