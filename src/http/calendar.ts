// GET and HEAD /lich.ics?k=<token>: a private calendar feed. An unknown, revoked or malformed token gets the same
// plain 404 as any missing page, so the answer tells nothing about which tokens exist.
import type http from 'node:http';
import type { Logger } from '../logger.js';
import type { HttpServer, RouteHandler } from './server.js';

export interface ServedCalendar {
  feedId: number;
  body: string;
  etag: string;
}

/** Clients may keep a copy five minutes; `private`: no shared cache should hold a unit's calendar. */
const CACHE_CONTROL = 'private, max-age=300';

export function calendarRoute(options: {
  calendar: (token: string | null) => Promise<ServedCalendar | undefined>;
  logger: Logger;
}): RouteHandler {
  return async (request, response) => {
    // Only the query string is read: URLSearchParams takes any text without throwing.
    const token = new URLSearchParams((request.url ?? '').split('?')[1] ?? '').get('k');
    const served = await options.calendar(token);
    if (!served) {
      plain(response, 404, 'not found\n');
      return;
    }
    const fresh = etagMatches(request.headers['if-none-match'], served.etag);
    // The feed's number, never its token: that is the address.
    options.logger.debug({ feedId: served.feedId, notModified: fresh }, 'calendar feed served');
    const headers = { etag: served.etag, 'cache-control': CACHE_CONTROL };
    if (fresh) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/calendar; charset=utf-8',
      'content-length': Buffer.byteLength(served.body),
      // A browser that saves it names the file; calendar clients ignore it.
      'content-disposition': 'inline; filename="lich.ics"',
      'x-content-type-options': 'nosniff',
    });
    if (request.method === 'HEAD') response.end();
    else response.end(served.body);
  };
}

/** Serves feeds at `path` for GET and HEAD (a client may ask whether the calendar changed without fetching it). */
export function mountCalendarFeeds(
  http: Pick<HttpServer, 'route'>,
  path: string,
  options: Parameters<typeof calendarRoute>[0],
): void {
  const handler = calendarRoute(options);
  http.route('GET', path, handler);
  http.route('HEAD', path, handler);
}

/** If-None-Match (RFC 9110 §13.1.2): a list of entity tags or "*", compared weakly. */
export function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return [header]
    .flat()
    .flatMap((value) => value.split(','))
    .some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

function plain(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}
