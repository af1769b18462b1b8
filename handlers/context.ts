// What a handler works with for one incoming message: who sent it, their language, the services, the replies.
import type { AskService } from '../src/ask/service.js';
import type { OutgoingChannel } from '../src/channels/channel.js';
import type { IncomingMessage, Reply } from '../src/chat/types.js';
import type { ConversationState, Pending } from '../src/db/conversations.js';
import type { PrismaClient } from '../src/db/database.js';
import type { Identity } from '../src/db/officials.js';
import type { LocalDate } from '../src/domain/dates.js';
import type { Language } from '../src/domain/language.js';
import type { OcrRunner } from '../src/extract/ocr.js';
import type { Translate, Translations } from '../src/i18n.js';
import type { Logger } from '../src/logger.js';
import type { ReminderPolicy } from '../src/reminders/policy.js';
import type { ReplyLimiter } from './group.js';

export interface ConversationDeps {
  prisma: PrismaClient;
  ask: AskService;
  translations: Translations;
  logger: Logger;
  now: () => Date;
  timeZone: string;
  /** The Telegram bot's username once known, for "t.me/<bot>?start=CODE" invite links. */
  telegramUsername?: () => string | undefined;
  /** The global reminder policy (from the settings), shown to admins. */
  reminderPolicy: ReminderPolicy;
  /** Where the web console is reached (PUBLIC_BASE_URL): /quantri links point there. */
  webBaseUrl: string;
  /** PUBLIC_BASE_URL itself, unset when the office has none: calendar addresses (/lich) need a public one. */
  publicBaseUrl?: string;
  /** Which channels can show a picture (Zalo only with a public URL to fetch it from); unset: Telegram only. */
  photosByChannel?: Partial<Record<IncomingMessage['channel'], boolean>>;
  /** Reads scanned plans an admin sends (Tesseract); absent: scans are refused with how to enable it. */
  ocr?: OcrRunner;
  /** Where evidence files sent after a report are kept, and how large one may be; absent: files are refused. */
  evidence?: { dir: string; maxBytes: number };
  /** How often one person is refused in one group (set by createConversation when absent). */
  groupReplies?: ReplyLimiter;
  /** The channels that reach others unprompted (set once they start): review and extension notifications. */
  outgoing?: () => Partial<Record<IncomingMessage['channel'], OutgoingChannel>>;
}

export interface ChatContext {
  readonly message: IncomingMessage;
  /** The registered sender, read fresh for this message (roles are never cached). */
  readonly identity: Identity | undefined;
  readonly language: Language;
  readonly t: Translate;
  readonly now: Date;
  readonly today: LocalDate;
  readonly deps: ConversationDeps;
  readonly state: ConversationState;
  reply(reply: Reply): void;
  /** Sets what the next free text answers (or clears it with null); saved after the handler. */
  expect(pending: Pending | null): void;
}

/** A registered, active sender: what every handler past onboarding works with. */
export type OfficialContext = ChatContext & { readonly identity: Identity };

export function isOfficial(ctx: ChatContext): ctx is OfficialContext {
  return ctx.identity !== undefined && ctx.identity.official.status === 'active';
}
