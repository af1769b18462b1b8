// Structured logging with pino; secrets (bot tokens, webhook secrets, database passwords) are redacted.
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

export function createLogger(options: {
  level: string;
  secrets?: readonly string[];
  destination?: pino.DestinationStream;
}): Logger {
  const secrets = options.secrets ?? [];
  return pino(
    {
      level: options.level,
      base: { app: 'dondoc' },
      redact: {
        paths: ['token', '*.token', 'secret', '*.secret', 'password', '*.password', 'headers.authorization'],
        censor: '<redacted>',
      },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Secrets can also hide in free text (an error message quoting a URL): scrub the final line.
        streamWrite: (line) => scrubSecrets(line, secrets),
      },
    },
    options.destination ?? pino.destination(2),
  );
}
