// Audit log: every admin action (chat, CLI and this console), filterable by action, actor, words and dates.
import { listAudit } from '../../db/audit.js';
import { addDays, toUtcMidnight } from '../../domain/dates.js';
import type { WebApp, WebDeps } from '../app.js';
import { formatInstant } from '../format.js';
import { dateParam, idParam, intParam } from '../forms.js';
import { h, query } from '../html.js';
import { page } from '../layout.js';

const PAGE = 50;

export function registerAuditPage(app: WebApp, deps: WebDeps): void {
  const tz = deps.config.defaultTimeZone;
  app.get('/audit', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const q = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 100);
    const from = dateParam(q('from'));
    const to = dateParam(q('to'));
    const actorId = idParam(q('actor'));
    const offset = intParam(q('offset'));
    const { rows, total, actions } = await listAudit(
      deps.prisma,
      {
        ...(q('action') ? { action: q('action') } : {}),
        ...(actorId ? { actorId } : {}),
        ...(q('q') ? { text: q('q') } : {}),
        // Whole days: from the start of `from` to the end of `to` (UTC midnights, a day either side at worst).
        ...(from ? { from: toUtcMidnight(from) } : {}),
        ...(to ? { to: toUtcMidnight(addDays(to, 1)) } : {}),
      },
      { offset, limit: PAGE },
    );
    const base = { action: q('action'), actor: q('actor'), q: q('q'), from: q('from'), to: q('to') };
    const body = h`<form method="get" action="/admin/audit" class="filters">
  <label>${t('web-audit-action')} <select name="action"><option value="">${t('web-all')}</option>${actions.map((action) => h`<option value="${action}" ${action === q('action') ? 'selected' : ''}>${action}</option>`)}</select></label>
  <label>${t('web-audit-actor')} <input name="actor" value="${q('actor')}" size="5" inputmode="numeric"></label>
  <label>${t('web-audit-words')} <input name="q" value="${q('q')}"></label>
  <label>${t('web-from')} <input type="date" name="from" value="${q('from')}"></label>
  <label>${t('web-to')} <input type="date" name="to" value="${q('to')}"></label>
  <button type="submit">${t('web-filter')}</button>
</form>
<p class="muted">${t('web-audit-count', { count: total })}</p>
<div class="scroll"><table class="list audit"><thead><tr><th>${t('web-audit-at')}</th><th>${t('web-audit-actor')}</th><th>${t('web-audit-action')}</th><th>${t('web-audit-target')}</th><th>${t('web-audit-details')}</th></tr></thead><tbody>
${rows.map((row) => h`<tr><td class="nowrap">${formatInstant(row.at, tz)}</td><td>${row.actorId ? h`<a href="/admin/audit${query({ ...base, actor: row.actorId, offset: undefined })}">${row.actorName ?? `#${row.actorId}`}</a>` : ''} <span class="muted">${row.actorLabel}</span></td><td>${row.action}</td><td>${row.target ?? ''}</td><td><code>${row.details === null || row.details === undefined ? '' : JSON.stringify(row.details).slice(0, 300)}</code></td></tr>`)}
</tbody></table></div>
<p class="pager">${offset > 0 ? h`<a href="/admin/audit${query({ ...base, offset: Math.max(0, offset - PAGE) })}">← ${t('web-newer')}</a>` : ''} ${offset + PAGE < total ? h`<a href="/admin/audit${query({ ...base, offset: offset + PAGE })}">${t('web-older')} →</a>` : ''}</p>`;
    return c.html(page(admin, { section: 'audit', title: t('web-nav-audit'), body, wide: true }).value);
  });
}
