// Composition root: builds every part of dondoc from the configuration and runs it until a signal stops it.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OutgoingChannel } from './channels/channel.js';
import type { TelegramChannel } from './channels/telegram/bot.js';
import type { ZaloChannel } from './channels/zalo/bot.js';
import type { Conversation } from './chat/types.js';
import { createLocalRuntime, InstanceRunningError } from './cli/local-runtime.js';
import { describeKnownError, runCli } from './cli/program.js';
import type { CliIO, CliRuntime } from './cli/runtime.js';
import {
  type Config,
  ConfigError,
  createConfig,
  describeConfig,
  type Environment,
  environmentWithDotEnv,
} from './config.js';
import { InstanceUnreachableError, runThroughInstance } from './control/client.js';
import { acquireDataDirLock, controlSocketAddress, type DataDirLock, readControlToken } from './db/data-dir-lock.js';
import type { PrismaClient } from './db/database.js';
import type { Translations } from './i18n.js';
import { logOutput } from './log-output.js';
import { createLogger, type Logger } from './logger.js';

export interface ChatCore {
  conversation: Conversation;
  translations: Translations;
}

/** The conversation over an open database: the bot, `dondoc chat`, tests and benchmarks build it the same way. */
export async function createChatCore(options: {
  prisma: PrismaClient;
  config: Config;
  logger: Logger;
  now: () => Date;
  telegramUsername?: () => string | undefined;
  /** The channels that reach others unprompted, once started (notifications of reviews and extensions). */
  outgoing?: () => Partial<Record<'telegram' | 'zalo' | 'console', OutgoingChannel>>;
}): Promise<ChatCore> {
  const [{ loadTranslations }, { createAskService }, { createConversation }, { tesseractRunner }] = await Promise.all([
    import('./i18n.js'),
    import('./ask/service.js'),
    import('../handlers/conversation.js'),
    import('./extract/ocr.js'),
  ]);
  // Zalo takes pictures by URL only: it gets them when dondoc has a public address to serve them from.
  const photosOn = options.config.publicBaseUrl !== undefined;
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
    webBaseUrl: options.config.web.publicBaseUrl,
    ...(options.config.publicBaseUrl ? { publicBaseUrl: options.config.publicBaseUrl } : {}),
    evidence: options.config.evidence,
    photosByChannel: { telegram: true, zalo: photosOn, console: false },
    ocr: tesseractRunner(),
    ...(options.telegramUsername ? { telegramUsername: options.telegramUsername } : {}),
    ...(options.outgoing ? { outgoing: options.outgoing } : {}),
  });
  return { conversation, translations };
}

/** Names this process in the reminder ledger's claims. */
function instanceName(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** How long a handled update is remembered: platforms redeliver within hours, never after days. */
const PROCESSED_UPDATE_DAYS = 7;

export interface RunningApp {
  httpPort: number;
  telegram: TelegramChannel | undefined;
  zalo: ZaloChannel | undefined;
  stop(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  logger: Logger;
  now?: () => Date;
  /** Where the console chat reads and writes; omitted, there is no console. */
  console?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; cwd: string };
  /** Waits between attempts to reach a chat platform at start-up (tests shorten it). */
  channelRetryDelayMs?: number;
}

/** Starts the bot: database (migrated, seeded), HTTP server, scheduler, control socket, console. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  // The running bot's parts, loaded when it starts: `dondoc --help` and one-shot commands load none of them.
  const { createBroadcastWorker } = await import('./broadcasts/worker.js');
  const { startConsoleChat } = await import('./channels/console.js');
  const { createTelegramChannel } = await import('./channels/telegram/bot.js');
  const { createZaloChannel } = await import('./channels/zalo/bot.js');
  const { createControlHandler } = await import('./control/server.js');
  const { deliveryCounts } = await import('./db/broadcasts.js');
  const { pruneProcessedUpdates } = await import('./db/conversations.js');
  const { databaseAnswers, MIGRATIONS, pendingMigrations, vacuumChurningTables } = await import('./db/database.js');
  const { fillMissingSearchText } = await import('./db/duties.js');
  const { ensureMaterializedThrough } = await import('./db/occurrences.js');
  const { openConfiguredDatabase } = await import('./db/open.js');
  const { reminderCounts } = await import('./db/reminders.js');
  const { localDateAt } = await import('./domain/dates.js');
  const { tesseractRunner } = await import('./extract/ocr.js');
  const { mountCalendarFeeds } = await import('./http/calendar.js');
  const { createPublicFiles, FILES_PREFIX } = await import('./http/files.js');
  const { sendJson, startHttpServer } = await import('./http/server.js');
  const { createMetrics, metricsRoute } = await import('./metrics.js');
  const { sendDigests } = await import('./reminders/digest.js');
  const { createReminderWorker } = await import('./reminders/worker.js');
  const { startScheduler } = await import('./scheduler.js');
  const { seedDemoPlan } = await import('./seed.js');
  const { CALENDAR_PATH, calendarForToken } = await import('./services/calendar-feeds.js');
  const { accountReachability, groupReachability, undeliveredReplies } = await import('./services/accounts.js');
  const { createGroupWorker } = await import('./groups/worker.js');
  const { draftPlan } = await import('./services/extraction.js');
  const { mountWebConsole } = await import('./web/app.js');
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const cleanups: (() => Promise<void> | void)[] = [];
  /** Run first on shutdown: no new updates are taken while the workers finish or give back their claims. */
  const intake: (() => Promise<void> | void)[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const cleanup of [...intake.reverse(), ...cleanups.reverse()])
        await Promise.resolve(cleanup()).catch((error: unknown) =>
          logger.error({ err: error }, 'shutdown step failed'),
        );
    })());

  try {
    let lock: DataDirLock | undefined;
    if (config.database.kind === 'embedded') {
      const result = await acquireDataDirLock(config.database.dataDir);
      if (!result.acquired) throw new InstanceRunningError(result.holder);
      lock = result.lock;
      cleanups.push(() => result.lock.release());
    }
    const opened = await openConfiguredDatabase(config, logger, lock);
    cleanups.push(() => opened.close());
    const { prisma } = opened.database;

    if (config.seedDemoPlan) {
      const seeded = await seedDemoPlan(prisma, now());
      if (seeded)
        logger.info(
          { plan: seeded.planCode, duties: seeded.duties.added.length },
          'empty database: imported the demo plan',
        );
    }
    await ensureMaterializedThrough(prisma, localDateAt(now(), config.defaultTimeZone));
    const filled = await fillMissingSearchText(prisma);
    if (filled > 0) logger.info({ duties: filled }, 'indexed duties imported before word search existed');

    // Commands from the CLI and the console run here, on this process's database connection.
    const instanceRuntime: CliRuntime = { config, now, logger, withDatabase: (use) => use(opened.database) };
    const runCommand = (argv: string[], io: CliIO) => runCli(argv, io, instanceRuntime);
    if (lock) lock.serve(createControlHandler({ token: lock.controlToken, run: runCommand, logger }));

    const http = await startHttpServer({ ...config.http, logger });
    cleanups.push(() => http.close());
    http.route('GET', '/healthz', async (_request, response) => {
      if (await databaseAnswers(prisma)) sendJson(response, 200, { status: 'ok', database: opened.database.kind });
      else sendJson(response, 503, { status: 'unavailable', database: opened.database.kind });
    });
    // Filled in as the channels start (after the routes are mounted).
    const rateLimits: Record<string, () => number> = {};
    const metrics = createMetrics({
      reminderStates: () => reminderCounts(prisma),
      deliveryStates: () => deliveryCounts(prisma),
      pool: () => opened.database.poolStats(),
      rateLimited: () => Object.fromEntries(Object.entries(rateLimits).map(([channel, count]) => [channel, count()])),
    });
    http.route('GET', '/metrics', metricsRoute(metrics, config.metricsToken));
    const started = new Set<string>();
    const expected = new Set<string>();
    // Ready: the database answers with every migration applied, and each configured channel has started.
    http.route('GET', '/readyz', async (_request, response) => {
      const database = await databaseAnswers(prisma);
      const pending = database ? await pendingMigrations(prisma, MIGRATIONS).catch(() => ['?']) : ['?'];
      const channelsUp = [...expected].every((name) => started.has(name));
      const ready = database && pending.length === 0 && channelsUp;
      sendJson(response, ready ? 200 : 503, {
        status: ready ? 'ready' : 'not ready',
        database: database ? 'ok' : 'unavailable',
        migrations: pending.length === 0 ? 'applied' : `${pending.length} pending`,
        channels: Object.fromEntries([...expected].map((name) => [name, started.has(name) ? 'started' : 'starting'])),
      });
    });

    let telegram: TelegramChannel | undefined;
    let outgoing: Partial<Record<'telegram' | 'zalo', OutgoingChannel>> = {};
    const core = await createChatCore({
      prisma,
      config,
      logger,
      now,
      telegramUsername: () => telegram?.username(),
      outgoing: () => outgoing,
    });
    const conversation = metrics.instrument(core.conversation);
    // Private calendar feeds (/lich in chat): each event links to its window in the bot once Telegram is up.
    const calendarSources = {
      prisma,
      translations: core.translations,
      timeZone: config.defaultTimeZone,
      telegramUsername: () => telegram?.username(),
      ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
    };
    mountCalendarFeeds(http, CALENDAR_PATH, {
      calendar: (token) => calendarForToken(calendarSources, token, now()),
      logger,
    });
    if (config.telegram) {
      telegram = createTelegramChannel({
        config: config.telegram,
        conversation,
        reachability: accountReachability(prisma, 'telegram'),
        undelivered: undeliveredReplies(prisma, 'telegram'),
        groups: groupReachability(prisma, 'telegram', now),
        translations: core.translations,
        logger,
        ...(options.channelRetryDelayMs !== undefined ? { retryDelayMs: options.channelRetryDelayMs } : {}),
      });
      const channel = telegram;
      rateLimits.telegram = () => channel.gateStats().rateLimited;
      intake.push(() => channel.stop());
      if (channel.webhook) http.route('POST', channel.webhook.path, channel.webhook.handler);
    }
    let zalo: ZaloChannel | undefined;
    const files = config.publicBaseUrl ? createPublicFiles({ baseUrl: config.publicBaseUrl }) : undefined;
    if (files) http.prefixRoute('GET', FILES_PREFIX, files.handler);
    if (config.zalo) {
      const channel = createZaloChannel({
        config: config.zalo,
        conversation,
        reachability: accountReachability(prisma, 'zalo', { unreachable: config.zaloUnreachable, now }),
        undelivered: undeliveredReplies(prisma, 'zalo'),
        ...(files ? { photos: files } : {}),
        logger,
        ...(options.channelRetryDelayMs !== undefined ? { retryDelayMs: options.channelRetryDelayMs } : {}),
      });
      zalo = channel;
      intake.push(() => channel.stop());
      if (channel.webhook) http.route('POST', channel.webhook.path, channel.webhook.handler);
    }

    const channels = { ...(telegram ? { telegram } : {}), ...(zalo ? { zalo } : {}) };
    outgoing = channels;
    for (const channel of [telegram, zalo]) {
      if (!channel) continue;
      expected.add(channel.name);
      channel.ready.then(
        () => started.add(channel.name),
        () => undefined,
      );
    }
    const broadcasts = createBroadcastWorker({
      prisma,
      channels,
      translations: core.translations,
      logger,
      instance: instanceName(),
    });
    broadcasts.start();
    cleanups.push(() => broadcasts.stop());
    // Reminders and notices for units' work groups (Telegram only: Zalo's Bot Platform has no groups).
    const groupPosts = createGroupWorker({
      prisma,
      channels,
      translations: core.translations,
      logger,
      instance: instanceName(),
      telegramUsername: () => telegram?.username(),
    });
    groupPosts.start();
    cleanups.push(() => groupPosts.stop());
    const reminders = createReminderWorker({
      prisma,
      config,
      channels,
      translations: core.translations,
      logger,
      instance: instanceName(),
    });
    // The admin web console, on the same HTTP server: /admin and everything under it.
    mountWebConsole(http, {
      prisma,
      config,
      logger,
      translations: core.translations,
      now,
      telegramUsername: () => telegram?.username(),
      reminderPreview: (from, to) => reminders.preview(from, to),
      extractPlan: async (document) =>
        (
          await draftPlan(prisma, {
            ...document,
            today: localDateAt(now(), config.defaultTimeZone),
            ocr: tesseractRunner(),
          })
        ).json,
    });
    // The minute tick writes what is due; this loop sends it, and takes over a dead instance's claims within seconds.
    reminders.start();
    cleanups.push(() => reminders.stop());
    const digestDays = [...config.reminders.calendar.workingDays].sort().join(',');
    const scheduler = startScheduler(
      [
        {
          // Every minute: what is due is found in the database, so a restart or a second instance loses and repeats nothing.
          name: 'reminders',
          schedule: '* * * * *',
          run: async (at) => metrics.reminderTick(await reminders.tick(at)),
        },
        {
          name: 'admin-digest',
          schedule: `${config.reminders.digestAtMinutes % 60} ${Math.floor(config.reminders.digestAtMinutes / 60)} * * ${digestDays}`,
          run: async (at) => {
            const today = localDateAt(at, config.defaultTimeZone);
            if (config.reminders.calendar.holidays.has(today)) return;
            await sendDigests({ prisma, channels, translations: core.translations, logger, today });
          },
        },
        {
          name: 'extend-recurring-windows',
          schedule: '5 0 * * *',
          run: async (at) => void (await ensureMaterializedThrough(prisma, localDateAt(at, config.defaultTimeZone))),
        },
        {
          name: 'forget-old-updates',
          schedule: '15 0 * * *',
          run: async (at) =>
            void (await pruneProcessedUpdates(prisma, new Date(at.getTime() - PROCESSED_UPDATE_DAYS * 86_400_000))),
        },
        {
          // After the pruning: PGlite has no autovacuum, and the ledger and queues are rewritten all day.
          name: 'vacuum-queues',
          schedule: '45 0 * * *',
          run: async () => vacuumChurningTables(prisma),
        },
      ],
      { timeZone: config.defaultTimeZone, logger },
    );
    cleanups.push(() => scheduler.stop());

    if (options.console) {
      const consoleChat = startConsoleChat({
        input: options.console.input as never,
        output: options.console.output as never,
        conversation,
        externalId: 'local',
        displayName: 'Console',
        operator: { cwd: options.console.cwd, run: runCommand },
        now,
      });
      cleanups.push(() => consoleChat.close());
    }
    if (!config.telegram) logger.info('TELEGRAM_BOT_TOKEN is not set: Telegram is off');
    if (!config.zalo) logger.info('ZALO_BOT_TOKEN is not set: Zalo is off');
    logger.info({ ...describeConfig(config), httpPort: http.port }, 'dondoc is running');
    return { httpPort: http.port, telegram, zalo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs the bot until SIGINT/SIGTERM; resolves with the process exit code. */
export async function runUntilSignalled(options: AppOptions): Promise<number> {
  const app = await startApp(options);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  options.logger.info('stopping');
  await app.stop();
  return 0;
}

/** The `dondoc` executable: parses the environment once, then runs the command here or in the running bot. */
export async function main(argv: string[], env: Environment, cwd: string): Promise<number> {
  const io: CliIO = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), cwd };
  let config: Config;
  try {
    const dotEnv = await readFile(path.join(cwd, '.env'), 'utf8').catch(() => undefined);
    config = createConfig(environmentWithDotEnv(env, dotEnv), cwd);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\nSee .env.example for every setting.\n`);
      return 2;
    }
    throw error;
  }
  const secrets = [
    config.telegram?.token,
    config.zalo?.token,
    config.telegram?.webhookSecret,
    config.zalo?.webhookSecret,
    config.metricsToken,
  ].filter((secret): secret is string => Boolean(secret));
  const wantsConsole = config.consoleChat === 'on' || (config.consoleChat === 'auto' && process.stdin.isTTY === true);
  // The console chat (the bot's, or `dondoc chat`) owns the terminal: log lines go to a file meanwhile.
  const chatInTerminal = (argv[0] === 'start' && wantsConsole) || argv[0] === 'chat';
  const output = logOutput({
    format: config.logFormat,
    consoleChat: chatInTerminal,
    dataDir: config.database.dataDir,
    terminal: process.stderr.isTTY === true,
  });
  if (output.notice && argv[0] === 'start') io.stderr(`${output.notice}\n`);
  const logger = createLogger({
    level: config.logLevel,
    secrets,
    destination: output.destination,
    messageContents: config.logMessageContents,
  });
  const runtime = createLocalRuntime({
    config,
    logger,
    terminal: {
      input: process.stdin,
      output: process.stdout,
      conversation: async (chat) => (await createChatCore({ ...chat, config })).conversation,
    },
    startBot: () =>
      runUntilSignalled({
        config,
        logger,
        ...(wantsConsole ? { console: { input: process.stdin, output: process.stdout, cwd } } : {}),
      }),
  });
  // A bot running on this data folder answers the command itself: asked first, so the command loads no database here.
  const local = new Set(['start', 'chat', '--help', '-h', 'help', '--version', '-V']);
  if (config.database.kind === 'embedded' && argv.length > 0 && !local.has(argv[0] ?? '') && !argv.includes('--help')) {
    const token = await readControlToken(config.database.dataDir).catch(() => undefined);
    if (token) {
      const forwarded = await runThroughInstance(
        await controlSocketAddress(config.database.dataDir),
        token,
        argv,
        io,
      ).catch((error: unknown) => (error instanceof InstanceUnreachableError ? undefined : Promise.reject(error)));
      if (forwarded !== undefined) return forwarded;
    }
  }
  try {
    return await runCli(argv, io, runtime);
  } catch (error) {
    if (error instanceof InstanceRunningError && config.database.kind === 'embedded') {
      if (argv[0] === 'start') {
        io.stderr(`${error.message}. Stop it first, or run commands such as "dondoc plan list" against it.\n`);
        return 1;
      }
      const token = await readControlToken(config.database.dataDir).catch((cause: Error) => cause);
      if (token instanceof Error) {
        io.stderr(`${token.message}\n`);
        return 1;
      }
      return runThroughInstance(await controlSocketAddress(config.database.dataDir), token, argv, io).catch(
        (cause: Error) => {
          io.stderr(
            `${error.message}, but it does not answer (${cause.message}). The data folder is not opened twice; try again when it is up or stopped.\n`,
          );
          return 1;
        },
      );
    }
    const known = describeKnownError(error);
    if (known) {
      io.stderr(`${known.message}\n`);
      return known.exitCode;
    }
    io.stderr(`dondoc failed: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

// `npm start` runs this file directly: start the bot. Importing it (tests, the CLI entry) does nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  main(args.length ? args : ['start'], process.env, process.cwd()).then(exitAfterOutput);
}

/**
 * Exits once stdout and stderr have handed everything to the OS: exiting at once cuts a large answer written
 * into a pipe (`dondoc plan extract x --json | jq` got 64 KiB), and waiting for the event loop to empty could
 * hang on a stray timer of a library.
 */
export async function exitAfterOutput(code: number): Promise<never> {
  const drained = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}
