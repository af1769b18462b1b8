// The Telegram webhook endpoint: checks the secret token in constant time, acknowledges at once, handles after.
import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Update } from 'grammy/types';
import { type RouteHandler, sendJson } from '../../http/server.js';
import type { Logger } from '../../logger.js';

/** Telegram's updates are small; anything larger is not from Telegram. */
export const MAX_WEBHOOK_BODY = 1024 * 1024;

export interface WebhookRoute {
  url: string;
  path: string;
  handler: RouteHandler;
}

export function telegramWebhookRoute(options: { url: string; secret: string; logger: Logger; onUpdate: (update: Update) => void }): WebhookRoute {
  const path = new URL(options.url).pathname;
  const handler: RouteHandler = async (request, response) => {
    if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], options.secret)) {
      options.logger.warn({ from: request.socket.remoteAddress }, 'webhook call without the right secret token refused');
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

/** Constant time in the secret's content: both sides are hashed to equal length first. */
export function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseUpdate(body: Buffer): Update | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value !== 'object' || value === null || !Number.isSafeInteger((value as { update_id?: unknown }).update_id)) return undefined;
    return value as Update;
  } catch {
    return undefined;
  }
}
