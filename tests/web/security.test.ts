// The web console's safety over plain HTTP, on PGlite and PostgreSQL: no session → the sign-in page; links used once,
// for 10 minutes, by admins only; the role read again on every request; CSRF on every state change; headers; uploads
// bounded; sessions revocable from the page and the CLI; the Secure cookie behind https; no token in any log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { CliRuntime } from '../../src/cli/runtime.js';
import { createConfig } from '../../src/config.js';
import { changeOfficial } from '../../src/db/officials.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { issueLoginLink } from '../../src/services/web-sessions.js';
import { createWebApp } from '../../src/web/app.js';
import { databaseKinds } from '../support/databases.js';
import type { FakeUser } from '../support/fake-telegram.js';
import { type ConsoleWorld, startConsoleWorld } from '../support/web-console.js';

const NOW = new Date('2012-08-20T03:00:00Z');

describe.each(await databaseKinds())('web console safety on %s', (kind) => {
  let world: ConsoleWorld;
  let admin: FakeUser;
  let adminId: number;

  const get = (path: string, cookie?: string) =>
    fetch(`${world.base}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const post = (path: string, body: Record<string, string>, cookie?: string, headers: Record<string, string> = {}) =>
    fetch(`${world.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...headers },
      body: new URLSearchParams(body).toString(),
    });
  const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
  /** Uses a link; the session cookie ("dondoc_session=…") and the raw Set-Cookie header. */
  async function signIn(link: string): Promise<{ cookie: string; header: string }> {
    const response = await post('/admin/login', { token: tokenOf(link) });
    expect(response.status).toBe(303);
    const header = response.headers.get('set-cookie') ?? '';
    return { cookie: header.split(';')[0] ?? '', header };
  }
  async function csrfOf(cookie: string): Promise<string> {
    const html = await (await get('/admin/account', cookie)).text();
    return html.match(/name="csrf-token" content="([^"]+)"/)?.[1] ?? '';
  }

  beforeAll(async () => {
    world = await startConsoleWorld(kind, NOW);
    admin = await world.register('TU-VP', 'admin');
    adminId = (
      await world.db.database.prisma.channelAccount.findUniqueOrThrow({
        where: { channel_externalId: { channel: 'telegram', externalId: String(admin.id) } },
        select: { officialId: true },
      })
    ).officialId;
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('answers without a session with the sign-in page, and only that', async () => {
    for (const path of ['/admin', '/admin/', '/admin/officials', '/admin/export.csv', '/admin/cell?o=1&u=1']) {
      const response = await get(path);
      expect(response.status, path).toBe(401);
      const html = await response.text();
      expect(html).toContain('Bạn chưa đăng nhập');
      expect(html).not.toContain('15-KH/TU');
    }
    expect((await post('/admin/logout', {})).status).toBe(401);
    expect((await get('/admin/', 'dondoc_session=forged-value-that-is-not-a-token')).status).toBe(401);
  });

  it('signs in once per link: the cookie is HttpOnly, SameSite=Lax, Path=/admin; a second use and an old link are refused', async () => {
    const link = await world.loginLink(admin);
    const page = await get(`/admin/login?token=${tokenOf(link)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Đăng nhập với tư cách');
    const { cookie, header } = await signIn(link);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Path=\/admin/);
    expect(header).not.toMatch(/Secure/i);
    expect((await get('/admin/', cookie)).status).toBe(200);

    const again = await post('/admin/login', { token: tokenOf(link) });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('đã được dùng');
    expect((await get(`/admin/login?token=${tokenOf(link)}`)).status).toBe(410);

    const late = await world.loginLink(admin);
    world.setNow(new Date(NOW.getTime() + 11 * 60_000));
    try {
      const expired = await post('/admin/login', { token: tokenOf(late) });
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('hết hạn');
    } finally {
      world.setNow(NOW);
    }
    expect((await post('/admin/login', { token: 'x'.repeat(43) })).status).toBe(410);
  });

  it('refuses officials who are not admins: no link in chat, a link of a demoted admin, a session of one', async () => {
    const official = await world.register('TU-BTG');
    const reply = await world.say(official, '/quantri');
    expect(reply.visible).not.toContain('/admin/login');
    expect(
      await world.db.database.prisma.webLoginLink.count({ where: { via: 'telegram', official: { role: 'official' } } }),
    ).toBe(0);

    const second = await world.register('TU-BTC', 'admin');
    const secondId = (
      await world.db.database.prisma.channelAccount.findUniqueOrThrow({
        where: { channel_externalId: { channel: 'telegram', externalId: String(second.id) } },
        select: { officialId: true },
      })
    ).officialId;
    const link = await world.loginLink(second);
    const signedIn = await signIn(await world.loginLink(second));
    await changeOfficial(world.db.database.prisma, secondId, { role: 'official' }, { label: 'test' });
    const refused = await post('/admin/login', { token: tokenOf(link) });
    expect(refused.status).toBe(403);
    // The role is read on every request: the open session is refused at once.
    const page = await get('/admin/', signedIn.cookie);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain('15-KH/TU');
  });

  it('refuses every state change without the session CSRF token', async () => {
    const { cookie } = await signIn(await world.loginLink(admin));
    const csrf = await csrfOf(cookie);
    expect(csrf).toMatch(/^[\w-]{40,}$/);
    expect((await post('/admin/language', { language: 'en' }, cookie)).status).toBe(403);
    const wrong = await post('/admin/language', { language: 'en', _csrf: `${csrf.slice(0, -2)}xx` }, cookie);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('CSRF');
    const form = new FormData();
    form.set('file', new Blob(['Họ và tên,Đơn vị\nA,TU-BTG\n']), 'a.csv');
    const multipart = await fetch(`${world.base}/admin/officials/roster`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
    expect(multipart.status).toBe(403);
    expect(await world.db.database.prisma.official.count({ where: { name: 'A' } })).toBe(0);
    // With it (a form field or the header the page's script sends) the same requests go through.
    expect((await post('/admin/language', { language: 'vi', _csrf: csrf }, cookie)).status).toBe(303);
    expect((await post('/admin/language', { language: 'vi' }, cookie, { 'x-csrf-token': csrf })).status).toBe(303);
    // Another session's token is not this one's.
    const other = await signIn(await world.loginLink(admin));
    expect((await post('/admin/language', { language: 'vi', _csrf: csrf }, other.cookie)).status).toBe(403);
  });

  it('sends the security headers and keeps pages out of caches', async () => {
    const { cookie } = await signIn(await world.loginLink(admin));
    for (const path of ['/admin/', '/admin/login?token=nope', '/admin/officials']) {
      const response = await get(path, cookie);
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const asset = await get('/admin/assets/console.js');
    expect(asset.status).toBe(200);
    expect(await asset.text()).not.toContain('eval(');
    expect((await get('/admin/assets/..%2Fapp.ts')).status).toBe(404);
  });

  it('refuses an oversized and a wrong-type upload with a message', async () => {
    const { cookie } = await signIn(await world.loginLink(admin));
    const csrf = await csrfOf(cookie);
    const upload = (name: string, bytes: Uint8Array | string) => {
      const form = new FormData();
      form.set('_csrf', csrf);
      form.set('file', new Blob([bytes]), name);
      return fetch(`${world.base}/admin/officials/roster`, { method: 'POST', headers: { cookie }, body: form });
    };
    const big = await upload('lon.csv', new Uint8Array(2 * 1024 * 1024).fill(65));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('tối đa 1 MB');
    const exe = await upload('danh-sach.exe', 'MZ');
    expect(await exe.text()).toContain('chỉ nhận .xlsx, .csv');
    const fakeXlsx = await upload('danh-sach.xlsx', 'Họ và tên,Đơn vị\n');
    expect(await fakeXlsx.text()).toContain('danh-sach.xlsx');
  });

  it('signs out here and elsewhere from the page, and from the CLI: dondoc admin link|sessions|revoke', async () => {
    const first = await signIn(await world.loginLink(admin));
    const second = await signIn(await world.loginLink(admin));
    const csrf = await csrfOf(first.cookie);
    const others = await post('/admin/account/sign-out-others', { _csrf: csrf }, first.cookie);
    expect(others.status).toBe(303);
    expect((await get('/admin/', second.cookie)).status).toBe(401);
    expect((await get('/admin/', first.cookie)).status).toBe(200);
    expect((await post('/admin/logout', { _csrf: csrf }, first.cookie)).status).toBe(200);
    expect((await get('/admin/', first.cookie)).status).toBe(401);

    let out = '';
    let err = '';
    const io = {
      stdout: (text: string) => {
        out += text;
      },
      stderr: (text: string) => {
        err += text;
      },
      cwd: '.',
    };
    const runtime: CliRuntime = {
      config: world.config,
      now: world.now,
      logger: createLogger({ level: 'silent' }),
      withDatabase: (use) => use(world.db.database),
    };
    expect(await runCli(['admin', 'link', '--official', String(adminId), '--json'], io, runtime)).toBe(0);
    const { url } = JSON.parse(out) as { url: string };
    expect(url.startsWith(`${world.base}/admin/login?token=`)).toBe(true);
    const viaCli = await signIn(url);
    out = '';
    expect(await runCli(['admin', 'sessions', '--json'], io, runtime)).toBe(0);
    const sessions = JSON.parse(out) as { id: number; officialId: number }[];
    expect(sessions.some((session) => session.officialId === adminId)).toBe(true);
    out = '';
    expect(await runCli(['admin', 'revoke', '--official', String(adminId)], io, runtime)).toBe(0);
    expect(out).toMatch(/Signed out [1-9]\d* session/);
    expect((await get('/admin/', viaCli.cookie)).status).toBe(401);
    expect(await runCli(['admin', 'link', '--official', '999999'], io, runtime)).toBe(1);
    expect(err).toContain('not an active admin');
    const revoked = await world.db.database.prisma.auditLog.count({ where: { action: 'web.sessions-revoked' } });
    expect(revoked).toBeGreaterThanOrEqual(2);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const config = createConfig({ PUBLIC_BASE_URL: 'https://dondoc.example.gov.vn' });
    const app = createWebApp({
      prisma: world.db.database.prisma,
      config,
      logger: createLogger({ level: 'silent' }),
      translations: await loadTranslations(),
      now: world.now,
      telegramUsername: () => undefined,
      reminderPreview: async () => [],
      extractPlan: async () => {
        throw new Error('unused');
      },
    });
    const link = await issueLoginLink(world.db.database.prisma, {
      officialId: adminId,
      publicBaseUrl: config.web.publicBaseUrl,
      via: 'test',
      actor: { label: 'test' },
      now: world.now(),
    });
    if (link.kind !== 'created') throw new Error('no link');
    expect(link.url.startsWith('https://dondoc.example.gov.vn/admin/login?token=')).toBe(true);
    const response = await app.request('/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokenOf(link.url) }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/i);
  });

  it('stores only hashes and logs no token or session id', async () => {
    const link = await world.loginLink(admin);
    const { cookie } = await signIn(link);
    const token = tokenOf(link);
    const session = cookie.split('=')[1] ?? '';
    const rows = await world.db.database.prisma.webLoginLink.findMany({ select: { tokenHash: true } });
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash) && row.tokenHash !== token)).toBe(true);
    const sessions = await world.db.database.prisma.webSession.findMany({ select: { idHash: true } });
    expect(sessions.some((row) => row.idHash === session)).toBe(false);
    // An error while a token is in the URL: logged with the path only.
    await get(`/admin/login?token=${token}&x=%E0%A4%A`, cookie);
    const logs = world.logs.join('');
    expect(logs).toContain('web console');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(session);
  });
});
