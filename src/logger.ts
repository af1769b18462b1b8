// Structured logging with pino; secrets (bot tokens, webhook secrets, database passwords) are redacted, and so are
// users' words (texts, captions, names) unless contents are turned on for debugging.
import pino, { type Logger } from 'pino';

export type { Logger };

const BOT_TOKEN_IN_URL = /\/bot\d+:[A-Za-z0-9_-]+/g;
const PASSWORD_IN_URL = /(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g;

/** Removes bot tokens and passwords from any text that might reach a log line (error messages, URLs). */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let scrubbed = text.replace(BOT_TOKEN_IN_URL, '/bot<redacted>').replace(PASSWORD_IN_URL, '$1***@');
  for (const secret of secrets) if (secret.length >= 6) scrubbed = scrubbed.split(secret).join('<redacted>');
  return scrubbed;
}

const SECRET_PATHS = ['token', '*.token', 'secret', '*.secret', 'password', '*.password', 'headers.authorization'];
/** Where users' words can sit in what is logged: updates, messages, senders, API payloads. */
const CONTENT_FIELDS = ['text', 'caption', 'first_name', 'last_name', 'username', 'display_name', 'name', 'file_name'];
const CONTENT_PATHS = [
  // Top-level `name`/`username` are dondoc's own (a job, the bot's username); users' sit inside objects.
  ...CONTENT_FIELDS.flatMap((field) => [
    ...(field === 'name' || field === 'username' ? [] : [field]),
    `*.${field}`,
    `*.*.${field}`,
    `*.*.*.${field}`,
  ]),
  'payload',
  '*.payload',
  'ctx',
  '*.ctx',
];

/** Errors as type, message and stack: an error object's other fields (grammY's payload, context) hold users' words. */
function errorOnly(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return { type: error.name, message: error.message, stack: error.stack };
}

export function createLogger(options: {
  level: string;
  secrets?: readonly string[];
  destination?: pino.DestinationStream;
  /** Log texts, captions and names too (debugging only: LOG_MESSAGE_CONTENTS). */
  messageContents?: boolean;
}): Logger {
  const secrets = options.secrets ?? [];
  return pino(
    {
      level: options.level,
      base: { app: 'dondoc' },
      redact: {
        paths: options.messageContents ? SECRET_PATHS : [...SECRET_PATHS, ...CONTENT_PATHS],
        censor: '<redacted>',
      },
      ...(options.messageContents ? {} : { serializers: { err: errorOnly } }),
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Secrets can also hide in free text (an error message quoting a URL): scrub the final line.
        streamWrite: (line) => scrubSecrets(line, secrets),
      },
    },
    options.destination ?? pino.destination(2),
  );
}
