// handlers/payload.ts: button payloads round-trip for every action, forged or malformed ones are refused, all fit Telegram's 64 bytes.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/chat/commands.js';
import { type Action, decodeAction, encodeAction } from '../../src/chat/payload.js';

const MAX_ID = 2_147_483_647;
/** Telegram refuses callback_data longer than 64 bytes. */
const TELEGRAM_CALLBACK_DATA_BYTES = 64;

const ACTIONS: Action[] = [
  { kind: 'open-occurrence', occurrenceId: 1 },
  { kind: 'open-occurrence', occurrenceId: 4711 },
  { kind: 'open-occurrence', occurrenceId: MAX_ID },
  { kind: 'open-duty', dutyId: 1 },
  { kind: 'open-duty', dutyId: MAX_ID },
  { kind: 'report', occurrenceId: 12, status: 'done' },
  { kind: 'report', occurrenceId: 12, status: 'in_progress' },
  { kind: 'report', occurrenceId: MAX_ID, status: 'blocked' },
  { kind: 'skip-note' },
  { kind: 'language', locale: 'vi' },
  { kind: 'language', locale: 'en' },
  { kind: 'reminders', on: true },
  { kind: 'reminders', on: false },
  { kind: 'snooze', days: 0 },
  { kind: 'snooze', days: 1 },
  { kind: 'snooze', days: 7 },
  ...COMMANDS.map((command): Action => ({ kind: 'command', name: command.id })),
  { kind: 'command', name: 'a'.repeat(20) },
  { kind: 'review', reportId: 5, confirm: true },
  { kind: 'review', reportId: MAX_ID, confirm: false },
  { kind: 'extension-decision', extensionId: 3, approve: true },
  { kind: 'extension-decision', extensionId: MAX_ID, approve: false },
  { kind: 'extension-ask', occurrenceId: 9 },
  { kind: 'report-draft', planId: 1, period: '2012-H2' },
  { kind: 'report-draft', planId: MAX_ID, period: '20120701-20121231' },
  { kind: 'report-draft', planId: 3, period: '2012' },
  { kind: 'report-draft', planId: 3, period: '2012-Q3' },
  { kind: 'report-draft', planId: 3, period: '2012-09' },
];

describe('handlers/payload', () => {
  it('covers every kind of action in this table', () => {
    const kinds = new Set(ACTIONS.map((action) => action.kind));
    expect([...kinds].sort()).toEqual([
      'command',
      'extension-ask',
      'extension-decision',
      'language',
      'open-duty',
      'open-occurrence',
      'reminders',
      'report',
      'report-draft',
      'review',
      'skip-note',
      'snooze',
    ]);
  });

  it.each(ACTIONS.map((action) => [encodeAction(action), action] as const))(
    'decodes %s back to the action it encodes',
    (payload, action) => {
      expect(decodeAction(payload)).toEqual(action);
    },
  );

  it('encodes to the short forms the buttons send', () => {
    expect(encodeAction({ kind: 'open-occurrence', occurrenceId: 42 })).toBe('o:42');
    expect(encodeAction({ kind: 'open-duty', dutyId: 7 })).toBe('d:7');
    expect(encodeAction({ kind: 'report', occurrenceId: 9, status: 'in_progress' })).toBe('r:9:p');
    expect(encodeAction({ kind: 'skip-note' })).toBe('n:skip');
    expect(encodeAction({ kind: 'reminders', on: false })).toBe('m:off');
    expect(encodeAction({ kind: 'command', name: 'baocao' })).toBe('c:baocao');
  });

  it.each(ACTIONS.map((action) => [encodeAction(action)] as const))(
    'keeps %s within 64 bytes of callback_data',
    (payload) => {
      expect(Buffer.byteLength(payload, 'utf8')).toBeLessThanOrEqual(TELEGRAM_CALLBACK_DATA_BYTES);
    },
  );

  it.each([
    ['empty', ''],
    ['unknown prefix', 'x:1'],
    ['review without decision', 'v:5'],
    ['review with another word', 'v:5:yes'],
    ['review of id 0', 'v:0:ok'],
    ['extension decision with trailing text', 'x:3:ok;v:4:ok'],
    ['extension ask with a second id', 'xa:1:2'],
    ['report draft of half 3', 'rd:1:2012-H3'],
    ['report draft of month 13', 'rd:1:2012-13'],
    ['report draft of a day that does not exist', 'rd:1:20120230-20120301'],
    ['report draft of a range backwards', 'rd:1:20121231-20120701'],
    ['report draft with the range as typed', 'rd:1:2012-07-01..2012-12-31'],
    ['report draft without a plan', 'rd:2012-H2'],
    ['prefix without colon', 'o1'],
    ['prefix only', 'o:'],
    ['upper-case prefix', 'O:1'],
    ['id 0', 'o:0'],
    ['negative id', 'd:-1'],
    ['id above 2147483647', 'o:2147483648'],
    ['ten nines', 'o:9999999999'],
    ['eleven digits', 'o:10000000000'],
    ['leading zero', 'o:01'],
    ['leading zero in a report', 'r:007:d'],
    ['fractional id', 'o:1.5'],
    ['exponent id', 'o:1e3'],
    ['hex id', 'o:0x10'],
    ['extra segment', 'o:1:2'],
    ['extra segment on a report', 'r:1:d:x'],
    ['report without status', 'r:1'],
    ['report id 0', 'r:0:d'],
    ['report id too large', 'r:2147483648:b'],
    ['leading space', ' o:1'],
    ['trailing space', 'o:1 '],
    ['trailing newline', 'o:1\n'],
    ['space inside', 'o: 1'],
    ['status letter n (not_started)', 'r:1:n'],
    ['status letter x', 'r:1:x'],
    ['upper-case status letter', 'r:1:D'],
    ['status spelled out', 'r:1:done'],
    ['skip-note variant', 'n:skipped'],
    ['unknown language', 'l:fr'],
    ['upper-case language', 'l:VI'],
    ['reminders yes', 'm:yes'],
    ['snooze 2 days', 'z:2'],
    ['snooze 07', 'z:07'],
    ['empty command', 'c:'],
    ['upper-case command', 'c:Baocao'],
    ['all-caps command', 'c:REPORT'],
    ['command with a digit', 'c:bao1'],
    ['command with an underscore', 'c:bao_cao'],
    ['command with diacritics', 'c:báocáo'],
    ['command of 21 letters', `c:${'a'.repeat(21)}`],
    ['longer than 64 characters', `c:${'a'.repeat(63)}`],
    ['65 characters of digits', `o:${'1'.repeat(63)}`],
  ])('rejects %s (%j)', (_what, payload) => {
    expect(decodeAction(payload)).toBeUndefined();
  });
});
