// Overview: plans in force, this month's windows, and the completion matrix (units × windows) as a live table with
// filters, a cell's report history, and the downloads (CSV, XLSX, the PNG picture).
import { formatDate, formatWindow } from '../../ask/reply.js';
import { listLevels } from '../../db/levels.js';
import { listOccurrences } from '../../db/occurrences.js';
import { findPlanByCode, listPlans } from '../../db/plans.js';
import {
  type CellHistory,
  cellHistory,
  matrixPageCells,
  matrixTotals,
  reportHistory,
  type StatusMatrix,
  statusMatrix,
} from '../../db/reporting.js';
import { listUnits } from '../../db/units.js';
import { localDateAt } from '../../domain/dates.js';
import { followUpRates } from '../../domain/follow-up.js';
import type { Translate } from '../../i18n.js';
import { CURRENT_COLUMNS, currentRows, HISTORY_COLUMNS, historyRows, toCsv, toXlsx } from '../../reporting/export.js';
import { matrixLabels } from '../../reporting/labels.js';
import { matrixSvg } from '../../reporting/matrix-svg.js';
import { svgToPng } from '../../reporting/png.js';
import {
  parseReportPeriod,
  periodOfRange,
  type ReportPeriod,
  ReportPeriodError,
} from '../../reporting/report-period.js';
import { DOCX_MIME, draftPeriodicReport } from '../../services/report-drafts.js';
import type { WebApp, WebContext, WebDeps } from '../app.js';
import { formatInstant } from '../format.js';
import { dateParam, idParam, intParam, monthOf, periodParams } from '../forms.js';
import { type Html, h, query, raw } from '../html.js';
import { page } from '../layout.js';
import { CELL_STATES, type CellState, matrixLayout } from '../matrix.js';

const MARK: Record<CellState, string> = { done: '✓', in_progress: '…', blocked: '!', none: '·', overdue: '✗' };

interface OverviewQuery {
  plan: string;
  level: string;
  unit: string;
  from: string;
  to: string;
  page: number;
  cols: number;
}

export function registerOverviewPage(app: WebApp, deps: WebDeps): void {
  const { prisma } = deps;
  const today = () => localDateAt(deps.now(), deps.config.defaultTimeZone);

  function readQuery(c: WebContext): OverviewQuery {
    const q = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 100);
    const range = periodParams(q('from'), q('to'), today());
    return {
      plan: q('plan'),
      level: q('level'),
      unit: q('unit'),
      from: range.from,
      to: range.to,
      page: intParam(q('page')),
      cols: intParam(q('cols')),
    };
  }

  async function loadMatrix(filters: OverviewQuery): Promise<StatusMatrix> {
    const plan = filters.plan ? await findPlanByCode(prisma, filters.plan) : undefined;
    if (filters.plan && !plan) return { occurrences: [], units: [], cells: new Map() };
    const range = { from: dateParam(filters.from) ?? monthOf(today()).from, to: dateParam(filters.to) ?? today() };
    const matrix = await statusMatrix(prisma, range, { ...(plan ? { planId: plan.id } : {}), today: today() });
    if (!filters.level && !filters.unit) return matrix;
    const units = matrix.units.filter(
      (unit) =>
        (!filters.level || unit.level === filters.level) &&
        (!filters.unit || unit.code.toLowerCase() === filters.unit.toLowerCase()),
    );
    return { ...matrix, units };
  }

  app.get('/', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const filters = readQuery(c);
    const range = { from: dateParam(filters.from) ?? monthOf(today()).from, to: dateParam(filters.to) ?? today() };
    const plan = filters.plan ? await findPlanByCode(prisma, filters.plan) : undefined;
    const sqlFilter = {
      ...(plan ? { planId: plan.id } : filters.plan ? { planId: -1 } : {}),
      ...(filters.level ? { level: filters.level } : {}),
      ...(filters.unit ? { unitCode: filters.unit } : {}),
    };
    const [plans, levels, units, month, occurrences, totals] = await Promise.all([
      listPlans(prisma),
      listLevels(prisma),
      listUnits(prisma),
      listOccurrences(prisma, monthOf(today())),
      listOccurrences(prisma, range, sqlFilter.planId !== undefined ? { planId: sqlFilter.planId } : {}),
      matrixTotals(prisma, range, sqlFilter, today()),
    ]);
    const view = matrixLayout(occurrences, totals, { page: filters.page, columnPage: filters.cols });
    const pageCells = await matrixPageCells(prisma, range, sqlFilter, today(), {
      units: view.unitIds,
      occurrences: view.windows.map((window) => window.id),
    });
    const unitById = new Map(pageCells.units.map((unit) => [unit.id, unit]));
    const pageUnits = view.unitIds.flatMap((id) => unitById.get(id) ?? []);
    const cellOf = new Map(pageCells.cells.map((cell) => [`${cell.occurrence}:${cell.unit}`, cell]));
    const base = { plan: filters.plan, level: filters.level, unit: filters.unit, from: filters.from, to: filters.to };
    const link = (changes: Partial<Record<keyof OverviewQuery, string | number>>) =>
      `/admin/${query({ ...base, ...changes })}`;
    const downloads = query(base);

    const plansHtml = plans.length
      ? h`<div class="scroll"><table class="list"><thead><tr><th>${t('web-plan-code')}</th><th>${t('web-plan-title')}</th><th>${t('web-plan-issuer')}</th><th>${t('web-plan-issued')}</th><th>${t('web-plan-duties')}</th></tr></thead><tbody>
${plans.map((plan) => h`<tr><td><a href="${link({ plan: plan.code, page: 0, cols: 0 })}">${plan.code}</a></td><td>${plan.title}</td><td>${plan.issuer}</td><td>${formatDate(plan.issuedOn)}</td><td class="num">${plan.duties}</td></tr>`)}
</tbody></table></div>`
      : h`<p class="muted">${t('web-no-plans')}</p>`;

    const monthShown = month.slice(0, 30);
    const monthHtml = month.length
      ? h`<div class="scroll"><table class="list"><thead><tr><th>${t('web-window')}</th><th>${t('web-plan-code')}</th><th>${t('web-section')}</th><th>${t('web-duty')}</th></tr></thead><tbody>
${monthShown.map((o) => h`<tr class="${o.end < today() ? 'late' : ''}"><td class="nowrap">${formatWindow(o.start, o.end)}</td><td>${o.planCode}</td><td>${o.ref}</td><td>${o.title}</td></tr>`)}
</tbody></table></div>${month.length > monthShown.length ? h`<p class="muted">${t('more-todo', { count: month.length - monthShown.length })}</p>` : ''}`
      : h`<p class="muted">${t('web-no-windows-month')}</p>`;

    const filterForm = h`<form method="get" action="/admin/" class="filters" id="matrix-filters">
  <label>${t('web-plan')} <select name="plan"><option value="">${t('web-all')}</option>${plans.map((plan) => h`<option value="${plan.code}" ${plan.code === filters.plan ? 'selected' : ''}>${plan.code}</option>`)}</select></label>
  <label>${t('web-level')} <select name="level"><option value="">${t('web-all')}</option>${levels.map((level) => h`<option value="${level.key}" ${level.key === filters.level ? 'selected' : ''}>${admin.language === 'en' ? level.name.en : level.name.vi}</option>`)}</select></label>
  <label>${t('web-unit')} <input name="unit" list="unit-codes" value="${filters.unit}" size="12" autocomplete="off"></label>
  <datalist id="unit-codes">${units.map((unit) => h`<option value="${unit.code}">${unit.shortName ?? unit.name}</option>`)}</datalist>
  <label>${t('web-from')} <input type="date" name="from" value="${filters.from}"></label>
  <label>${t('web-to')} <input type="date" name="to" value="${filters.to}"></label>
  <button type="submit">${t('web-filter')}</button>
</form>`;

    const states = Object.fromEntries(CELL_STATES.map((state) => [state, t(`web-state-${state}`)])) as Record<
      CellState,
      string
    >;
    const legend = h`<ul class="legend">${CELL_STATES.map((state) => h`<li><span class="c s-${state}">${MARK[state]}</span> ${t(`web-state-${state}`)} (${view.totals.counts[state]})</li>`)}</ul>`;

    // The four-way follow-up of the whole filtered matrix, as offices count it, from the same statement as the totals.
    const rates = followUpRates(totals.followUp);
    const percent = (rate: number) => Math.round(rate * 100);
    const followUpHtml = h`<p class="follow-up" id="follow-up">${t('followup-label-on-time')} <strong>${totals.followUp.done_on_time}</strong> · ${t('followup-label-late')} <strong>${totals.followUp.done_late}</strong> · ${t('followup-label-open')} <strong>${totals.followUp.open}</strong> · ${t('followup-label-overdue')} <strong>${totals.followUp.overdue}</strong> — ${t(
      'followup-label-rates',
      {
        doneRate: percent(rates.doneRate),
        onTimeRate: percent(rates.onTimeRate),
        overdueRate: percent(rates.overdueRate),
      },
    )}</p>`;

    const pager =
      view.pages.rows > 1 || view.pages.columns > 1
        ? h`<p class="pager">${t('web-matrix-page', { page: view.pages.page + 1, pages: view.pages.rows, cols: view.pages.columnPage + 1, colPages: view.pages.columns })}
  ${view.pages.page > 0 ? h`<a href="${link({ page: view.pages.page - 1, cols: view.pages.columnPage })}">↑ ${t('web-units-previous')}</a>` : ''}
  ${view.pages.page + 1 < view.pages.rows ? h`<a href="${link({ page: view.pages.page + 1, cols: view.pages.columnPage })}">↓ ${t('web-units-next')}</a>` : ''}
  ${view.pages.columnPage > 0 ? h`<a href="${link({ page: view.pages.page, cols: view.pages.columnPage - 1 })}">← ${t('web-windows-previous')}</a>` : ''}
  ${view.pages.columnPage + 1 < view.pages.columns ? h`<a href="${link({ page: view.pages.page, cols: view.pages.columnPage + 1 })}">→ ${t('web-windows-next')}</a>` : ''}</p>`
        : '';

    const firstColumn = view.firstColumn;
    const matrixHtml =
      pageUnits.length && view.windows.length
        ? h`<div class="matrix-wrap"><table class="matrix" aria-label="${t('web-matrix-title')}">
<thead><tr><th class="corner">${t('web-unit')}</th>${view.windows.map((w, i) => h`<th scope="col" class="${view.overdueWindows.has(w.id) ? 'late' : ''}" title="${formatWindow(w.start, w.end)} — ${w.title} [${w.ref}]"><span>${firstColumn + i + 1}</span><small>${formatDate(w.end).slice(0, 5)}</small></th>`)}</tr></thead>
<tbody>${pageUnits.map(
            (unit) =>
              h`<tr><th scope="row" title="${unit.code}">${unit.name}</th>${view.windows.map((w) => {
                const cell = cellOf.get(`${w.id}:${unit.id}`);
                if (!cell) return raw('<td class="c na"></td>');
                return h`<td class="c s-${cell.state}${cell.role === 'support' ? ' support' : ''}"><a href="/admin/cell?o=${w.id}&amp;u=${unit.id}" data-cell title="${states[cell.state]}">${MARK[cell.state]}</a></td>`;
              })}</tr>`,
          )}</tbody></table></div>
<ol class="windows" start="${firstColumn + 1}">${view.windows.map((w) => h`<li class="${view.overdueWindows.has(w.id) ? 'late' : ''}">${formatWindow(w.start, w.end)} — ${w.title} <span class="muted">[${w.planCode} ${w.ref}]</span></li>`)}</ol>`
        : h`<p class="muted">${t('web-matrix-empty')}</p>`;

    // The periodic report draft: a plain GET form (a read, so no CSRF token), the period /tinhhinh's way of naming it.
    const draftPlan = plan?.code ?? plans[0]?.code ?? '';
    const draftHtml = plans.length
      ? h`<form method="get" action="/admin/report-draft.docx" class="filters" id="report-draft">
  <label>${t('web-plan')} <select name="plan">${plans.map((p) => h`<option value="${p.code}" ${p.code === draftPlan ? 'selected' : ''}>${p.code}</option>`)}</select></label>
  <label>${t('web-draft-period')} <input name="period" value="${periodOfRange(range).key}" size="24" autocomplete="off" required></label>
  <button type="submit">${t('web-draft-button')}</button>
</form>
<p class="muted">${t('web-draft-hint')}</p>`
      : h`<p class="muted">${t('web-no-plans')}</p>`;

    const body = h`<section><h2>${t('web-plans-in-force')}</h2>${plansHtml}</section>
<section><h2>${t('web-windows-this-month')}</h2>${monthHtml}</section>
<section id="matrix"><h2>${t('web-matrix-title')}</h2>
${filterForm}
<p class="muted">${t('web-matrix-size', { units: view.totals.units, windows: view.totals.windows })}</p>
${followUpHtml}
${legend}
${pager}
<div class="matrix-area">${matrixHtml}<aside id="cell-panel" class="panel" aria-live="polite" hidden></aside></div>
<p class="downloads">${t('web-download')}: <a href="/admin/export.csv${downloads}">CSV</a> · <a href="/admin/export-history.csv${downloads}">${t('web-download-history')} CSV</a> · <a href="/admin/export.xlsx${downloads}">XLSX</a> · <a href="/admin/matrix.png${downloads}">PNG</a></p>
</section>
<section><h2>${t('web-draft-title')}</h2>${draftHtml}</section>`;
    return c.html(page(admin, { section: 'overview', title: t('web-nav-overview'), body, wide: true }).value);
  });

  app.get('/cell', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const occurrenceId = idParam(c.req.query('o'));
    const unitId = idParam(c.req.query('u'));
    const history = occurrenceId && unitId ? await cellHistory(prisma, occurrenceId, unitId) : undefined;
    const fragment = c.req.query('fragment') === '1';
    if (!history) {
      const missing = h`<p>${t('duty-not-found')}</p>`;
      return fragment
        ? c.html(missing.value, 404)
        : c.html(page(admin, { section: 'overview', title: t('web-cell-title'), body: missing }).value, 404);
    }
    const body = cellHistoryHtml(history, t, deps.config.defaultTimeZone);
    if (fragment) return c.html(body.value);
    return c.html(
      page(admin, {
        section: 'overview',
        title: t('web-cell-title'),
        body: h`${body}<p><a href="/admin/">← ${t('web-nav-overview')}</a></p>`,
      }).value,
    );
  });

  async function exportRows(c: WebContext) {
    const filters = readQuery(c);
    const matrix = await loadMatrix(filters);
    return { filters, matrix };
  }

  app.get('/export.csv', async (c) => {
    const { filters, matrix } = await exportRows(c);
    return c.body(
      toCsv(CURRENT_COLUMNS, currentRows(matrix)),
      200,
      download(`dondoc-${filters.from}-${filters.to}.csv`, 'text/csv; charset=utf-8'),
    );
  });
  app.get('/export-history.csv', async (c) => {
    const { filters, matrix } = await exportRows(c);
    return c.body(
      toCsv(HISTORY_COLUMNS, historyRows(await reportHistory(prisma, matrix))),
      200,
      download(`dondoc-${filters.from}-${filters.to}-history.csv`, 'text/csv; charset=utf-8'),
    );
  });
  app.get('/export.xlsx', async (c) => {
    const { filters, matrix } = await exportRows(c);
    const bytes = await toXlsx([
      { name: 'status', columns: CURRENT_COLUMNS, rows: currentRows(matrix) },
      { name: 'history', columns: HISTORY_COLUMNS, rows: historyRows(await reportHistory(prisma, matrix)) },
    ]);
    return c.body(
      bytes as Uint8Array<ArrayBuffer>,
      200,
      download(
        `dondoc-${filters.from}-${filters.to}.xlsx`,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ),
    );
  });
  // The draft as a download; the session's admin role was checked by the console for this very request.
  app.get('/report-draft.docx', async (c) => {
    const admin = c.get('admin');
    const { t } = admin;
    const code = (c.req.query('plan') ?? '').trim().slice(0, 100);
    const periodText = (c.req.query('period') ?? '').trim().slice(0, 60);
    let period: ReportPeriod;
    try {
      period = parseReportPeriod(periodText);
    } catch (error) {
      if (!(error instanceof ReportPeriodError)) throw error;
      const body = h`<p>${t('web-draft-invalid')}</p><p><a href="/admin/">← ${t('web-nav-overview')}</a></p>`;
      return c.html(page(admin, { section: 'overview', title: t('web-draft-title'), body }).value, 400);
    }
    const draft = code ? await draftPeriodicReport(prisma, { plan: { code }, period, now: deps.now(), t }) : undefined;
    if (!draft) {
      const body = h`<p>${t('draft-plan-missing')}</p><p><a href="/admin/">← ${t('web-nav-overview')}</a></p>`;
      return c.html(page(admin, { section: 'overview', title: t('web-draft-title'), body }).value, 404);
    }
    return c.body(draft.bytes as Uint8Array<ArrayBuffer>, 200, download(draft.fileName, DOCX_MIME));
  });
  app.get('/matrix.png', async (c) => {
    const admin = c.get('admin');
    const { filters, matrix } = await exportRows(c);
    const picture = matrixSvg(
      matrix,
      today(),
      matrixLabels(admin.t, { from: dateParam(filters.from) ?? today(), to: dateParam(filters.to) ?? today() }),
    );
    const png = await svgToPng(picture.svg);
    return c.body(
      png as Uint8Array<ArrayBuffer>,
      200,
      download(`tinh-hinh-${filters.from}-${filters.to}.png`, 'image/png'),
    );
  });
}

function download(name: string, type: string): Record<string, string> {
  return { 'content-type': type, 'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"` };
}

export function cellHistoryHtml(history: CellHistory, t: Translate, timeZone: string): Html {
  const { window, unit, reports } = history;
  return h`<h3>${unit.name} <span class="muted">(${unit.code})</span></h3>
<p><strong>${window.title}</strong><br>${formatWindow(window.start, window.end)} · ${window.planCode} ${window.ref}</p>
${
  reports.length
    ? h`<ol class="history">${reports.map((report) => h`<li><span class="badge s-${report.status === 'not_started' ? 'none' : report.status}">${t('status-name', { status: report.status })}</span> ${formatInstant(report.reportedAt, timeZone)} · ${report.official} (${report.channel})${report.note ? h`<br><q>${report.note}</q>` : ''}</li>`)}</ol>`
    : h`<p class="muted">${t('web-cell-no-reports')}</p>`
}`;
}
