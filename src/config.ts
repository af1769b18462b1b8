// Configuration: the environment parsed once by one zod schema; nothing else reads process.env.
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { addDays, daysBetween, isValidTimeZone, type LocalDate, parseLocalDate } from './domain/dates.js';
import { parseClock } from './domain/zoned.js';
import type { EscalationSettings } from './reminders/escalation.js';
import type { ReminderPolicy, WorkingCalendar } from './reminders/policy.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalUrl = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .url(`must be a URL (${what})`)
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  );
const webhookSecret = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,256}$/, 'must be 8 to 256 characters of A-Z, a-z, 0-9, "_" or "-"')
    .optional(),
);
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const clock = (fallback: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .default(fallback)
      .transform((text, ctx) => {
        const clock = parseClock(text);
        if (clock) return clock;
        ctx.addIssue({ code: 'custom', message: 'must be a time such as 08:00' });
        return z.NEVER;
      }),
  );
/** "7,3,1" → [7, 3, 1]; "none" → []. */
const dayList = (fallback: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .default(fallback)
      .transform((text, ctx) => {
        if (text.trim().toLowerCase() === 'none') return [];
        const days = text.split(',').map((part) => Number(part.trim()));
        if (days.some((day) => !Number.isInteger(day) || day < 1 || day > 60)) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be whole days from 1 to 60 separated by commas, e.g. 7,3,1 (or none)',
          });
          return z.NEVER;
        }
        return days;
      }),
  );
const flag = (fallback: 'true' | 'false') =>
  z.preprocess(blankToUndefined, z.enum(['true', 'false']).default(fallback)).transform((value) => value === 'true');
/** "mon-fri", "mon-sat", "all", "mon,wed,fri" → weekday numbers (0 = Sunday). */
const weekdays = z.preprocess(
  blankToUndefined,
  z
    .string()
    .default('mon-fri')
    .transform((text, ctx) => {
      const value = text.trim().toLowerCase();
      if (value === 'all') return [0, 1, 2, 3, 4, 5, 6];
      const index = (name: string) => DAY_NAMES.indexOf(name.trim() as (typeof DAY_NAMES)[number]);
      const range = value.match(/^([a-z]{3})\s*-\s*([a-z]{3})$/);
      if (range) {
        const [from, to] = [index(range[1] ?? ''), index(range[2] ?? '')];
        if (from >= 0 && to >= 0) return Array.from({ length: ((to - from + 7) % 7) + 1 }, (_, i) => (from + i) % 7);
      } else {
        const days = value.split(',').map(index);
        if (days.every((day) => day >= 0)) return days;
      }
      ctx.addIssue({ code: 'custom', message: 'must be all, a range such as mon-fri, or days such as mon,wed,fri' });
      return z.NEVER;
    }),
);
/** "2013-02-09..2013-02-15, 2012-09-02" → every date listed or in a range. */
const holidays = z.preprocess(
  blankToUndefined,
  z
    .string()
    .default('')
    .transform((text, ctx) => {
      const dates: LocalDate[] = [];
      for (const part of text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)) {
        const [from, to = from] = part.split('..').map((item) => parseLocalDate(item.trim()));
        if (!from || !to || to < from || daysBetween(from, to) > 366) {
          ctx.addIssue({
            code: 'custom',
            message: `"${part}" is not a date (YYYY-MM-DD) or a range YYYY-MM-DD..YYYY-MM-DD`,
          });
          return z.NEVER;
        }
        for (let day = from; day <= to; day = addDays(day, 1)) dates.push(day);
      }
      return dates;
    }),
);
const mode = z.preprocess(blankToUndefined, z.enum(['polling', 'webhook']).default('polling'));

const envSchema = z
  .object({
    DATABASE_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
    ),
    DONDOC_DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
    TZ_DEFAULT: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh')
        .default('Asia/Ho_Chi_Minh'),
    ),
    HTTP_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
    HTTP_HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
    LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(LOG_LEVELS).default('info')),
    LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(['auto', 'json', 'pretty']).default('auto')),
    METRICS_TOKEN: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16 to 256 characters of A-Z, a-z, 0-9, "_" or "-"')
        .optional(),
    ),
    LOG_MESSAGE_CONTENTS: flag('false'),
    PUBLIC_BASE_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(
          /^https?:\/\/[^/?#\s]+$/,
          'must be http(s)://host[:port] without a path, e.g. https://dondoc.example.gov.vn',
        )
        .optional(),
    ),
    DONDOC_SEED_DEMO: z.preprocess(blankToUndefined, z.enum(['true', 'false']).default('true')),
    DONDOC_CONSOLE: z.preprocess(blankToUndefined, z.enum(['auto', 'true', 'false']).default('auto')),
    TELEGRAM_BOT_TOKEN: optionalString,
    TELEGRAM_API_ROOT: optionalUrl('the Bot API server, e.g. https://api.telegram.org'),
    TELEGRAM_MODE: mode,
    TELEGRAM_WEBHOOK_URL: optionalUrl('the public HTTPS address Telegram posts to'),
    TELEGRAM_WEBHOOK_SECRET: webhookSecret,
    ZALO_BOT_TOKEN: optionalString,
    ZALO_API_ROOT: optionalUrl('the Zalo Bot API server, e.g. https://bot-api.zaloplatforms.com'),
    ZALO_MODE: mode,
    ZALO_WEBHOOK_URL: optionalUrl('the public HTTPS address Zalo posts to'),
    ZALO_WEBHOOK_SECRET: webhookSecret,
    ZALO_SENDS_PER_SECOND: z.preprocess(blankToUndefined, z.coerce.number().positive().max(1000).default(8)),
    ZALO_UNREACHABLE_FAILURES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).default(5)),
    ZALO_UNREACHABLE_HOURS: z.preprocess(
      blankToUndefined,
      z.coerce
        .number()
        .min(0)
        .max(24 * 90)
        .default(24),
    ),
    REMINDER_BEFORE_OPEN: dayList('7,3,1'),
    REMINDER_ON_OPEN: flag('true'),
    REMINDER_BEFORE_CLOSE: dayList('3,1'),
    REMINDER_OVERDUE: flag('true'),
    REMINDER_COORDINATING: flag('false'),
    REMINDER_SEND_AT: clock('08:00'),
    REMINDER_WORK_START: clock('07:30'),
    REMINDER_WORK_END: clock('17:30'),
    REMINDER_WORKING_DAYS: weekdays,
    REMINDER_HOLIDAYS: holidays,
    REMINDER_DIGEST_AT: clock('07:30'),
    REMINDER_OVERDUE_MAX: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(20).default(6)),
    REMINDER_ESCALATE_AFTER: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(20).default(3)),
    /** Where evidence files sent after a report are kept (default: <data folder>/evidence), and their size limit. */
    EVIDENCE_DIR: z.preprocess(blankToUndefined, z.string().optional()),
    EVIDENCE_MAX_MB: z.preprocess(blankToUndefined, z.coerce.number().positive().max(200).default(20)),
    WEB_UPLOAD_MAX_MB: z.preprocess(blankToUndefined, z.coerce.number().positive().max(200).default(10)),
    WEB_SESSION_IDLE_HOURS: z.preprocess(blankToUndefined, z.coerce.number().positive().max(720).default(12)),
    WEB_SESSION_MAX_DAYS: z.preprocess(blankToUndefined, z.coerce.number().positive().max(90).default(7)),
  })
  .superRefine((env, ctx) => {
    if (env.REMINDER_WORK_START >= env.REMINDER_WORK_END) {
      ctx.addIssue({ code: 'custom', path: ['REMINDER_WORK_END'], message: 'must be later than REMINDER_WORK_START' });
    }
    if (env.REMINDER_WORKING_DAYS.length === 0)
      ctx.addIssue({ code: 'custom', path: ['REMINDER_WORKING_DAYS'], message: 'must name at least one day' });
    for (const channel of ['TELEGRAM', 'ZALO'] as const) {
      if (env[`${channel}_MODE`] !== 'webhook') continue;
      if (!env[`${channel}_BOT_TOKEN`]) {
        ctx.addIssue({
          code: 'custom',
          path: [`${channel}_BOT_TOKEN`],
          message: `is required when ${channel}_MODE=webhook`,
        });
      }
      if (!env[`${channel}_WEBHOOK_URL`]) {
        ctx.addIssue({
          code: 'custom',
          path: [`${channel}_WEBHOOK_URL`],
          message: `is required when ${channel}_MODE=webhook`,
        });
      } else if (!env[`${channel}_WEBHOOK_URL`]?.startsWith('https://')) {
        ctx.addIssue({ code: 'custom', path: [`${channel}_WEBHOOK_URL`], message: 'must be an https:// URL' });
      }
      if (!env[`${channel}_WEBHOOK_SECRET`]) {
        ctx.addIssue({
          code: 'custom',
          path: [`${channel}_WEBHOOK_SECRET`],
          message: `is required when ${channel}_MODE=webhook`,
        });
      }
    }
  });

export type Environment = Record<string, string | undefined>;

/** Every setting dondoc reads, for documentation checks. */
export const SETTING_NAMES: readonly string[] = Object.keys(envSchema.shape);

export interface ChannelConfig {
  token: string;
  apiRoot: string | undefined;
  mode: 'polling' | 'webhook';
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  /** Messages per second this bot may send (Zalo: configurable, it publishes no limit; Telegram: unused). */
  sendsPerSecond?: number | undefined;
}

export interface Config {
  database: { kind: 'embedded'; dataDir: string } | { kind: 'server'; url: string; dataDir: string };
  defaultTimeZone: string;
  http: { port: number; host: string };
  logLevel: (typeof LOG_LEVELS)[number];
  /** Texts, captions and names in logs (debugging only); off, logs carry ids and kinds. */
  logMessageContents: boolean;
  /** The public http(s)://host[:port] of dondoc's HTTP server (no trailing slash), if it has one. */
  publicBaseUrl: string | undefined;
  /** auto: readable lines in a terminal, JSON otherwise (a service manager, a pipe). */
  logFormat: 'auto' | 'json' | 'pretty';
  /** Bearer token for GET /metrics from other hosts; without it /metrics answers loopback only. */
  metricsToken: string | undefined;
  seedDemoPlan: boolean;
  consoleChat: 'auto' | 'on' | 'off';
  telegram: ChannelConfig | undefined;
  zalo: ChannelConfig | undefined;
  /** The admin web console, served under /admin on the HTTP server. */
  web: {
    /** Where admins reach this server (login links point here); https makes the session cookie Secure. */
    publicBaseUrl: string;
    /** Largest upload (plan document, roster) in bytes. */
    uploadMaxBytes: number;
    /** A session ends after this long without a request, and in any case this long after sign-in. */
    sessionIdleMs: number;
    sessionMaxMs: number;
  };
  /** When failing Zalo deliveries make an account unreachable: this many in a row, over at least this long. */
  /** Files and photos sent as evidence after a report: the folder (files named by sha256) and the size limit. */
  evidence: { dir: string; maxBytes: number };
  zaloUnreachable: { failures: number; overMs: number };
  reminders: {
    policy: ReminderPolicy;
    /** Working hours, days and holidays; the time zone is the plan's. */
    calendar: Omit<WorkingCalendar, 'timeZone'>;
    /** When admins get the daily digest (shifted into working time like reminders). */
    digestAtMinutes: number;
    /** Overdue reminders: at most this many (days 1, 3, 7, then weekly); after step `escalateAfter` (0 = never), the leaders and the supervising unit's admins are told. */
    escalation: EscalationSettings;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Builds the configuration from an environment; pure, so tests pass any environment they like. */
export function createConfig(env: Environment, cwd = '.'): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.DONDOC_DATA_DIR);
  const channel = (prefix: 'TELEGRAM' | 'ZALO'): ChannelConfig | undefined => {
    const token = e[`${prefix}_BOT_TOKEN`];
    if (!token) return undefined;
    return {
      token,
      apiRoot: e[`${prefix}_API_ROOT`],
      mode: e[`${prefix}_MODE`],
      webhookUrl: e[`${prefix}_WEBHOOK_URL`],
      webhookSecret: e[`${prefix}_WEBHOOK_SECRET`],
      sendsPerSecond: prefix === 'ZALO' ? e.ZALO_SENDS_PER_SECOND : undefined,
    };
  };
  return {
    database: e.DATABASE_URL ? { kind: 'server', url: e.DATABASE_URL, dataDir } : { kind: 'embedded', dataDir },
    defaultTimeZone: e.TZ_DEFAULT,
    http: { port: e.HTTP_PORT, host: e.HTTP_HOST },
    logLevel: e.LOG_LEVEL,
    logMessageContents: e.LOG_MESSAGE_CONTENTS,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    logFormat: e.LOG_FORMAT,
    metricsToken: e.METRICS_TOKEN,
    seedDemoPlan: e.DONDOC_SEED_DEMO === 'true',
    consoleChat: e.DONDOC_CONSOLE === 'auto' ? 'auto' : e.DONDOC_CONSOLE === 'true' ? 'on' : 'off',
    telegram: channel('TELEGRAM'),
    zalo: channel('ZALO'),
    web: {
      publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? `http://localhost:${e.HTTP_PORT}`,
      uploadMaxBytes: Math.round(e.WEB_UPLOAD_MAX_MB * 1024 * 1024),
      sessionIdleMs: Math.round(e.WEB_SESSION_IDLE_HOURS * 3_600_000),
      sessionMaxMs: Math.round(e.WEB_SESSION_MAX_DAYS * 86_400_000),
    },
    evidence: {
      dir: e.EVIDENCE_DIR ? path.resolve(cwd, e.EVIDENCE_DIR) : path.join(dataDir, 'evidence'),
      maxBytes: Math.round(e.EVIDENCE_MAX_MB * 1024 * 1024),
    },
    zaloUnreachable: { failures: e.ZALO_UNREACHABLE_FAILURES, overMs: e.ZALO_UNREACHABLE_HOURS * 3_600_000 },
    reminders: {
      policy: {
        beforeOpenDays: e.REMINDER_BEFORE_OPEN,
        onOpen: e.REMINDER_ON_OPEN,
        beforeCloseDays: e.REMINDER_BEFORE_CLOSE,
        overdue: e.REMINDER_OVERDUE,
        coordinating: e.REMINDER_COORDINATING,
      },
      calendar: {
        sendAtMinutes: e.REMINDER_SEND_AT,
        startMinutes: e.REMINDER_WORK_START,
        endMinutes: e.REMINDER_WORK_END,
        workingDays: new Set(e.REMINDER_WORKING_DAYS),
        holidays: new Set(e.REMINDER_HOLIDAYS),
      },
      digestAtMinutes: e.REMINDER_DIGEST_AT,
      escalation: { maxReminders: e.REMINDER_OVERDUE_MAX, escalateAfter: e.REMINDER_ESCALATE_AFTER },
    },
  };
}

/**
 * The process environment overlaid on a `.env` file's values (the real environment wins, as with
 * dotenv). Reading files is I/O, so this lives beside createConfig but is only called from entry points.
 */
export function environmentWithDotEnv(processEnv: Environment, dotEnvText: string | undefined): Environment {
  if (dotEnvText === undefined) return processEnv;
  return { ...parseEnv(dotEnvText), ...processEnv };
}

/** What may be logged about the configuration: never a token, a secret or a database password. */
export function describeConfig(config: Config): Record<string, unknown> {
  const database =
    config.database.kind === 'embedded'
      ? { kind: 'embedded', dataDir: config.database.dataDir }
      : { kind: 'server', url: redactUrl(config.database.url) };
  const channel = (c: ChannelConfig | undefined) => (c ? { mode: c.mode, apiRoot: c.apiRoot ?? 'default' } : 'off');
  return {
    database,
    timeZone: config.defaultTimeZone,
    http: config.http,
    web: { publicBaseUrl: config.web.publicBaseUrl },
    telegram: channel(config.telegram),
    zalo: channel(config.zalo),
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}
