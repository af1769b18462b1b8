// Officials and invites: import the office's roster (XLSX/CSV) → one invite per official with its Telegram deep link,
// the code for Zalo and a QR code, printable per unit; the list of who has joined, on which platforms, their last
// message and whether they blocked the bot; block, unblock, promote, demote as in chat (changeOfficial).
import QRCode from 'qrcode';
import {
  changeOfficial,
  findOfficial,
  type OfficialChange,
  officialRoster,
  type RosterOfficial,
} from '../../db/officials.js';
import { listUnits, resolveUnit } from '../../db/units.js';
import type { Translate } from '../../i18n.js';
import { telegramStartLink } from '../../services/invites.js';
import { type CheckedRow, importRoster, type RowProblem, reissueRosterInvite } from '../../services/roster.js';
import type { WebApp, WebContext, WebDeps } from '../app.js';
import { formatInstant } from '../format.js';
import { idParam } from '../forms.js';
import { type Html, h, query, raw } from '../html.js';
import { csrfField, flash, page } from '../layout.js';
import { uploadedFile } from '../uploads.js';

const CHANGES: Record<string, OfficialChange> = {
  block: { status: 'blocked' },
  unblock: { status: 'active' },
  promote: { role: 'admin' },
  demote: { role: 'official' },
};

export function registerOfficialsPage(app: WebApp, deps: WebDeps): void {
  const { prisma } = deps;
  const tz = deps.config.defaultTimeZone;

  async function inviteCard(official: RosterOfficial, t: Translate): Promise<Html> {
    if (!official.invite) return h``;
    const username = deps.telegramUsername();
    const link = username ? telegramStartLink(username, official.invite.code) : undefined;
    const svg = await QRCode.toString(link ?? official.invite.code, {
      type: 'svg',
      margin: 1,
      width: 132,
      errorCorrectionLevel: 'M',
    });
    return h`<div class="invite-card">
  <div class="qr" role="img" aria-label="QR">${raw(svg)}</div>
  <div><strong>${official.name}</strong>${official.position ? h`<br><span class="muted">${official.position}</span>` : ''}<br>${official.unit.name}
  <br>${t('web-invite-code')}: <code class="invite-code">${official.invite.code}</code>
  ${link ? h`<br>Telegram: <a href="${link}" class="deep-link">${link}</a>` : h`<br><span class="muted">${t('web-invite-no-telegram')}</span>`}
  <br><span class="muted">${t('web-invite-zalo', { code: official.invite.code })}</span>
  <br><span class="muted">${t('web-invite-valid-until', { until: formatInstant(official.invite.expiresAt, tz) })}</span></div>
</div>`;
  }

  function problemText(t: Translate, problem: RowProblem): string {
    switch (problem.kind) {
      case 'missing-name':
        return t('web-roster-missing-name');
      case 'unknown-unit':
        return t('web-roster-unknown-unit', { unit: problem.unit || '—' });
      case 'duplicate':
        return t('web-roster-duplicate', { line: problem.of });
      case 'exists':
        return t('web-roster-exists', { id: problem.officialId });
      case 'bad-role':
        return t('web-roster-bad-role', { role: problem.role });
      case 'bad-phone':
        return t('web-roster-bad-phone', { phone: problem.phone });
    }
  }

  function rowsTable(t: Translate, rows: CheckedRow[]): Html {
    return h`<div class="scroll"><table class="list roster-check"><thead><tr><th>${t('web-row')}</th><th>${t('web-name')}</th><th>${t('web-unit')}</th><th>${t('web-position')}</th><th>${t('web-phone')}</th><th>${t('web-role')}</th><th>${t('web-problems')}</th></tr></thead><tbody>
${rows.map((row) => h`<tr class="${row.problems.length ? 'bad' : 'good'}"><td>${row.line}</td><td>${row.name}</td><td>${row.unitCode ?? row.unit}</td><td>${row.position}</td><td>${row.normalizedPhone ?? row.phone}</td><td>${row.normalizedRole ?? row.role}</td><td>${row.problems.length ? h`<ul>${row.problems.map((p) => h`<li>${problemText(t, p)}</li>`)}</ul>` : '✓'}</td></tr>`)}
</tbody></table></div>`;
  }

  function importForm(csrf: string, t: Translate): Html {
    return h`<form method="post" action="/admin/officials/roster" enctype="multipart/form-data" class="stack upload">
  ${csrfField(csrf)}
  <label>${t('web-roster-file')} <input type="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
  <p class="muted">${t('web-roster-help', { max: Math.round(deps.config.web.uploadMaxBytes / 1024 / 1024) })}</p>
  <button type="submit" class="primary">${t('web-roster-import')}</button>
</form>`;
  }

  async function listPage(c: WebContext, notice?: Html) {
    const admin = c.get('admin');
    const { t } = admin;
    const unitText = (c.req.query('unit') ?? '').trim().slice(0, 100);
    const joined = c.req.query('joined') ?? '';
    const resolved = unitText ? await resolveUnit(prisma, unitText) : undefined;
    const [officials, units] = await Promise.all([
      officialRoster(prisma, { ...(resolved ? { unitId: resolved.unit.id } : {}), now: deps.now() }),
      listUnits(prisma),
    ]);
    const shown = officials.filter(
      (o) => !joined || (joined === 'yes' ? o.accounts.length > 0 : o.accounts.length === 0),
    );
    const joinedCount = officials.filter((o) => o.accounts.length > 0).length;
    const unitsWithInvites = [
      ...new Set(officials.filter((o) => o.invite && o.accounts.length === 0).map((o) => o.unit.code)),
    ];
    const body = h`${notice ?? ''}
<section><h2>${t('web-roster-title')}</h2>${importForm(admin.csrf, t)}</section>
<section><h2>${t('web-officials-list')}</h2>
<form method="get" action="/admin/officials" class="filters">
  <label>${t('web-unit')} <input name="unit" list="unit-codes" value="${unitText}" autocomplete="off"></label>
  <datalist id="unit-codes">${units.map((unit) => h`<option value="${unit.code}">${unit.shortName ?? unit.name}</option>`)}</datalist>
  <label>${t('web-joined')} <select name="joined"><option value="">${t('web-all')}</option><option value="yes" ${joined === 'yes' ? 'selected' : ''}>${t('web-joined-yes')}</option><option value="no" ${joined === 'no' ? 'selected' : ''}>${t('web-joined-no')}</option></select></label>
  <button type="submit">${t('web-filter')}</button>
</form>
${unitText && !resolved ? flash('error', t('invite-unknown-unit', { unit: unitText })) : ''}
<p class="muted">${t('web-officials-joined-count', { joined: joinedCount, total: officials.length })}</p>
${unitsWithInvites.length ? h`<p>${t('web-invite-sheets')}: ${unitsWithInvites.map((code) => h`<a href="/admin/officials/invites${query({ unit: code })}">${code}</a> `)}</p>` : ''}
<div class="scroll"><table class="list officials"><thead><tr><th>#</th><th>${t('web-name')}</th><th>${t('web-unit')}</th><th>${t('web-position')}</th><th>${t('web-phone')}</th><th>${t('web-role')}</th><th>${t('web-joined')}</th><th>${t('web-last-message')}</th><th>${t('web-actions')}</th></tr></thead><tbody>
${shown.map((o) => officialRow(o, admin.csrf, t))}
</tbody></table></div></section>`;
    return c.html(page(admin, { section: 'officials', title: t('web-nav-officials'), body, wide: true }).value);
  }

  function officialRow(o: RosterOfficial, csrf: string, t: Translate): Html {
    const last = o.accounts.map((a) => a.lastMessageAt?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
    const button = (action: string) =>
      h`<form method="post" action="/admin/officials/${o.id}/change" class="inline">${csrfField(csrf)}<input type="hidden" name="action" value="${action}"><button type="submit" class="small">${t(`web-official-${action}`)}</button></form>`;
    return h`<tr data-official="${o.id}" class="${o.status === 'blocked' ? 'blocked' : ''}"><td>${o.id}</td><td>${o.name}</td><td>${o.unit.code}</td><td>${o.position ?? ''}</td><td>${o.phone ?? ''}</td><td>${o.role === 'admin' ? t('web-role-admin') : o.role === 'leader' ? t('web-role-leader') : t('web-role-official')}${o.status === 'blocked' ? h` <span class="badge s-blocked">${t('web-blocked')}</span>` : ''}</td>
<td class="joined">${
      o.accounts.length
        ? o.accounts.map(
            (a) =>
              h`<span class="platform ${a.active ? '' : 'unreachable'}" title="${formatInstant(a.linkedAt, tz)}">${a.channel}${a.active ? '' : h` (${t('web-bot-blocked')})`}</span> `,
          )
        : h`<span class="muted">${t('web-not-joined')}</span>${o.invite ? h` · <code>${o.invite.code}</code>` : ''}`
    }</td>
<td class="nowrap">${last ? formatInstant(new Date(last), tz) : '—'}</td>
<td class="actions">${o.status === 'blocked' ? button('unblock') : button('block')} ${o.role === 'admin' ? button('demote') : button('promote')}${
      o.accounts.length === 0
        ? h` <form method="post" action="/admin/officials/${o.id}/invite" class="inline">${csrfField(csrf)}<button type="submit" class="small">${t('web-invite-new')}</button></form>`
        : ''
    }</td></tr>`;
  }

  app.get('/officials', (c) => listPage(c));

  app.post('/officials/roster', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const upload = await uploadedFile(c, deps.config.web.uploadMaxBytes, ['xlsx', 'csv']);
    if ('refused' in upload) return listPage(c, flash('error', t(`web-upload-${upload.refused}`, upload.args)));
    const result = await importRoster(prisma, {
      bytes: upload.bytes,
      fileName: upload.name,
      actor: { officialId: admin.officialId, label: 'web' },
      now: deps.now(),
    });
    if (result.kind === 'problem')
      return listPage(
        c,
        flash(
          'error',
          t(`web-roster-${result.problem.kind}`, 'max' in result.problem ? { max: result.problem.max } : {}),
        ),
      );
    if (result.kind === 'rejected') {
      const bad = result.rows.filter((row) => row.problems.length > 0).length;
      const body = h`${flash('error', t('web-roster-rejected', { bad, total: result.rows.length }))}${rowsTable(t, result.rows)}<p><a href="/admin/officials">← ${t('web-nav-officials')}</a></p>`;
      return c.html(page(admin, { section: 'officials', title: t('web-roster-title'), body, wide: true }).value, 422);
    }
    const created = await officialRoster(prisma, {
      officialIds: result.officials.map((o) => o.officialId),
      now: deps.now(),
    });
    const cards = await Promise.all(created.map((official) => inviteCard(official, t)));
    const units = [...new Set(created.map((o) => o.unit.code))];
    const body = h`${flash('ok', t('web-roster-imported', { count: created.length }))}
<p>${t('web-invite-sheets')}: ${units.map((code) => h`<a href="/admin/officials/invites${query({ unit: code })}">${code}</a> `)}</p>
<div class="invite-grid">${cards}</div>`;
    return c.html(page(admin, { section: 'officials', title: t('web-roster-title'), body, wide: true }).value);
  });

  app.get('/officials/invites', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const unitText = (c.req.query('unit') ?? '').trim().slice(0, 100);
    const resolved = unitText ? await resolveUnit(prisma, unitText) : undefined;
    if (!resolved)
      return c.html(
        page(admin, {
          section: 'officials',
          title: t('web-invite-sheet'),
          body: flash('error', t('invite-unknown-unit', { unit: unitText || '—' })),
        }).value,
        404,
      );
    const officials = (await officialRoster(prisma, { unitId: resolved.unit.id, now: deps.now() })).filter(
      (o) => o.invite && o.accounts.length === 0,
    );
    const cards = await Promise.all(officials.map((official) => inviteCard(official, t)));
    const body = h`<p class="no-print">${t('web-invite-sheet-help')}</p>
<div class="invite-grid sheet">${cards.length ? cards : h`<p class="muted">${t('web-none')}</p>`}</div>`;
    return c.html(
      page(admin, {
        section: 'officials',
        title: `${t('web-invite-sheet')} — ${resolved.unit.shortName ?? resolved.unit.name} (${resolved.unit.code})`,
        body,
        print: true,
      }).value,
    );
  });

  app.post('/officials/:id/change', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const id = idParam(c.req.param('id'));
    const form = await c.req.parseBody({ all: true });
    const change = CHANGES[typeof form.action === 'string' ? form.action : ''];
    if (!id || !change) return listPage(c, flash('error', t('officials-usage')));
    const result = await changeOfficial(prisma, id, change, { officialId: admin.officialId, label: 'web' });
    return listPage(c, flash(result === 'changed' ? 'ok' : 'error', t(`officials-${result}`, { id })));
  });

  app.post('/officials/:id/invite', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const id = idParam(c.req.param('id'));
    const official = id ? await findOfficial(prisma, id) : undefined;
    if (!official || !id) return listPage(c, flash('error', t('officials-missing', { id: id ?? 0 })));
    const invite = await reissueRosterInvite(prisma, {
      official: { id, unitId: official.unit.id, role: official.role },
      actor: { officialId: admin.officialId, label: 'web' },
      now: deps.now(),
    });
    return listPage(c, flash('ok', t('web-invite-created', { code: invite.code, name: official.name })));
  });
}
