// Telegram updates as neutral incoming messages (pure: no API calls here).
import type { Update } from 'grammy/types';
import type { IncomingMessage } from '../../chat/types.js';

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
  return {
    type: 'ignored',
    reason: `update of kind ${
      Object.keys(update)
        .filter((key) => key !== 'update_id')
        .join(',') || 'unknown'
    }`,
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
