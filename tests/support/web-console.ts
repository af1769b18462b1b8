// The web console end to end: the chat core on a test database, grammY against the fake Telegram, the broadcast
// worker, the HTTP server with /admin mounted as main.ts mounts it, and one headless Chromium (Debian's) per file.
import { Writable } from 'node:stream';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createBroadcastWorker } from '../../src/broadcasts/worker.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/bot.js';
import { type Config, createConfig } from '../../src/config.js';
import { createInvite } from '../../src/db/officials.js';
import { localDateAt } from '../../src/domain/dates.js';
import { generateCode } from '../../src/domain/invite-code.js';
import { type HttpServer, startHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { createChatCore } from '../../src/main.js';
import { createReminderWorker } from '../../src/reminders/worker.js';
import { seedDemoPlan } from '../../src/seed.js';
import { accountReachability } from '../../src/services/accounts.js';
import { draftPlan } from '../../src/services/extraction.js';
import { mountWebConsole } from '../../src/web/app.js';
import type { DatabaseKind, TestDatabase } from './databases.js';
import { testDatabase } from './databases.js';
import { type FakeTelegram, type FakeUser, type SentMessage, startFakeTelegram } from './fake-telegram.js';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
}

export interface ConsoleWorld {
  db: TestDatabase;
  fake: FakeTelegram;
  channel: TelegramChannel;
  http: HttpServer;
  config: Config;
  base: string;
  /** Every log line written, as text (the console must never log a token or a cookie). */
  logs: string[];
  now: () => Date;
  setNow(date: Date): void;
  /** A new Telegram user registered with an invite of the unit (and role). */
  register(unit: string, role?: 'official' | 'admin', extra?: Partial<FakeUser>): Promise<FakeUser>;
  /** Sends a text and waits for the bot's reply to it. */
  say(user: FakeUser, text: string): Promise<SentMessage>;
  /** Asks the bot for a sign-in link in chat and returns it. */
  loginLink(user: FakeUser): Promise<string>;
  stop(): Promise<void>;
}

let nextUserId = 5000;

export async function startConsoleWorld(kind: DatabaseKind, start: Date): Promise<ConsoleWorld> {
  const db = await testDatabase(kind);
  await db.reset();
  const { prisma } = db.database;
  await seedDemoPlan(prisma, start);
  let current = start;
  const now = () => current;
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  const fake = await startFakeTelegram({ botUsername: 'dondoc_test_bot' });
  const http = await startHttpServer({ host: '127.0.0.1', port: 0, logger });
  const base = `http://127.0.0.1:${http.port}`;
  const config = createConfig({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    PUBLIC_BASE_URL: base,
    WEB_UPLOAD_MAX_MB: '1',
  });
  let channel: TelegramChannel | undefined;
  const core = await createChatCore({ prisma, config, logger, now, telegramUsername: () => channel?.username() });
  channel = createTelegramChannel({
    config: config.telegram as NonNullable<Config['telegram']>,
    conversation: core.conversation,
    reachability: accountReachability(prisma, 'telegram'),
    translations: core.translations,
    logger,
  });
  await channel.ready;
  const telegram = channel;
  const broadcasts = createBroadcastWorker({
    prisma,
    channels: { telegram },
    translations: core.translations,
    logger,
    instance: 'web-test',
    idleMs: 50,
  });
  broadcasts.start();
  const reminders = createReminderWorker({
    prisma,
    config,
    channels: {},
    translations: core.translations,
    logger,
    instance: 'web-test',
  });
  mountWebConsole(http, {
    prisma,
    config,
    logger,
    translations: core.translations,
    now,
    telegramUsername: () => telegram.username(),
    reminderPreview: (from, to) => reminders.preview(from, to),
    extractPlan: async (document) =>
      (await draftPlan(prisma, { ...document, today: localDateAt(now(), config.defaultTimeZone) })).json,
  });

  async function say(user: FakeUser, text: string): Promise<SentMessage> {
    const before = fake.sentTo(user.id).length;
    fake.sendText(user, text);
    const [reply] = await fake.waitForSent((m) => m.chatId === user.id && fake.sentTo(user.id).indexOf(m) >= before);
    return reply as SentMessage;
  }

  return {
    db,
    fake,
    channel: telegram,
    http,
    config,
    base,
    logs,
    now,
    setNow(date) {
      current = date;
    },
    say,
    async register(unit, role = 'official', extra = {}) {
      const unitId = (await prisma.unit.findUniqueOrThrow({ where: { code: unit }, select: { id: true } })).id;
      const code = generateCode();
      await createInvite(prisma, {
        code,
        unitId,
        role,
        maxUses: 1,
        expiresAt: null,
        createdById: null,
        actorLabel: 'test',
      });
      const user: FakeUser = { id: nextUserId++, first_name: 'Cán bộ', last_name: String(nextUserId), ...extra };
      const reply = await say(user, `/start ${code}`);
      if (!/Đăng ký thành công|You are registered/.test(reply.visible)) throw new Error(reply.visible);
      return user;
    },
    async loginLink(user) {
      const reply = await say(user, '/quantri');
      const link = reply.visible.match(/https?:\/\/\S+\/admin\/login\?token=[\w-]+/)?.[0];
      if (!link) throw new Error(`no sign-in link in: ${reply.visible}`);
      return link;
    },
    async stop() {
      await broadcasts.stop();
      await telegram.stop();
      await http.close();
      await fake.close();
    },
  };
}

/** Signs a browser context in through a link; returns the page, now on the overview. */
export async function signIn(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForURL(/\/admin\/$/);
  return page;
}
