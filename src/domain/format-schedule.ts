// Plain-text rendering of a schedule for listings ("2012-07-01 – 2012-08-31, every 6 months").
import type { Schedule } from './schedule.js';

export function formatSchedule(schedule: Schedule): string {
  const window = schedule.start === schedule.end ? schedule.start : `${schedule.start} – ${schedule.end}`;
  const parts = [window];
  const repeat = schedule.repeat;
  if (repeat) {
    const every =
      repeat.everyMonths % 12 === 0 ? `${repeat.everyMonths / 12} year(s)` : `${repeat.everyMonths} month(s)`;
    parts.push(
      `every ${every}${repeat.until ? ` until ${repeat.until}` : ''}${repeat.count ? `, ${repeat.count} times` : ''}`,
    );
  }
  if (schedule.label) parts.push(`"${schedule.label}"`);
  return parts.join(', ');
}
