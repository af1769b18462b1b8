// A second dondoc instance in its own process: runs reminder ticks against PostgreSQL, for crash and concurrency tests.
// argv[2] is JSON: { schema, apiRoot, token, at, hangAfter? }. With hangAfter, the instance stops in the middle of
// sending (its next delivery never returns) and prints "HUNG" so the parent can kill it; otherwise it prints the tick.

import type { OutgoingChannel } from '../../src/channels/channel.js';
import { createTelegramChannel } from '../../src/channels/telegram/bot.js';
import { createConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/database.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { createReminderWorker } from '../../src/reminders/worker.js';
import { accountReachability } from '../../src/services/accounts.js';
import { POSTGRES_URL } from './databases.js';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  schema: string;
  apiRoot: string;
  token: string;
  at: string;
  hangAfter?: number;
  instance?: string;
  /** With it, the ledger's clock is `at` moved on by the real time since `epoch` (ms), as the parent's is. */
  epoch?: number;
};
const logger = createLogger({ level: process.env.CHILD_LOG_LEVEL ?? 'silent' });
const database = await connectDatabase(
  { connectionString: POSTGRES_URL, options: `-c search_path="${options.schema}"`, max: 3 },
  'server',
  { poolSize: 3, schema: options.schema },
);
const config = createConfig({ TELEGRAM_BOT_TOKEN: options.token, TELEGRAM_API_ROOT: options.apiRoot });
const translations = await loadTranslations();
const telegram = createTelegramChannel({
  config: config.telegram!,
  conversation: { handle: async () => [] },
  reachability: accountReachability(database.prisma, 'telegram'),
  translations,
  logger,
  pushPerSecond: 1000,
  receive: false,
});
await telegram.ready;
let delivered = 0;
const channel: OutgoingChannel = {
  name: 'telegram',
  async deliver(chatId, replies) {
    if (options.hangAfter !== undefined && delivered >= options.hangAfter) {
      process.stdout.write('HUNG\n');
      return new Promise(() => undefined);
    }
    delivered += 1;
    return telegram.deliver(chatId, replies);
  },
};
const worker = createReminderWorker({
  prisma: database.prisma,
  config,
  channels: { telegram: channel },
  translations,
  logger,
  instance: options.instance ?? `child-${process.pid}`,
});
const at = new Date(options.at).getTime() + (options.epoch === undefined ? 0 : Date.now() - options.epoch);
const result = await worker.tick(new Date(at));
process.stdout.write(`${JSON.stringify(result)}\n`);
await telegram.stop();
await database.close();
