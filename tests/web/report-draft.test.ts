// The report draft from the web console, over plain HTTP on PGlite and PostgreSQL: the overview's form, the download
// as an attachment for a signed-in admin only (the role read again on the request), bad input answered and escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeOfficial } from '../../src/db/officials.js';
import { databaseKinds } from '../support/databases.js';
import { documentXml, paragraphs } from '../support/docx.js';
import { type ConsoleWorld, startConsoleWorld } from '../support/web-console.js';

const NOW = new Date('2012-12-20T03:00:00Z');

describe.each(await databaseKinds())('the report draft in the web console on %s', (kind) => {
  let world: ConsoleWorld;
  let cookie: string;

  const get = (path: string, withCookie?: string) =>
    fetch(`${world.base}${path}`, { redirect: 'manual', headers: withCookie ? { cookie: withCookie } : {} });
  async function signIn(link: string): Promise<string> {
    const response = await fetch(`${world.base}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: new URL(link).searchParams.get('token') ?? '' }).toString(),
    });
    expect(response.status).toBe(303);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  beforeAll(async () => {
    world = await startConsoleWorld(kind, NOW);
    cookie = await signIn(await world.loginLink(await world.register('TU-VP', 'admin')));
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('offers the draft on the overview, for the period the matrix shows', async () => {
    const html = await (await get('/admin/?from=2012-07-01&to=2012-12-31', cookie)).text();
    const form = /<form method="get" action="\/admin\/report-draft\.docx"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    expect(form).toContain('<option value="15-KH/TU" selected>15-KH/TU</option>');
    expect(form).toContain('name="period" value="2012-H2"');
    expect(form).toContain('Tải dự thảo (.docx)');
  });

  it('downloads the .docx as an attachment', async () => {
    const response = await get('/admin/report-draft.docx?plan=15-KH%2FTU&period=2012-H2', cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-15-KH-TU-2012-H2.docx"');
    const texts = paragraphs(documentXml(new Uint8Array(await response.arrayBuffer())));
    expect(texts).toContain('BÁO CÁO');
    expect(texts).toContain('(6 tháng cuối năm 2012)');
    expect(texts.join('\n')).toContain('Số liệu tính đến ngày 20/12/2012');
  });

  it('answers a bad period or an unknown plan with a page, escaped, and no file', async () => {
    const bad = await get(
      `/admin/report-draft.docx?plan=15-KH%2FTU&period=${encodeURIComponent('<script>x</script>')}`,
      cookie,
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await bad.text();
    expect(html).toContain('Kỳ báo cáo không hợp lệ');
    expect(html).not.toContain('<script>x');
    const unknown = await get(`/admin/report-draft.docx?plan=${encodeURIComponent('<b>99</b>')}&period=2012`, cookie);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toContain('<b>99</b>');
  });

  it('gives nothing without a session, nor to a session whose official is no longer an admin', async () => {
    const path = '/admin/report-draft.docx?plan=15-KH%2FTU&period=2012-H2';
    const anonymous = await get(path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-disposition')).toBeNull();
    const demoted = await world.register('TU-BTC', 'admin');
    const demotedCookie = await signIn(await world.loginLink(demoted));
    expect((await get(path, demotedCookie)).status).toBe(200);
    const account = await world.db.database.prisma.channelAccount.findUniqueOrThrow({
      where: { channel_externalId: { channel: 'telegram', externalId: String(demoted.id) } },
      select: { officialId: true },
    });
    await changeOfficial(world.db.database.prisma, account.officialId, { role: 'official' }, { label: 'test' });
    const refused = await get(path, demotedCookie);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-disposition')).toBeNull();
  });
});
