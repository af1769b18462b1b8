// iCalendar text (RFC 5545) for the private calendar feeds: pure, so folding and escaping are tested without I/O.
//
// Plan windows are calendar dates, so every event is all-day (VALUE=DATE): no time zone can move a deadline to
// the day before. DTEND of an all-day event is exclusive (RFC 5545 §3.6.1), hence `endExclusive`.
import type { LocalDate } from './dates.js';

export interface CalendarEvent {
  /** Stable across fetches and edits, so a client updates the event instead of adding a copy. */
  uid: string;
  start: LocalDate;
  /** The day after the last day. */
  endExclusive: LocalDate;
  summary: string;
  description: string;
  url?: string;
  /** Raised when the event's dates move (clients compare it with what they hold). */
  sequence: number;
  lastModified: Date;
  categories: readonly string[];
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
}

export interface Calendar {
  /** The product identifier, e.g. "-//dondoc//Calendar feed//VI". */
  prodId: string;
  name: string;
  description?: string;
  /** Shown by clients that honour X-WR-TIMEZONE; all-day events do not depend on it. */
  timeZone: string;
  /** How often clients should fetch again (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
  refreshHours: number;
  events: readonly CalendarEvent[];
}

/** Content lines are at most 75 octets long, excluding the line break (RFC 5545 §3.1). */
export const MAX_LINE_OCTETS = 75;

/** Control characters other than the ones TEXT escapes cannot appear in a content line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** What TEXT escapes with a backslash; every line break (CRLF, CR or LF) becomes "\\n". */
const TEXT_ESCAPES: Record<string, string> = { '\\': '\\\\', ';': '\\;', ',': '\\,' };

/** A TEXT value (§3.3.11): backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export function escapeText(text: string): string {
  // One pass: a feed escapes every summary and description of tens of thousands of events.
  return text.replace(CONTROL, '').replace(/\r\n|[\\;,\r\n]/g, (match) => TEXT_ESCAPES[match] ?? '\\n');
}

/**
 * Folds a content line into lines of at most 75 octets (§3.1): each continuation starts with one space, which
 * counts towards its 75. Breaks fall between code points, never inside a UTF-8 sequence ("ế" is 3 octets).
 * Walks UTF-16 code units and slices, rather than appending character by character: a district's feed has
 * tens of thousands of events.
 */
export function foldLine(line: string): string {
  if (line.length <= MAX_LINE_OCTETS && Buffer.byteLength(line, 'utf8') <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let start = 0;
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (let i = 0; i < line.length; ) {
    const unit = line.charCodeAt(i);
    // A surrogate pair is one code point of four octets; a lone surrogate is written as U+FFFD (three).
    const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < line.length && isLowSurrogate(line.charCodeAt(i + 1));
    const size = pair ? 4 : unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
    if (octets + size > limit) {
      parts.push(line.slice(start, i));
      start = i;
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    octets += size;
    i += pair ? 2 : 1;
  }
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** A DATE value: 2012-08-31 → 20120831. */
export function icalDate(date: LocalDate): string {
  return date.replace(/-/g, '');
}

/** A DATE-TIME in UTC: 20120820T030000Z (whole seconds, as the format has no fractions). */
export function icalDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** URI values are not TEXT: they are written as they are, but a line break in one would forge properties. */
function uri(value: string): string {
  return value.replace(/[\r\n]/g, '');
}

export function writeCalendar(calendar: Calendar): string {
  const ttl = `PT${calendar.refreshHours}H`;
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${escapeText(calendar.prodId)}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...(calendar.description ? [`X-WR-CALDESC:${escapeText(calendar.description)}`] : []),
    `X-WR-TIMEZONE:${escapeText(calendar.timeZone)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${ttl}`,
    `X-PUBLISHED-TTL:${ttl}`,
    ...calendar.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

function eventLines(event: CalendarEvent): string[] {
  // DTSTAMP is the event's last change, not the time of the fetch: an unchanged feed is then byte-identical, so
  // its ETag holds and clients polling every few hours download nothing.
  const stamp = icalDateTime(event.lastModified);
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${icalDate(event.start)}`,
    `DTEND;VALUE=DATE:${icalDate(event.endExclusive)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.url ? [`URL:${uri(event.url)}`] : []),
    `SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`,
    `LAST-MODIFIED:${stamp}`,
    `STATUS:${event.status}`,
    // Deadlines are not appointments: the days stay free in the reader's calendar.
    'TRANSP:TRANSPARENT',
    ...(event.categories.length ? [`CATEGORIES:${event.categories.map(escapeText).join(',')}`] : []),
    'END:VEVENT',
  ];
}
