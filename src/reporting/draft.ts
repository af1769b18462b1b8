// The periodic report ("Báo cáo kết quả thực hiện Kế hoạch …") as a .docx in the layout of Nghị định 30/2020/NĐ-CP:
// pure, from the facts src/db/report-draft.ts gathers to the document's bytes. The numbers the text states and the
// statistics table shows are formatted once (`draftFigures`), so the two cannot disagree.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { CellStatus, FollowUpStatistics, FollowUpTally, LateCompletion } from '../db/reporting.js';
import { dateParts, type LocalDate } from '../domain/dates.js';
import type { FollowUpState } from '../domain/follow-up.js';
import type { Language } from '../domain/language.js';
import type { Translate } from '../i18n.js';
import { formatDay, type PeriodSpan, periodWords, type ReportPeriod } from './report-period.js';

export interface DraftLead {
  unit: string;
  status: CellStatus;
  followUp: FollowUpState;
  daysLate: number;
  awaitingConfirmation: boolean;
  note: string | null;
  evidence: { number: string | null; date: LocalDate | null; files: number };
  /** The day of the current report, in the plan's time zone; null when the unit has not reported. */
  reportedOn: LocalDate | null;
}

export interface DraftWindow {
  start: LocalDate;
  end: LocalDate;
  leads: DraftLead[];
  /** Coordinating units ("đơn vị phối hợp"), by name. */
  support: string[];
}

export interface DraftDuty {
  ref: string;
  title: string;
  windows: DraftWindow[];
}

export interface DraftSection {
  /** The plan's top section ("IV"), and its heading as the plan writes it, when the source text has one. */
  key: string;
  heading: string | null;
  duties: DraftDuty[];
}

export interface DraftFacts {
  plan: {
    code: string;
    title: string;
    issuer: string;
    /** The issuing unit's short name ("Tỉnh ủy"), for "T/M TỈNH ỦY"; null: the issuer's name is used. */
    issuerShortName: string | null;
    place: string | null;
    issuedOn: LocalDate;
  };
  period: ReportPeriod;
  today: LocalDate;
  sections: DraftSection[];
  statistics: FollowUpStatistics;
  late: { rows: LateCompletion[]; total: number };
  blocked: { ref: string; title: string; unit: string; note: string | null; reportedOn: LocalDate | null }[];
  /** Windows that open in the next period, with their leads as the plan names them (a unit, or a level's members). */
  next: { ref: string; title: string; start: LocalDate; end: LocalDate; leads: Record<Language, string>[] }[];
}

/** One row of figures, as text: what both the sentences and the table print. */
export interface DraftFigureRow {
  name: string;
  cells: string;
  onTime: string;
  late: string;
  open: string;
  overdue: string;
  doneRate: string;
  onTimeRate: string;
  overdueRate: string;
}

export interface DraftFigures {
  windows: string;
  units: string;
  total: DraftFigureRow;
  rows: DraftFigureRow[];
}

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 0 }).format(n);
}

export function formatRate(rate: number, language: Language): string {
  return `${new Intl.NumberFormat(LOCALES[language], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate * 100)}%`;
}

/** The statistics as the report prints them, formatted once for the sentences and the table alike. */
export function draftFigures(statistics: FollowUpStatistics, language: Language, totalName: string): DraftFigures {
  const row = (name: string, tally: FollowUpTally): DraftFigureRow => ({
    name,
    cells: formatCount(tally.cells, language),
    onTime: formatCount(tally.counts.done_on_time, language),
    late: formatCount(tally.counts.done_late, language),
    open: formatCount(tally.counts.open, language),
    overdue: formatCount(tally.counts.overdue, language),
    doneRate: formatRate(tally.rates.doneRate, language),
    onTimeRate: formatRate(tally.rates.onTimeRate, language),
    overdueRate: formatRate(tally.rates.overdueRate, language),
  });
  return {
    windows: formatCount(statistics.total.windows, language),
    units: formatCount(statistics.units.length, language),
    total: row(totalName, statistics.total),
    rows: statistics.units.map((unit) => row(unit.name, unit.tally)),
  };
}

// Nghị định 30/2020/NĐ-CP, Phụ lục I: A4; margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm;
// Times New Roman, body 13–14 pt. Sizes below are in half-points, as Word stores them.
const PAGE = { width: 11906, height: 16838 };
const MARGINS = { top: 20, bottom: 20, left: 30, right: 15 };
// Rounded up: docx's own conversion rounds down, which puts 20 mm a hair under the decree's minimum.
const twips = (mm: number) => Math.ceil((mm * 1440) / 25.4);
const FONT = 'Times New Roman';
const BODY = 28;
const SMALL = 26;
const TABLE_TEXT = 24;
const NOTE = 22;
const SPACING_AFTER = 60;
const FIRST_LINE = twips(10);
const LINE = 300;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}

// The font and the body size are the document's defaults (its styles): a run names only what differs, which keeps a
// 300-page draft's XML, and the time docx takes to write it, about half as large.
const run = (text: string, style: RunStyle = {}) =>
  new TextRun({
    text: text.normalize('NFC'),
    ...(style.size !== undefined && style.size !== BODY ? { size: style.size } : {}),
    ...(style.bold ? { bold: true } : {}),
    ...(style.italics ? { italics: true } : {}),
    ...(style.underline ? { underline: { type: UnderlineType.SINGLE } } : {}),
  });

/** Justified body text with its first line indented: a paragraph style, so each paragraph only names it. */
const BODY_STYLE = 'dondocBody';

function paragraph(
  runs: TextRun[] | string,
  options: { align?: 'center' | 'left' | 'right' | 'justify'; indent?: boolean; after?: number; before?: number } = {},
  style: RunStyle = {},
): Paragraph {
  const body = options.indent && (options.align ?? 'justify') === 'justify';
  const alignment = {
    center: AlignmentType.CENTER,
    left: AlignmentType.LEFT,
    right: AlignmentType.RIGHT,
    justify: AlignmentType.JUSTIFIED,
  }[options.align ?? 'justify'];
  return new Paragraph({
    ...(body ? { style: BODY_STYLE } : { alignment }),
    children: typeof runs === 'string' ? [run(runs, style)] : runs,
    // The usual spacing (3 pt after, 1.25 lines) is the default paragraph style's; only exceptions are written.
    ...(options.after !== undefined || options.before !== undefined
      ? { spacing: { after: options.after ?? SPACING_AFTER, before: options.before ?? 0, line: LINE } }
      : {}),
    ...(options.indent && !body ? { indent: { firstLine: FIRST_LINE } } : {}),
  });
}

const cellMargins = { top: 40, bottom: 40, left: 80, right: 80 };

/** The width between the margins, in twentieths of a point: tables are laid out in it (LibreOffice ignores percents). */
const TEXT_WIDTH = PAGE.width - twips(MARGINS.left) - twips(MARGINS.right);
const share = (percent: number) => Math.round((TEXT_WIDTH * percent) / 100);

function noBorderCell(children: Paragraph[], widthPercent: number): TableCell {
  return new TableCell({
    children,
    margins: { left: 0, right: 0 },
    width: { size: share(widthPercent), type: WidthType.DXA },
  });
}

/** The document of the facts, in `t`'s language. */
export function buildDraftDocument(facts: DraftFacts, t: Translate): Document {
  const language = t.language;
  const figures = draftFigures(facts.statistics, language, t('draft-total'));
  const period = periodWords(facts.period, language);
  const issuerUpper = facts.plan.issuer.toLocaleUpperCase('vi');
  const signingBody = (facts.plan.issuerShortName ?? facts.plan.issuer).toLocaleUpperCase('vi');
  const codeSuffix = facts.plan.code.includes('/') ? (facts.plan.code.split('/').pop() ?? '') : '';
  const number = codeSuffix ? `BC-${codeSuffix}` : 'BC';
  const year = String(dateParts(facts.today).year);

  const header = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [share(36), share(64)],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          noBorderCell(
            [
              paragraph(issuerUpper, { align: 'center', after: 0 }, { bold: true, size: SMALL }),
              paragraph('*', { align: 'center', after: 0 }, { size: SMALL }),
              paragraph(t('draft-number', { number }), { align: 'center', after: 0 }, { size: SMALL }),
            ],
            36,
          ),
          noBorderCell(
            [
              paragraph(t('draft-nation'), { align: 'center', after: 0 }, { bold: true, size: 24 }),
              paragraph(
                t('draft-motto'),
                { align: 'center', after: 120 },
                { bold: true, underline: true, size: SMALL },
              ),
              paragraph(
                t('draft-place-date', { place: facts.plan.place ?? '…', year }),
                { align: 'center', after: 0 },
                { italics: true, size: SMALL },
              ),
            ],
            64,
          ),
        ],
      }),
    ],
  });

  const children: (Paragraph | Table)[] = [header];
  children.push(paragraph(t('draft-title'), { align: 'center', before: 360, after: 0 }, { bold: true }));
  children.push(
    paragraph(
      t('draft-subtitle', {
        code: facts.plan.code,
        issuedOn: formatDay(facts.plan.issuedOn),
        issuer: facts.plan.issuer,
      }),
      { align: 'center', after: 0 },
      { bold: true },
    ),
  );
  children.push(paragraph(`(${period})`, { align: 'center', after: 240 }, { bold: true }));

  // I. The situation in brief: the figures of the statistics table, in sentences.
  children.push(heading(t('draft-section-situation')));
  children.push(
    paragraph(
      t('draft-situation', {
        period,
        code: facts.plan.code,
        windows: figures.windows,
        units: figures.units,
        cells: figures.total.cells,
        today: formatDay(facts.today),
      }),
      { indent: true },
    ),
  );
  children.push(
    paragraph(
      t('draft-situation-counts', {
        onTime: figures.total.onTime,
        late: figures.total.late,
        open: figures.total.open,
        overdue: figures.total.overdue,
      }),
      { indent: true },
    ),
  );
  children.push(
    paragraph(
      t('draft-situation-rates', {
        doneRate: figures.total.doneRate,
        onTimeRate: figures.total.onTimeRate,
        overdueRate: figures.total.overdueRate,
      }),
      { indent: true },
    ),
  );

  // II. Results duty by duty, grouped by the plan's sections.
  children.push(heading(t('draft-section-results')));
  if (facts.sections.length === 0) children.push(paragraph(t('draft-no-duties', { period }), { indent: true }));
  for (const section of facts.sections) {
    children.push(
      paragraph(
        section.heading
          ? t('draft-plan-section', { key: section.key, heading: section.heading })
          : t('draft-plan-section-bare', { key: section.key }),
        { indent: true, before: 120 },
        { bold: true, italics: true },
      ),
    );
    for (const duty of section.duties) children.push(...dutyParagraphs(duty, t));
  }

  // III. The statistics table.
  children.push(heading(t('draft-section-statistics')));
  children.push(paragraph(t('draft-statistics-intro', { today: formatDay(facts.today) }), { indent: true }));
  children.push(statisticsTable(figures, t));

  // IV. Limitations: blocked reports with their notes, overdue units, late completions.
  children.push(heading(t('draft-section-limitations')));
  children.push(...limitationParagraphs(facts, t));

  // V. The next period's tasks.
  children.push(heading(t('draft-section-next')));
  children.push(...nextParagraphs(facts.next, facts.period.next, t));

  children.push(signature(facts, signingBody, t));

  return new Document({
    creator: 'dondoc',
    title: `${t('draft-title')} ${facts.plan.code} (${period})`,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY },
          paragraph: { spacing: { after: SPACING_AFTER, line: LINE } },
        },
      },
      paragraphStyles: [
        {
          id: BODY_STYLE,
          name: 'dondoc body',
          basedOn: 'Normal',
          quickFormat: true,
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: FIRST_LINE } },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            margin: {
              top: twips(MARGINS.top),
              bottom: twips(MARGINS.bottom),
              left: twips(MARGINS.left),
              right: twips(MARGINS.right),
            },
          },
        },
        children,
      },
    ],
  });
}

/** The .docx's bytes. */
export async function draftDocx(facts: DraftFacts, t: Translate): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(buildDraftDocument(facts, t)));
}

function heading(text: string): Paragraph {
  return paragraph(text, { align: 'left', before: 200, after: 100 }, { bold: true });
}

function dutyParagraphs(duty: DraftDuty, t: Translate): Paragraph[] {
  const out: Paragraph[] = [
    paragraph([run(`${duty.ref}. `, { bold: true }), run(duty.title, { bold: true })], { indent: true, before: 80 }),
  ];
  for (const window of duty.windows) {
    out.push(
      paragraph(
        t('draft-window', { from: formatDay(window.start), to: formatDay(window.end) }),
        { indent: true },
        {
          italics: true,
        },
      ),
    );
    const silent = window.leads.filter((lead) => lead.status === 'none' || lead.status === 'not_started');
    for (const lead of window.leads) {
      if (silent.includes(lead)) continue;
      out.push(paragraph([run(`- ${lead.unit}: `, { bold: true }), run(leadWords(lead, t))], { indent: true }));
    }
    if (silent.length > 0) {
      const overdue = silent.filter((lead) => lead.followUp === 'overdue');
      out.push(
        paragraph(
          [
            run(`- ${t('draft-silent', { count: formatCount(silent.length, t.language) })}: `, { bold: true }),
            run(silent.map((lead) => lead.unit).join(', ')),
            run(
              overdue.length > 0
                ? ` (${t('draft-silent-overdue', { count: formatCount(overdue.length, t.language) })})`
                : '',
            ),
          ],
          { indent: true },
        ),
      );
    }
    if (window.support.length > 0)
      out.push(
        paragraph(t('draft-support', { units: window.support.join(', ') }), { indent: true }, { italics: true }),
      );
  }
  return out;
}

/** What a lead unit reported: its standing, note, document, files and the day it reported. */
export function leadWords(lead: DraftLead, t: Translate): string {
  const parts: string[] = [];
  if (lead.followUp === 'done_on_time') parts.push(t('draft-lead-done-on-time'));
  else if (lead.followUp === 'done_late') parts.push(t('draft-lead-done-late', { days: lead.daysLate }));
  else {
    const reported = lead.awaitingConfirmation
      ? t('draft-lead-awaiting')
      : t('draft-lead-status', { status: lead.status });
    parts.push(
      lead.followUp === 'overdue'
        ? `${reported} (${t('draft-lead-overdue', { days: lead.daysLate })})`
        : `${reported} (${t('draft-lead-open')})`,
    );
  }
  if (lead.note) parts.push(t('draft-lead-note', { note: lead.note }));
  if (lead.evidence.number)
    parts.push(
      lead.evidence.date
        ? t('draft-lead-evidence-dated', { number: lead.evidence.number, date: formatDay(lead.evidence.date) })
        : t('draft-lead-evidence', { number: lead.evidence.number }),
    );
  if (lead.evidence.files > 0) parts.push(t('draft-lead-files', { count: lead.evidence.files }));
  if (lead.reportedOn) parts.push(t('draft-lead-reported', { date: formatDay(lead.reportedOn) }));
  return `${parts.join('; ')}.`;
}

function statisticsTable(figures: DraftFigures, t: Translate): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const widths = [7, 31, 10, 10, 10, 10, 10, 12];
  const cell = (text: string, index: number, bold: boolean, header: boolean) =>
    new TableCell({
      borders,
      margins: cellMargins,
      verticalAlign: VerticalAlign.CENTER,
      width: { size: share(widths[index] ?? 10), type: WidthType.DXA },
      children: [
        paragraph(
          text,
          { align: index === 1 && !header ? 'left' : 'center', after: 0 },
          { bold, size: header ? NOTE : TABLE_TEXT },
        ),
      ],
    });
  // A row is never split over two pages, and the header row repeats on each page the table reaches.
  const rowOf = (values: string[], bold = false, header = false) =>
    new TableRow({
      cantSplit: true,
      ...(header ? { tableHeader: true } : {}),
      children: values.map((value, index) => cell(value, index, bold, header)),
    });
  const header = rowOf(
    [
      t('draft-table-number'),
      t('draft-table-unit'),
      t('draft-table-cells'),
      t('draft-table-on-time'),
      t('draft-table-late'),
      t('draft-table-open'),
      t('draft-table-overdue'),
      t('draft-table-rate'),
    ],
    true,
    true,
  );
  const line = (index: string, row: DraftFigureRow, bold = false) =>
    rowOf([index, row.name, row.cells, row.onTime, row.late, row.open, row.overdue, row.doneRate], bold);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths.map(share),
    rows: [header, ...figures.rows.map((row, index) => line(String(index + 1), row)), line('', figures.total, true)],
  });
}

function limitationParagraphs(facts: DraftFacts, t: Translate): Paragraph[] {
  const out: Paragraph[] = [];
  const language = t.language;
  if (facts.blocked.length > 0) {
    out.push(
      paragraph(t('draft-blocked-intro', { count: formatCount(facts.blocked.length, language) }), { indent: true }),
    );
    for (const item of facts.blocked)
      out.push(
        paragraph(
          [
            run(`- ${item.unit} (${item.ref}): `, { bold: true }),
            run(item.note ? item.note : t('draft-blocked-no-note')),
            run(item.reportedOn ? ` (${t('draft-lead-reported', { date: formatDay(item.reportedOn) })})` : ''),
          ],
          { indent: true },
        ),
      );
  }
  const overdueUnits = facts.statistics.units.filter((unit) => unit.tally.counts.overdue > 0);
  if (overdueUnits.length > 0) {
    out.push(
      paragraph(t('draft-overdue-intro', { count: formatCount(overdueUnits.length, language) }), { indent: true }),
    );
    for (const unit of overdueUnits)
      out.push(
        paragraph(
          `- ${t('draft-overdue-unit', {
            unit: unit.name,
            count: formatCount(unit.tally.counts.overdue, language),
            days: unit.tally.maxDaysOverdue,
          })}`,
          { indent: true },
        ),
      );
  }
  if (facts.late.total > 0) {
    out.push(paragraph(t('draft-late-intro', { count: formatCount(facts.late.total, language) }), { indent: true }));
    const shown = facts.late.rows.slice(0, 10);
    for (const row of shown)
      out.push(
        paragraph(`- ${t('draft-late-row', { unit: row.unit.name, ref: row.ref, days: row.daysLate })}`, {
          indent: true,
        }),
      );
    if (facts.late.total > shown.length)
      out.push(
        paragraph(t('draft-more', { count: formatCount(facts.late.total - shown.length, language) }), { indent: true }),
      );
  }
  if (out.length === 0) out.push(paragraph(t('draft-no-limitations'), { indent: true }));
  return out;
}

function nextParagraphs(next: DraftFacts['next'], span: PeriodSpan, t: Translate): Paragraph[] {
  const period = periodWords(span, t.language);
  if (next.length === 0) return [paragraph(t('draft-next-none', { period }), { indent: true })];
  const out = [
    paragraph(t('draft-next-intro', { period, count: formatCount(next.length, t.language) }), { indent: true }),
  ];
  for (const item of next) {
    const names = item.leads.map((lead) => lead[t.language]);
    const leads =
      names.length > 6
        ? `${names.slice(0, 6).join(', ')} ${t('draft-and-more', { count: names.length - 6 })}`
        : names.join(', ');
    out.push(
      paragraph(
        [
          run(`- ${item.ref}. ${item.title}`),
          run(` (${formatDay(item.start)} – ${formatDay(item.end)})`, { italics: true }),
          run(leads ? `; ${t('draft-next-lead', { units: leads })}` : ''),
          run('.'),
        ],
        { indent: true },
      ),
    );
  }
  return out;
}

function signature(facts: DraftFacts, signingBody: string, t: Translate): Table {
  const recipients = t('draft-recipients-list', { issuer: facts.plan.issuer })
    .split('\n')
    .map((line) => paragraph(line, { align: 'left', after: 0 }, { size: NOTE }));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [share(50), share(50)],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          noBorderCell(
            [
              paragraph(
                t('draft-recipients'),
                { align: 'left', before: 240, after: 0 },
                {
                  bold: true,
                  italics: true,
                  size: 24,
                },
              ),
              ...recipients,
            ],
            50,
          ),
          noBorderCell(
            [
              paragraph(
                t('draft-on-behalf', { body: signingBody }),
                { align: 'center', before: 240, after: 0 },
                {
                  bold: true,
                },
              ),
              paragraph(t('draft-signer-title'), { align: 'center', after: 0 }, { bold: true }),
              paragraph(t('draft-signer-hint'), { align: 'center', after: 1200 }, { italics: true, size: 24 }),
              paragraph(t('draft-signer-name'), { align: 'center', after: 0 }, { bold: true }),
            ],
            50,
          ),
        ],
      }),
    ],
  });
}
