// The Telegram adapter: grammY bot (polling with the runner, or webhook), rendering the shared conversation.
import { type RunnerHandle, run, sequentialize } from '@grammyjs/runner';
import { Bot, BotError, GrammyError, HttpError, InputFile } from 'grammy';
import type { Update } from 'grammy/types';
import { COMMANDS } from '../../chat/commands.js';
import type { Conversation, Reply } from '../../chat/types.js';
import type { ChannelConfig } from '../../config.js';
import type { Translations } from '../../i18n.js';
import type { Logger } from '../../logger.js';
import type {
  ChatReachability,
  DeliveryOutcome,
  GroupReachability,
  OutgoingChannel,
  UndeliveredReplies,
} from '../channel.js';
import { createKeyedQueue } from '../keyed-queue.js';
import { asInteractive } from '../send-priority.js';
import { createTyping } from '../typing.js';
import { type ApiGateStats, createApiGate } from './api-gate.js';
import { messageParts, TELEGRAM_CAPTION_LIMIT, toHtml } from './render.js';
import { checkTelegramUpdate, fromTelegramUpdate, updateKind } from './updates.js';
import { telegramWebhookRoute, type WebhookRoute } from './webhook.js';

export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;
/**
 * Messages per second over all chats (replies, reminders, notices), just under Telegram's ~30 per second for a
 * bot: at 30 timing jitter makes 429s certain, at 25 a broadcast reaches only 0.83 of the limit (bench/broadcasts.ts).
 */
export const TELEGRAM_PUSH_PER_SECOND = 29;

export interface TelegramChannel extends OutgoingChannel {
  readonly bot: Bot;
  /** Resolves once the bot knows itself (getMe) and is receiving updates. */
  readonly ready: Promise<void>;
  username(): string | undefined;
  /** 429s met and sends retried by the send gate (benchmarks report them). */
  gateStats(): ApiGateStats;
  /** In webhook mode: the HTTP route to mount. */
  readonly webhook: WebhookRoute | undefined;
  stop(): Promise<void>;
}

export interface TelegramOptions {
  config: ChannelConfig & { token: string };
  conversation: Conversation;
  /** Told when a chat blocks the bot or comes back. */
  reachability: ChatReachability;
  /** Told of a reply that could not be sent within the send gate's bound. */
  undelivered?: UndeliveredReplies;
  /** Told when the bot is removed from a work group or a group moves to a new id. */
  groups?: GroupReachability;
  translations: Translations;
  logger: Logger;
  /** Waits between attempts to reach Telegram at start-up (tests shorten it). */
  retryDelayMs?: number;
  /** Messages per second over all chats (default TELEGRAM_PUSH_PER_SECOND; tests raise it). */
  pushPerSecond?: number;
  /** Send-gate bounds and back-off (tests shorten them). */
  gate?: { replyBoundMs?: number; bulkBoundMs?: number; backoffMs?: number; perChatMs?: number };
  /** When "typing" is shown while an answer is worked out (default after 1 s). */
  typingAfterMs?: number;
  /** False: send only (a process that delivers reminders or notices but leaves the updates to the bot). */
  receive?: boolean;
}

export function createTelegramChannel(options: TelegramOptions): TelegramChannel {
  const { config, conversation, reachability, logger } = options;
  const log = logger.child({ channel: 'telegram' });
  const bot = new Bot(config.token, { client: { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}) } });
  // Every call to a chat (replies, reminders, notices, "typing") passes one gate: Telegram's overall and per-chat
  // limits, replies first, a 429's retry_after waited out rather than the send given up.
  const apiGate = createApiGate({ perSecond: options.pushPerSecond ?? TELEGRAM_PUSH_PER_SECOND, ...options.gate });
  bot.api.config.use(apiGate.transformer);
  const typing = createTyping({
    send: async (chatId) => void (await bot.api.sendChatAction(chatId, 'typing')),
    ...(options.typingAfterMs !== undefined ? { afterMs: options.typingAfterMs } : {}),
  });

  const markBlocked = async (chatId: string, description: string) => {
    if (await reachability.set(chatId, false, `Telegram: ${description}`))
      log.info({ chatId }, 'user blocked the bot: account marked inactive');
  };

  async function deliver(chatId: string, replies: Reply[], origin?: number, moved = false): Promise<DeliveryOutcome> {
    const messageIds: string[] = [];
    try {
      for (const reply of replies) messageIds.push(...(await sendReply(chatId, reply, origin)));
      return { ok: true, messageIds };
    } catch (error) {
      // A group became a supergroup: its link follows the new id, and the message goes there (once).
      const movedTo = error instanceof GrammyError ? error.parameters.migrate_to_chat_id : undefined;
      if (movedTo !== undefined && isGroupId(chatId) && !moved && messageIds.length === 0) {
        await options.groups?.migrated(chatId, String(movedTo));
        log.info({ chatId, to: movedTo }, 'group upgraded to a supergroup: link moved');
        return deliver(String(movedTo), replies, undefined, true);
      }
      // In a group, 403 (kicked, not a member) and "chat not found" mean the bot is no longer there: stop at once.
      if (
        error instanceof GrammyError &&
        isGroupId(chatId) &&
        (error.error_code === 403 || (error.error_code === 400 && /chat not found/i.test(error.description)))
      ) {
        if (await options.groups?.removed(chatId, `Telegram: ${error.description}`))
          log.info({ chatId }, 'bot no longer in the group: group unlinked from deliveries');
        return { ok: false, reason: 'blocked', error: error.description };
      }
      // Telegram's 403 means this user blocked the bot (or deleted their account): stop at once.
      if (error instanceof GrammyError && error.error_code === 403) {
        await markBlocked(chatId, error.description);
        return { ok: false, reason: 'blocked', error: error.description };
      }
      const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
      return {
        ok: false,
        reason: 'failed',
        error: describeError(error),
        ...(retryAfter ? { retryAfterSeconds: retryAfter } : {}),
      };
    }
  }

  async function sendReply(chatId: string, reply: Reply, origin: number | undefined): Promise<string[]> {
    if (reply.file) {
      const caption = toHtml(reply.text);
      const file = new InputFile(reply.file.data, reply.file.name);
      const extra = caption.length <= TELEGRAM_CAPTION_LIMIT ? { caption, parse_mode: 'HTML' as const } : {};
      const sent =
        reply.file.kind === 'photo'
          ? await bot.api.sendPhoto(chatId, file, extra)
          : await bot.api.sendDocument(chatId, file, extra);
      const ids = [String(sent.message_id)];
      if (!('caption' in extra))
        ids.push(...(await sendReply(chatId, { ...reply, file: undefined } as Reply, undefined)));
      return ids;
    }
    const parts = messageParts(reply);
    const ids: string[] = [];
    for (const [index, part] of parts.entries()) {
      const markup = part.keyboard ? { reply_markup: part.keyboard } : {};
      if (index === 0 && reply.replacesOrigin && origin !== undefined && parts.length === 1) {
        const edited = await bot.api
          .editMessageText(chatId, origin, part.html, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...markup,
          })
          .then(() => true)
          .catch((error: unknown) => {
            // An identical edit (a double tap) is fine; any other refusal falls back to a new message.
            if (error instanceof GrammyError && error.error_code === 400)
              return error.description.includes('not modified');
            throw error;
          });
        if (edited) {
          ids.push(String(origin));
          continue;
        }
      }
      const sent = await bot.api.sendMessage(chatId, part.html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...markup,
      });
      ids.push(String(sent.message_id));
    }
    return ids;
  }

  // Checked before anything reads it: an update of the wrong shape is skipped with one line, never handled.
  bot.use(async (ctx, next) => {
    const checked = checkTelegramUpdate(ctx.update);
    if (!checked.ok) {
      log.warn({ updateId: checked.updateId, reason: checked.reason }, 'malformed update skipped');
      return;
    }
    await next();
  });
  // One chat's updates in order, chats in parallel (the runner fetches concurrently).
  bot.use(sequentialize((ctx) => (ctx.chat?.id ?? ctx.from?.id)?.toString()));
  bot.use(async (ctx) => {
    const event = fromTelegramUpdate(ctx.update, new Date(), { id: ctx.me.id, username: ctx.me.username });
    if (event.type === 'ignored') {
      log.debug({ updateId: ctx.update.update_id, reason: event.reason }, 'update ignored');
      return;
    }
    if (event.type === 'group-membership') {
      if (!event.present && (await options.groups?.removed(event.chatId, 'Telegram: bot removed from the group')))
        log.info({ chatId: event.chatId }, 'bot removed from a group: group unlinked from deliveries');
      else log.info({ chatId: event.chatId, present: event.present }, 'group membership changed');
      return;
    }
    if (event.type === 'group-migrated') {
      await options.groups?.migrated(event.chatId, event.to);
      log.info({ chatId: event.chatId, to: event.to }, 'group upgraded to a supergroup');
      return;
    }
    if (event.type === 'group-button') {
      // The bot sends no buttons to groups; an old or forwarded one is answered, not acted on.
      const t = options.translations[event.languageCode?.toLowerCase().startsWith('en') ? 'en' : 'vi'];
      await ctx
        .answerCallbackQuery({ text: t('group-use-private') })
        .catch((error: unknown) => log.warn({ err: describeError(error) }, 'answerCallbackQuery failed'));
      return;
    }
    if (event.type === 'membership') {
      if (await reachability.set(event.chatId, event.active, event.active ? undefined : 'Telegram: bot blocked'))
        log.info({ chatId: event.chatId, active: event.active }, 'private chat membership changed');
      return;
    }
    // A document is fetched from Telegram only if a handler asks for it (an admin's plan text).
    if (event.fileId && event.message.document) {
      const fileId = event.fileId;
      event.message.document.download = async () => {
        const file = await bot.api.getFile(fileId);
        if (!file.file_path) throw new Error('Telegram gave no file path');
        const response = await fetch(
          `${config.apiRoot ?? 'https://api.telegram.org'}/file/bot${config.token}/${file.file_path}`,
        );
        if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
        return new Uint8Array(await response.arrayBuffer());
      };
    }
    const { message } = event;
    // Everything sent from here on answers this user: it goes before reminders and notices.
    await asInteractive(async () => {
      // Stop the button's spinner first: handling may take a moment.
      if (event.callbackQueryId)
        await ctx
          .answerCallbackQuery()
          .catch((error: unknown) => log.warn({ err: describeError(error) }, 'answerCallbackQuery failed'));
      const replies = await typing.around(message.chatId, () => conversation.handle(message));
      if (replies.length === 0) return;
      const outcome = await deliver(message.chatId, replies, event.originMessageId);
      if (outcome.ok || outcome.reason === 'blocked') return;
      log.warn(
        { updateId: ctx.update.update_id, chatId: message.chatId, error: outcome.error },
        'reply not delivered: recorded',
      );
      await options.undelivered
        ?.record({ chatId: message.chatId, updateKey: message.updateKey, reason: outcome.error })
        .catch((error: unknown) => log.error({ err: describeError(error) }, 'recording an undelivered reply failed'));
    });
  });
  // Errors are caught per update: one bad update is logged with its id and kind (never its contents), and never
  // stops the bot. grammY's BotError carries the whole update: only its cause's description is logged.
  bot.catch((error) => {
    log.error(
      { err: describeError(error.error), updateId: error.ctx.update.update_id, kind: updateKind(error.ctx.update) },
      'update failed',
    );
  });

  let runner: RunnerHandle | undefined;
  let stopped = false;
  const queue = createKeyedQueue();
  const webhook =
    config.mode === 'webhook' && config.webhookSecret && config.webhookUrl
      ? telegramWebhookRoute({
          url: config.webhookUrl,
          secret: config.webhookSecret,
          logger: log,
          // Until the bot knows itself, updates are refused (503) so Telegram delivers them again later.
          isReady: () => bot.isInited() && !stopped,
          onUpdate: (update: Update) => {
            const key = String(
              update.message?.chat.id ??
                update.callback_query?.message?.chat.id ??
                update.my_chat_member?.chat.id ??
                'other',
            );
            void queue.push(key, () =>
              bot
                .handleUpdate(update)
                .catch((error: unknown) =>
                  log.error({ err: describeError(error), updateId: update.update_id }, 'update failed'),
                ),
            );
          },
        })
      : undefined;

  const retryDelayMs = options.retryDelayMs ?? 5_000;
  const ready = (async () => {
    // Telegram may be unreachable when we start: keep trying, without holding up the rest of the bot.
    for (let attempt = 1; !stopped; attempt += 1) {
      try {
        await bot.init();
        break;
      } catch (error) {
        log.warn({ err: describeError(error), attempt }, 'cannot reach Telegram yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(retryDelayMs * attempt, 60_000)).unref());
      }
    }
    if (stopped || options.receive === false) return;
    await registerCommands(bot, options.translations).catch((error: unknown) =>
      log.warn({ err: describeError(error) }, 'setMyCommands failed'),
    );
    if (webhook) {
      await bot.api.setWebhook(webhook.url, {
        secret_token: config.webhookSecret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
      log.info({ username: bot.botInfo.username, path: webhook.path }, 'Telegram webhook set');
    } else {
      await bot.api.deleteWebhook();
      runner = run(bot, {
        runner: {
          fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: 30 },
          retryInterval: 'exponential',
          silent: true,
        },
      });
      log.info({ username: bot.botInfo.username }, 'Telegram polling started');
    }
  })();
  ready.catch((error: unknown) => log.error({ err: describeError(error) }, 'Telegram did not start'));

  return {
    name: 'telegram',
    bot,
    ready,
    webhook,
    username: () => (bot.isInited() ? bot.botInfo.username : undefined),
    gateStats: () => apiGate.stats(),
    async edit(chatId, messageId, reply) {
      const [part] = messageParts(reply);
      if (!part) return { ok: true, messageIds: [messageId] };
      try {
        await bot.api.editMessageText(chatId, Number(messageId), part.html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(part.keyboard ? { reply_markup: part.keyboard } : {}),
        });
        return { ok: true, messageIds: [messageId] };
      } catch (error) {
        if (error instanceof GrammyError && error.description.includes('not modified'))
          return { ok: true, messageIds: [messageId] };
        return {
          ok: false,
          reason: error instanceof GrammyError && error.error_code === 403 ? 'blocked' : 'failed',
          error: describeError(error),
        };
      }
    },
    // Unprompted messages (reminders, notices) go through the gate as bulk: replies to users pass them.
    deliver: (chatId, replies) => deliver(chatId, replies),
    async stop() {
      stopped = true;
      if (runner?.isRunning()) await runner.stop();
      await queue.idle();
    },
  };
}

/** The command menu in Vietnamese (the default) and English. */
async function registerCommands(bot: Bot, t: Translations): Promise<void> {
  const menu = COMMANDS.filter((command) => command.menu);
  await bot.api.setMyCommands(
    menu.map((command) => ({ command: command.names.vi, description: t.vi(`cmd-${command.id}`).slice(0, 256) })),
  );
  await bot.api.setMyCommands(
    menu.map((command) => ({ command: command.names.en, description: t.en(`cmd-${command.id}`).slice(0, 256) })),
    { language_code: 'en' },
  );
}

/** Telegram's groups and supergroups have negative ids; users' private chats positive ones. */
function isGroupId(chatId: string): boolean {
  return chatId.startsWith('-');
}

/** Errors as one line for logs: the method and Telegram's description, never the request URL (it holds the token). */
export function describeError(error: unknown): string {
  if (error instanceof GrammyError) return `${error.method}: ${error.error_code} ${error.description}`;
  // grammY wraps a middleware's error with the context (and so the user's message): only the cause is described.
  if (error instanceof BotError) return describeError(error.error);
  if (error instanceof HttpError) return `network: ${(error.error as Error)?.message ?? String(error.error)}`;
  return error instanceof Error ? error.message : String(error);
}
