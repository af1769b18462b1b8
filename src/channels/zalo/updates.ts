// Zalo updates as neutral incoming messages (pure), for both webhook body shapes.
import type { IncomingMessage } from '../../chat/types.js';
import { type ZaloUpdate, zaloUpdateSchema } from './client.js';

export type ZaloEvent = { type: 'message'; message: IncomingMessage } | { type: 'ignored'; reason: string };

/** The documented `{ ok, result: { event_name, message } }` or the bare `{ event_name, message }`. */
export function parseZaloUpdate(body: unknown): ZaloUpdate | undefined {
  const candidate =
    typeof body === 'object' && body !== null && 'result' in body ? (body as { result: unknown }).result : body;
  const parsed = zaloUpdateSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** Redeliveries carry the same event and message id. */
export function zaloUpdateKey(update: ZaloUpdate): string {
  return `${update.event_name}:${update.message.message_id}`;
}

export function fromZaloUpdate(update: ZaloUpdate, receivedAt: Date): ZaloEvent {
  const { message } = update;
  if (message.chat.chat_type && message.chat.chat_type.toUpperCase() !== 'PRIVATE')
    return { type: 'ignored', reason: `message in a ${message.chat.chat_type} chat` };
  if (message.from.is_bot) return { type: 'ignored', reason: 'message from a bot' };
  const base = {
    channel: 'zalo' as const,
    chatId: message.chat.id,
    sender: {
      id: message.from.id,
      name: (message.from.display_name ?? '').trim().slice(0, 120) || `Zalo ${message.from.id}`,
    },
    updateKey: zaloUpdateKey(update),
    receivedAt,
  };
  if (update.event_name === 'message.text.received' && typeof message.text === 'string')
    return { type: 'message', message: { ...base, kind: 'text', text: message.text } };
  // Images, stickers, and what Zalo withholds for protected users ("unsupported"): a polite text-only answer.
  return { type: 'message', message: { ...base, kind: 'unsupported' } };
}
