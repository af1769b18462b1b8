// Calendar feeds end to end on both databases: addresses made and revoked in src/db, served by dondoc's HTTP server,
// and the served text read by an independent parser (ical.js).
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCalendarFeed,
  FETCH_RECORD_MS,
  feedTokenHash,
  listCalendarFeeds,
  revokeCalendarFeeds,
} from '../../src/db/calendar-feeds.js';
import { decideExtension, requestExtension } from '../../src/db/extensions.js';
import { recordStatusReport } from '../../src/db/reports.js';
import { addDays, fromUtcMidnight, localDate } from '../../src/domain/dates.js';
import { mountCalendarFeeds } from '../../src/http/calendar.js';
import { type HttpServer, startHttpServer } from '../../src/http/server.js';
import { loadTranslations, type Translations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { CALENDAR_PATH, calendarForToken, calendarUrl } from '../../src/services/calendar-feeds.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { importSmallPlan } from '../support/fixtures.js';

const START = new Date('2012-09-20T03:00:00Z');

interface ParsedEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  sequence: number;
  url: string | null;
  categories: string[];
}

function parseFeed(text: string): { name: string; events: Map<string, ParsedEvent> } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = new Map<string, ParsedEvent>();
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    events.set(event.uid, {
      uid: event.uid,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      summary: event.summary,
      description: event.description,
      sequence: event.sequence,
      url: (component.getFirstPropertyValue('url') as string | null) ?? null,
      categories: (component.getFirstProperty('categories')?.getValues() ?? []) as string[],
    });
  }
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events };
}

const ddmmyyyy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

describe.each(await databaseKinds())('calendar feeds on %s', (kind) => {
  let db: TestDatabase;
  let http: HttpServer;
  let translations: Translations;
  let clock = START;
  const logLines: string[] = [];
  const units: Record<string, { id: number; level: string }> = {};
  const officials: Record<string, number> = {};

  beforeAll(async () => {
    db = await testDatabase(kind);
    translations = await loadTranslations();
    // Everything the server and the route log, at the most talkative level, to look for tokens in.
    const logger = createLogger({ level: 'trace', destination: { write: (line: string) => void logLines.push(line) } });
    http = await startHttpServer({ host: '127.0.0.1', port: 0, logger });
    const sources = {
      prisma: db.database.prisma,
      translations,
      timeZone: 'Asia/Ho_Chi_Minh',
      telegramUsername: () => 'dondoc_test_bot',
    };
    mountCalendarFeeds(http, CALENDAR_PATH, { calendar: (token) => calendarForToken(sources, token, clock), logger });
  });
  afterAll(async () => {
    await http?.close();
  });

  beforeEach(async () => {
    clock = START;
    logLines.length = 0;
    await db.reset();
    const { prisma } = db.database;
    await importSmallPlan(prisma);
    for (const unit of await prisma.unit.findMany({ select: { id: true, code: true, level: true } }))
      units[unit.code] = { id: unit.id, level: unit.level };
    const add = async (key: string, unit: string, extra: { role?: 'admin'; locale?: 'en' } = {}) => {
      officials[key] = (
        await prisma.official.create({ data: { name: key, unitId: units[unit]!.id, ...extra }, select: { id: true } })
      ).id;
    };
    await add('btc', 'TT-BTC');
    await add('huyen', 'HU-A');
    await add('english', 'HU-A', { locale: 'en' });
    await add('admin', 'TT', { role: 'admin' });
  });

  const base = () => `http://127.0.0.1:${http.port}`;
  const fetchFeed = (token: string, init: RequestInit = {}) => fetch(calendarUrl(base(), token), init);
  const newFeed = (official: string, unit: string) =>
    createCalendarFeed(db.database.prisma, {
      officialId: officials[official]!,
      unitId: units[unit]!.id,
      actor: { label: 'test' },
      now: clock,
    });

  /** The unit's windows as the schema states them, asked independently of src/db/calendar-feeds.ts. */
  async function expectedWindows(unit: string) {
    const { id, level } = units[unit]!;
    return db.database.prisma.occurrence.findMany({
      where: { duty: { retiredAt: null, OR: [{ units: { some: { unitId: id } } }, { levels: { some: { level } } }] } },
      select: { id: true, startsOn: true, endsOn: true, duty: { select: { key: true } } },
    });
  }

  it('serves every window of the unit, from its start to the day after its deadline, the deadline in the title', async () => {
    const feed = await newFeed('btc', 'TT-BTC');
    const response = await fetchFeed(feed.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    const text = await response.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const { name, events } = parseFeed(text);
    expect(name).toBe('Ban Tổ chức Tỉnh ủy');
    const windows = await expectedWindows('TT-BTC');
    // The open-ended half-yearly series is stored 24 months past the import (April 2012): June 2012 to December 2013.
    expect(windows.filter((w) => w.duty.key === 'bao-cao-6-thang').map((w) => fromUtcMidnight(w.startsOn))).toEqual([
      '2012-06-15',
      '2012-12-15',
      '2013-06-15',
      '2013-12-15',
    ]);
    expect([...events.keys()].sort()).toEqual(
      windows.map((w) => `occurrence-${w.id}-unit-${units['TT-BTC']!.id}@dondoc`).sort(),
    );
    for (const window of windows) {
      const event = events.get(`occurrence-${window.id}-unit-${units['TT-BTC']!.id}@dondoc`)!;
      const end = fromUtcMidnight(window.endsOn);
      expect(event.start).toBe(fromUtcMidnight(window.startsOn));
      expect(event.end).toBe(addDays(end, 1));
      expect(event.summary.startsWith(`Hạn ${ddmmyyyy(end)} · `)).toBe(true);
      expect(event.url).toBe(`https://t.me/dondoc_test_bot?start=o${window.id}`);
      expect(event.categories).toContain('7-KH/TEST');
      expect(event.categories).toContain(window.duty.key === 'hoi-nghi-tinh' ? 'Phối hợp' : 'Chủ trì');
      expect(event.description).toContain('dondoc');
    }
    const halfYear = events.get(
      `occurrence-${windows.find((w) => w.duty.key === 'bao-cao-6-thang')!.id}-unit-${units['TT-BTC']!.id}@dondoc`,
    )!;
    expect(halfYear.summary).toBe('Hạn 30/06/2012 · Báo cáo 6 tháng và năm (báo cáo 6 tháng)');
    expect(halfYear.description).toContain('Kế hoạch 7-KH/TEST: Kế hoạch thử nghiệm');
    expect(halfYear.description).toContain('Mục V.4');
    expect(halfYear.description).toContain('Vai trò: chủ trì');
    // 30 June 2012 passed without a report: overdue on 20 September.
    expect(halfYear.description).toContain('Tình trạng của đơn vị: Quá hạn (báo cáo: chưa bắt đầu)');
  });

  it('moves the end of the event with an approved extension, raises its sequence, and marks a done window', async () => {
    const feed = await newFeed('huyen', 'HU-A');
    const [window] = await expectedWindows('HU-A');
    const uid = `occurrence-${window!.id}-unit-${units['HU-A']!.id}@dondoc`;
    const before = parseFeed(await (await fetchFeed(feed.token)).text()).events.get(uid)!;
    expect(before).toMatchObject({ start: '2012-08-01', end: '2012-10-01', sequence: 0 });
    expect(before.summary).toBe('Hạn 30/09/2012 · Kiểm điểm cấp huyện');

    const { prisma } = db.database;
    const asked = await requestExtension(prisma, {
      occurrenceId: window!.id,
      unitId: units['HU-A']!.id,
      requestedById: officials.huyen!,
      newEndsOn: localDate('2012-10-15'),
      reason: 'chờ số liệu',
      actor: { label: 'test' },
    });
    await decideExtension(prisma, {
      extensionId: asked.extension.id,
      deciderId: officials.admin!,
      approve: true,
      at: new Date('2012-09-21T02:00:00Z'),
      actor: { label: 'test' },
    });
    const moved = parseFeed(await (await fetchFeed(feed.token)).text()).events.get(uid)!;
    expect(moved).toMatchObject({ start: '2012-08-01', end: '2012-10-16', sequence: 1 });
    expect(moved.summary).toBe('Hạn 15/10/2012 · Kiểm điểm cấp huyện');
    expect(moved.description).toContain('Được gia hạn đến 15/10/2012');

    await recordStatusReport(prisma, {
      occurrenceId: window!.id,
      unitId: units['HU-A']!.id,
      officialId: officials.huyen!,
      status: 'done',
      channel: 'telegram',
      channelMessageId: 'feed-done-1',
      reportedAt: new Date('2012-09-22T03:00:00Z'),
    });
    const done = parseFeed(await (await fetchFeed(feed.token)).text()).events.get(uid)!;
    expect(done.summary).toBe('✓ Hạn 15/10/2012 · Kiểm điểm cấp huyện');
    expect(done.categories).toContain('Đúng hạn');
  });

  it('answers 404 to unknown, malformed and revoked tokens, and a new address revokes the old one', async () => {
    const first = await newFeed('huyen', 'HU-A');
    expect((await fetchFeed(first.token)).status).toBe(200);
    const unknown = await fetchFeed('A'.repeat(43));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('not found\n');
    expect((await fetchFeed('short')).status).toBe(404);
    expect((await fetch(`${base()}${CALENDAR_PATH}`)).status).toBe(404);

    const second = await newFeed('huyen', 'HU-A');
    expect(second.replacedIds).toEqual([first.id]);
    expect((await fetchFeed(first.token)).status).toBe(404);
    expect((await fetchFeed(second.token)).status).toBe(200);
    const live = await listCalendarFeeds(db.database.prisma, { officialId: officials.huyen! });
    expect(live.map((feed) => feed.id)).toEqual([second.id]);
    const audit = await db.database.prisma.auditLog.findMany({
      where: { action: 'calendar.create' },
      select: { target: true, details: true },
      orderBy: { id: 'asc' },
    });
    expect(audit.at(-1)).toEqual({
      target: `calendar-feed:${second.id}`,
      details: expect.objectContaining({ replaced: [first.id] }),
    });
    // Only the hash is stored.
    const stored = await db.database.prisma.calendarFeed.findMany({ select: { tokenHash: true } });
    expect(stored.map((row) => row.tokenHash)).toContain(feedTokenHash(second.token));
    expect(JSON.stringify(stored)).not.toContain(second.token);

    // Revoking someone else's feed by number changes nothing; the owner's revocation stops it.
    expect(
      await revokeCalendarFeeds(
        db.database.prisma,
        { feedId: second.id, officialId: officials.btc! },
        { label: 'test' },
        clock,
      ),
    ).toBe(0);
    expect(
      await revokeCalendarFeeds(
        db.database.prisma,
        { feedId: second.id, officialId: officials.huyen! },
        { label: 'test' },
        clock,
      ),
    ).toBe(1);
    expect((await fetchFeed(second.token)).status).toBe(404);
  });

  it('stops serving an official who was blocked or moved to another unit', async () => {
    const feed = await newFeed('huyen', 'HU-A');
    const { prisma } = db.database;
    await prisma.official.update({ where: { id: officials.huyen! }, data: { unitId: units['TT-BTC']!.id } });
    expect((await fetchFeed(feed.token)).status).toBe(404);
    await prisma.official.update({ where: { id: officials.huyen! }, data: { unitId: units['HU-A']!.id } });
    expect((await fetchFeed(feed.token)).status).toBe(200);
    await prisma.official.update({ where: { id: officials.huyen! }, data: { status: 'blocked' } });
    expect((await fetchFeed(feed.token)).status).toBe(404);
    // An admin's feed of another unit keeps working.
    const admins = await newFeed('admin', 'HU-A');
    expect((await fetchFeed(admins.token)).status).toBe(200);
  });

  it('answers 304 to the ETag it gave, serves HEAD without a body, and writes a fetch down at most every few minutes', async () => {
    const feed = await newFeed('huyen', 'HU-A');
    const first = await fetchFeed(feed.token);
    const etag = first.headers.get('etag')!;
    const body = await first.text();
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await fetchFeed(feed.token, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await fetchFeed(feed.token, { headers: { 'if-none-match': `W/${etag}, "other"` } })).status).toBe(304);
    expect((await fetchFeed(feed.token, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);

    const head = await fetchFeed(feed.token, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    expect(await head.text()).toBe('');
    expect((await fetchFeed('B'.repeat(43), { method: 'HEAD' })).status).toBe(404);

    const fetchedAt = async () =>
      (
        await db.database.prisma.calendarFeed.findUniqueOrThrow({
          where: { id: feed.id },
          select: { lastFetchedAt: true },
        })
      ).lastFetchedAt;
    expect(await fetchedAt()).toEqual(START);
    clock = new Date(START.getTime() + FETCH_RECORD_MS - 1000);
    await fetchFeed(feed.token);
    expect(await fetchedAt()).toEqual(START);
    clock = new Date(START.getTime() + FETCH_RECORD_MS);
    await fetchFeed(feed.token);
    expect(await fetchedAt()).toEqual(clock);
  });

  it('keeps tokens out of every log line', async () => {
    const feed = await newFeed('huyen', 'HU-A');
    const revoked = await newFeed('btc', 'TT-BTC');
    await revokeCalendarFeeds(db.database.prisma, { feedId: revoked.id }, { label: 'test' }, clock);
    await fetchFeed(feed.token);
    await fetchFeed(revoked.token);
    await fetchFeed(feed.token, { method: 'POST' });
    const output = logLines.join('');
    // The served fetch is logged, by the feed's number: the capture works.
    expect(output).toContain(`"feedId":${feed.id}`);
    expect(output).not.toContain(feed.token);
    expect(output).not.toContain(revoked.token);
  });

  it('writes the calendar in the owner’s language', async () => {
    const feed = await newFeed('english', 'HU-A');
    const { events } = parseFeed(await (await fetchFeed(feed.token)).text());
    const [event] = [...events.values()];
    expect(event!.summary).toBe('Due 30 Sep 2012 · Kiểm điểm cấp huyện');
    expect(event!.description).toContain('Role: lead');
    expect(event!.description).toContain("The unit's status: Open (reported: not started)");
  });
});
