// Account: this admin's sessions (each browser signed in), sign out here or everywhere else.
import { sessionsOf, signOutOthers } from '../../services/web-sessions.js';
import type { WebApp, WebDeps } from '../app.js';
import { formatInstant } from '../format.js';
import { h } from '../html.js';
import { csrfField, flash, page } from '../layout.js';

export function registerAccountPage(app: WebApp, deps: WebDeps): void {
  const { prisma } = deps;
  const policy = { idleMs: deps.config.web.sessionIdleMs, maxMs: deps.config.web.sessionMaxMs };
  const tz = deps.config.defaultTimeZone;

  app.get('/account', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const sessions = await sessionsOf(prisma, {
      officialId: admin.officialId,
      liveOnly: true,
      now: deps.now(),
      policy,
    });
    const done = c.req.query('signedOut');
    const body = h`${done !== undefined ? flash('ok', t('web-other-sessions-ended', { count: Number(done) || 0 })) : ''}
<div class="scroll"><table class="list"><thead><tr><th>#</th><th>${t('web-session-since')}</th><th>${t('web-session-last-seen')}</th><th>${t('web-session-browser')}</th><th></th></tr></thead><tbody>
${sessions.map((session) => h`<tr><td>${session.id}</td><td>${formatInstant(session.createdAt, tz)}</td><td>${formatInstant(session.lastSeenAt, tz)}</td><td>${session.userAgent ?? '—'}</td><td>${session.id === admin.sessionId ? h`<strong>${t('web-session-this')}</strong>` : ''}</td></tr>`)}
</tbody></table></div>
<form method="post" action="/admin/account/sign-out-others">${csrfField(admin.csrf)}<button type="submit">${t('web-sign-out-others')}</button></form>
<form method="post" action="/admin/logout">${csrfField(admin.csrf)}<button type="submit">${t('web-sign-out')}</button></form>`;
    return c.html(page(admin, { section: 'account', title: t('web-nav-account'), body }).value);
  });

  app.post('/account/sign-out-others', async (c) => {
    const admin = c.get('admin');
    const count = await signOutOthers(prisma, { sessionId: admin.sessionId, officialId: admin.officialId }, deps.now());
    return c.redirect(`/admin/account?signedOut=${count}`, 303);
  });
}
