// The Telegram webhook endpoint: checks the secret token in constant time, refuses until ready, acknowledges, handles after.
import type { Update } from 'grammy/types';
import { readBody, sameSecret } from '../../http/request.js';
import { type RouteHandler, sendJson } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import { checkTelegramUpdate } from './updates.js';

export { sameSecret };

/** Telegram's updates are small; anything larger is not from Telegram. */
export const MAX_WEBHOOK_BODY = 1024 * 1024;

export interface WebhookRoute {
  url: string;
  path: string;
  handler: RouteHandler;
}

export function telegramWebhookRoute(options: {
  url: string;
  secret: string;
  logger: Logger;
  /** False while the bot cannot handle updates yet (getMe still failing): they are answered 503, to come again. */
  isReady?: () => boolean;
  onUpdate: (update: Update) => void;
}): WebhookRoute {
  const path = new URL(options.url).pathname;
  const handler: RouteHandler = async (request, response) => {
    if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], options.secret)) {
      options.logger.warn(
        { from: request.socket.remoteAddress },
        'webhook call without the right secret token refused',
      );
      sendJson(response, 401, { error: 'unauthorized' });
      request.resume();
      return;
    }
    if (options.isReady && !options.isReady()) {
      // Telegram keeps a webhook across our restarts and redelivers what is not answered 2xx.
      sendJson(response, 503, { error: 'starting' });
      request.resume();
      return;
    }
    const body = await readBody(request, MAX_WEBHOOK_BODY);
    if (body === undefined) {
      sendJson(response, 413, { error: 'body too large' });
      return;
    }
    const update = parseUpdate(body);
    if (!update) {
      options.logger.warn({ bytes: body.length }, 'malformed webhook body refused');
      sendJson(response, 400, { error: 'not a Telegram update' });
      return;
    }
    // Acknowledged before handling: Telegram waits for nothing, and a slow answer is not retried as a failure.
    sendJson(response, 200, { ok: true });
    // A well-formed envelope around a broken update: acknowledged (Telegram would only send it again) and skipped.
    const checked = checkTelegramUpdate(update);
    if (!checked.ok) {
      options.logger.warn({ updateId: checked.updateId, reason: checked.reason }, 'malformed update skipped');
      return;
    }
    options.onUpdate(checked.update);
  };
  return { url: options.url, path, handler };
}

function parseUpdate(body: Buffer): Update | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (
      typeof value !== 'object' ||
      value === null ||
      !Number.isSafeInteger((value as { update_id?: unknown }).update_id)
    )
      return undefined;
    return value as Update;
  } catch {
    return undefined;
  }
}
