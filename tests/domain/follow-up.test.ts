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
