// Notices: write one, choose the audience, see the recipients per platform (a draft, as in chat), send it, watch the
// progress (polled), cancel. The same services as /thongbao: draftNotice, decideDraft, cancelBroadcast.
import { type BroadcastProgress, broadcastProgress, cancelBroadcast, listBroadcasts } from '../../db/broadcasts.js';
import { listLevels } from '../../db/levels.js';
import { listUnits } from '../../db/units.js';
import { formatAudience, parseAudience } from '../../domain/audience.js';
import type { Translate } from '../../i18n.js';
import { decideDraft, draftNotice, MAX_NOTICE_LENGTH, type NoticeProblem } from '../../services/notices.js';
import { field, type WebApp, type WebDeps } from '../app.js';
import { formatInstant } from '../format.js';
import { idParam } from '../forms.js';
import { type Html, h } from '../html.js';
import { csrfField, flash, page } from '../layout.js';

const KINDS = ['all', 'unit', 'level', 'duty'] as const;

export function registerNoticesPage(app: WebApp, deps: WebDeps): void {
  const { prisma } = deps;
  const tz = deps.config.defaultTimeZone;

  async function composeForm(
    csrf: string,
    t: Translate,
    language: 'vi' | 'en',
    values: { text: string; kind: string; target: string },
    problem?: Html,
  ) {
    const [units, levels] = await Promise.all([listUnits(prisma), listLevels(prisma)]);
    return h`${problem ?? ''}<form method="post" action="/admin/notices/preview" class="stack">
  ${csrfField(csrf)}
  <label>${t('web-notice-text', { max: MAX_NOTICE_LENGTH })}<textarea name="text" rows="6" maxlength="${MAX_NOTICE_LENGTH}" required>${values.text}</textarea></label>
  <fieldset><legend>${t('web-notice-audience')}</legend>
    <label>${t('web-notice-kind')} <select name="kind">${KINDS.map((kind) => h`<option value="${kind}" ${kind === values.kind ? 'selected' : ''}>${t(`web-audience-${kind}`)}</option>`)}</select></label>
    <label>${t('web-notice-target')} <input name="target" value="${values.target}" list="audience-targets" autocomplete="off"></label>
    <datalist id="audience-targets">${units.map((unit) => h`<option value="${unit.code}">${unit.shortName ?? unit.name}</option>`)}${levels.map((level) => h`<option value="${level.key}">${language === 'en' ? level.name.en : level.name.vi}</option>`)}</datalist>
    <p class="muted">${t('web-notice-target-help')}</p>
  </fieldset>
  <button type="submit" class="primary">${t('web-notice-preview')}</button>
</form>`;
  }

  app.get('/notices', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const recent = await listBroadcasts(prisma, 20);
    const body = h`${await composeForm(admin.csrf, t, admin.language, { text: '', kind: 'all', target: '' })}
<section><h2>${t('web-notices-recent')}</h2>
${
  recent.length
    ? h`<div class="scroll"><table class="list"><thead><tr><th>#</th><th>${t('web-when')}</th><th>${t('web-notice-audience')}</th><th>${t('web-status')}</th><th>${t('web-progress')}</th><th>${t('web-notice-text-short')}</th></tr></thead><tbody>
${recent.map((b) => h`<tr><td><a href="/admin/notices/${b.id}">${b.id}</a></td><td class="nowrap">${formatInstant(b.createdAt, tz)}</td><td>${b.audience}</td><td>${b.status}</td><td>${b.sent}/${b.total}${b.failed ? ` (${b.failed} ✗)` : ''}</td><td>${b.text.slice(0, 80)}</td></tr>`)}
</tbody></table></div>`
    : h`<p class="muted">${t('web-none')}</p>`
}</section>`;
    return c.html(page(admin, { section: 'notices', title: t('web-nav-notices'), body }).value);
  });

  app.post('/notices/preview', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const form = await c.req.parseBody({ all: true });
    const values = { text: field(form, 'text'), kind: field(form, 'kind'), target: field(form, 'target') };
    const audienceText = values.kind === 'all' ? 'all' : `${values.kind}:${values.target}`;
    const audience = parseAudience(audienceText);
    const refuse = async (message: string) =>
      c.html(
        page(admin, {
          section: 'notices',
          title: t('web-nav-notices'),
          body: await composeForm(admin.csrf, t, admin.language, values, flash('error', message)),
        }).value,
        422,
      );
    if ('error' in audience || !KINDS.includes(values.kind as (typeof KINDS)[number]))
      return refuse(t('broadcast-bad-audience', { audience: audienceText }));
    const drafted = await draftNotice(prisma, { text: values.text, audience, authorId: admin.officialId });
    if ('problem' in drafted) return refuse(problemText(t, drafted.problem, formatAudience(audience)));
    const { draftId, count } = drafted;
    const body = h`<p>${t('broadcast-preview', { audience: formatAudience(audience), officials: count.officials, telegram: count.recipients.telegram, zalo: count.recipients.zalo })}</p>
<dl class="facts" id="recipient-counts"><dt>Telegram</dt><dd data-count="telegram">${count.recipients.telegram}</dd><dt>Zalo</dt><dd data-count="zalo">${count.recipients.zalo}</dd><dt>${t('web-officials-count')}</dt><dd>${count.officials}</dd></dl>
<blockquote class="notice-text">${values.text}</blockquote>
<div class="actions">
<form method="post" action="/admin/notices/${draftId}/send">${csrfField(admin.csrf)}<button type="submit" class="primary">${t('broadcast-send')}</button></form>
<form method="post" action="/admin/notices/${draftId}/discard">${csrfField(admin.csrf)}<button type="submit">${t('broadcast-discard')}</button></form>
</div>`;
    return c.html(page(admin, { section: 'notices', title: t('broadcast-preview-title'), body }).value);
  });

  for (const action of ['send', 'discard'] as const) {
    app.post(`/notices/:id/${action}`, async (c) => {
      const admin = c.get('admin');
      const id = idParam(c.req.param('id'));
      if (!id) return c.notFound();
      const decision = await decideDraft(
        prisma,
        { draftId: id, send: action === 'send', actor: { officialId: admin.officialId, label: 'web' } },
        deps.now(),
      );
      if (decision.kind === 'discarded') return c.redirect('/admin/notices', 303);
      if (decision.kind === 'not-yours') return c.notFound();
      return c.redirect(`/admin/notices/${id}`, 303);
    });
  }

  app.post('/notices/:id/cancel', async (c) => {
    const admin = c.get('admin');
    const id = idParam(c.req.param('id'));
    if (!id) return c.notFound();
    await cancelBroadcast(prisma, id, { officialId: admin.officialId, label: 'web' }, deps.now());
    return c.redirect(`/admin/notices/${id}`, 303);
  });

  app.get('/notices/:id/progress', async (c) => {
    const admin = c.get('admin');
    const id = idParam(c.req.param('id'));
    const progress = id ? await broadcastProgress(prisma, id) : undefined;
    if (!progress || progress.status === 'draft') return c.notFound();
    return c.html(progressHtml(progress, admin.t).value);
  });

  app.get('/notices/:id', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const id = idParam(c.req.param('id'));
    const progress = id ? await broadcastProgress(prisma, id) : undefined;
    if (!progress || progress.status === 'draft') return c.notFound();
    const live = progress.status === 'queued' || progress.status === 'sending';
    const body = h`<p>${t('web-notice-audience')}: <code>${progress.audience}</code> · ${formatInstant(progress.createdAt, tz)}</p>
<blockquote class="notice-text">${progress.text}</blockquote>
<div id="progress" ${live ? h`data-poll="/admin/notices/${progress.id}/progress" data-poll-ms="1500"` : ''}>${progressHtml(progress, t)}</div>
${live ? h`<form method="post" action="/admin/notices/${progress.id}/cancel">${csrfField(admin.csrf)}<button type="submit">${t('broadcast-cancel')}</button></form>` : ''}
<p><a href="/admin/notices">← ${t('web-nav-notices')}</a></p>`;
    return c.html(page(admin, { section: 'notices', title: t('web-notice-title', { id: progress.id }), body }).value);
  });
}

function progressHtml(progress: BroadcastProgress, t: Translate): Html {
  const done = progress.total
    ? Math.round(((progress.sent + progress.failed + progress.cancelled) / progress.total) * 100)
    : 100;
  return h`<p class="progress-line" data-status="${progress.status}"><strong>${t('web-status')}: ${progress.status}</strong> — ${t('broadcast-progress', { sent: progress.sent, failed: progress.failed, remaining: progress.remaining, total: progress.total })}</p>
<progress max="100" value="${done}">${done}%</progress>`;
}

function problemText(t: Translate, problem: NoticeProblem, audience: string): string {
  switch (problem.kind) {
    case 'empty':
      return t('web-notice-empty');
    case 'too-long':
      return t('broadcast-too-long', { max: problem.max, length: problem.length });
    case 'bad-audience':
      return t('broadcast-bad-audience', { audience });
  }
}
