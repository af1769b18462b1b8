// The Zalo adapter: long polling or webhook into the shared conversation; replies as numbered plain text.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Conversation, Reply } from '../../chat/types.js';
import type { ChannelConfig } from '../../config.js';
import { readBody, sameSecret } from '../../http/request.js';
import { type RouteHandler, sendJson } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import type { ChatReachability, DeliveryOutcome, OutgoingChannel, UndeliveredReplies } from '../channel.js';
import { createKeyedQueue } from '../keyed-queue.js';
import { asInteractive } from '../send-priority.js';
import { createTyping } from '../typing.js';
import { createZaloClient, ZaloApiError, type ZaloClient, type ZaloUpdate } from './client.js';
import { zaloTexts } from './render.js';
import { fromZaloUpdate, parseZaloUpdate, zaloUpdateLabel } from './updates.js';

export const ZALO_POLL_SECONDS = 30;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
const MAX_WEBHOOK_BODY = 1024 * 1024;

export interface ZaloChannel extends OutgoingChannel {
  readonly client: ZaloClient;
  /** Resolves once the bot knows itself (getMe) and receives updates. */
  readonly ready: Promise<void>;
  readonly webhook: { url: string; path: string; handler: RouteHandler } | undefined;
  stop(): Promise<void>;
}

export interface ZaloOptions {
  config: ChannelConfig;
  conversation: Conversation;
  /** Told of every delivery that failed or went through: an account that keeps failing is made unreachable. */
  reachability: ChatReachability;
  /** Told of a reply that could not be sent within the send gate's bound. */
  undelivered?: UndeliveredReplies;
  /**
   * Where a picture is put for Zalo to fetch (Zalo takes photos by URL only): a public, unguessable, expiring
   * URL on dondoc's HTTP server. Absent without a public base URL: pictures are then left out, as the handler says.
   */
  photos?: { publish(data: Uint8Array, mimeType: string): string };
  logger: Logger;
  /** First wait after a failed poll or start-up call; doubles up to a minute (tests shorten it). */
  retryDelayMs?: number;
  pollSeconds?: number;
  /** The client's back-off and bounds (tests shorten them). */
  client?: { backoffMs?: number; replyBoundMs?: number; bulkBoundMs?: number };
  /** When "typing" is shown while an answer is worked out (default after 1 s). */
  typingAfterMs?: number;
}

export function createZaloChannel(options: ZaloOptions): ZaloChannel {
  const { config, conversation, reachability } = options;
  const log = options.logger.child({ channel: 'zalo' });
  const client = createZaloClient({
    token: config.token,
    ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}),
    ...(config.sendsPerSecond ? { sendsPerSecond: config.sendsPerSecond } : {}),
    ...options.client,
  });
  const typing = createTyping({
    send: (chatId) => client.sendChatAction(chatId, 'typing'),
    ...(options.typingAfterMs !== undefined ? { afterMs: options.typingAfterMs } : {}),
  });
  let connected = false;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const queue = createKeyedQueue();
  const abort = new AbortController();
  let polling: Promise<void> | undefined;

  async function deliver(chatId: string, replies: Reply[]): Promise<DeliveryOutcome> {
    const messageIds: string[] = [];
    try {
      for (const given of replies) {
        let reply = given;
        if (reply.file?.kind === 'photo' && options.photos) {
          const url = options.photos.publish(reply.file.data, reply.file.mimeType);
          messageIds.push((await client.sendPhoto(chatId, url)).message_id);
          const { file: _sent, ...rest } = reply;
          reply = rest;
        }
        for (const text of zaloTexts(reply))
          if (text.trim()) messageIds.push((await client.sendMessage(chatId, text)).message_id);
      }
      await reachability.reached?.(chatId);
      return { ok: true, messageIds };
    } catch (error) {
      const description = error instanceof ZaloApiError ? error.message : String(error);
      // Zalo documents no "blocked" answer (its 403 is a server error): an account is made unreachable only
      // when failures keep coming over time, which the accounts decide.
      if (await reachability.failed?.(chatId, description)) {
        log.warn({ chatId, error: description }, 'Zalo deliveries kept failing: account marked unreachable');
        return { ok: false, reason: 'blocked', error: description };
      }
      return { ok: false, reason: 'failed', error: description };
    }
  }

  /** Handles one update in its chat's order; errors are logged with the update and never stop the bot. */
  function accept(update: ZaloUpdate): Promise<void> {
    const event = fromZaloUpdate(update, new Date());
    if (event.type === 'ignored') {
      log.info({ ...zaloUpdateLabel(update), reason: event.reason }, 'update skipped');
      return Promise.resolve();
    }
    if (update.event_name === 'message.unsupported.received')
      log.info(zaloUpdateLabel(update), 'Zalo withheld a message (unsupported): answered with the text-only note');
    const { message } = event;
    return queue.push(message.chatId, () =>
      // Everything sent from here answers this user: it goes before reminders and notices.
      asInteractive(async () => {
        try {
          const replies = await typing.around(message.chatId, () => conversation.handle(message));
          if (replies.length === 0) return;
          const outcome = await deliver(message.chatId, replies);
          if (outcome.ok) return;
          log.warn({ update: message.updateKey, reason: outcome.reason, error: outcome.error }, 'reply not delivered');
          await options.undelivered?.record({
            chatId: message.chatId,
            updateKey: message.updateKey,
            reason: outcome.error,
          });
        } catch (error) {
          log.error({ err: describe(error), update: message.updateKey }, 'update failed');
        }
      }),
    );
  }

  async function pollForever(): Promise<void> {
    let delay = retryDelayMs;
    while (!abort.signal.aborted) {
      try {
        const update = await client.getUpdates(options.pollSeconds ?? ZALO_POLL_SECONDS, abort.signal);
        delay = retryDelayMs;
        if (update) void accept(update);
      } catch (error) {
        if (abort.signal.aborted) return;
        // Zalo handed an update out (there is no offset to ask for it again) in a shape we cannot read: skip it.
        if (error instanceof ZaloApiError && error.accepted) {
          log.warn({ err: error.message }, 'malformed update skipped');
          continue;
        }
        log.warn(
          { err: error instanceof Error ? error.message : String(error), retryInMs: delay },
          'Zalo getUpdates failed',
        );
        await sleep(delay, undefined, { signal: abort.signal }).catch(() => undefined);
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }

  const webhook =
    config.mode === 'webhook' && config.webhookUrl && config.webhookSecret
      ? {
          url: config.webhookUrl,
          path: new URL(config.webhookUrl).pathname,
          handler: webhookHandler(config.webhookSecret),
        }
      : undefined;

  function webhookHandler(secret: string): RouteHandler {
    return async (request, response) => {
      if (!sameSecret(request.headers['x-bot-api-secret-token'], secret)) {
        log.warn({ from: request.socket.remoteAddress }, 'webhook call without the right secret token refused');
        sendJson(response, 401, { error: 'unauthorized' });
        request.resume();
        return;
      }
      if (!connected || abort.signal.aborted) {
        // Not ready to handle it: Zalo may deliver it again, whereas a 200 now would lose it.
        sendJson(response, 503, { error: 'starting' });
        request.resume();
        return;
      }
      const body = await readBody(request, MAX_WEBHOOK_BODY);
      if (body === undefined) return sendJson(response, 413, { error: 'body too large' });
      let update: ZaloUpdate | undefined;
      try {
        update = parseZaloUpdate(JSON.parse(body.toString('utf8')));
      } catch {
        update = undefined;
      }
      if (!update) {
        log.warn({ bytes: body.length }, 'malformed webhook body refused');
        return sendJson(response, 400, { error: 'not a Zalo update' });
      }
      // Acknowledged first: handling (database, replies) must not make Zalo time out and redeliver.
      sendJson(response, 200, { ok: true });
      void accept(update);
    };
  }

  const ready = (async () => {
    for (let attempt = 1; !abort.signal.aborted; attempt += 1) {
      try {
        const me = await client.getMe();
        log.info({ account: me.account_name }, 'Zalo bot connected');
        connected = true;
        break;
      } catch (error) {
        log.warn(
          { err: error instanceof Error ? error.message : String(error), attempt },
          'cannot reach Zalo yet; retrying',
        );
        await sleep(Math.min(retryDelayMs * attempt, 60_000), undefined, { signal: abort.signal }).catch(
          () => undefined,
        );
      }
    }
    if (abort.signal.aborted) return;
    if (webhook && config.webhookSecret) {
      await client.setWebhook(webhook.url, config.webhookSecret);
      log.info({ path: webhook.path }, 'Zalo webhook set');
    } else {
      // getUpdates does not work while a webhook is set.
      await client
        .deleteWebhook()
        .catch((error: unknown) =>
          log.warn({ err: error instanceof Error ? error.message : String(error) }, 'deleteWebhook failed'),
        );
      polling = pollForever();
      log.info('Zalo polling started');
    }
  })();
  ready.catch((error: unknown) =>
    log.error({ err: error instanceof Error ? error.message : String(error) }, 'Zalo did not start'),
  );

  return {
    name: 'zalo',
    client,
    ready,
    webhook,
    deliver,
    async stop() {
      abort.abort();
      await polling;
      await queue.idle();
    },
  };
}
