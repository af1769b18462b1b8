// The periodic report draft as every face asks for it (CLI, the /tinhhinh button, the console's download): the plan
// looked up, the period read, "today" taken in the plan's time zone, the facts gathered and the .docx built.
import type { PrismaClient } from '../db/database.js';
import { type DraftPlan, findDraftPlan, reportDraftFacts } from '../db/report-draft.js';
import { type LocalDate, localDateAt } from '../domain/dates.js';
import type { Translate } from '../i18n.js';
import type { DraftFacts } from '../reporting/draft.js';
import { parseReportPeriod, periodFileKey, type ReportPeriod } from '../reporting/report-period.js';

export interface ReportDraft {
  plan: DraftPlan;
  period: ReportPeriod;
  today: LocalDate;
  facts: DraftFacts;
  fileName: string;
  bytes: Uint8Array;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The draft of a plan for a period, in `t`'s language; undefined when there is no such plan. A period given as text
 * is read with parseReportPeriod, which throws ReportPeriodError for anything else (each face words it its own way).
 */
export async function draftPeriodicReport(
  prisma: PrismaClient,
  input: {
    plan: { code: string } | { id: number };
    period: string | ReportPeriod;
    now: Date;
    t: Translate;
    /** The day the figures are counted on; default: `now` in the plan's time zone. */
    today?: LocalDate;
  },
): Promise<ReportDraft | undefined> {
  const period = typeof input.period === 'string' ? parseReportPeriod(input.period) : input.period;
  const plan = await findDraftPlan(prisma, input.plan);
  if (!plan) return undefined;
  const today = input.today ?? localDateAt(input.now, plan.timeZone);
  const facts = await reportDraftFacts(prisma, plan, period, today);
  // The docx library is loaded with the first draft, not with the bot: most processes never write one.
  const { draftDocx } = await import('../reporting/draft.js');
  return {
    plan,
    period,
    today,
    facts,
    fileName: draftFileName(plan.code, period, input.t.language),
    bytes: await draftDocx(facts, input.t),
  };
}

/** "bao-cao-15-KH-TU-2012-H2.docx": the plan's code and the period, in letters every file system takes. */
export function draftFileName(planCode: string, period: ReportPeriod, language: 'vi' | 'en'): string {
  const code = planCode
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${language === 'vi' ? 'bao-cao' : 'report'}-${code}-${periodFileKey(period)}.docx`;
}
