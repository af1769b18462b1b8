// The Telegram webhook endpoint: checks the secret token in constant time, acknowledges at once, handles after.
import type { Update } from 'grammy/types';
import { readBody, sameSecret } from '../../http/request.js';
import { type RouteHandler, sendJson } from '../../http/server.js';

export { sameSecret };

import type { Logger } from '../../logger.js';

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
    options.onUpdate(update);
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
