// Plans: upload a document (.txt, .docx, .pdf) or paste its text → the extraction (dondoc-extract/2) as an editable
// table stored server-side: metadata, lead and coordinating units (autocomplete; new units proposed), windows and
// recurrence, the source passage beside each duty, uncertain fields marked; add, delete, merge; validated by the
// loader with problems at their fields; import with the CLI's dry-run diff and a confirmation; YAML download.
import { stringify } from 'yaml';
import { formatDate } from '../../ask/reply.js';
import { listLevels } from '../../db/levels.js';
import type { ImportSummary } from '../../db/plans.js';
import { listPlans } from '../../db/plans.js';
import { listUnits } from '../../db/units.js';
import { discardPlanDraft, listPlanDrafts } from '../../db/web.js';
import { DocumentError, documentErrorMessage } from '../../extract/document.js';
import type { Translate } from '../../i18n.js';
import {
  createDraftFromExtraction,
  type DraftEdit,
  type ExtractJson,
  editDraft,
  formatWindows,
  importDraft,
  loadDraft,
  planFileOf,
  type ReviewDraft,
  type ReviewDuty,
  type ReviewIssue,
  validateReview,
} from '../../services/plan-drafts.js';
import { field, type WebApp, type WebContext, type WebDeps } from '../app.js';
import { formatInstant } from '../format.js';
import { idParam } from '../forms.js';
import { type Html, h } from '../html.js';
import { csrfField, flash, page } from '../layout.js';
import { uploadedFile } from '../uploads.js';

export type PlanExtractor = (input: { bytes: Uint8Array; name: string }) => Promise<ExtractJson>;

const MAX_PASTE = 2_000_000;
const DUTY_FIELDS = ['key', 'ref', 'title', 'source', 'lead', 'support', 'windows'] as const;
const PLAN_FIELDS = ['code', 'title', 'issuer', 'place', 'issuedOn'] as const;

export function registerPlansPage(app: WebApp, deps: WebDeps): void {
  const { prisma } = deps;
  const tz = deps.config.defaultTimeZone;

  async function listPage(c: WebContext, notice?: Html, status = 200) {
    const admin = c.get('admin');
    const { t } = admin;
    const [drafts, plans] = await Promise.all([listPlanDrafts(prisma), listPlans(prisma)]);
    const max = Math.round(deps.config.web.uploadMaxBytes / 1024 / 1024);
    const body = h`${notice ?? ''}
<section><h2>${t('web-plans-new')}</h2>
<form method="post" action="/admin/plans/extract" enctype="multipart/form-data" class="stack upload" id="plan-upload">
  ${csrfField(admin.csrf)}
  <label>${t('web-plans-file', { max })} <input type="file" name="file" accept=".txt,.docx,.pdf,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"></label>
  <label>${t('web-plans-paste')} <textarea name="text" rows="5"></textarea></label>
  <button type="submit" class="primary">${t('web-plans-extract')}</button>
</form></section>
<section><h2>${t('web-plans-drafts')}</h2>
${
  drafts.length
    ? h`<div class="scroll"><table class="list"><thead><tr><th>#</th><th>${t('web-plans-draft-name')}</th><th>${t('web-plan-code')}</th><th>${t('web-plans-updated')}</th><th></th></tr></thead><tbody>
${drafts.map((d) => h`<tr><td>${d.id}</td><td><a href="/admin/plans/drafts/${d.id}">${d.name}</a></td><td>${(d.content as ReviewDraft | null)?.plan?.code ?? ''}</td><td>${formatInstant(d.updatedAt, tz)} · ${d.updatedBy ?? ''}</td><td><a href="/admin/plans/drafts/${d.id}/draft.yaml">YAML</a></td></tr>`)}
</tbody></table></div>`
    : h`<p class="muted">${t('web-none')}</p>`
}</section>
<section><h2>${t('web-plans-stored')}</h2>
<ul>${plans.map((plan) => h`<li><strong>${plan.code}</strong> — ${plan.title} <span class="muted">(${plan.duties} · ${formatDate(plan.issuedOn)})</span></li>`)}</ul></section>`;
    return c.html(page(admin, { section: 'plans', title: t('web-nav-plans'), body }).value, status as 200);
  }

  app.get('/plans', (c) => listPage(c));

  app.post('/plans/extract', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const form = await c.req.parseBody({ all: true });
    const pasted = field(form, 'text');
    let document: { name: string; bytes: Uint8Array };
    const file = Array.isArray(form.file) ? form.file[0] : form.file;
    if (file instanceof File && file.size > 0) {
      const upload = await uploadedFile(c, deps.config.web.uploadMaxBytes, ['txt', 'docx', 'pdf']);
      if ('refused' in upload)
        return listPage(
          c,
          flash('error', t(`web-upload-${upload.refused}`, upload.args)),
          upload.refused === 'too-large' ? 413 : 415,
        );
      document = upload;
    } else if (pasted) {
      if (pasted.length > MAX_PASTE) return listPage(c, flash('error', t('web-upload-too-large', { max: 2 })), 413);
      document = { name: 'van-ban.txt', bytes: new TextEncoder().encode(pasted) };
    } else return listPage(c, flash('error', t('web-upload-missing')), 422);
    let extraction: ExtractJson;
    try {
      extraction = await deps.extractPlan(document);
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      const message = documentErrorMessage(error);
      return listPage(c, flash('error', t(message.id, message.args)), 422);
    }
    const id = await createDraftFromExtraction(prisma, {
      name: document.name,
      extraction,
      actor: { officialId: admin.officialId, label: 'web' },
    });
    return c.redirect(`/admin/plans/drafts/${id}`, 303);
  });

  async function reviewPage(c: WebContext, id: number, notice?: Html, status = 200) {
    const admin = c.get('admin');
    const { t } = admin;
    const draft = await loadDraft(prisma, id);
    if (!draft) return c.notFound();
    if (draft.row.importedAt)
      return c.html(
        page(admin, {
          section: 'plans',
          title: draft.name,
          body: flash('info', t('web-plans-already-imported', { code: draft.row.importedPlan ?? '' })),
        }).value,
      );
    const [{ issues }, units, levels] = await Promise.all([
      validateReview(prisma, draft.review),
      listUnits(prisma),
      listLevels(prisma),
    ]);
    const review = draft.review;
    const at = (dutyId: string, name: string) =>
      issues.filter(
        (issue) => issue.target.on === 'duty' && issue.target.dutyId === dutyId && issue.target.field === name,
      );
    const planIssues = (name: string) =>
      issues.filter((issue) => issue.target.on === 'plan' && issue.target.field === name);
    const other = issues.filter((issue) => issue.target.on === 'units' || issue.target.on === 'draft');
    const errorsOf = (list: ReviewIssue[]) =>
      list.map((issue) => h`<span class="field-error" data-path="${issue.path}">${issue.message}</span>`);
    const proposed = new Set(review.units.map((unit) => unit.code));
    const base = `/admin/plans/drafts/${id}`;

    const planForm = h`<form method="post" action="${base}/plan" class="filters plan-meta" data-autosave>
  ${csrfField(admin.csrf)}
  ${PLAN_FIELDS.map(
    (
      name,
    ) => h`<label class="${review.planCertainty[name] && review.planCertainty[name] !== 'high' ? 'uncertain' : ''}">${t(`web-plans-field-${name}`)}
      <input name="${name}" value="${review.plan[name] ?? ''}" class="${planIssues(name).length ? 'has-error' : ''}" ${name === 'title' ? 'size="60"' : ''}>${errorsOf(planIssues(name))}</label>`,
  )}
  <button type="submit">${t('web-save')}</button> <span data-save-status></span>
</form>
${review.planNotes.length ? h`<ul class="muted">${review.planNotes.map((note) => h`<li>${t('web-plans-check')}: ${note}</li>`)}</ul>` : ''}`;

    const datalist = h`<datalist id="responsible">${units.map((unit) => h`<option value="${unit.code}">${unit.shortName ?? unit.name}</option>`)}${review.units.map((unit) => h`<option value="${unit.code}">${unit.name} (${t('web-plans-new-unit')})</option>`)}${levels.map((level) => h`<option value="level:${level.key}">${admin.language === 'en' ? level.members.en : level.members.vi}</option>`)}</datalist>`;

    const unitsHtml = review.units.length
      ? h`<section><h2>${t('web-plans-proposed-units')}</h2><div class="scroll"><table class="list"><thead><tr><th>${t('web-plans-unit-code')}</th><th>${t('web-name')}</th><th>${t('web-level')}</th></tr></thead><tbody>
${review.units.map((unit, index) => h`<tr><td><code>${unit.code}</code> <span class="badge s-in_progress">${t('web-plans-new-unit')}</span></td><td>${unit.name}</td><td>${unit.level}${errorsOf(issues.filter((issue) => issue.target.on === 'units' && issue.target.index === index))}</td></tr>`)}
</tbody></table></div></section>`
      : '';

    const row = (duty: ReviewDuty, index: number) => {
      const form = `f-${duty.id}`;
      const cls = (name: (typeof DUTY_FIELDS)[number], certain: boolean) =>
        [at(duty.id, name).length ? 'has-error' : '', certain ? '' : 'uncertain'].filter(Boolean).join(' ');
      const loc = duty.location;
      return h`<tr id="duty-${duty.id}" data-duty="${duty.id}">
<td>${index + 1}<br><input form="${form}" name="ref" value="${duty.ref}" size="7" class="${cls('ref', duty.certainty.ref === 'high')}" aria-label="${t('web-section')}">${errorsOf(at(duty.id, 'ref'))}
  <br><input form="${form}" name="key" value="${duty.key}" size="12" class="small ${cls('key', true)}" aria-label="key">${errorsOf(at(duty.id, 'key'))}</td>
<td><textarea form="${form}" name="title" rows="3" class="${cls('title', true)}" aria-label="${t('web-plans-field-title')}">${duty.title}</textarea>${errorsOf(at(duty.id, 'title'))}</td>
<td><input form="${form}" name="lead" value="${duty.lead.join(', ')}" list="responsible" class="${cls('lead', duty.certainty.lead === 'high')}" aria-label="${t('web-plans-lead')}">${errorsOf(at(duty.id, 'lead'))}
  ${duty.lead.filter((code) => proposed.has(code)).length ? h`<small class="muted">${t('web-plans-new-unit')}: ${duty.lead.filter((code) => proposed.has(code)).join(', ')}</small>` : ''}</td>
<td><input form="${form}" name="support" value="${duty.support.join(', ')}" list="responsible" class="${cls('support', duty.certainty.lead === 'high')}" aria-label="${t('web-plans-support')}">${errorsOf(at(duty.id, 'support'))}
  ${duty.others.length ? h`<small class="muted">${t('web-plans-others')}: ${duty.others.join(', ')}</small>` : ''}</td>
<td><textarea form="${form}" name="windows" rows="3" class="${cls('windows', duty.certainty.windows === 'high')}" aria-label="${t('web-window')}">${formatWindows(duty.windows)}</textarea>${errorsOf(at(duty.id, 'windows'))}</td>
<td class="source"><blockquote class="passage">${duty.source || '—'}</blockquote>
  <details ${at(duty.id, 'source').length || !duty.source ? 'open' : ''}><summary>${t('web-plans-edit-source')}</summary><textarea form="${form}" name="source" rows="4" class="${cls('source', true)}" aria-label="${t('web-plans-source')}">${duty.source}</textarea></details>${errorsOf(at(duty.id, 'source'))}
  ${loc ? h`<small class="muted">${loc.line ? t('web-plans-line', { line: loc.line }) : ''}${loc.table ? ` · ${t('web-plans-table-row', { table: loc.table, row: loc.row ?? 0 })}` : ''}</small>` : ''}
  ${duty.notes.length ? h`<ul class="notes">${duty.notes.map((note) => h`<li>${t('web-plans-check')}: ${note}</li>`)}</ul>` : ''}</td>
<td class="actions"><form id="${form}" method="post" action="${base}/duty/${duty.id}" data-autosave>${csrfField(admin.csrf)}<button type="submit" class="small">${t('web-save')}</button> <span data-save-status></span></form>
  ${index > 0 ? h`<form method="post" action="${base}/duty/${duty.id}/merge">${csrfField(admin.csrf)}<button type="submit" class="small" title="${t('web-plans-merge-help')}">${t('web-plans-merge')}</button></form>` : ''}
  <form method="post" action="${base}/duty/${duty.id}/delete">${csrfField(admin.csrf)}<button type="submit" class="small">${t('web-plans-delete')}</button></form></td>
</tr>`;
    };

    const body = h`${notice ?? ''}
${issues.length ? flash('error', t('web-plans-invalid', { count: issues.length })) : flash('ok', t('web-plans-valid'))}
${other.length ? h`<ul>${other.map((issue) => h`<li class="field-error">${issue.path}: ${issue.message}</li>`)}</ul>` : ''}
<section><h2>${t('web-plans-metadata')}</h2>${planForm}</section>
${unitsHtml}
<section><h2>${t('web-plans-duties', { count: review.duties.length })}</h2>
<p class="muted">${t('web-plans-help')}</p>
${datalist}
<div class="scroll"><table class="list review"><thead><tr><th>${t('web-section')}</th><th>${t('web-plans-field-title')}</th><th>${t('web-plans-lead')}</th><th>${t('web-plans-support')}</th><th>${t('web-plans-windows')}</th><th>${t('web-plans-source')}</th><th></th></tr></thead><tbody>
${review.duties.map(row)}
</tbody></table></div>
<form method="post" action="${base}/add">${csrfField(admin.csrf)}<button type="submit">${t('web-plans-add')}</button></form></section>
<section class="actions">
<form method="get" action="${base}"><button type="submit">${t('web-plans-validate')}</button></form>
<form method="post" action="${base}/import-preview">${csrfField(admin.csrf)}<button type="submit" class="primary" ${issues.length ? 'disabled' : ''}>${t('web-plans-import')}</button></form>
<a href="${base}/draft.yaml">${t('web-plans-yaml')}</a>
<form method="post" action="${base}/discard">${csrfField(admin.csrf)}<button type="submit">${t('web-plans-discard')}</button></form>
</section>`;
    return c.html(
      page(admin, {
        section: 'plans',
        title: `${t('web-plans-review')}: ${review.plan.code || draft.name}`,
        body,
        wide: true,
      }).value,
      status as 200,
    );
  }

  app.get('/plans/drafts/:id', (c) => {
    const id = idParam(c.req.param('id'));
    return id ? reviewPage(c, id) : c.notFound();
  });

  /** Saves an edit; a script's autosave gets a short answer, a plain form the page again. */
  async function edit(c: WebContext, id: number, change: DraftEdit, anchor?: string) {
    const admin = c.get('admin');
    const { t } = admin;
    const form = await c.req.parseBody({ all: true });
    const auto = field(form, 'autosave') === '1';
    const outcome = await editDraft(prisma, {
      id,
      edit: change,
      actor: { officialId: admin.officialId, label: 'web' },
    });
    if (outcome.kind === 'gone') return c.notFound();
    if (outcome.kind === 'refused') {
      if (auto) return c.json({ saved: false, field: outcome.field, message: outcome.message }, 422);
      return reviewPage(c, id, flash('error', `${t('web-plans-not-saved')}: ${outcome.message}`), 422);
    }
    if (auto) return c.json({ saved: true });
    return c.redirect(`/admin/plans/drafts/${id}${anchor ? `#${anchor}` : ''}`, 303);
  }

  app.post('/plans/drafts/:id/plan', async (c) => {
    const id = idParam(c.req.param('id'));
    if (!id) return c.notFound();
    const form = await c.req.parseBody({ all: true });
    const fields = Object.fromEntries(
      PLAN_FIELDS.filter((name) => name in form).map((name) => [name, field(form, name)]),
    );
    return edit(c, id, { kind: 'plan', fields });
  });

  app.post('/plans/drafts/:id/duty/:duty', async (c) => {
    const id = idParam(c.req.param('id'));
    const dutyId = c.req.param('duty');
    if (!id || !/^d\d{1,6}$/.test(dutyId)) return c.notFound();
    const form = await c.req.parseBody({ all: true });
    const fields = Object.fromEntries(
      DUTY_FIELDS.filter((name) => name in form).map((name) => [name, field(form, name)]),
    );
    return edit(c, id, { kind: 'duty', dutyId, fields }, `duty-${dutyId}`);
  });

  for (const action of ['delete', 'merge'] as const) {
    app.post(`/plans/drafts/:id/duty/:duty/${action}`, async (c) => {
      const id = idParam(c.req.param('id'));
      const dutyId = c.req.param('duty');
      if (!id || !/^d\d{1,6}$/.test(dutyId)) return c.notFound();
      return edit(c, id, { kind: action, dutyId });
    });
  }

  app.post('/plans/drafts/:id/add', async (c) => {
    const id = idParam(c.req.param('id'));
    if (!id) return c.notFound();
    const draft = await loadDraft(prisma, id);
    return edit(c, id, { kind: 'add' }, draft ? `duty-d${draft.review.nextId}` : undefined);
  });

  app.get('/plans/drafts/:id/draft.yaml', async (c) => {
    const id = idParam(c.req.param('id'));
    const draft = id ? await loadDraft(prisma, id) : undefined;
    if (!draft) return c.notFound();
    const name = `${(draft.review.plan.code || draft.name).replace(/[^\w.-]+/g, '-')}.yaml`;
    return c.body(stringify(planFileOf(draft.review), { lineWidth: 0 }), 200, {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
    });
  });

  function summaryHtml(t: Translate, summary: ImportSummary): Html {
    const list = (title: string, items: string[]) =>
      items.length
        ? h`<li><strong>${title} (${items.length})</strong>: ${items.slice(0, 60).join(', ')}${items.length > 60 ? ' …' : ''}</li>`
        : '';
    return h`<ul class="diff" id="import-diff">
<li>${t('web-plans-outcome', { code: summary.planCode, outcome: summary.outcome })}</li>
${list(t('web-plans-diff-added'), summary.duties.added)}
${list(t('web-plans-diff-changed'), summary.duties.changed)}
${list(t('web-plans-diff-retired'), summary.duties.retired)}
${list(t('web-plans-diff-removed'), summary.duties.removed)}
<li>${t('web-plans-diff-unchanged', { count: summary.duties.unchanged })}</li>
${list(t('web-plans-diff-units'), summary.units.added)}
${list(t('web-plans-diff-levels'), summary.levels.added)}
</ul>`;
  }

  app.post('/plans/drafts/:id/import-preview', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const id = idParam(c.req.param('id'));
    if (!id) return c.notFound();
    const result = await importDraft(prisma, {
      id,
      dryRun: true,
      actor: { officialId: admin.officialId, label: 'web' },
      now: deps.now(),
    });
    if (result.kind === 'gone') return c.notFound();
    if (result.kind === 'invalid') return reviewPage(c, id, undefined, 422);
    const body = h`<p>${t('web-plans-dry-run')}</p>${summaryHtml(t, result.summary)}
<div class="actions">
<form method="post" action="/admin/plans/drafts/${id}/import">${csrfField(admin.csrf)}<button type="submit" class="primary">${t('web-plans-confirm-import')}</button></form>
<a href="/admin/plans/drafts/${id}">${t('web-plans-back-to-draft')}</a></div>`;
    return c.html(
      page(admin, { section: 'plans', title: t('web-plans-import-title', { code: result.summary.planCode }), body })
        .value,
    );
  });

  app.post('/plans/drafts/:id/import', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const id = idParam(c.req.param('id'));
    if (!id) return c.notFound();
    const result = await importDraft(prisma, {
      id,
      dryRun: false,
      actor: { officialId: admin.officialId, label: 'web' },
      now: deps.now(),
    });
    if (result.kind === 'gone') return listPage(c, flash('info', t('web-plans-gone')), 409);
    if (result.kind === 'invalid') return reviewPage(c, id, undefined, 422);
    const body = h`${flash('ok', t('web-plans-imported', { code: result.summary.planCode }))}${summaryHtml(t, result.summary)}
<p><a href="/admin/?plan=${encodeURIComponent(result.summary.planCode)}">${t('web-nav-overview')} →</a></p>`;
    return c.html(
      page(admin, { section: 'plans', title: t('web-plans-import-title', { code: result.summary.planCode }), body })
        .value,
    );
  });

  app.post('/plans/drafts/:id/discard', async (c) => {
    const admin = c.get('admin');
    const id = idParam(c.req.param('id'));
    if (!id) return c.notFound();
    await discardPlanDraft(prisma, id, { officialId: admin.officialId, label: 'web' }, deps.now());
    return c.redirect('/admin/plans', 303);
  });
}
