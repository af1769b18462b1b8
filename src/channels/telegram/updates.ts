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
const chat = z.object({ id: z.number().int(), type: z.string() });
const message = z.object({
  message_id: z.number().int(),
  chat,
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
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
  /** Not for dondoc (groups, edits, channel posts): logged and dropped. */
  | { type: 'ignored'; reason: string };

export function fromTelegramUpdate(update: Update, receivedAt: Date): TelegramEvent {
  if (update.message) {
    const message = update.message;
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
    if (change.chat.type !== 'private') return { type: 'ignored', reason: 'membership change outside a private chat' };
    const status = change.new_chat_member.status;
    return { type: 'membership', chatId: String(change.chat.id), active: status !== 'kicked' && status !== 'left' };
  }
  return { type: 'ignored', reason: `update of kind ${updateKind(update)}` };
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
