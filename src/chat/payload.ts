// Button payloads: short strings a button sends back. Parsed strictly; what they name is checked again on use.
import type { ReportStatus } from '../db/reports.js';
import type { Language } from '../domain/language.js';
import { periodFromPayloadKey } from '../reporting/report-period.js';

export type Action =
  | { kind: 'open-occurrence'; occurrenceId: number }
  | { kind: 'open-duty'; dutyId: number }
  | { kind: 'report'; occurrenceId: number; status: Exclude<ReportStatus, 'not_started'> }
  | { kind: 'skip-note' }
  | { kind: 'language'; locale: Language }
  | { kind: 'reminders'; on: boolean }
  | { kind: 'snooze'; days: 0 | 1 | 7 }
  | { kind: 'duty-reminders'; dutyId: number; on: boolean }
  | { kind: 'broadcast'; broadcastId: number; confirm: boolean }
  | { kind: 'broadcast-cancel'; broadcastId: number }
  | { kind: 'unit-statuses'; occurrenceId: number }
  | { kind: 'matrix'; from: string; to: string }
  | { kind: 'command'; name: string }
  | { kind: 'nudge'; occurrenceId: number }
  | { kind: 'review'; reportId: number; confirm: boolean }
  | { kind: 'extension-decision'; extensionId: number; approve: boolean }
  | { kind: 'extension-ask'; occurrenceId: number }
  | { kind: 'calendar-new'; unitId: number }
  | { kind: 'calendar-revoke'; feedId: number }
  | { kind: 'report-draft'; planId: number; period: string };

const STATUS_CODES = { d: 'done', p: 'in_progress', b: 'blocked' } as const;
const CODE_OF_STATUS = { done: 'd', in_progress: 'p', blocked: 'b' } as const;
/** Ids are positive 31-bit integers (PostgreSQL integer); anything else is not ours. */
const ID = '([1-9][0-9]{0,9})';

export function encodeAction(action: Action): string {
  switch (action.kind) {
    case 'open-occurrence':
      return `o:${action.occurrenceId}`;
    case 'open-duty':
      return `d:${action.dutyId}`;
    case 'report':
      return `r:${action.occurrenceId}:${CODE_OF_STATUS[action.status]}`;
    case 'skip-note':
      return 'n:skip';
    case 'language':
      return `l:${action.locale}`;
    case 'reminders':
      return `m:${action.on ? 'on' : 'off'}`;
    case 'snooze':
      return `z:${action.days}`;
    case 'command':
      return `c:${action.name}`;
    case 'duty-reminders':
      return `q:${action.dutyId}:${action.on ? 'on' : 'off'}`;
    case 'broadcast':
      return `b:${action.broadcastId}:${action.confirm ? 'ok' : 'no'}`;
    case 'broadcast-cancel':
      return `bx:${action.broadcastId}`;
    case 'unit-statuses':
      return `s:${action.occurrenceId}`;
    case 'nudge':
      return `nu:${action.occurrenceId}`;
    case 'review':
      return `v:${action.reportId}:${action.confirm ? 'ok' : 'ret'}`;
    case 'extension-decision':
      return `x:${action.extensionId}:${action.approve ? 'ok' : 'no'}`;
    case 'extension-ask':
      return `xa:${action.occurrenceId}`;
    case 'calendar-new':
      return `cal:n:${action.unitId}`;
    case 'calendar-revoke':
      return `cal:r:${action.feedId}`;
    case 'report-draft':
      return `rd:${action.planId}:${action.period}`;
    case 'matrix':
      return `mx:${action.from.replace(/-/g, '')}:${action.to.replace(/-/g, '')}`;
  }
}

const PATTERNS: [RegExp, (match: RegExpMatchArray) => Action | undefined][] = [
  [new RegExp(`^o:${ID}$`), (m) => id(m[1], (occurrenceId) => ({ kind: 'open-occurrence', occurrenceId }))],
  [new RegExp(`^d:${ID}$`), (m) => id(m[1], (dutyId) => ({ kind: 'open-duty', dutyId }))],
  [
    new RegExp(`^r:${ID}:([dpb])$`),
    (m) =>
      id(m[1], (occurrenceId) => ({
        kind: 'report',
        occurrenceId,
        status: STATUS_CODES[m[2] as keyof typeof STATUS_CODES],
      })),
  ],
  [/^n:skip$/, () => ({ kind: 'skip-note' })],
  [/^l:(vi|en)$/, (m) => ({ kind: 'language', locale: m[1] as Language })],
  [/^m:(on|off)$/, (m) => ({ kind: 'reminders', on: m[1] === 'on' })],
  [/^z:(0|1|7)$/, (m) => ({ kind: 'snooze', days: Number(m[1]) as 0 | 1 | 7 })],
  [/^c:([a-z]{1,20})$/, (m) => ({ kind: 'command', name: m[1] ?? '' })],
  [
    new RegExp(`^b:${ID}:(ok|no)$`),
    (m) => id(m[1], (broadcastId) => ({ kind: 'broadcast', broadcastId, confirm: m[2] === 'ok' })),
  ],
  [new RegExp(`^s:${ID}$`), (m) => id(m[1], (occurrenceId) => ({ kind: 'unit-statuses', occurrenceId }))],
  [new RegExp(`^nu:${ID}$`), (m) => id(m[1], (occurrenceId) => ({ kind: 'nudge', occurrenceId }))],
  [/^mx:(\d{8}):(\d{8})$/, (m) => matrixAction(m[1] ?? '', m[2] ?? '')],
  [new RegExp(`^bx:${ID}$`), (m) => id(m[1], (broadcastId) => ({ kind: 'broadcast-cancel', broadcastId }))],
  [
    new RegExp(`^v:${ID}:(ok|ret)$`),
    (m) => id(m[1], (reportId) => ({ kind: 'review', reportId, confirm: m[2] === 'ok' })),
  ],
  [
    new RegExp(`^x:${ID}:(ok|no)$`),
    (m) => id(m[1], (extensionId) => ({ kind: 'extension-decision', extensionId, approve: m[2] === 'ok' })),
  ],
  // The period as periodPayloadKey writes it; read again by periodFromPayloadKey, so a day that does not exist is refused.
  [
    new RegExp(`^rd:${ID}:(\\d{4}(?:-H[12]|-Q[1-4]|-\\d{2})?|\\d{8}-\\d{8})$`),
    (m) =>
      periodFromPayloadKey(m[2] ?? '')
        ? id(m[1], (planId) => ({ kind: 'report-draft', planId, period: m[2] ?? '' }))
        : undefined,
  ],
  [new RegExp(`^xa:${ID}$`), (m) => id(m[1], (occurrenceId) => ({ kind: 'extension-ask', occurrenceId }))],
  [new RegExp(`^cal:n:${ID}$`), (m) => id(m[1], (unitId) => ({ kind: 'calendar-new', unitId }))],
  [new RegExp(`^cal:r:${ID}$`), (m) => id(m[1], (feedId) => ({ kind: 'calendar-revoke', feedId }))],
  [
    new RegExp(`^q:${ID}:(on|off)$`),
    (m) => id(m[1], (dutyId) => ({ kind: 'duty-reminders', dutyId, on: m[2] === 'on' })),
  ],
];

/** The action a payload names, or undefined for anything malformed or forged. */
export function decodeAction(payload: string): Action | undefined {
  if (payload.length > 64) return undefined;
  for (const [pattern, build] of PATTERNS) {
    const match = payload.match(pattern);
    if (match) return build(match);
  }
  return undefined;
}

function id(text: string | undefined, build: (value: number) => Action): Action | undefined {
  const value = Number(text);
  return Number.isSafeInteger(value) && value > 0 && value <= 2_147_483_647 ? build(value) : undefined;
}

function matrixAction(from: string, to: string): Action | undefined {
  const iso = (text: string) => `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  const [a, b] = [iso(from), iso(to)];
  return Number.isNaN(Date.parse(a)) || Number.isNaN(Date.parse(b)) || a > b
    ? undefined
    : { kind: 'matrix', from: a, to: b };
}
