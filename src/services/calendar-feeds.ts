// Private calendar feeds, as chat (/lich), the CLI (`dondoc calendar`) and the HTTP route use them: who may have
// which unit's address, the address itself, and the unit's windows as an iCalendar document in the owner's language.
import { createHash } from 'node:crypto';
import { formatDate } from '../ask/reply.js';
import type { Actor } from '../db/audit.js';
import {
  type CreatedFeed,
  calendarUnit,
  createCalendarFeed,
  type FeedEvent,
  type FeedUnit,
  feedByToken,
  feedEvents,
  feedTokenHash,
  looksLikeFeedToken,
} from '../db/calendar-feeds.js';
import type { PrismaClient } from '../db/database.js';
import { findOfficial } from '../db/officials.js';
import { addDays, dateParts, type LocalDate, localDateAt } from '../domain/dates.js';
import { type CalendarEvent, writeCalendar } from '../domain/ical.js';
import type { Language } from '../domain/language.js';
import type { Translate, Translations } from '../i18n.js';
import { telegramStartLink } from './invites.js';

/**
 * Where feeds are served. The token travels in the query string (`?k=`), which the HTTP server never logs (it
 * logs paths only), so no log line can carry an address that reads a unit's calendar.
 */
export const CALENDAR_PATH = '/lich.ics';
/** Calendar clients are asked to fetch again after this long (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const CALENDAR_REFRESH_HOURS = 6;

export function calendarUrl(baseUrl: string, token: string): string {
  return `${baseUrl}${CALENDAR_PATH}?k=${token}`;
}

export type IssueOutcome =
  | { kind: 'created'; feed: CreatedFeed; unit: FeedUnit }
  | { kind: 'not-allowed' }
  | { kind: 'unknown-unit' };

/** The rule: an official's own unit, or any unit for an admin. */
export function mayHaveCalendarOf(official: { role: string; unit: { id: number } }, unitId: number): boolean {
  return official.role === 'admin' || official.unit.id === unitId;
}

/**
 * A new address for an official and a unit: their own unit, or any unit for an admin (the role read here, whoever
 * asks). It replaces the official's live address for that unit.
 */
export async function issueCalendarFeed(
  prisma: PrismaClient,
  input: { officialId: number; unitId: number; actor: Actor; now: Date },
): Promise<IssueOutcome> {
  const official = await findOfficial(prisma, input.officialId);
  if (official?.status !== 'active') return { kind: 'not-allowed' };
  if (!mayHaveCalendarOf(official, input.unitId)) return { kind: 'not-allowed' };
  const unit = await calendarUnit(prisma, input.unitId);
  if (!unit) return { kind: 'unknown-unit' };
  return { kind: 'created', feed: await createCalendarFeed(prisma, input), unit };
}

export interface CalendarDocument {
  feedId: number;
  body: string;
  /** A strong validator: the body's hash, so an unchanged calendar answers 304. */
  etag: string;
}

export interface CalendarSources {
  prisma: PrismaClient;
  translations: Translations;
  /** The deployment's time zone: "today" for the four-way status, and the calendar's X-WR-TIMEZONE. */
  timeZone: string;
  /** The Telegram bot's username once known: each event links to its window in the bot. */
  telegramUsername?: () => string | undefined;
  /** PUBLIC_BASE_URL: the events' link when the bot's username is unknown. */
  publicBaseUrl?: string;
}

/** The calendar behind a token, or undefined for a token that is malformed, unknown, revoked or no longer allowed. */
export async function calendarForToken(
  sources: CalendarSources,
  token: string | null | undefined,
  now: Date,
): Promise<CalendarDocument | undefined> {
  if (!looksLikeFeedToken(token)) return undefined;
  const feed = await feedByToken(sources.prisma, feedTokenHash(token), now);
  if (!feed) return undefined;
  const events = await feedEvents(sources.prisma, feed.unit, localDateAt(now, sources.timeZone));
  const username = sources.telegramUsername?.();
  const body = calendarText({
    t: sources.translations[feed.official.locale],
    unitId: feed.unit.id,
    unitName: feed.unit.name,
    timeZone: sources.timeZone,
    events,
    link: (occurrenceId) => (username ? telegramStartLink(username, `o${occurrenceId}`) : sources.publicBaseUrl),
  });
  return { feedId: feed.id, body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date as the reader writes it in a title: 31/08/2012, or 31 Aug 2012. */
export function titleDate(language: Language, date: LocalDate): string {
  if (language === 'vi') return formatDate(date);
  const { year, month, day } = dateParts(date);
  return `${day} ${EN_MONTHS[month - 1]} ${year}`;
}

const STATE_LABEL = {
  done_on_time: 'followup-label-on-time',
  done_late: 'followup-label-late',
  open: 'followup-label-open',
  overdue: 'followup-label-overdue',
} as const;

/** The feed's text: one all-day event per window, from its start to the deadline in force. Pure. */
export function calendarText(input: {
  t: Translate;
  unitId: number;
  unitName: string;
  timeZone: string;
  events: readonly FeedEvent[];
  link: (occurrenceId: number) => string | undefined;
}): string {
  // Most lines repeat across events (the plan, the role, the status, the footer): formatted once each, since a
  // district's feed has tens of thousands of events.
  const formatted = new Map<string, string>();
  const t = (id: string, args?: Record<string, string>) => {
    const key = args ? `${id}\u0000${Object.values(args).join('\u0000')}` : id;
    const known = formatted.get(key);
    if (known !== undefined) return known;
    const text = input.t(id, args);
    formatted.set(key, text);
    return text;
  };
  const language = input.t.language;
  return writeCalendar({
    prodId: `-//dondoc//Calendar feed//${language.toUpperCase()}`,
    name: input.unitName,
    description: t('calendar-description', { unit: input.unitName }),
    timeZone: input.timeZone,
    refreshHours: CALENDAR_REFRESH_HOURS,
    events: input.events.map((event): CalendarEvent => {
      const done = event.followUp === 'done_on_time' || event.followUp === 'done_late';
      const title = event.label ? `${event.dutyTitle} (${event.label})` : event.dutyTitle;
      const due = input.t('calendar-event-due', { date: titleDate(language, event.deadline), title });
      const description = [
        t('calendar-event-plan', { code: event.planCode, title: event.planTitle }),
        input.t('calendar-event-ref', { ref: event.dutyRef }),
        t('calendar-event-role', { role: event.role }),
        input.t('calendar-event-window', {
          from: titleDate(language, event.start),
          to: titleDate(language, event.end),
        }),
        ...(event.deadline !== event.end
          ? [t('calendar-event-extended', { date: titleDate(language, event.deadline) })]
          : []),
        t('calendar-event-status', {
          state: t(STATE_LABEL[event.followUp]),
          reported: t('status-name', { status: event.reported ?? 'not_started' }),
        }),
        '',
        t('calendar-event-footer'),
      ].join('\n');
      const url = input.link(event.occurrenceId);
      return {
        uid: `occurrence-${event.occurrenceId}-unit-${input.unitId}@dondoc`,
        start: event.start,
        endExclusive: addDays(event.deadline, 1),
        summary: done ? `✓ ${due}` : due,
        description,
        ...(url ? { url } : {}),
        sequence: event.revisions,
        lastModified: event.lastModified,
        categories: [
          event.planCode,
          t('calendar-event-role-short', { role: event.role }),
          t(STATE_LABEL[event.followUp]),
        ],
        status: 'CONFIRMED',
      };
    }),
  });
}
