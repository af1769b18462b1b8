// The web console in a real browser (Debian's Chromium through playwright-core), on PGlite and PostgreSQL: sign-in
// with a link asked for in chat, a report tapped in chat shown in the matrix, the roster to a joined official, a notice
// sent from the page arriving in chat, a plan document reviewed, fixed, imported and asked about in chat.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.js';
import type { FakeUser, SentMessage } from '../support/fake-telegram.js';
import { waitUntil } from '../support/wait.js';
import { type ConsoleWorld, launchBrowser, signIn, startConsoleWorld } from '../support/web-console.js';

const kinds = await databaseKinds();
/** The bot's clock: mid-August 2012, while the Trà Vinh plan's district reviews are open. */
const NOW = new Date('2012-08-20T03:00:00Z');
const XSS_NAME = '<script>window.__xss = 1</script>Lê Văn B';
const XSS_NOTE = '<img src=x onerror="window.__xss = 2">Đã gửi báo cáo';
const CORPUS = 'tests/fixtures/corpus/0130-KH-UBND-a49ef8a0da1f62dd.txt';

type Button = { text: string; callback_data: string };
const buttons = (message: SentMessage | undefined): Button[] =>
  ((message?.replyMarkup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

/** Nothing typed or uploaded ran as a script, and no element came from user text. */
async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(await page.locator('main img').count()).toBe(0);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(kinds)('the web console on %s', (kind) => {
  let world: ConsoleWorld;
  let context: BrowserContext;
  let page: Page;
  let official: FakeUser;

  beforeAll(async () => {
    world = await startConsoleWorld(kind, NOW);
    context = await browser.newContext({ locale: 'vi-VN' });
  });
  afterAll(async () => {
    await context?.close();
    await world?.stop();
  });

  it('signs an admin in with the link /quantri gives in chat, in Vietnamese, and switches to English', async () => {
    const admin = await world.register('TU-VP', 'admin');
    const link = await world.loginLink(admin);
    expect(link.startsWith(`${world.base}/admin/login?token=`)).toBe(true);
    page = await signIn(context, link);
    expect(await page.textContent('h1')).toBe('Tổng quan');
    expect(await page.textContent('main')).toContain('15-KH/TU');
    await page.click('header button[lang="en"]');
    await page.waitForSelector('h1:text("Overview")');
    await page.click('header button[lang="vi"]');
    await page.waitForSelector('h1:text("Tổng quan")');
  });

  it('shows a report tapped in chat in the matrix, and the unit history with its note as text', async () => {
    official = await world.register('TU-BTG');
    const answer = await world.say(official, 'việc gì đến hạn tháng 9/2012');
    const choice = buttons(answer)[2] as Button;
    world.fake.pressButton(official, answer, choice.callback_data);
    const [details] = await world.fake.waitForSent((m) => m.chatId === official.id && m.messageId > answer.messageId);
    expect(details?.visible).toContain('Kiểm điểm ở cấp huyện');
    const done = buttons(details)[0] as Button;
    world.fake.pressButton(official, details as SentMessage, done.callback_data);
    await world.fake.waitForCalls('editMessageText', 1);
    await world.say(official, XSS_NOTE);
    const occurrenceId = done.callback_data.split(':')[1];

    await page.goto(`${world.base}/admin/?from=2012-09-01&to=2012-09-30&unit=TU-BTG`);
    const unitId = (
      await world.db.database.prisma.unit.findUniqueOrThrow({ where: { code: 'TU-BTG' }, select: { id: true } })
    ).id;
    const cell = page.locator(`a[data-cell][href="/admin/cell?o=${occurrenceId}&u=${unitId}"]`);
    expect(await cell.evaluate((a) => a.parentElement?.className)).toContain('s-done');
    // The four-way follow-up of the filtered matrix, and its rates.
    expect(await page.textContent('#follow-up')).toMatch(
      /Đúng hạn \d+ · Trễ hạn \d+ · Trong hạn \d+ · Quá hạn \d+ — Hoàn thành \d+% · đúng hạn \d+% · quá hạn \d+%/,
    );
    await cell.click();
    await page.waitForSelector('#cell-panel:not([hidden]) ol.history');
    const panel = await page.textContent('#cell-panel');
    expect(panel).toContain('Ban Tuyên giáo');
    expect(panel).toContain(XSS_NOTE);
    await expectInert(page);
    // The downloads carry the same picture.
    const csv = await page.evaluate(async () =>
      (await fetch('/admin/export.csv?from=2012-09-01&to=2012-09-30')).text(),
    );
    expect(csv).toContain('TU-BTG');
    const png = await page.evaluate(async () => {
      const response = await fetch('/admin/matrix.png?from=2012-09-01&to=2012-09-30');
      return { type: response.headers.get('content-type'), size: (await response.arrayBuffer()).byteLength };
    });
    expect(png.type).toBe('image/png');
    expect(png.size).toBeGreaterThan(1000);
  });

  it('imports a roster with invites; one official joins through Telegram and is shown as joined', async () => {
    await page.goto(`${world.base}/admin/officials`);
    // A roster with problems: nothing is written, every row's problem named.
    const before = await world.db.database.prisma.official.count();
    await page.setInputFiles('form.upload input[type=file]', {
      name: 'sai.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Họ và tên,Đơn vị,Chức vụ,Điện thoại,Quyền\nNguyễn Văn C,TU-BTG,Chuyên viên,0912345678,\nTrần Thị D,TU-KHONGCO,,,\nNguyễn Văn C,TU-BTG,,0912 345 678,\nPhạm E,TU-BTC,,12ab,sếp\n',
      ),
    });
    await page.click('form.upload button[type=submit]');
    await page.waitForSelector('table.roster-check');
    const rejected = await page.textContent('table.roster-check');
    expect(rejected).toContain('không có đơn vị "TU-KHONGCO"');
    expect(rejected).toContain('trùng với dòng 2');
    expect(rejected).toContain('số điện thoại "12ab" không hợp lệ');
    expect(rejected).toContain('quyền "sếp" không hợp lệ');
    expect(await world.db.database.prisma.official.count()).toBe(before);

    await page.goto(`${world.base}/admin/officials`);
    await page.setInputFiles('form.upload input[type=file]', {
      name: 'danh-sach.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `\uFEFFHọ và tên,Đơn vị,Chức vụ,Điện thoại,Quyền\n"${XSS_NAME.replace(/"/g, '""')}",TU-BTC,Chuyên viên,0912 345 678,cán bộ\nTrần Thị D,Ban Tuyên giáo,Phó trưởng ban,+84 913 000 111,\n`,
      ),
    });
    await page.click('form.upload button[type=submit]');
    await page.waitForSelector('.invite-card');
    expect(await page.locator('.invite-card').count()).toBe(2);
    expect(await page.textContent('main')).toContain(XSS_NAME);
    await expectInert(page);
    const card = page.locator('.invite-card', { hasText: 'Trần Thị D' });
    const code = (await card.locator('.invite-code').textContent()) ?? '';
    expect(await card.locator('a.deep-link').getAttribute('href')).toBe(`https://t.me/dondoc_test_bot?start=${code}`);
    expect(await card.locator('.qr svg').count()).toBe(1);

    // The printable sheet of the unit lists the one who has not joined.
    await page.goto(`${world.base}/admin/officials/invites?unit=TU-BTG`);
    expect(await page.locator('.invite-card').count()).toBe(1);

    const joining: FakeUser = { id: 7700 + kinds.indexOf(kind), first_name: 'Dung' };
    const welcome = await world.say(joining, `/start ${code}`);
    expect(welcome.visible).toContain('Đăng ký thành công');
    await page.goto(`${world.base}/admin/officials?unit=TU-BTG`);
    const row = page.locator('tr', { hasText: 'Trần Thị D' });
    expect(await row.locator('td.joined').textContent()).toContain('telegram');
    expect(await row.textContent()).toContain('Phó trưởng ban');
    expect(await row.textContent()).toContain('0913000111');
    const joined = await world.db.database.prisma.official.findMany({
      where: { name: 'Trần Thị D' },
      select: { accounts: { select: { externalId: true } } },
    });
    expect(joined).toEqual([{ accounts: [{ externalId: String(joining.id) }] }]);
  });

  it('sends a notice from the page: counts per platform, progress, and the message at the fake Telegram', async () => {
    await page.goto(`${world.base}/admin/notices`);
    await page.fill('textarea[name=text]', 'Họp giao ban 8 giờ thứ Hai <b>không</b> vắng');
    await page.selectOption('select[name=kind]', 'unit');
    await page.fill('input[name=target]', 'TU-BTG');
    await page.click('button:text("Xem trước và đếm người nhận")');
    await page.waitForSelector('#recipient-counts');
    expect(await page.textContent('[data-count="telegram"]')).toBe('2');
    expect(await page.textContent('[data-count="zalo"]')).toBe('0');
    await page.click('button:text("Gửi")');
    await page.waitForSelector('#progress [data-status="done"]', { timeout: 15_000 });
    const [arrived] = await world.fake.waitForSent(
      (m) => m.chatId === official.id && m.visible.includes('Họp giao ban'),
    );
    expect(arrived?.visible).toContain('<b>không</b> vắng');
  });

  it('reviews the Trà Vinh plan from its text: fixes a lead, survives a reload, imports with the diff, and chat answers from it', async () => {
    await page.goto(`${world.base}/admin/plans`);
    await page.setInputFiles('#plan-upload input[type=file]', 'plans/sources/tra-vinh-15-KH-TU-2012.txt');
    await page.click('#plan-upload button[type=submit]');
    await page.waitForURL(/\/admin\/plans\/drafts\/\d+$/);
    const row = page.locator('tr', { has: page.locator('input[name=key][value="iii.2-tiep-tuc-cung-co-to-chuc"]') });
    const lead = row.locator('input[name=lead]');
    expect(await lead.inputValue()).toBe('TU');
    expect(await lead.getAttribute('class')).toContain('uncertain');
    expect(await row.locator('td.source').textContent()).toContain('củng cố tổ chức');
    // A wrong code is refused at its field by the loader.
    await lead.fill('TU-KHONGCO');
    await lead.dispatchEvent('change');
    await row.locator('[data-save-status]').filter({ hasText: '✓' }).waitFor();
    await page.reload();
    expect(await row.locator('.field-error').textContent()).toContain('unknown unit code "TU-KHONGCO"');
    await lead.fill('TU-BTC');
    await lead.dispatchEvent('change');
    await row.locator('[data-save-status]').filter({ hasText: '✓' }).waitFor();
    await page.reload();
    expect(await lead.inputValue()).toBe('TU-BTC');
    expect(await page.textContent('.flash')).toContain('hợp lệ');

    await page.click('button:text("Nhập kế hoạch…")');
    await page.waitForSelector('#import-diff');
    const diff = await page.textContent('#import-diff');
    expect(diff).toContain('15-KH/TU: updated');
    expect(diff).toMatch(/Thêm \(\d+\)/);
    expect(diff).toMatch(/Xoá \(\d+\)|Ngừng/);
    await page.click('button:text("Xác nhận nhập")');
    await page.waitForSelector('.flash.ok');
    const audit = await world.db.database.prisma.auditLog.findFirst({
      where: { action: 'plan.import', actorLabel: 'web' },
      select: { actorId: true },
    });
    expect(audit?.actorId).not.toBeNull();

    const btc = await world.register('TU-BTC');
    const reply = await world.say(btc, 'Ban Tổ chức cần làm gì tháng 12/2012?');
    expect(reply.visible).toContain('Tiếp tục củng cố tổ chức');
  });

  it('imports a corpus plan as a new plan with its new units', async () => {
    await page.goto(`${world.base}/admin/plans`);
    await page.setInputFiles('#plan-upload input[type=file]', CORPUS);
    await page.click('#plan-upload button[type=submit]');
    await page.waitForURL(/\/admin\/plans\/drafts\/\d+$/);
    expect(await page.locator('tr[data-duty]').count()).toBeGreaterThan(20);
    expect(await page.textContent('main')).toContain('đơn vị mới');
    const yaml = await page.evaluate(async () =>
      (await fetch(`${(globalThis as unknown as { location: URL }).location.pathname}/draft.yaml`)).text(),
    );
    expect(yaml).toContain('format: dondoc-plan/1');
    await page.click('button:text("Nhập kế hoạch…")');
    await page.waitForSelector('#import-diff');
    expect(await page.textContent('#import-diff')).toContain('created');
    await page.click('button:text("Xác nhận nhập")');
    await page.waitForSelector('.flash.ok');
    const code = (await page.textContent('.flash.ok'))?.match(/kế hoạch (\S+)\./)?.[1];
    expect(code).toBeTruthy();
    await waitUntil(async () => (await world.db.database.prisma.plan.count({ where: { code } })) === 1);
  });

  it('pasted plan text with markup shows as text; a wrong-type and an oversized upload are refused with a message', async () => {
    const script = '<script>window.__xss = 3</script>';
    const text = readFileSync(CORPUS, 'utf8').replace('Sở Y tế chủ trì', `Sở Y tế ${script} chủ trì`);
    expect(text).toContain(script);
    await page.goto(`${world.base}/admin/plans`);
    await page.fill('#plan-upload textarea[name=text]', text);
    await page.click('#plan-upload button[type=submit]');
    await page.waitForURL(/\/admin\/plans\/drafts\/\d+$/);
    expect(await page.textContent('main')).toContain(script);
    await expectInert(page);

    await page.goto(`${world.base}/admin/plans`);
    await page.setInputFiles('#plan-upload input[type=file]', {
      name: 'virus.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('MZ\u0000\u0000'),
    });
    await page.click('#plan-upload button[type=submit]');
    expect(await page.textContent('.flash.error')).toContain('chỉ nhận .txt, .docx, .pdf');
    await page.setInputFiles('#plan-upload input[type=file]', {
      name: 'giả.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from('not a zip at all'),
    });
    await page.click('#plan-upload button[type=submit]');
    expect(await page.textContent('.flash.error')).toContain('giả.docx');
    await page.setInputFiles('#plan-upload input[type=file]', {
      name: 'lon.txt',
      mimeType: 'text/plain',
      buffer: Buffer.alloc(2 * 1024 * 1024, 'a'),
    });
    await page.click('#plan-upload button[type=submit]');
    await page.waitForSelector('text=Tệp quá lớn');
  });

  it('logs neither a sign-in token nor a session id', async () => {
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'dondoc_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(session?.path).toBe('/admin');
    const all = world.logs.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(session?.value);
    expect(all).not.toMatch(/token=[\w-]{20,}/);
  });
});
