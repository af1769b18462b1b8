// Reading query and form values the console's pages take: every value checked here, one way.
import { dateParts, daysInMonth, type LocalDate, localDate, parseLocalDate } from '../domain/dates.js';

export function dateParam(value: string | undefined): LocalDate | undefined {
  return value ? parseLocalDate(value.trim()) : undefined;
}

/** A non-negative whole number, or the fallback. */
export function intParam(value: string | undefined, fallback = 0, max = 1_000_000): number {
  if (!value || !/^\d{1,9}$/.test(value.trim())) return fallback;
  return Math.min(max, Number(value.trim()));
}

/** A record's id (positive), or undefined. */
export function idParam(value: string | undefined): number | undefined {
  const n = intParam(value, 0, 2_147_483_647);
  return n > 0 ? n : undefined;
}

export function monthOf(today: LocalDate): { from: LocalDate; to: LocalDate } {
  const { year, month } = dateParts(today);
  const mm = String(month).padStart(2, '0');
  return {
    from: localDate(`${year}-${mm}-01`),
    to: localDate(`${year}-${mm}-${String(daysInMonth(year, month)).padStart(2, '0')}`),
  };
}

/** The period of a page: from/to when both are valid and in order (at most ten years), else this month. */
export function periodParams(
  from: string | undefined,
  to: string | undefined,
  today: LocalDate,
): { from: LocalDate; to: LocalDate } {
  const start = dateParam(from);
  const end = dateParam(to);
  if (start && end && start <= end && Number(end.slice(0, 4)) - Number(start.slice(0, 4)) <= 10)
    return { from: start, to: end };
  return monthOf(today);
}
