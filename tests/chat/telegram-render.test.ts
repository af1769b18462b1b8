// src/channels/telegram (render.ts, updates.ts): HTML escaping, keyboards, message splitting, and Telegram updates as incoming messages.
import type { Chat, Update, User } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  keyboardFor,
  messageParts,
  TELEGRAM_TEXT_LIMIT,
  toHtml,
} from '../../src/channels/telegram/render.js';
import { fromTelegramUpdate } from '../../src/channels/telegram/updates.js';
import { bold, code, italic, plainText } from '../../src/chat/rich.js';
import type { Reply, RichText, Span } from '../../src/chat/types.js';

/** Telegram's own limit on a message's text after entity parsing. */
const TELEGRAM_MAX_TEXT = 4096;

/** The text Telegram shows for our HTML: tags removed, entities decoded. */
function visible(html: string): string {
  return html
    .replace(/<\/?(?:b|i|code)>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Our tags, opened and closed in order, with no other markup or raw '<', '>' or stray '&'. */
function wellFormed(html: string): boolean {
  const stack: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-z]+)>|[<>]|&(?!(?:lt|gt|amp|quot);)/g)) {
    const [whole, closing, tag] = match;
    if (whole.length === 1 || !tag || !['b', 'i', 'code'].includes(tag)) return false;
    if (closing) {
      if (stack.pop() !== tag) return false;
    } else {
      if (stack.length > 0) return false;
      stack.push(tag);
    }
  }
  return stack.length === 0;
}

const NASTY = 'A < B & <b>x</b> "quoted" \'single\' AT&amp;T ></i>';
const SPAN_KINDS: [string, (text: string) => Span, string, string][] = [
  ['plain', (text) => text, '', ''],
  ['bold', bold, '<b>', '</b>'],
  ['italic', italic, '<i>', '</i>'],
  ['code', code, '<code>', '</code>'],
];

function replyWithChoices(count: number, columns?: number): Reply {
  return {
    text: ['Chọn:'],
    choices: Array.from({ length: count }, (_, index) => ({ label: String(index + 1), payload: `o:${index + 1}` })),
    ...(columns === undefined ? {} : { columns }),
  };
}

const RECEIVED = new Date('2024-05-06T07:08:09Z');
const LAN: User = {
  id: 123456789,
  is_bot: false,
  first_name: 'Lan',
  last_name: 'Nguyễn Thị',
  username: 'lan_nt',
  language_code: 'vi',
};
const LAN_CHAT: Chat.PrivateChat = {
  id: 123456789,
  type: 'private',
  first_name: 'Lan',
  last_name: 'Nguyễn Thị',
  username: 'lan_nt',
};
const GROUP_CHAT: Chat.GroupChat = { id: -4001234567, type: 'group', title: 'Văn phòng Tỉnh ủy' };
const BOT: User = { id: 7000000001, is_bot: true, first_name: 'Đôn đốc', username: 'dondoc_bot' };

describe('src/channels/telegram render and updates', () => {
  describe('escapeHtml and toHtml', () => {
    it('escapes &, < and > and leaves other text alone', () => {
      expect(escapeHtml('A < B & <b>x</b>')).toBe('A &lt; B &amp; &lt;b&gt;x&lt;/b&gt;');
      expect(escapeHtml('AT&amp;T')).toBe('AT&amp;amp;T');
      expect(escapeHtml('Đôn đốc "ổn" 😀')).toBe('Đôn đốc "ổn" 😀');
    });

    it.each(SPAN_KINDS)('renders a %s span of user text escaped inside its tag', (_kind, make, open, close) => {
      const html = toHtml([make('A < B & <b>x</b>')]);
      expect(html).toBe(`${open}A &lt; B &amp; &lt;b&gt;x&lt;/b&gt;${close}`);
      const nasty = toHtml([make(NASTY)]);
      expect(wellFormed(nasty)).toBe(true);
      expect(visible(nasty)).toBe(NASTY);
    });

    it('renders mixed spans in order, every one escaped', () => {
      const text: RichText = [
        'Việc <1>: ',
        bold('A < B & <b>x</b>'),
        ' — ',
        italic('"trích" & <i>'),
        ' hạn ',
        code('<30/09>'),
      ];
      const html = toHtml(text);
      expect(html).toBe(
        'Việc &lt;1&gt;: <b>A &lt; B &amp; &lt;b&gt;x&lt;/b&gt;</b> — <i>"trích" &amp; &lt;i&gt;</i> hạn <code>&lt;30/09&gt;</code>',
      );
      expect(wellFormed(html)).toBe(true);
      expect(visible(html)).toBe(plainText(text));
    });

    it('has a well-formedness check that notices unescaped text', () => {
      expect(wellFormed('<b>A < B</b>')).toBe(false);
      expect(wellFormed('<b>x</i>')).toBe(false);
      expect(wellFormed('A & B')).toBe(false);
      expect(wellFormed('<b>x</b>')).toBe(true);
    });
  });

  describe('keyboardFor', () => {
    const rows = (reply: Reply) => keyboardFor(reply)?.inline_keyboard.map((row) => row.map((button) => button.text));

    it('is undefined without choices', () => {
      expect(keyboardFor({ text: ['x'] })).toBeUndefined();
      expect(keyboardFor({ text: ['x'], choices: [] })).toBeUndefined();
    });

    it('puts one button per row by default', () => {
      expect(rows(replyWithChoices(3))).toEqual([['1'], ['2'], ['3']]);
    });

    it.each([
      [
        2,
        6,
        [
          ['1', '2'],
          ['3', '4'],
          ['5', '6'],
        ],
      ],
      [2, 5, [['1', '2'], ['3', '4'], ['5']]],
      [3, 3, [['1', '2', '3']]],
      [
        5,
        12,
        [
          ['1', '2', '3', '4', '5'],
          ['6', '7', '8', '9', '10'],
          ['11', '12'],
        ],
      ],
      [0, 2, [['1'], ['2']]],
    ])('lays out %i columns per row for %i choices', (columns, count, expected) => {
      expect(rows(replyWithChoices(count, columns))).toEqual(expected);
    });

    it('sends each choice payload as callback data', () => {
      const keyboard = keyboardFor({ text: ['x'], choices: [{ label: '✅ Hoàn thành', payload: 'r:12:d' }] });
      expect(keyboard?.inline_keyboard).toEqual([[{ text: '✅ Hoàn thành', callback_data: 'r:12:d' }]]);
    });
  });

  describe('messageParts', () => {
    it('keeps a short reply in one message with its keyboard', () => {
      const parts = messageParts({ ...replyWithChoices(2), text: [bold('A & B')] });
      expect(parts).toHaveLength(1);
      expect(parts[0]?.html).toBe('<b>A &amp; B</b>');
      expect(parts[0]?.keyboard?.inline_keyboard).toHaveLength(2);
    });

    it('splits a 10,000-character reply into messages Telegram accepts, buttons under the last one', () => {
      const text: RichText = [];
      let length = 0;
      for (let i = 0; length < 10_000; i += 1) {
        const line = `${i + 1}. 01/09–30/09/2012 — Kế hoạch <số ${i}> & "trích dẫn" của Ban Tuyên giáo [${i}]`;
        const span: Span = i % 4 === 0 ? bold(line) : i % 4 === 1 ? italic(line) : i % 4 === 2 ? code(line) : line;
        text.push(span, '\n');
        length += line.length + 1;
      }
      const original = plainText(text);
      expect(original.length).toBeGreaterThanOrEqual(10_000);

      const parts = messageParts({ ...replyWithChoices(5, 5), text });
      expect(parts.length).toBeGreaterThanOrEqual(3);
      for (const part of parts) {
        expect(wellFormed(part.html)).toBe(true);
        expect(visible(part.html).length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
        expect(visible(part.html).length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
      }
      // The HTML is longer than what Telegram counts, but nothing but the newline at each cut is lost.
      expect(parts.some((part) => part.html !== visible(part.html))).toBe(true);
      expect(parts.map((part) => visible(part.html)).join('\n')).toBe(original);
      expect(parts.slice(0, -1).every((part) => part.keyboard === undefined)).toBe(true);
      expect(parts.at(-1)?.keyboard?.inline_keyboard.map((row) => row.length)).toEqual([5]);
    });
  });

  describe('fromTelegramUpdate', () => {
    const textUpdate = (text: string, from: User = LAN): Update => ({
      update_id: 900001,
      message: { message_id: 42, date: 1714979289, chat: LAN_CHAT, from, text },
    });

    it('turns a private text message into a text message keyed by chat and message id', () => {
      expect(fromTelegramUpdate(textUpdate('/baocao'), RECEIVED)).toEqual({
        type: 'message',
        message: {
          channel: 'telegram',
          chatId: '123456789',
          sender: { id: '123456789', name: 'Lan Nguyễn Thị', languageCode: 'vi' },
          updateKey: 'm:123456789:42',
          receivedAt: RECEIVED,
          kind: 'text',
          text: '/baocao',
        },
      });
    });

    it('names the sender by first name alone, then username, then id, without a language it was not given', () => {
      const senderOf = (from: User) => {
        const event = fromTelegramUpdate(textUpdate('hi', from), RECEIVED);
        return event.type === 'message' ? event.message.sender : undefined;
      };
      const first = senderOf({ id: 5, is_bot: false, first_name: 'Hùng' });
      expect(first).toEqual({ id: '5', name: 'Hùng' });
      expect(first && 'languageCode' in first).toBe(false);
      expect(senderOf({ id: 6, is_bot: false, first_name: '', username: 'hung_tv' })?.name).toBe('hung_tv');
      expect(senderOf({ id: 7, is_bot: false, first_name: '' })?.name).toBe('Telegram 7');
      expect(senderOf({ id: 8, is_bot: false, first_name: 'x'.repeat(300), language_code: 'en' })).toEqual({
        id: '8',
        name: 'x'.repeat(120),
        languageCode: 'en',
      });
    });

    it('keeps the text exactly as sent, HTML-looking characters included', () => {
      const event = fromTelegramUpdate(textUpdate('  <b>việc</b> & "gì"?\n'), RECEIVED);
      expect(event.type === 'message' && event.message.text).toBe('  <b>việc</b> & "gì"?\n');
    });

    it('reads a photo by its caption, keyed like a text, and one without a caption as a photo a handler may fetch (evidence)', () => {
      const photo = [
        { file_id: 'AgACAgIAAxkBAAIB', file_unique_id: 'AQADc7sx', file_size: 1234, width: 90, height: 67 },
      ];
      const update: Update = {
        update_id: 900002,
        message: { message_id: 43, date: 1714979290, chat: LAN_CHAT, from: LAN, photo, caption: 'ảnh biên bản' },
      };
      expect(fromTelegramUpdate(update, RECEIVED)).toMatchObject({
        type: 'message',
        message: { kind: 'text', text: 'ảnh biên bản', updateKey: 'm:123456789:43', chatId: '123456789' },
      });
      const bare: Update = {
        update_id: 900003,
        message: { message_id: 44, date: 1714979290, chat: LAN_CHAT, from: LAN, photo },
      };
      const event = fromTelegramUpdate(bare, RECEIVED);
      expect(event).toMatchObject({
        type: 'message',
        fileId: 'AgACAgIAAxkBAAIB',
        message: {
          kind: 'document',
          updateKey: 'm:123456789:44',
          document: { name: 'photo-44.jpg', size: 1234, kind: 'photo', mimeType: 'image/jpeg' },
        },
      });
      expect(event.type === 'message' && event.message.text).toBeUndefined();
    });

    it('marks a sticker as unsupported', () => {
      const update: Update = {
        update_id: 900003,
        message: {
          message_id: 44,
          date: 1714979291,
          chat: LAN_CHAT,
          from: LAN,
          sticker: {
            file_id: 'CAACAgIAAxkBAAIC',
            file_unique_id: 'AgADnQ',
            type: 'regular',
            width: 512,
            height: 512,
            is_animated: false,
            is_video: false,
            emoji: '👍',
          },
        },
      };
      expect(fromTelegramUpdate(update, RECEIVED)).toMatchObject({
        type: 'message',
        message: { kind: 'unsupported', updateKey: 'm:123456789:44' },
      });
    });

    it('takes a group command addressed to the bot and ignores group chatter', () => {
      const group: Update = {
        update_id: 900004,
        message: { message_id: 5, date: 1714979292, chat: GROUP_CHAT, from: LAN, text: '/baocao' },
      };
      const supergroup: Update = {
        update_id: 900005,
        message: {
          message_id: 6,
          date: 1714979293,
          chat: { id: -1001234567890, type: 'supergroup', title: 'Ban Tuyên giáo' },
          from: LAN,
          text: 'hello',
        },
      };
      // Before getMe the bot cannot tell what is addressed to it: nothing from a group is taken.
      expect(fromTelegramUpdate(group, RECEIVED)).toMatchObject({ type: 'ignored' });
      const me = { id: BOT.id, username: 'dondoc_bot' };
      expect(fromTelegramUpdate(group, RECEIVED, me)).toMatchObject({
        type: 'message',
        message: { chatId: String(GROUP_CHAT.id), chat: { kind: 'group' }, sender: { id: String(LAN.id) } },
      });
      expect(fromTelegramUpdate(supergroup, RECEIVED, me)).toMatchObject({ type: 'ignored' });
    });

    it('turns a button press into a button message keyed by the callback id, with the message it came from', () => {
      const update: Update = {
        update_id: 900007,
        callback_query: {
          id: '4382004485123456789',
          from: LAN,
          chat_instance: '-3520196721498436912',
          data: 'r:12:d',
          message: { message_id: 77, date: 1714979000, chat: LAN_CHAT, from: BOT, text: 'Báo cáo tiến độ:' },
        },
      };
      expect(fromTelegramUpdate(update, RECEIVED)).toEqual({
        type: 'message',
        callbackQueryId: '4382004485123456789',
        originMessageId: 77,
        message: {
          channel: 'telegram',
          chatId: '123456789',
          sender: { id: '123456789', name: 'Lan Nguyễn Thị', languageCode: 'vi' },
          kind: 'button',
          payload: 'r:12:d',
          originMessageId: '77',
          updateKey: 'cb:4382004485123456789',
          receivedAt: RECEIVED,
        },
      });
    });

    it('accepts a button under a message too old to be accessible, still naming it', () => {
      const update: Update = {
        update_id: 900008,
        callback_query: {
          id: 'cbq-old',
          from: LAN,
          chat_instance: '1',
          data: 'o:5',
          message: { message_id: 3, date: 0, chat: LAN_CHAT },
        },
      };
      expect(fromTelegramUpdate(update, RECEIVED)).toMatchObject({
        type: 'message',
        originMessageId: 3,
        message: { kind: 'button', payload: 'o:5', updateKey: 'cb:cbq-old' },
      });
    });

    it('ignores a button without its message (inline mode) or without data, and only answers one in a group', () => {
      const inline: Update = {
        update_id: 900009,
        callback_query: { id: 'cbq-1', from: LAN, chat_instance: '1', inline_message_id: 'AAAAAQ', data: 'o:5' },
      };
      const inGroup: Update = {
        update_id: 900010,
        callback_query: {
          id: 'cbq-2',
          from: LAN,
          chat_instance: '2',
          data: 'o:5',
          message: { message_id: 9, date: 1714979000, chat: GROUP_CHAT, from: BOT, text: 'x' },
        },
      };
      const game: Update = {
        update_id: 900011,
        callback_query: {
          id: 'cbq-3',
          from: LAN,
          chat_instance: '3',
          game_short_name: 'g',
          message: { message_id: 10, date: 1714979000, chat: LAN_CHAT, from: BOT, text: 'x' },
        },
      };
      for (const update of [inline, game])
        expect(fromTelegramUpdate(update, RECEIVED)).toMatchObject({ type: 'ignored' });
      expect(fromTelegramUpdate(inGroup, RECEIVED)).toMatchObject({ type: 'group-button', callbackQueryId: 'cbq-2' });
    });

    it('reports the user blocking and unblocking the bot', () => {
      const change = (status: 'kicked' | 'member'): Update => ({
        update_id: 900012,
        my_chat_member: {
          chat: LAN_CHAT,
          from: LAN,
          date: 1714979295,
          old_chat_member:
            status === 'kicked' ? { status: 'member', user: BOT } : { status: 'kicked', user: BOT, until_date: 0 },
          new_chat_member:
            status === 'kicked' ? { status: 'kicked', user: BOT, until_date: 0 } : { status: 'member', user: BOT },
        },
      });
      expect(fromTelegramUpdate(change('kicked'), RECEIVED)).toEqual({
        type: 'membership',
        chatId: '123456789',
        active: false,
      });
      expect(fromTelegramUpdate(change('member'), RECEIVED)).toEqual({
        type: 'membership',
        chatId: '123456789',
        active: true,
      });
    });

    it('reports the bot leaving a group as a group membership change, not a blocked account', () => {
      const update: Update = {
        update_id: 900013,
        my_chat_member: {
          chat: GROUP_CHAT,
          from: LAN,
          date: 1714979296,
          old_chat_member: { status: 'member', user: BOT },
          new_chat_member: { status: 'left', user: BOT },
        },
      };
      expect(fromTelegramUpdate(update, RECEIVED)).toEqual({
        type: 'group-membership',
        chatId: String(GROUP_CHAT.id),
        present: false,
      });
    });

    it('ignores edited messages and channel posts', () => {
      const edited: Update = {
        update_id: 900014,
        edited_message: {
          message_id: 42,
          date: 1714979289,
          edit_date: 1714979400,
          chat: LAN_CHAT,
          from: LAN,
          text: '/quahan',
        },
      };
      const post: Update = {
        update_id: 900015,
        channel_post: {
          message_id: 1,
          date: 1714979289,
          chat: { id: -1009876543210, type: 'channel', title: 'Tin' },
          text: 'x',
        },
      };
      expect(fromTelegramUpdate(edited, RECEIVED)).toEqual({
        type: 'ignored',
        reason: 'update of kind edited_message',
      });
      expect(fromTelegramUpdate(post, RECEIVED)).toMatchObject({ type: 'ignored' });
    });
  });
});
