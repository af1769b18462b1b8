// Telegram updates checked at the edge and turned into neutral incoming messages (pure: no API calls here).
import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { IncomingMessage } from '../../chat/types.js';

// Exactly the fields dondoc reads, with the types it reads them as; anything else in an update is left alone.
const user = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
const chat = z.object({ id: z.number().int(), type: z.string(), title: z.string().optional() });
const entity = z.object({
  type: z.string(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  user: z.object({ id: z.number().int() }).optional(),
});
const message = z.object({
  message_id: z.number().int(),
  chat,
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(entity).optional(),
  caption_entities: z.array(entity).optional(),
  reply_to_message: z.object({ from: user.optional() }).optional(),
  migrate_to_chat_id: z.number().int().optional(),
  photo: z.array(z.object({ file_id: z.string(), file_size: z.number().optional() })).optional(),
  document: z
    .object({ file_id: z.string(), file_name: z.string().optional(), file_size: z.number().optional() })
    .optional(),
});
const updateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  callback_query: z
    .object({
      id: z.string(),
      from: user,
      message: z.object({ message_id: z.number().int(), chat }).optional(),
      data: z.string().optional(),
    })
    .optional(),
  my_chat_member: z.object({ chat, new_chat_member: z.object({ status: z.string() }) }).optional(),
});

export type CheckedUpdate = { ok: true; update: Update } | { ok: false; updateId: number | undefined; reason: string };

/**
 * Whether an update has the shape dondoc reads: a broken one (no chat, a number for a name) is skipped with its
 * reason instead of reaching the handlers. The reason names fields, never their contents.
 */
export function checkTelegramUpdate(raw: unknown): CheckedUpdate {
  const parsed = updateSchema.safeParse(raw);
  if (parsed.success) return { ok: true, update: raw as Update };
  const id = (raw as { update_id?: unknown } | null)?.update_id;
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    updateId: Number.isSafeInteger(id) ? (id as number) : undefined,
    reason: issue ? `${issue.path.join('.') || 'update'}: ${issue.code}` : 'invalid',
  };
}

/** The kind of an update (message, callback_query, …) for logs: which fields it has, not what they say. */
export function updateKind(update: object): string {
  return (
    Object.keys(update)
      .filter((key) => key !== 'update_id')
      .join(',') || 'unknown'
  );
}

export type TelegramEvent =
  | { type: 'message'; message: IncomingMessage; callbackQueryId?: string; originMessageId?: number; fileId?: string }
  /** The user blocked (kicked) or unblocked the bot in their private chat. */
  | { type: 'membership'; chatId: string; active: boolean }
  /** The bot was added to a group (`present`) or removed from it (left, kicked). */
  | { type: 'group-membership'; chatId: string; present: boolean }
  /** A group became a supergroup: Telegram gave it a new id. */
  | { type: 'group-migrated'; chatId: string; to: string }
  /** A button pressed in a group: answered with a hint to use the private chat, never handled. */
  | { type: 'group-button'; callbackQueryId: string; languageCode?: string }
  /** Not for dondoc (group chatter, edits, channel posts): logged and dropped. */
  | { type: 'ignored'; reason: string };

/** Who the bot is (getMe), to tell which group messages are addressed to it. */
export interface BotIdentity {
  id: number;
  username: string;
}

export function isGroupChat(type: string): boolean {
  return type === 'group' || type === 'supergroup';
}

interface Entity {
  type: string;
  offset: number;
  length: number;
  user?: { id: number };
}

/**
 * Whether a group message is addressed to the bot, and its text without the mention: a command (`/cmd`, or
 * `/cmd@<bot>`; one for another bot is not), a mention of the bot (`@<bot>` or a mention of its user), or a reply to
 * one of its messages. Undefined: chatter among the members, which the bot ignores (pure).
 */
export function addressedText(
  message: { text: string; entities?: readonly Entity[]; repliesToBot: boolean },
  bot: BotIdentity,
): string | undefined {
  const { text } = message;
  const entities = message.entities ?? [];
  const command = text.match(/^\/[A-Za-z0-9_]{1,64}(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)/);
  if (command) return command[1] === undefined || sameName(command[1], bot.username) ? text.trim() : undefined;
  const mentions = entities.filter(
    (e) =>
      (e.type === 'mention' && sameName(text.slice(e.offset + 1, e.offset + e.length), bot.username)) ||
      (e.type === 'text_mention' && e.user?.id === bot.id),
  );
  if (mentions.length === 0 && !message.repliesToBot) return undefined;
  // The mention is taken out ("@dondoc_bot việc gì đến hạn?" asks "việc gì đến hạn?"); a text mention is a name.
  let rest = text;
  for (const mention of [...mentions].filter((e) => e.type === 'mention').sort((a, b) => b.offset - a.offset))
    rest = `${rest.slice(0, mention.offset)} ${rest.slice(mention.offset + mention.length)}`;
  return rest
    .replace(/\s+/g, ' ')
    .replace(/^[\s,:]+/, '')
    .trim();
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function fromTelegramUpdate(update: Update, receivedAt: Date, bot?: BotIdentity): TelegramEvent {
  if (update.message) {
    const message = update.message;
    if (isGroupChat(message.chat.type)) return fromGroupMessage(message, receivedAt, bot);
    if (message.chat.type !== 'private') return { type: 'ignored', reason: `message in a ${message.chat.type} chat` };
    if (!message.from) return { type: 'ignored', reason: 'message without a sender' };
    const sender = senderOf(message.from);
    const base = {
      channel: 'telegram' as const,
      chatId: String(message.chat.id),
      sender,
      updateKey: `m:${message.chat.id}:${message.message_id}`,
      receivedAt,
    };
    if (typeof message.text === 'string')
      return { type: 'message', message: { ...base, kind: 'text', text: message.text } };
    // A photo with a caption says what the caption says.
    if (message.photo && typeof message.caption === 'string' && message.caption.trim())
      return { type: 'message', message: { ...base, kind: 'text', text: message.caption } };
    if (message.document) {
      const { file_id: fileId, file_name: name = 'document', file_size: size = 0 } = message.document;
      return {
        type: 'message',
        fileId,
        message: {
          ...base,
          kind: 'document',
          document: { name, size, download: () => Promise.reject(new Error('not connected to Telegram')) },
        },
      };
    }
    // A photo without a caption: its largest size, fetched only if a handler wants it (evidence after a report).
    const largest = message.photo?.at(-1);
    if (largest) {
      return {
        type: 'message',
        fileId: largest.file_id,
        message: {
          ...base,
          kind: 'document',
          document: {
            name: `photo-${message.message_id}.jpg`,
            size: largest.file_size ?? 0,
            kind: 'photo',
            mimeType: 'image/jpeg',
            download: () => Promise.reject(new Error('not connected to Telegram')),
          },
        },
      };
    }
    return { type: 'message', message: { ...base, kind: 'unsupported' } };
  }
  if (update.callback_query) {
    const query = update.callback_query;
    const origin = query.message;
    if (origin && isGroupChat(origin.chat.type))
      return {
        type: 'group-button',
        callbackQueryId: query.id,
        ...(query.from.language_code ? { languageCode: query.from.language_code } : {}),
      };
    if (origin?.chat.type !== 'private') return { type: 'ignored', reason: 'button outside a private chat' };
    if (typeof query.data !== 'string') return { type: 'ignored', reason: 'button without data' };
    return {
      type: 'message',
      callbackQueryId: query.id,
      originMessageId: origin.message_id,
      message: {
        channel: 'telegram',
        chatId: String(origin.chat.id),
        sender: senderOf(query.from),
        kind: 'button',
        payload: query.data,
        originMessageId: String(origin.message_id),
        updateKey: `cb:${query.id}`,
        receivedAt,
      },
    };
  }
  if (update.my_chat_member) {
    const change = update.my_chat_member;
    const status = change.new_chat_member.status;
    if (isGroupChat(change.chat.type))
      return {
        type: 'group-membership',
        chatId: String(change.chat.id),
        present: status !== 'kicked' && status !== 'left',
      };
    if (change.chat.type !== 'private') return { type: 'ignored', reason: 'membership change outside a private chat' };
    return { type: 'membership', chatId: String(change.chat.id), active: status !== 'kicked' && status !== 'left' };
  }
  return { type: 'ignored', reason: `update of kind ${updateKind(update)}` };
}

/** A group message: only one addressed to the bot becomes a message (its text), and an upgrade moves the group. */
function fromGroupMessage(message: NonNullable<Update['message']>, receivedAt: Date, bot?: BotIdentity): TelegramEvent {
  if (message.migrate_to_chat_id !== undefined)
    return { type: 'group-migrated', chatId: String(message.chat.id), to: String(message.migrate_to_chat_id) };
  if (!bot) return { type: 'ignored', reason: 'group message before the bot knows itself' };
  const text = message.text ?? message.caption;
  if (typeof text !== 'string' || !message.from || message.from.is_bot)
    return { type: 'ignored', reason: 'group chatter' };
  const addressed = addressedText(
    {
      text,
      entities: (message.text !== undefined ? message.entities : message.caption_entities) ?? [],
      repliesToBot: message.reply_to_message?.from?.id === bot.id,
    },
    bot,
  );
  if (addressed === undefined) return { type: 'ignored', reason: 'group chatter' };
  const title = 'title' in message.chat ? message.chat.title : undefined;
  return {
    type: 'message',
    message: {
      channel: 'telegram',
      chatId: String(message.chat.id),
      chat: { kind: 'group', ...(title ? { title } : {}) },
      sender: senderOf(message.from),
      kind: 'text',
      text: addressed,
      updateKey: `m:${message.chat.id}:${message.message_id}`,
      receivedAt,
    },
  };
}

function senderOf(user: {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}): IncomingMessage['sender'] {
  const name =
    [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || user.username || `Telegram ${user.id}`;
  return {
    id: String(user.id),
    name: name.slice(0, 120),
    ...(user.language_code ? { languageCode: user.language_code } : {}),
  };
}
