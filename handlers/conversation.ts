// The conversation core: one incoming message → the replies, the same for Telegram, Zalo and the console.

import {
  type Command,
  type CommandId,
  commandById,
  isOpenCommand,
  type OpenCommandId,
  parseCommand,
} from '../src/chat/commands.js';
import { type Action, decodeAction } from '../src/chat/payload.js';
import type { Conversation, Reply } from '../src/chat/types.js';
import { recordAudit } from '../src/db/audit.js';
import { beginUpdate, type Pending, releaseUpdate, updateConversation } from '../src/db/conversations.js';
import { setAccountActive } from '../src/db/officials.js';
import { localDate, localDateAt } from '../src/domain/dates.js';
import { looksLikeExtensionRequest } from '../src/domain/extension-request.js';
import type { Language } from '../src/domain/language.js';
import { askQuestion, shortcut } from './ask.js';
import { broadcastCommand, cancelNotice, confirmNotice, receiveNoticeText } from './broadcast.js';
import { calendarCommand, newCalendarAddress, revokeCalendarAddress } from './calendar.js';
import { extensionDecisionButton, pendingConfirmations, receiveReturnReason, reviewButton } from './confirm.js';
import { type ChatContext, type ConversationDeps, isOfficial, type OfficialContext } from './context.js';
import { showDuty } from './duty.js';
import { receiveEvidence } from './evidence.js';
import { askExtensionButton, extensionCommand, receiveExtensionText } from './extension.js';
import { extractDocument } from './extract.js';
import { createReplyLimiter, groupMessage, listGroupsCommand } from './group.js';
import { showHelp } from './help.js';
import { inviteCommand } from './invite.js';
import { createLinkCode } from './link.js';
import { nudgeUnreported } from './nudge.js';
import { changeOfficialCommand, listUnitOfficials } from './officials.js';
import { reminderOverview } from './reminders.js';
import { receiveNote, reportStatus, reportsToDo, skipNote } from './report.js';
import { reportDraftButton } from './report-draft.js';
import { changeDutyReminders, changeLanguage, changeReminders, showSettings } from './settings.js';
import { startCommand, unregisteredMessage } from './start.js';
import { matrixPicture, statusOverview, unitStatuses } from './status.js';
import { webLinkCommand } from './web.js';

/** Longer messages are refused whole: no platform sends more, so it is a client bug or abuse. */
export const MAX_INCOMING_TEXT = 4096;

export function createConversation(options: ConversationDeps): Conversation {
  // One limiter per conversation core: refusals in groups are counted across all of this instance's chats.
  const deps: ConversationDeps = { ...options, groupReplies: options.groupReplies ?? createReplyLimiter() };
  const { prisma, logger } = deps;
  return {
    async handle(message) {
      // One round trip: the update claimed (a redelivery is skipped), the sender and the chat's state read fresh.
      const { claimed, identity, state } = await beginUpdate(prisma, {
        channel: message.channel,
        updateKey: message.updateKey,
        senderId: message.sender.id,
        chatId: message.chatId,
      });
      if (!claimed) {
        logger.debug({ channel: message.channel, update: message.updateKey }, 'duplicate update skipped');
        return [];
      }
      const replies: Reply[] = [];
      const language: Language = identity?.official.locale ?? fromLanguageCode(message.sender.languageCode);
      try {
        // Writing again after blocking the bot means it is reachable again (in private: a group's chat is not theirs).
        if (identity && !identity.accountActive && !message.chat)
          await setAccountActive(prisma, message.channel, message.chatId, true);
        let pending: Pending | null | undefined;
        const now = deps.now();
        const ctx: ChatContext = {
          message,
          identity,
          language,
          t: deps.translations[language],
          now,
          today: localDateAt(now, deps.timeZone),
          deps,
          state,
          reply: (reply) => void replies.push(reply),
          expect: (next) => {
            pending = next;
          },
        };
        await route(ctx);
        const lastChoices = replies.findLast((reply) => reply.choices?.length)?.choices;
        if (lastChoices || pending !== undefined) {
          await updateConversation(prisma, message.channel, message.chatId, {
            ...(lastChoices ? { choices: lastChoices.map((choice) => choice.payload) } : {}),
            ...(pending !== undefined ? { pending } : {}),
          });
        }
        return replies;
      } catch (error) {
        logger.error({ err: error, channel: message.channel, update: message.updateKey }, 'handling a message failed');
        // Given back, so a redelivery of this update is handled rather than skipped.
        await releaseUpdate(prisma, message.channel, message.updateKey).catch(() => undefined);
        return [{ text: [deps.translations[language]('error-generic')] }];
      }
    },
  };
}

async function route(ctx: ChatContext): Promise<void> {
  const { message, t } = ctx;
  // In a group the bot answers about the group's unit only, and nothing there starts a report or a registration.
  if (message.chat?.kind === 'group') return groupMessage(ctx);
  if (message.kind === 'unsupported') {
    ctx.reply({ text: [t('unsupported-message')] });
    return;
  }
  if (ctx.identity?.official.status === 'blocked') {
    ctx.reply({ text: [t('account-blocked')] });
    return;
  }
  if (message.kind === 'button') return pressButton(ctx, message.payload ?? '');
  if (message.kind === 'document') {
    if (!isOfficial(ctx)) return unregisteredMessage(ctx, '');
    // Right after a status tap, a file or photo is that report's evidence.
    const waiting = ctx.state.pending && new Date(ctx.state.pending.until) > ctx.now ? ctx.state.pending : undefined;
    if (waiting?.kind === 'note' && message.document) return receiveEvidence(ctx, waiting.reportId, message.document);
    // Only admins draft plans (from files, not photos); to anyone else a file is just something the bot cannot read.
    if (ctx.identity.official.role !== 'admin' || !message.document || message.document.kind === 'photo') {
      ctx.reply({ text: [t('unsupported-message')] });
      return;
    }
    return extractDocument(ctx, message.document);
  }

  const text = (message.text ?? '').trim();
  if (text.length > MAX_INCOMING_TEXT) {
    ctx.reply({ text: [t('message-too-long', { max: MAX_INCOMING_TEXT })] });
    return;
  }
  if (!text) {
    showHelp(ctx);
    return;
  }
  const command = parseCommand(text);
  if (command) return runCommand(ctx, command.name, command.command, command.args);

  // A number answers the last choice list of this chat (buttons typed, on platforms without buttons).
  const number = text.match(/^(?:số|so|no\.?|#)?\s*(\d{1,2})\s*[.)]?$/i);
  const chosen = number ? ctx.state.choices[Number(number[1]) - 1] : undefined;
  if (chosen && ctx.identity) return pressButton(ctx, chosen);

  if (!isOfficial(ctx)) return unregisteredMessage(ctx, text);
  const pending = ctx.state.pending && new Date(ctx.state.pending.until) > ctx.now ? ctx.state.pending : undefined;
  if (pending?.kind === 'note') return receiveNote(ctx, pending.reportId, text);
  if (pending?.kind === 'review-reason') {
    if (!(await allowAdmin(ctx, 'xacnhan'))) return;
    return receiveReturnReason(ctx, pending.reportId, text);
  }
  if (pending?.kind === 'extension-request') return receiveExtensionText(ctx, pending.occurrenceId, text);
  if (looksLikeExtensionRequest(text)) return extensionCommand(ctx, text);
  if (pending?.kind === 'broadcast-text') {
    if (!(await allowAdmin(ctx, 'thongbao'))) return;
    return receiveNoticeText(ctx, pending.audience, text);
  }
  return askQuestion(ctx, text);
}

type Handler<C, A> = (ctx: C, args: A) => Promise<void> | void;

/** Commands that work before registration. */
const OPEN_COMMANDS: Record<OpenCommandId, Handler<ChatContext, string>> = {
  start: startCommand,
  trogiup: (ctx) => showHelp(ctx),
};

/** Every other command; those the table marks `admin` are checked before they run (see runCommand). */
const OFFICIAL_COMMANDS: Record<Exclude<CommandId, OpenCommandId>, Handler<OfficialContext, string>> = {
  thangnay: (ctx, args) => shortcut(ctx, 'thangnay', args),
  tuannay: (ctx, args) => shortcut(ctx, 'tuannay', args),
  quahan: (ctx, args) => shortcut(ctx, 'quahan', args),
  donvi: (ctx, args) => shortcut(ctx, 'donvi', args),
  baocao: (ctx) => reportsToDo(ctx),
  caidat: (ctx) => showSettings(ctx),
  lienket: (ctx) => createLinkCode(ctx),
  huy: (ctx) => skipNote(ctx),
  moi: inviteCommand,
  nhacviec: (ctx) => reminderOverview(ctx),
  thongbao: broadcastCommand,
  tinhhinh: statusOverview,
  canbo: listUnitOfficials,
  khoa: (ctx, args) => changeOfficialCommand(ctx, 'khoa', args),
  mokhoa: (ctx, args) => changeOfficialCommand(ctx, 'mokhoa', args),
  quyen: (ctx, args) => changeOfficialCommand(ctx, 'quyen', args),
  quantri: (ctx) => webLinkCommand(ctx),
  xacnhan: (ctx) => pendingConfirmations(ctx),
  giahan: extensionCommand,
  lich: calendarCommand,
  nhom: listGroupsCommand,
};

async function runCommand(ctx: ChatContext, name: string, command: Command | undefined, args: string): Promise<void> {
  if (!command) {
    ctx.reply({ text: [ctx.t('unknown-command', { command: name })] });
    return;
  }
  if (isOpenCommand(command)) return OPEN_COMMANDS[command.id](ctx, args);
  if (!isOfficial(ctx)) return unregisteredMessage(ctx, '');
  if (command.admin && !(await allowAdmin(ctx, command.id))) return;
  // A command ends any wait for a report note.
  if (ctx.state.pending && command.id !== 'huy') ctx.expect(null);
  return OFFICIAL_COMMANDS[command.id as Exclude<CommandId, OpenCommandId>](ctx, args);
}

/** What a leader (a unit head, an observer) may use of the admin commands: reading only. */
const LEADER_READS: ReadonlySet<string> = new Set<CommandId>(['tinhhinh']);

/** The role is read from the database for this very message; a refusal is audited like the action. */
async function allowAdmin(ctx: OfficialContext, action: string): Promise<boolean> {
  const { official } = ctx.identity;
  if (official.role === 'admin') return true;
  // Leaders read the reporting picture; every admin change stays refused to them.
  if (official.role === 'leader' && LEADER_READS.has(action)) return true;
  await recordAudit(ctx.deps.prisma, { officialId: official.id }, 'denied', action, { channel: ctx.message.channel });
  ctx.reply({ text: [ctx.t('admin-only')] });
  return false;
}

async function pressButton(ctx: ChatContext, payload: string): Promise<void> {
  if (!isOfficial(ctx)) return unregisteredMessage(ctx, '');
  const action = decodeAction(payload);
  if (!action) {
    ctx.deps.logger.warn({ channel: ctx.message.channel, update: ctx.message.updateKey }, 'malformed button payload');
    ctx.reply({ text: [ctx.t('button-invalid')] });
    return;
  }
  return runAction(ctx, action);
}

type ActionOf<K extends Action['kind']> = Extract<Action, { kind: K }>;

/**
 * What each button does; `admin` names the command whose admin requirement it shares (the same check and
 * audit as typing the command). A new action kind without an entry here fails the type check.
 */
const ACTIONS: { [K in Action['kind']]: { admin?: CommandId; run: Handler<OfficialContext, ActionOf<K>> } } = {
  'open-occurrence': { run: (ctx, action) => showDuty(ctx, { occurrenceId: action.occurrenceId }) },
  'open-duty': { run: (ctx, action) => showDuty(ctx, { dutyId: action.dutyId }) },
  report: { run: (ctx, action) => reportStatus(ctx, action.occurrenceId, action.status) },
  'skip-note': { run: (ctx) => skipNote(ctx) },
  language: { run: (ctx, action) => changeLanguage(ctx, action.locale) },
  reminders: { run: (ctx, action) => changeReminders(ctx, { on: action.on }) },
  snooze: { run: (ctx, action) => changeReminders(ctx, { snoozeDays: action.days }) },
  'duty-reminders': { run: (ctx, action) => changeDutyReminders(ctx, action.dutyId, action.on) },
  broadcast: { admin: 'thongbao', run: (ctx, action) => confirmNotice(ctx, action.broadcastId, action.confirm) },
  'broadcast-cancel': { admin: 'thongbao', run: (ctx, action) => cancelNotice(ctx, action.broadcastId) },
  nudge: { admin: 'nhacviec', run: (ctx, action) => nudgeUnreported(ctx, action.occurrenceId) },
  'unit-statuses': { admin: 'tinhhinh', run: (ctx, action) => unitStatuses(ctx, action.occurrenceId) },
  matrix: {
    admin: 'tinhhinh',
    run: (ctx, action) => matrixPicture(ctx, { from: localDate(action.from), to: localDate(action.to) }),
  },
  review: { admin: 'xacnhan', run: (ctx, action) => reviewButton(ctx, action.reportId, action.confirm) },
  'extension-decision': {
    admin: 'xacnhan',
    run: (ctx, action) => extensionDecisionButton(ctx, action.extensionId, action.approve),
  },
  'extension-ask': { run: (ctx, action) => askExtensionButton(ctx, action.occurrenceId) },
  // Whose unit and whose feed are checked in the handler: an official may press these for their own only.
  'calendar-new': { run: (ctx, action) => newCalendarAddress(ctx, action.unitId) },
  'calendar-revoke': { run: (ctx, action) => revokeCalendarAddress(ctx, action.feedId) },
  // The shared check refuses officials; the handler refuses leaders too (a draft is the admins' to write).
  'report-draft': {
    admin: 'tinhhinh',
    run: (ctx, action) => reportDraftButton(ctx, action.planId, action.period),
  },
  command: {
    run: (ctx, action) => {
      const command = commandById(action.name);
      if (!command) {
        ctx.reply({ text: [ctx.t('button-invalid')] });
        return;
      }
      return runCommand(ctx, command.names[ctx.language], command, '');
    },
  },
};

async function runAction<K extends Action['kind']>(ctx: OfficialContext, action: ActionOf<K>): Promise<void> {
  const entry = ACTIONS[action.kind as K];
  if (entry.admin && !(await allowAdmin(ctx, entry.admin))) return;
  return entry.run(ctx, action);
}

function fromLanguageCode(code: string | undefined): Language {
  return code?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}
