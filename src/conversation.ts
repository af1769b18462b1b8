// Builds the shared conversation core (Ask service, translations, handlers) over an open database.
import { type Conversation, createConversation } from '../handlers/conversation.js';
import { createAskService } from './ask/service.js';
import type { Config } from './config.js';
import type { PrismaClient } from './db/database.js';
import { loadTranslations, type Translations } from './i18n.js';
import type { Logger } from './logger.js';

export interface ChatCore {
  conversation: Conversation;
  translations: Translations;
}

export async function createChatCore(options: {
  prisma: PrismaClient;
  config: Config;
  logger: Logger;
  now: () => Date;
  telegramUsername?: () => string | undefined;
}): Promise<ChatCore> {
  const translations = await loadTranslations();
  const ask = createAskService({ prisma: options.prisma, translations });
  const conversation = createConversation({
    prisma: options.prisma,
    ask,
    translations,
    logger: options.logger,
    now: options.now,
    timeZone: options.config.defaultTimeZone,
    reminderPolicy: options.config.reminders.policy,
    ...(options.telegramUsername ? { telegramUsername: options.telegramUsername } : {}),
  });
  return { conversation, translations };
}
