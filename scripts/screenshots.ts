// `npm run screenshots`: every page of the web console in Chromium, written to docs/screenshots/*.png for the README.
// It runs the console on an in-memory PGlite with the demo plan, a few officials, reports and a notice (the same
// pieces as the browser tests: tests/support/web-console.ts), so a reader sees the console before installing it.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, signIn, startConsoleWorld } from '../tests/support/web-console.js';

const OUT = path.resolve('docs/screenshots');
const NOW = new Date('2012-09-20T03:00:00Z');

const world = await startConsoleWorld('pglite', NOW);
const browser = await launchBrowser();
try {
  await mkdir(OUT, { recursive: true });
  const admin = await world.register('TU-VP', 'admin', { first_name: 'Nguyễn Thị', last_name: 'Hoa' });
  // Some reports in chat, so the matrix has colours.
  for (const [unit, index, status, note] of [
    ['TU-BTG', 2, 0, 'Đã tổ chức hội nghị, gửi báo cáo.'],
    ['TU-BTC', 2, 1, 'Đang tổng hợp ý kiến góp ý.'],
    ['TU-UBKT', 0, 2, 'Chưa nhận đủ báo cáo của các huyện.'],
  ] as const) {
    const user = await world.register(unit);
    const answer = await world.say(user, 'việc gì đến hạn tháng 9/2012');
    const choices = (
      (answer.replyMarkup as { inline_keyboard?: { callback_data: string }[][] })?.inline_keyboard ?? []
    ).flat();
    const choice = choices[index];
    if (!choice) continue;
    world.fake.pressButton(user, answer, choice.callback_data);
    const [details] = await world.fake.waitForSent((m) => m.chatId === user.id && m.messageId > answer.messageId);
    const buttons = (
      (details?.replyMarkup as { inline_keyboard?: { callback_data: string }[][] })?.inline_keyboard ?? []
    ).flat();
    const press = buttons[status];
    if (!details || !press) continue;
    world.fake.pressButton(user, details, press.callback_data);
    await world.fake.waitForCalls('editMessageText', 1);
    await world.say(user, note);
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await signIn(context, await world.loginLink(admin));
  const shot = async (name: string, target: Page = page) => {
    await target.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: false });
    process.stdout.write(`docs/screenshots/${name}.png\n`);
  };
  await page.goto(`${world.base}/admin/?from=2012-07-01&to=2012-12-31`);
  await page.locator('td.c.s-done a').first().click();
  await page.waitForSelector('#cell-panel:not([hidden])');
  await page.locator('#matrix').scrollIntoViewIfNeeded();
  await shot('overview');
  await page.goto(`${world.base}/admin/plans`);
  await page.setInputFiles('#plan-upload input[type=file]', 'tests/fixtures/corpus/0130-KH-UBND-a49ef8a0da1f62dd.txt');
  await page.click('#plan-upload button[type=submit]');
  await page.waitForURL(/drafts\/\d+$/);
  await page.locator('table.review').scrollIntoViewIfNeeded();
  await shot('plan-review');
  await page.goto(`${world.base}/admin/officials`);
  await page.setInputFiles('form.upload input[type=file]', {
    name: 'danh-sach.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Họ và tên,Đơn vị,Chức vụ,Điện thoại,Quyền\nTrần Văn Minh,TU-BTG,Chuyên viên,0912 345 678,\nLê Thị Lan,TU-BTG,Phó Trưởng ban,0913 222 333,\nPhạm Quốc Huy,TU-BTC,Chuyên viên,0914 555 666,\n',
    ),
  });
  await page.click('form.upload button[type=submit]');
  await page.waitForSelector('.invite-card');
  await page.goto(`${world.base}/admin/officials`);
  await page.locator('table.officials').scrollIntoViewIfNeeded();
  await shot('officials');
  await page.goto(`${world.base}/admin/officials/invites?unit=TU-BTG`);
  await shot('invite-sheet');
  await page.goto(`${world.base}/admin/notices`);
  await page.fill('textarea[name=text]', 'Đề nghị các đơn vị gửi báo cáo kiểm điểm trước ngày 30/9/2012.');
  await page.selectOption('select[name=kind]', 'level');
  await page.fill('input[name=target]', 'province');
  await page.click('form.stack button[type=submit]');
  await page.waitForSelector('#recipient-counts');
  await shot('notice-preview');
  await page.click('button.primary');
  await page.waitForSelector('#progress [data-status="done"]', { timeout: 15_000 });
  await shot('notice-progress');
  await page.goto(`${world.base}/admin/reminders`);
  await shot('reminders');
  await page.goto(`${world.base}/admin/audit`);
  await shot('audit');
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'vi-VN' });
  const small = await signIn(phone, await world.loginLink(admin));
  await small.goto(`${world.base}/admin/?from=2012-07-01&to=2012-12-31`);
  await small.locator('#matrix').scrollIntoViewIfNeeded();
  await shot('phone-overview', small);
} finally {
  await browser.close();
  await world.stop();
}
process.exit(0);
