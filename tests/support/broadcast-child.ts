// A dondoc instance in its own process sending broadcast deliveries against PostgreSQL, to be killed mid-run.
// argv[2] is JSON: { schema, apiRoot, token }. It prints "STARTED" and then sends until killed.
import { createBroadcastWorker } from '../../src/broadcasts/worker.js';
import { createTelegramChannel } from '../../src/channels/telegram/bot.js';
import { createConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/database.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { accountReachability } from '../../src/services/accounts.js';
import { POSTGRES_URL } from './databases.js';

const options = JSON.parse(process.argv[2] ?? '{}') as { schema: string; apiRoot: string; token: string };
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
  pushPerSecond: 300,
  receive: false,
});
await telegram.ready;
const worker = createBroadcastWorker({
  prisma: database.prisma,
  channels: { telegram },
  translations,
  logger,
  instance: `child-${process.pid}`,
  idleMs: 50,
});
process.stdout.write('STARTED\n');
worker.start();
