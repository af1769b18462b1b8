// Which group messages are addressed to the bot (pure): commands, mentions, replies; everything else is chatter.
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { looksLikeReport } from '../../handlers/group.js';
import { addressedText, fromTelegramUpdate } from '../../src/channels/telegram/updates.js';

const BOT = { id: 123456, username: 'dondoc_bot' };
const AT = new Date('2012-09-20T03:00:00Z');
const mention = (text: string, word = '@dondoc_bot') => ({
  type: 'mention',
  offset: text.indexOf(word),
  length: word.length,
});

function groupUpdate(message: Record<string, unknown>): Update {
  return {
    update_id: 1,
    message: {
      message_id: 7,
      date: 0,
      chat: { id: -4001234567, type: 'group', title: 'Nhóm Ban Tuyên giáo' },
      from: { id: 42, is_bot: false, first_name: 'Lan' },
      ...message,
    },
  } as unknown as Update;
}

describe('addressedText', () => {
  it.each([
    ['/thangnay', '/thangnay'],
    ['/nhom@dondoc_bot TU-BTG', '/nhom@dondoc_bot TU-BTG'],
    ['/nhom@DONDOC_BOT', '/nhom@DONDOC_BOT'],
  ])('takes the command %s', (text, expected) => {
    expect(addressedText({ text, repliesToBot: false }, BOT)).toBe(expected);
  });

  it("leaves another bot's command alone", () => {
    expect(addressedText({ text: '/start@other_bot', repliesToBot: false }, BOT)).toBeUndefined();
  });

  it('takes a mention of the bot, without it', () => {
    const text = '@dondoc_bot việc gì đến hạn tháng này?';
    expect(addressedText({ text, entities: [mention(text)], repliesToBot: false }, BOT)).toBe(
      'việc gì đến hạn tháng này?',
    );
    const middle = 'Nhờ @dondoc_bot, việc gì quá hạn?';
    expect(addressedText({ text: middle, entities: [mention(middle)], repliesToBot: false }, BOT)).toBe(
      'Nhờ , việc gì quá hạn?',
    );
  });

  it('takes a text mention of the bot user, and a reply to the bot', () => {
    const text = 'Đôn đốc ơi, việc gì quá hạn?';
    const byName = [{ type: 'text_mention', offset: 0, length: 7, user: { id: BOT.id } }];
    expect(addressedText({ text, entities: byName, repliesToBot: false }, BOT)).toBe(text);
    expect(addressedText({ text: 'còn việc nào nữa?', repliesToBot: true }, BOT)).toBe('còn việc nào nữa?');
  });

  it('ignores chatter: no mention, a mention of someone else, the name written without an entity', () => {
    expect(addressedText({ text: 'Chiều nay họp nhé', repliesToBot: false }, BOT)).toBeUndefined();
    const other = '@lan_btg gửi giúp báo cáo';
    expect(
      addressedText({ text: other, entities: [mention(other, '@lan_btg')], repliesToBot: false }, BOT),
    ).toBeUndefined();
    const someone = [{ type: 'text_mention', offset: 0, length: 3, user: { id: 99 } }];
    expect(addressedText({ text: 'Lan xem giúp', entities: someone, repliesToBot: false }, BOT)).toBeUndefined();
    expect(addressedText({ text: 'hỏi dondoc_bot xem', repliesToBot: false }, BOT)).toBeUndefined();
  });
});

describe('group updates', () => {
  it('a mention becomes a group message from the user, with the group as the chat', () => {
    const text = '@dondoc_bot việc gì quá hạn?';
    const event = fromTelegramUpdate(groupUpdate({ text, entities: [mention(text)] }), AT, BOT);
    expect(event).toMatchObject({
      type: 'message',
      message: {
        chatId: '-4001234567',
        chat: { kind: 'group', title: 'Nhóm Ban Tuyên giáo' },
        sender: { id: '42' },
        kind: 'text',
        text: 'việc gì quá hạn?',
      },
    });
  });

  it('chatter, a bot writing and a photo without a mention are ignored', () => {
    expect(fromTelegramUpdate(groupUpdate({ text: 'chào cả nhà' }), AT, BOT).type).toBe('ignored');
    expect(
      fromTelegramUpdate(groupUpdate({ text: '/thangnay', from: { id: 5, is_bot: true, first_name: 'B' } }), AT, BOT)
        .type,
    ).toBe('ignored');
    expect(fromTelegramUpdate(groupUpdate({ photo: [{ file_id: 'x' }] }), AT, BOT).type).toBe('ignored');
  });

  it('a reply to one of the bot’s messages is addressed to it', () => {
    const event = fromTelegramUpdate(
      groupUpdate({ text: 'còn gì nữa?', reply_to_message: { from: { id: BOT.id, is_bot: true, first_name: 'D' } } }),
      AT,
      BOT,
    );
    expect(event).toMatchObject({ type: 'message', message: { text: 'còn gì nữa?' } });
  });

  it('an upgrade to a supergroup moves the group; the bot removed or added is a membership change', () => {
    expect(fromTelegramUpdate(groupUpdate({ migrate_to_chat_id: -1001234567890 }), AT, BOT)).toEqual({
      type: 'group-migrated',
      chatId: '-4001234567',
      to: '-1001234567890',
    });
    const membership = (status: string) =>
      ({
        update_id: 2,
        my_chat_member: {
          chat: { id: -4001234567, type: 'group', title: 'Nhóm' },
          from: { id: 42, is_bot: false, first_name: 'Lan' },
          date: 0,
          old_chat_member: { status: 'member', user: { id: BOT.id, is_bot: true, first_name: 'D' } },
          new_chat_member: { status, user: { id: BOT.id, is_bot: true, first_name: 'D' } },
        },
      }) as unknown as Update;
    expect(fromTelegramUpdate(membership('kicked'), AT, BOT)).toEqual({
      type: 'group-membership',
      chatId: '-4001234567',
      present: false,
    });
    expect(fromTelegramUpdate(membership('left'), AT, BOT)).toMatchObject({ present: false });
    expect(fromTelegramUpdate(membership('member'), AT, BOT)).toMatchObject({ present: true });
  });

  it('a button in a group is answered, never handled', () => {
    const update = {
      update_id: 3,
      callback_query: {
        id: 'q1',
        from: { id: 42, is_bot: false, first_name: 'Lan', language_code: 'en' },
        message: { message_id: 9, date: 0, chat: { id: -4001234567, type: 'group' } },
        chat_instance: '1',
        data: 'r:1:d',
      },
    } as unknown as Update;
    expect(fromTelegramUpdate(update, AT, BOT)).toEqual({
      type: 'group-button',
      callbackQueryId: 'q1',
      languageCode: 'en',
    });
  });
});

describe('looksLikeReport', () => {
  it.each(['đã xong', 'Đã hoàn thành việc 2', 'báo cáo: xong rồi', '1', 'done'])('%s reports', (text) => {
    expect(looksLikeReport(text)).toBe(true);
  });
  it.each(['việc gì đã hoàn thành?', 'việc gì đến hạn tháng này?', 'quá hạn'])('%s asks', (text) => {
    expect(looksLikeReport(text)).toBe(false);
  });
});
