// What a periodic report draft says, from the database: the plan, the period's windows grouped by the plan's sections
// with each lead unit's current report, the four-way statistics, the blocked reports and the next period's windows.
// The follow-up rule is not written again here: cells come from statusMatrix and the figures from followUpStatistics.
import type { LocalDate } from '../domain/dates.js';
import { fromUtcMidnight, localDateAt } from '../domain/dates.js';
import type { DraftDuty, DraftFacts, DraftLead, DraftSection } from '../reporting/draft.js';
import { compareSections, sectionHeadings, sectionOf } from '../reporting/plan-sections.js';
import type { ReportPeriod } from '../reporting/report-period.js';
import type { PrismaClient } from './database.js';
import { dutyResponsibilities } from './duties.js';
import { listOccurrences } from './occurrences.js';
import { followUpStatistics, lateCompletions, statusMatrix } from './reporting.js';

export interface DraftPlan {
  id: number;
  code: string;
  title: string;
  issuer: string;
  issuerShortName: string | null;
  place: string | null;
  issuedOn: LocalDate;
  timeZone: string;
}

const draftPlanSelect = {
  id: true,
  code: true,
  title: true,
  issuer: true,
  place: true,
  issuedOn: true,
  timeZone: true,
  issuerUnit: { select: { name: true, shortName: true } },
} as const;

type DraftPlanRow = {
  id: number;
  code: string;
  title: string;
  issuer: string;
  place: string | null;
  issuedOn: Date;
  timeZone: string;
  issuerUnit: { name: string; shortName: string | null } | null;
};

function toDraftPlan(plan: DraftPlanRow): DraftPlan {
  return {
    id: plan.id,
    code: plan.code,
    title: plan.title,
    issuer: plan.issuer,
    issuerShortName: plan.issuerUnit ? (plan.issuerUnit.shortName ?? plan.issuerUnit.name) : null,
    place: plan.place,
    issuedOn: fromUtcMidnight(plan.issuedOn),
    timeZone: plan.timeZone,
  };
}

/** The plan a draft is about, by its code or id, with what its header needs; undefined when there is none. */
export async function findDraftPlan(
  prisma: PrismaClient,
  where: { code: string } | { id: number },
): Promise<DraftPlan | undefined> {
  const plan = await prisma.plan.findUnique({ where, select: draftPlanSelect });
  return plan ? toDraftPlan(plan) : undefined;
}

/** The plans whose windows a chat reply showed, by code, in one statement: the draft buttons name them by id. */
export async function draftPlansByCode(prisma: PrismaClient, codes: readonly string[]): Promise<DraftPlan[]> {
  if (codes.length === 0) return [];
  const rows = await prisma.plan.findMany({
    where: { code: { in: [...codes] } },
    select: draftPlanSelect,
    orderBy: { code: 'asc' },
  });
  return rows.map(toDraftPlan);
}

/** Everything the draft of `plan` for `period` states, counted as of `today` (a day in the plan's time zone). */
export async function reportDraftFacts(
  prisma: PrismaClient,
  plan: DraftPlan,
  period: ReportPeriod,
  today: LocalDate,
): Promise<DraftFacts> {
  const filter = { planId: plan.id };
  const [matrix, statistics, late, nextWindows, source] = await Promise.all([
    statusMatrix(prisma, period.range, { ...filter, today }),
    followUpStatistics(prisma, period.range, filter, today),
    lateCompletions(prisma, period.range, filter, today, 10),
    listOccurrences(prisma, period.next.range, filter),
    prisma.plan.findUniqueOrThrow({ where: { id: plan.id }, select: { sourceText: true } }),
  ]);
  const headings = sectionHeadings(source.sourceText);
  const unitName = new Map(matrix.units.map((unit) => [unit.id, unit.name]));

  // Duty by duty (a recurring duty has one entry per window of the period), in the plan's order of references.
  const duties = new Map<number, DraftDuty>();
  const blocked: DraftFacts['blocked'] = [];
  for (const occurrence of [...matrix.occurrences].sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : 0,
  )) {
    let duty = duties.get(occurrence.dutyId);
    if (!duty) {
      duty = { ref: occurrence.ref, title: occurrence.title, windows: [] };
      duties.set(occurrence.dutyId, duty);
    }
    const leads: DraftLead[] = [];
    const support: string[] = [];
    for (const unit of matrix.units) {
      const cell = matrix.cells.get(`${occurrence.id}:${unit.id}`);
      if (!cell) continue;
      const reportedOn = cell.reportedAt ? localDateAt(cell.reportedAt, plan.timeZone) : null;
      if (cell.status === 'blocked')
        blocked.push({ ref: occurrence.ref, title: occurrence.title, unit: unit.name, note: cell.note, reportedOn });
      if (cell.role === 'support') {
        support.push(unit.name);
        continue;
      }
      leads.push({
        unit: unitName.get(unit.id) ?? unit.code,
        status: cell.status,
        followUp: cell.followUp,
        daysLate: cell.daysLate,
        awaitingConfirmation: cell.awaitingConfirmation,
        note: cell.note,
        evidence: cell.evidence,
        reportedOn,
      });
    }
    duty.windows.push({ start: occurrence.start, end: occurrence.end, leads, support });
  }
  const bySection = new Map<string, DraftDuty[]>();
  for (const duty of duties.values()) {
    const key = sectionOf(duty.ref);
    bySection.set(key, [...(bySection.get(key) ?? []), duty]);
  }
  const sections: DraftSection[] = [...bySection.entries()]
    .sort(([a], [b]) => compareSections(a, b))
    .map(([key, list]) => ({
      key,
      heading: headings.get(key) ?? null,
      duties: list.sort((a, b) => a.ref.localeCompare(b.ref, 'vi', { numeric: true })),
    }));

  // The next period's tasks: windows that open in it (not those still running from this one), with their leads as
  // the plan names them ("Ban Tổ chức", "các huyện ủy và tương đương"), not unit by unit.
  const opening = nextWindows
    .filter((occurrence) => occurrence.start >= period.next.range.from && occurrence.start <= period.next.range.to)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.ref.localeCompare(b.ref)));
  const responsible = await dutyResponsibilities(
    prisma,
    opening.map((occurrence) => occurrence.dutyId),
  );
  const next = opening.map((occurrence) => ({
    ref: occurrence.ref,
    title: occurrence.title,
    start: occurrence.start,
    end: occurrence.end,
    leads: (responsible.get(occurrence.dutyId)?.lead ?? []).map((lead) =>
      lead.kind === 'unit'
        ? { vi: lead.shortName ?? lead.name, en: lead.shortName ?? lead.name }
        : { vi: lead.members.vi, en: lead.members.en },
    ),
  }));

  return {
    plan: {
      code: plan.code,
      title: plan.title,
      issuer: plan.issuer,
      issuerShortName: plan.issuerShortName,
      place: plan.place,
      issuedOn: plan.issuedOn,
    },
    period,
    today,
    sections,
    statistics,
    late,
    blocked,
    next,
  };
}
