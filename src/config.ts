// Configuration: the environment parsed once by one zod schema; nothing else reads process.env.
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { isValidTimeZone } from './domain/dates.js';

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
      z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
    ),
    HTTP_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
    HTTP_HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
    LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(LOG_LEVELS).default('info')),
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
  })
  .superRefine((env, ctx) => {
    for (const channel of ['TELEGRAM', 'ZALO'] as const) {
      if (env[`${channel}_MODE`] !== 'webhook') continue;
      if (!env[`${channel}_BOT_TOKEN`]) {
        ctx.addIssue({ code: 'custom', path: [`${channel}_BOT_TOKEN`], message: `is required when ${channel}_MODE=webhook` });
      }
      if (!env[`${channel}_WEBHOOK_URL`]) {
        ctx.addIssue({ code: 'custom', path: [`${channel}_WEBHOOK_URL`], message: `is required when ${channel}_MODE=webhook` });
      } else if (!env[`${channel}_WEBHOOK_URL`]?.startsWith('https://')) {
        ctx.addIssue({ code: 'custom', path: [`${channel}_WEBHOOK_URL`], message: 'must be an https:// URL' });
      }
      if (!env[`${channel}_WEBHOOK_SECRET`]) {
        ctx.addIssue({ code: 'custom', path: [`${channel}_WEBHOOK_SECRET`], message: `is required when ${channel}_MODE=webhook` });
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
  seedDemoPlan: boolean;
  consoleChat: 'auto' | 'on' | 'off';
  telegram: ChannelConfig | undefined;
  zalo: ChannelConfig | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Builds the configuration from an environment; pure, so tests pass any environment they like. */
export function createConfig(env: Environment, cwd = '.'): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
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
    seedDemoPlan: e.DONDOC_SEED_DEMO === 'true',
    consoleChat: e.DONDOC_CONSOLE === 'auto' ? 'auto' : e.DONDOC_CONSOLE === 'true' ? 'on' : 'off',
    telegram: channel('TELEGRAM'),
    zalo: channel('ZALO'),
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
