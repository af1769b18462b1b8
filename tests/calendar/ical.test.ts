// The iCalendar writer, pure: folding at 75 octets without splitting UTF-8, TEXT escaping, and a calendar that an
// independent parser (ical.js) reads back to the same values.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import { type CalendarEvent, escapeText, foldLine, icalDateTime, writeCalendar } from '../../src/domain/ical.js';

const octets = (text: string) => Buffer.byteLength(text, 'utf8');

/** Undoes folding as a reader does (§3.1): a line break followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    const exact = `SUMMARY:${'a'.repeat(75 - 8)}`;
    expect(octets(exact)).toBe(75);
    expect(foldLine(exact)).toBe(exact);
    const longer = `${exact}b`;
    expect(foldLine(longer)).toBe(`${exact}\r\n b`);
  });

  it('never splits a Vietnamese letter across the fold, and keeps every line within 75 octets', () => {
    // "ế" is three octets; placed so that it would straddle octet 75 the first line could hold.
    for (let pad = 60; pad <= 80; pad++) {
      const line = `SUMMARY:${'a'.repeat(pad - 8)}ếệữ Kiểm điểm cấp huyện ${'ộ'.repeat(40)}`;
      const folded = foldLine(line);
      const physical = folded.split('\r\n');
      for (const [index, part] of physical.entries()) {
        expect(octets(part)).toBeLessThanOrEqual(75);
        if (index > 0) expect(part.startsWith(' ')).toBe(true);
        // Each physical line is valid UTF-8 on its own: decoding and encoding again changes nothing.
        expect(Buffer.from(Buffer.from(part, 'utf8').toString('utf8'), 'utf8').equals(Buffer.from(part, 'utf8'))).toBe(
          true,
        );
        expect(part).not.toContain('\uFFFD');
      }
      expect(unfold(folded)).toBe(line);
    }
  });

  it('folds a long title into many lines and keeps four-octet characters whole', () => {
    const line = `DESCRIPTION:${'Hội nghị quán triệt 📅 '.repeat(30)}`;
    const physical = foldLine(line).split('\r\n');
    expect(physical.length).toBeGreaterThan(10);
    expect(physical.every((part) => octets(part) <= 75)).toBe(true);
    // A surrogate pair cut in two would decode to replacement characters.
    expect(physical.join('')).not.toContain('\uFFFD');
    expect(unfold(physical.join('\r\n'))).toBe(line);
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and line breaks, and drops other control characters', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('x\u0000y\u0007z\u001Fw')).toBe('xyzw');
    expect(escapeText('Kế hoạch 15-KH/TU: “học tập”')).toBe('Kế hoạch 15-KH/TU: “học tập”');
  });
});

describe('icalDateTime', () => {
  it('writes UTC without fractions', () => {
    expect(icalDateTime(new Date('2012-08-20T03:04:05.678Z'))).toBe('20120820T030405Z');
  });
});

describe('writeCalendar', () => {
  const event = (overrides: Partial<CalendarEvent> = {}): CalendarEvent => ({
    uid: 'occurrence-7-unit-3@dondoc',
    start: localDate('2012-08-01'),
    endExclusive: localDate('2012-09-01'),
    summary: 'Hạn 31/08/2012 · Kiểm điểm, tự phê bình; báo cáo \\ tổng hợp',
    description: 'Kế hoạch 15-KH/TU\nMục IV.2.c\nChủ trì',
    url: 'https://t.me/dondoc_bot?start=o7',
    sequence: 2,
    lastModified: new Date('2012-08-02T01:00:00Z'),
    categories: ['15-KH/TU', 'Chủ trì, phối hợp'],
    status: 'CONFIRMED',
    ...overrides,
  });
  const text = writeCalendar({
    prodId: '-//dondoc//Calendar feed//VI',
    name: 'Ban Tuyên giáo; Tỉnh ủy, Trà Vinh',
    timeZone: 'Asia/Ho_Chi_Minh',
    refreshHours: 6,
    events: [event(), event({ uid: 'occurrence-8-unit-3@dondoc', summary: 'x'.repeat(300) })],
  });

  it('ends every line with CRLF and keeps them within 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n');
    expect(text).toContain('X-PUBLISHED-TTL:PT6H\r\n');
    expect(text).toContain('METHOD:PUBLISH\r\n');
    expect(text).toContain('CALSCALE:GREGORIAN\r\n');
  });

  it('reads back through ical.js with the same values', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    // ical.js does not know X-WR-CALNAME's type, so it keeps the TEXT escapes that calendar clients undo.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Ban Tuyên giáo\\; Tỉnh ủy\\, Trà Vinh');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const [first, second] = calendar.getAllSubcomponents('vevent');
    const parsed = new ICAL.Event(first!);
    expect(parsed.uid).toBe('occurrence-7-unit-3@dondoc');
    expect(parsed.summary).toBe('Hạn 31/08/2012 · Kiểm điểm, tự phê bình; báo cáo \\ tổng hợp');
    expect(parsed.description).toBe('Kế hoạch 15-KH/TU\nMục IV.2.c\nChủ trì');
    expect(parsed.startDate.isDate).toBe(true);
    expect(parsed.startDate.toString()).toBe('2012-08-01');
    expect(parsed.endDate.toString()).toBe('2012-09-01');
    expect(parsed.sequence).toBe(2);
    expect(first!.getFirstPropertyValue('url')).toBe('https://t.me/dondoc_bot?start=o7');
    expect(first!.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(first!.getFirstProperty('categories')!.getValues()).toEqual(['15-KH/TU', 'Chủ trì, phối hợp']);
    expect(new ICAL.Event(second!).summary).toBe('x'.repeat(300));
  });
});
