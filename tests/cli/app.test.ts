// The bot's composition root in-process: start on an empty embedded database, serve health, stop cleanly.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig } from '../../src/config.js';
import { acquireDataDirLock } from '../../src/db/data-dir-lock.js';
import { createLogger } from '../../src/logger.js';
import { type RunningApp, startApp } from '../../src/main.js';
import { waitUntil } from '../support/wait.js';

// The console answers through the whole app (database, chat core) in the same process: give it time on a slow machine.
const CONSOLE_WAIT = { timeoutMs: 20_000 };

describe('startApp on an empty embedded database with no bot tokens', () => {
  let dir: string;
  let app: RunningApp;
  const consoleIn = new PassThrough();
  const consoleOut = new PassThrough();
  let consoleText = '';
  consoleOut.on('data', (chunk) => (consoleText += chunk));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-app-'));
    const config = createConfig({
      DONDOC_DATA_DIR: path.join(dir, 'data'),
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      METRICS_TOKEN: 'metrics-token-for-tests',
    });
    app = await startApp({
      config,
      logger: createLogger({ level: 'silent' }),
      now: () => new Date('2012-07-15T03:00:00Z'),
      console: { input: consoleIn, output: consoleOut, cwd: dir },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers the health check from the database', async () => {
    const response = await fetch(`http://127.0.0.1:${app.httpPort}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'embedded' });
    expect((await fetch(`http://127.0.0.1:${app.httpPort}/nope`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${app.httpPort}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('serves the web console on the same server: the sign-in page without a session, its own assets', async () => {
    const page = await fetch(`http://127.0.0.1:${app.httpPort}/admin/`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('/quantri');
    const css = await fetch(`http://127.0.0.1:${app.httpPort}/admin/assets/console.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('imported the demo plan and serves operator commands and the chat on the console', async () => {
    consoleIn.write('dondoc plan list\n');
    await waitUntil(() => consoleText.includes('15-KH/TU'), CONSOLE_WAIT);
    consoleIn.write('dondoc occurrences --from 2012-08-01 --to 2012-08-31\n');
    await waitUntil(() => consoleText.includes('2012-08-01 – 2012-09-30'), CONSOLE_WAIT);
    consoleIn.write('dondoc plan show "NO SUCH"\n');
    await waitUntil(() => consoleText.includes('No plan with code "NO SUCH"'), CONSOLE_WAIT);
    // Any other line is chat: the console user is not registered yet, so nothing is shown…
    consoleIn.write('viec gi den han thang 9/2012?\n');
    await waitUntil(() => consoleText.includes('Bạn chưa đăng ký'), CONSOLE_WAIT);
    expect(consoleText).not.toContain('Việc đến hạn');
    // …until an invite code made on the same console is typed; the app's clock says it is 15/07/2012.
    consoleIn.write('dondoc invite create --unit TU-BTG\n');
    await waitUntil(() => /([A-Z2-9]{8})\n {2}unit TU-BTG/.test(consoleText), CONSOLE_WAIT);
    const code = consoleText.match(/([A-Z2-9]{8})\n {2}unit TU-BTG/)?.[1];
    consoleIn.write(`${code}\n`);
    await waitUntil(() => consoleText.includes('Đăng ký thành công'), CONSOLE_WAIT);
    consoleIn.write('viec gi den han thang 9/2012?\n');
    await waitUntil(() => consoleText.includes('Việc đến hạn tháng 9/2012'), CONSOLE_WAIT);
  });

  it('says it is ready, and serves metrics to this machine or to the token', async () => {
    const ready = await fetch(`http://127.0.0.1:${app.httpPort}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok', migrations: 'applied', channels: {} });
    const metrics = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
    // The console questions of the test above went through the instrumented conversation.
    expect(metrics).toMatch(/^dondoc_updates_total\{channel="console",outcome="answered"\} [1-9]/m);
    expect(metrics).toMatch(/^dondoc_update_seconds_count\{channel="console"\} [1-9]/m);
    expect(metrics).toMatch(/^dondoc_db_pool_connections\{kind="total"\} 1$/m);
    expect(metrics).toContain('dondoc_process_resident_memory_bytes');
    // Through a proxy on this machine the request is someone else's: it needs the token.
    const proxied = { 'x-forwarded-for': '203.0.113.9' };
    expect((await fetch(`http://127.0.0.1:${app.httpPort}/metrics`, { headers: proxied })).status).toBe(401);
    const wrong = { ...proxied, authorization: 'Bearer nope-nope-nope-nope' };
    expect((await fetch(`http://127.0.0.1:${app.httpPort}/metrics`, { headers: wrong })).status).toBe(401);
    const right = { ...proxied, authorization: 'Bearer metrics-token-for-tests' };
    expect((await fetch(`http://127.0.0.1:${app.httpPort}/metrics`, { headers: right })).status).toBe(200);
  });

  it('holds the data folder until stopped', async () => {
    const second = await acquireDataDirLock(path.join(dir, 'data'));
    expect(second.acquired).toBe(false);
    await app.stop();
    const after = await acquireDataDirLock(path.join(dir, 'data'));
    expect(after.acquired).toBe(true);
    if (after.acquired) await after.lock.release();
  });
});

describe('startApp with Telegram and Zalo tokens', () => {
  it('runs both channels in one process, polling the configured API roots', async () => {
    const { startFakeTelegram } = await import('../support/fake-telegram.js');
    const { startFakeZalo } = await import('../support/fake-zalo.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-app-'));
    const telegram = await startFakeTelegram();
    const zalo = await startFakeZalo({ longPollMaxSeconds: 1 });
    const config = createConfig({
      DONDOC_DATA_DIR: path.join(dir, 'data'),
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_ROOT: zalo.apiRoot,
    });
    const app = await startApp({
      config,
      logger: createLogger({ level: 'silent' }),
      now: () => new Date('2012-07-15T03:00:00Z'),
    });
    try {
      await Promise.all([app.telegram?.ready, app.zalo?.ready]);
      telegram.sendText({ id: 42, first_name: 'An' }, '/start');
      zalo.sendText({ id: zalo.newId(), display_name: 'Bình' }, '/start');
      const [fromTelegram] = await telegram.waitForSent();
      const [fromZalo] = await zalo.waitForSent();
      expect(fromTelegram!.visible).toContain('mã mời');
      expect(fromZalo!.text).toContain('mã mời');
      // Both channels started: ready, and the Telegram send gate's 429 count is exported (none met here).
      const ready = await fetch(`http://127.0.0.1:${app.httpPort}/readyz`);
      expect(await ready.json()).toMatchObject({ status: 'ready', channels: { telegram: 'started', zalo: 'started' } });
      const metrics = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
      expect(metrics).toMatch(/^dondoc_rate_limited\{channel="telegram"\} 0$/m);
      expect(metrics).toMatch(/^dondoc_updates_total\{channel="telegram",outcome="answered"\} 1$/m);
    } finally {
      await app.stop();
      await telegram.close();
      await zalo.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
