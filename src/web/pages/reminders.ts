// Reminders: the policy in force (the settings and each plan's or duty's changes), what is due in the next two
// weeks (the worker's own planning, nothing sent), and the ledger: counts, sent and failed rows with their reasons.
import { loadPolicyOverrides, recentLedger, reminderCounts } from '../../db/reminders.js';
import { addDays, localDateAt } from '../../domain/dates.js';
import type { WebApp, WebDeps } from '../app.js';
import { formatInstant } from '../format.js';
import { h } from '../html.js';
import { page } from '../layout.js';

const AHEAD_DAYS = 14;
const SHOWN = 100;

export function registerRemindersPage(app: WebApp, deps: WebDeps): void {
  const { prisma } = deps;
  const tz = deps.config.defaultTimeZone;
  app.get('/reminders', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const today = localDateAt(deps.now(), tz);
    const [counts, overrides, upcoming, sent, failed] = await Promise.all([
      reminderCounts(prisma),
      loadPolicyOverrides(prisma),
      deps.reminderPreview(today, addDays(today, AHEAD_DAYS)),
      recentLedger(prisma, { states: ['sent'], limit: 30 }),
      recentLedger(prisma, { states: ['failed', 'cancelled'], limit: 50 }),
    ]);
    const policy = deps.config.reminders.policy;
    const list = (days: number[]) => (days.length ? days.join(', ') : '—');
    const yes = (value: boolean) => t(value ? 'web-yes' : 'web-no');
    const body = h`<section><h2>${t('web-reminders-policy')}</h2>
<dl class="facts">
  <dt>${t('web-reminders-before-open')}</dt><dd>${list(policy.beforeOpenDays)}</dd>
  <dt>${t('web-reminders-on-open')}</dt><dd>${yes(policy.onOpen)}</dd>
  <dt>${t('web-reminders-before-close')}</dt><dd>${list(policy.beforeCloseDays)}</dd>
  <dt>${t('web-reminders-overdue')}</dt><dd>${yes(policy.overdue)}</dd>
  <dt>${t('web-reminders-coordinating')}</dt><dd>${yes(policy.coordinating)}</dd>
</dl>
${overrides.size ? h`<h3>${t('web-reminders-overrides')}</h3><ul>${[...overrides].map(([scope, change]) => h`<li><code>${scope}</code>: <code>${JSON.stringify(change)}</code></li>`)}</ul>` : ''}
<p class="muted">${t('reminders-change')}</p></section>
<section><h2>${t('web-reminders-counts')}</h2>
<p>${t('reminders-counts', { pending: counts.pending ?? 0, sent: counts.sent ?? 0, failed: counts.failed ?? 0, cancelled: counts.cancelled ?? 0 })}</p></section>
<section><h2>${t('web-reminders-upcoming', { days: AHEAD_DAYS })}</h2>
${
  upcoming.length
    ? h`<div class="scroll"><table class="list"><thead><tr><th>${t('web-when')}</th><th>${t('web-official')}</th><th>${t('web-unit')}</th><th>${t('web-kind')}</th><th>${t('web-duty')}</th><th>${t('web-window')}</th><th>${t('web-platforms')}</th></tr></thead><tbody>
${upcoming.slice(0, SHOWN).map((row) => h`<tr><td class="nowrap">${row.at.slice(0, 16).replace('T', ' ')}</td><td>${row.official}</td><td>${row.unit}</td><td>${row.kind}</td><td>${row.dutyKey}</td><td class="nowrap">${row.windowStart} – ${row.windowEnd}</td><td>${row.channels.join(', ')}</td></tr>`)}
</tbody></table></div>${upcoming.length > SHOWN ? h`<p class="muted">${t('more-todo', { count: upcoming.length - SHOWN })}</p>` : ''}`
    : h`<p class="muted">${t('web-reminders-none-upcoming')}</p>`
}</section>
<section><h2>${t('web-reminders-failed')}</h2>
${failed.length ? ledgerTable(failed, true) : h`<p class="muted">${t('web-none')}</p>`}</section>
<section><h2>${t('web-reminders-sent')}</h2>
${sent.length ? ledgerTable(sent, false) : h`<p class="muted">${t('web-none')}</p>`}</section>`;

    function ledgerTable(rows: Awaited<ReturnType<typeof recentLedger>>, reasons: boolean) {
      return h`<div class="scroll"><table class="list"><thead><tr><th>${t('web-when')}</th><th>${t('web-official')}</th><th>${t('web-unit')}</th><th>${t('web-kind')}</th><th>${t('web-duty')}</th><th>${t('web-platforms')}</th>${reasons ? h`<th>${t('web-reason')}</th>` : ''}</tr></thead><tbody>
${rows.map((row) => h`<tr><td class="nowrap">${formatInstant(row.sentAt ?? row.dueAt, tz)}</td><td>${row.official}</td><td>${row.unit}</td><td>${row.kind}</td><td>${row.planCode} ${row.dutyKey}</td><td>${row.channelsSent.join(', ') || '—'}</td>${reasons ? h`<td>${row.state}: ${row.lastError ?? ''} (${row.attempts})</td>` : ''}</tr>`)}
</tbody></table></div>`;
    }
    return c.html(page(admin, { section: 'reminders', title: t('web-nav-reminders'), body, wide: true }).value);
  });
}
