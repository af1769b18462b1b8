// Neutral replies as Telegram messages: HTML with every user-supplied string escaped, inline keyboards, 4096 limit.
import { InlineKeyboard } from 'grammy';
import { splitRichText } from '../../chat/rich.js';
import type { Reply, RichText } from '../../chat/types.js';

/** Telegram counts the text after entity parsing, in UTF-16 units; a margin keeps clear of off-by-ones. */
export const TELEGRAM_TEXT_LIMIT = 4000;
export const TELEGRAM_CAPTION_LIMIT = 1000;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function toHtml(text: RichText): string {
  return text
    .map((span) => {
      if (typeof span === 'string') return escapeHtml(span);
      if ('bold' in span) return `<b>${escapeHtml(span.bold)}</b>`;
      if ('italic' in span) return `<i>${escapeHtml(span.italic)}</i>`;
      return `<code>${escapeHtml(span.code)}</code>`;
    })
    .join('');
}

export function keyboardFor(reply: Reply): InlineKeyboard | undefined {
  if (!reply.choices?.length) return undefined;
  const keyboard = new InlineKeyboard();
  const columns = Math.max(1, reply.columns ?? 1);
  reply.choices.forEach((choice, index) => {
    if (index > 0 && index % columns === 0) keyboard.row();
    keyboard.text(choice.label, choice.payload);
  });
  return keyboard;
}

export interface TelegramMessagePart {
  html: string;
  keyboard: InlineKeyboard | undefined;
}

/** The messages one reply becomes: split at line or sentence ends; the buttons go under the last part. */
export function messageParts(reply: Reply): TelegramMessagePart[] {
  const parts = splitRichText(reply.text, TELEGRAM_TEXT_LIMIT);
  const keyboard = keyboardFor(reply);
  return parts.map((part, index) => ({
    html: toHtml(part),
    keyboard: index === parts.length - 1 ? keyboard : undefined,
  }));
}
