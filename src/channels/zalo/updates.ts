// Zalo updates as neutral incoming messages (pure), for both webhook body shapes.
import type { IncomingMessage } from '../../chat/types.js';
import { type ZaloUpdate, zaloUpdateSchema } from './client.js';

export type ZaloEvent = { type: 'message'; message: IncomingMessage } | { type: 'ignored'; reason: string };

/** The update as a log may show it: its event and message id, never its text, caption or names. */
export function zaloUpdateLabel(update: ZaloUpdate): { event: string; messageId: string | undefined } {
  return { event: update.event_name, messageId: update.message?.message_id };
}

/** The documented `{ ok, result: { event_name, message } }` or the bare `{ event_name, message }`. */
export function parseZaloUpdate(body: unknown): ZaloUpdate | undefined {
  const candidate =
    typeof body === 'object' && body !== null && 'result' in body ? (body as { result: unknown }).result : body;
  const parsed = zaloUpdateSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** Redeliveries carry the same event and message id. */
export function zaloUpdateKey(update: ZaloUpdate): string {
  return `${update.event_name}:${update.message?.message_id ?? ''}`;
}

export function fromZaloUpdate(update: ZaloUpdate, receivedAt: Date): ZaloEvent {
  const { message } = update;
  // Documented as optional: an event Zalo withholds may say nothing about who sent what. Nobody to answer.
  if (!message) return { type: 'ignored', reason: `${update.event_name} without a message` };
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
  if (update.event_name === 'message.text.received' && typeof message.text === 'string' && message.text.trim())
    return { type: 'message', message: { ...base, kind: 'text', text: message.text } };
  // A photo with a caption says what the caption says.
  if (update.event_name === 'message.image.received' && typeof message.caption === 'string' && message.caption.trim())
    return { type: 'message', message: { ...base, kind: 'text', text: message.caption } };
  // An image without a caption: fetched from Zalo's URL only if a handler wants it (evidence after a report).
  if (update.event_name === 'message.image.received' && message.photo_url && /^https?:\/\//.test(message.photo_url)) {
    const url = message.photo_url;
    return {
      type: 'message',
      message: {
        ...base,
        kind: 'document',
        document: {
          name: `photo-${message.message_id}.jpg`.slice(0, 120),
          size: 0,
          kind: 'photo',
          mimeType: 'image/jpeg',
          download: (maxBytes) => fetchBounded(url, maxBytes),
        },
      },
    };
  }
  // Images, stickers, and what Zalo withholds for protected users ("unsupported"): a polite text-only answer.
  return { type: 'message', message: { ...base, kind: 'unsupported' } };
}

/** Reads a picture Zalo points at, stopping once it is larger than `maxBytes` (the caller refuses it then). */
async function fetchBounded(url: string, maxBytes = 50 * 1024 * 1024): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok || !response.body) throw new Error(`image download failed: HTTP ${response.status}`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    total += chunk.byteLength;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks);
}
