import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn, startConsoleWorld, type ConsoleWorld } from '../support/web-console.js';

let world: ConsoleWorld;
let browser: Browser;
beforeAll(async () => {
  world = await startConsoleWorld('pglite', new Date('2012-08-20T03:00:00Z'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await world?.stop();
});
it('smoke', async () => {
  const admin = await world.register('TU-BTG', 'admin');
  const link = await world.loginLink(admin);
  const page = await signIn(await browser.newContext(), link);
  for (const path of ['/admin/', '/admin/officials', '/admin/notices', '/admin/reminders', '/admin/audit', '/admin/account', '/admin/plans']) {
    const r = await page.goto(world.base + path);
    console.log(path, r?.status(), (await page.textContent('h1')));
    await page.screenshot({ path: `/tmp/shot${path.replace(/\//g, '_')}.png`, fullPage: true });
  }
  expect(1).toBe(1);
}, 60_000);
