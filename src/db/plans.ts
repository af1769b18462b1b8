// The plan aggregate: importing a plan file transactionally (idempotent, by key) and reading plans back.
import { createHash } from 'node:crypto';
import { addMonths, fromUtcMidnight, type LocalDate, localDateAt, toUtcMidnight } from '../domain/dates.js';
import type { Schedule } from '../domain/schedule.js';
import { foldText, searchableText } from '../domain/text.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { PlanFile, PlanFileDuty, PlanFileUnit } from '../plans/format.js';
import { type AuditActor, recordAudit } from './audit.js';
import { upsertLevels } from './levels.js';
import { MATERIALIZE_MONTHS_AHEAD, materializeSchedule, scheduleSelect, toSchedule } from './occurrences.js';

type Tx = Prisma.TransactionClient;

export interface ImportSummary {
  planCode: string;
  outcome: 'created' | 'updated' | 'unchanged';
  levels: { added: string[]; updated: string[] };
  units: { added: string[]; updated: string[] };
  duties: { added: string[]; changed: string[]; unchanged: number; removed: string[]; retired: string[] };
  /** Windows kept although the file no longer has them, because reports or reminders refer to them. */
  keptOccurrences: number;
}

export interface ImportInput {
  plan: PlanFile;
  sourceText: string | undefined;
  /** The import's instant: retired duties carry it, and "today" in the plan's zone sets how far ahead open-ended series are stored. */
  now: Date;
  actor: AuditActor;
  /** Work out the summary, then roll everything back. */
  dryRun?: boolean;
}

/** Thrown inside a dry run's transaction so that everything it wrote is rolled back. */
class DryRunRollback extends Error {
  override name = 'DryRunRollback';
}

export async function knownUnitCodes(prisma: PrismaClient): Promise<Set<string>> {
  const units = await prisma.unit.findMany({ select: { code: true } });
  return new Set(units.map((unit) => unit.code));
}

/** Writes a validated plan file in one transaction: all of it or nothing. */
export async function importPlan(prisma: PrismaClient, input: ImportInput): Promise<ImportSummary> {
  const contentHash = hashPlan(input.plan, input.sourceText);
  const summary: ImportSummary = {
    planCode: input.plan.plan.code,
    outcome: 'unchanged',
    levels: { added: [], updated: [] },
    units: { added: [], updated: [] },
    duties: { added: [], changed: [], unchanged: 0, removed: [], retired: [] },
    keptOccurrences: 0,
  };
  const existing = await prisma.plan.findUnique({
    where: { code: input.plan.plan.code },
    select: { contentHash: true },
  });
  if (existing?.contentHash === contentHash) {
    summary.duties.unchanged = input.plan.duties.length;
    return summary;
  }

  try {
    await prisma.$transaction(
      async (tx) => {
        summary.levels = await upsertLevels(tx, input.plan.levels);
        const unitIds = await upsertUnits(tx, input.plan.units, summary);
        const planId = await upsertPlan(tx, input, contentHash, unitIds, summary);
        await syncDuties(tx, planId, input, summary);
        await recordAudit(tx, input.actor, 'plan.import', input.plan.plan.code, {
          outcome: summary.outcome,
          levels: summary.levels,
          units: summary.units,
          duties: summary.duties,
        });
        if (input.dryRun) throw new DryRunRollback();
      },
      { timeout: 300_000, maxWait: 60_000 },
    );
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return summary;
}

async function upsertUnits(tx: Tx, units: PlanFileUnit[], summary: ImportSummary): Promise<Map<string, number>> {
  const referenced = new Set(units.flatMap((unit) => (unit.parent ? [unit.code, unit.parent] : [unit.code])));
  const stored = await tx.unit.findMany({
    where: { code: { in: [...referenced] } },
    select: {
      id: true,
      code: true,
      name: true,
      shortName: true,
      level: true,
      parentId: true,
      aliases: { select: { alias: true } },
    },
  });
  const byCode = new Map(stored.map((unit) => [unit.code, unit]));
  const ids = new Map(stored.map((unit) => [unit.code, unit.id]));

  for (const unit of parentsFirst(units)) {
    const parentId = unit.parent ? (ids.get(unit.parent) ?? null) : null;
    const aliases = unitAliases(unit);
    const current = byCode.get(unit.code);
    const fields = { name: unit.name, shortName: unit.shortName ?? null, level: unit.level, parentId };
    if (!current) {
      const created = await tx.unit.create({ data: { code: unit.code, ...fields }, select: { id: true } });
      ids.set(unit.code, created.id);
      await tx.unitAlias.createMany({
        data: aliases.map((alias) => ({ unitId: created.id, ...alias })),
        skipDuplicates: true,
      });
      summary.units.added.push(unit.code);
      continue;
    }
    const aliasesChanged = !sameSet(
      current.aliases.map((a) => a.alias),
      aliases.map((a) => a.alias),
    );
    const fieldsChanged =
      current.name !== fields.name ||
      current.shortName !== fields.shortName ||
      current.level !== fields.level ||
      current.parentId !== fields.parentId;
    if (fieldsChanged) await tx.unit.update({ where: { id: current.id }, data: fields });
    if (aliasesChanged) {
      await tx.unitAlias.deleteMany({ where: { unitId: current.id } });
      await tx.unitAlias.createMany({
        data: aliases.map((alias) => ({ unitId: current.id, ...alias })),
        skipDuplicates: true,
      });
    }
    if (fieldsChanged || aliasesChanged) summary.units.updated.push(unit.code);
  }
  return ids;
}

/** Every name a unit answers to, folded for lookup; the code and full name are names too. */
export function unitAliases(
  unit: Pick<PlanFileUnit, 'code' | 'name' | 'shortName' | 'aliases'>,
): { alias: string; normalized: string }[] {
  const seen = new Map<string, string>();
  for (const alias of [unit.code, unit.name, unit.shortName, ...unit.aliases]) {
    if (!alias) continue;
    const normalized = foldText(alias);
    if (normalized && !seen.has(normalized)) seen.set(normalized, alias);
  }
  return [...seen].map(([normalized, alias]) => ({ alias, normalized }));
}

function parentsFirst(units: PlanFileUnit[]): PlanFileUnit[] {
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const ordered: PlanFileUnit[] = [];
  const placed = new Set<string>();
  const place = (unit: PlanFileUnit) => {
    if (placed.has(unit.code)) return;
    placed.add(unit.code);
    const parent = unit.parent ? byCode.get(unit.parent) : undefined;
    if (parent) place(parent);
    ordered.push(unit);
  };
  units.forEach(place);
  return ordered;
}

async function upsertPlan(
  tx: Tx,
  input: ImportInput,
  contentHash: string,
  unitIds: Map<string, number>,
  summary: ImportSummary,
): Promise<number> {
  const { plan } = input.plan;
  const issuerUnitId = plan.issuerUnit
    ? (unitIds.get(plan.issuerUnit) ??
      (await tx.unit.findUniqueOrThrow({ where: { code: plan.issuerUnit }, select: { id: true } })).id)
    : null;
  const data = {
    title: plan.title,
    issuer: plan.issuer,
    issuerUnitId,
    place: plan.place ?? null,
    issuedOn: toUtcMidnight(plan.issuedOn),
    timeZone: plan.timeZone,
    // Only a file that says so changes the setting: without the key, what the CLI set stays.
    ...(plan.requiresConfirmation !== undefined ? { requiresConfirmation: plan.requiresConfirmation } : {}),
    sourceText: input.sourceText ?? null,
    contentHash,
  };
  const existing = await tx.plan.findUnique({ where: { code: plan.code }, select: { id: true } });
  if (existing) {
    await tx.plan.update({ where: { id: existing.id }, data });
    summary.outcome = 'updated';
    return existing.id;
  }
  const created = await tx.plan.create({ data: { code: plan.code, ...data }, select: { id: true } });
  summary.outcome = 'created';
  return created.id;
}

const dutySelect = {
  id: true,
  key: true,
  ref: true,
  title: true,
  summary: true,
  sourceQuote: true,
  aliases: true,
  searchText: true,
  retiredAt: true,
  units: { select: { role: true, unit: { select: { code: true } } } },
  levels: { select: { role: true, level: true } },
  schedules: { select: { ...scheduleSelect, position: true }, orderBy: { position: 'asc' } },
} satisfies Prisma.DutySelect;

type StoredDuty = Prisma.DutyGetPayload<{ select: typeof dutySelect }>;

async function syncDuties(tx: Tx, planId: number, input: ImportInput, summary: ImportSummary): Promise<void> {
  const stored = await tx.duty.findMany({ where: { planId }, select: dutySelect });
  const storedByKey = new Map(stored.map((duty) => [duty.key, duty]));
  const codes = new Set(
    input.plan.duties.flatMap((duty) => [...duty.lead, ...duty.support]).filter((ref) => !ref.startsWith('level:')),
  );
  const units = await tx.unit.findMany({ where: { code: { in: [...codes] } }, select: { id: true, code: true } });
  const unitIds = new Map(units.map((unit) => [unit.code, unit.id]));
  const through = addMonths(localDateAt(input.now, input.plan.plan.timeZone), MATERIALIZE_MONTHS_AHEAD);

  for (const duty of input.plan.duties) {
    const current = storedByKey.get(duty.key);
    storedByKey.delete(duty.key);
    if (current && dutySignature(duty) === storedSignature(current) && current.retiredAt === null) {
      summary.duties.unchanged += 1;
      continue;
    }
    const fields = {
      ref: duty.ref,
      title: duty.title,
      summary: duty.summary ?? null,
      sourceQuote: duty.source,
      aliases: duty.aliases,
      searchText: dutySearchText(duty),
      retiredAt: null,
    };
    const dutyId = current
      ? (await tx.duty.update({ where: { id: current.id }, data: fields, select: { id: true } })).id
      : (await tx.duty.create({ data: { planId, key: duty.key, ...fields }, select: { id: true } })).id;
    (current ? summary.duties.changed : summary.duties.added).push(duty.key);

    await tx.dutyUnit.deleteMany({ where: { dutyId } });
    await tx.dutyLevel.deleteMany({ where: { dutyId } });
    const assignments = (['lead', 'support'] as const).flatMap((role) => duty[role].map((ref) => ({ role, ref })));
    await tx.dutyUnit.createMany({
      data: assignments
        .filter(({ ref }) => !ref.startsWith('level:'))
        .map(({ role, ref }) => ({
          dutyId,
          role,
          unitId: unitIds.get(ref) ?? raise(`unit ${ref} vanished during import`),
        })),
      skipDuplicates: true,
    });
    await tx.dutyLevel.createMany({
      data: assignments
        .filter(({ ref }) => ref.startsWith('level:'))
        .map(({ role, ref }) => ({ dutyId, role, level: ref.slice('level:'.length) })),
      skipDuplicates: true,
    });
    summary.keptOccurrences += await syncSchedules(tx, dutyId, duty.schedule, current?.schedules ?? [], through);
  }

  for (const gone of storedByKey.values()) {
    const referenced = await tx.occurrence.count({
      where: { dutyId: gone.id, OR: [{ reports: { some: {} } }, { reminders: { some: {} } }] },
    });
    if (referenced > 0) {
      if (gone.retiredAt === null) {
        await tx.duty.update({ where: { id: gone.id }, data: { retiredAt: input.now } });
        summary.duties.retired.push(gone.key);
      }
    } else {
      await tx.duty.delete({ where: { id: gone.id } });
      summary.duties.removed.push(gone.key);
    }
  }
}

async function syncSchedules(
  tx: Tx,
  dutyId: number,
  wanted: Schedule[],
  stored: StoredDuty['schedules'],
  through: LocalDate,
): Promise<number> {
  let kept = 0;
  for (const [position, schedule] of wanted.entries()) {
    const current = stored.find((row) => row.position === position);
    const data = {
      startsOn: toUtcMidnight(schedule.start),
      endsOn: toUtcMidnight(schedule.end),
      label: schedule.label ?? null,
      everyMonths: schedule.repeat?.everyMonths ?? null,
      until: schedule.repeat?.until ? toUtcMidnight(schedule.repeat.until) : null,
      count: schedule.repeat?.count ?? null,
    };
    if (current && scheduleKey(toSchedule(current)) === scheduleKey(schedule)) continue;
    const row = current
      ? await tx.dutySchedule.update({ where: { id: current.id }, data, select: scheduleSelect })
      : await tx.dutySchedule.create({ data: { dutyId, position, ...data }, select: scheduleSelect });
    kept += (await materializeSchedule(tx, row, through)).kept;
  }
  for (const extra of stored.filter((row) => row.position >= wanted.length)) {
    const referenced = await tx.occurrence.count({
      where: { scheduleId: extra.id, OR: [{ reports: { some: {} } }, { reminders: { some: {} } }] },
    });
    if (referenced > 0) kept += referenced;
    else await tx.dutySchedule.delete({ where: { id: extra.id } });
  }
  return kept;
}

function scheduleKey(schedule: Schedule): string {
  return JSON.stringify([
    schedule.start,
    schedule.end,
    schedule.label ?? null,
    schedule.repeat?.everyMonths ?? null,
    schedule.repeat?.until ?? null,
    schedule.repeat?.count ?? null,
  ]);
}

function dutySearchText(duty: Pick<PlanFileDuty, 'title' | 'summary' | 'aliases' | 'ref'>): string {
  return searchableText([duty.title, duty.summary, ...duty.aliases, duty.ref]);
}

function dutySignature(duty: PlanFileDuty): string {
  return JSON.stringify({
    searchText: dutySearchText(duty),
    ref: duty.ref,
    title: duty.title,
    summary: duty.summary ?? null,
    source: duty.source,
    aliases: duty.aliases,
    lead: [...new Set(duty.lead)].sort(),
    support: [...new Set(duty.support)].sort(),
    schedule: duty.schedule.map(scheduleKey),
  });
}

/** A stored duty's responsible units and levels for a role, written as in plan files ("TU-BTG", "level:district"). */
function responsibleRefs(duty: Pick<StoredDuty, 'units' | 'levels'>, role: 'lead' | 'support'): string[] {
  return [
    ...duty.units.filter((u) => u.role === role).map((u) => u.unit.code),
    ...duty.levels.filter((l) => l.role === role).map((l) => `level:${l.level}`),
  ];
}

function storedSignature(duty: StoredDuty): string {
  const refs = (role: 'lead' | 'support') => responsibleRefs(duty, role).sort();
  return JSON.stringify({
    searchText: duty.searchText,
    ref: duty.ref,
    title: duty.title,
    summary: duty.summary,
    source: duty.sourceQuote,
    aliases: duty.aliases,
    lead: refs('lead'),
    support: refs('support'),
    schedule: duty.schedules.map((row) => scheduleKey(toSchedule(row))),
  });
}

/** Bumped when what an import derives from a file changes (e.g. searchText), so the next import redoes it. */
const DERIVED_DATA_VERSION = 2;

/** A digest of everything the file says, key order aside: equal digests mean an identical import. */
export function hashPlan(plan: PlanFile, sourceText: string | undefined): string {
  return createHash('sha256')
    .update(`derived:${DERIVED_DATA_VERSION}\0`)
    .update(canonicalJson(plan))
    .update('\0')
    .update(sourceText ?? '')
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((item) => left.has(item));
}

function raise(message: string): never {
  throw new Error(message);
}

export interface PlanListItem {
  code: string;
  title: string;
  issuer: string;
  issuedOn: LocalDate;
  duties: number;
}

export async function listPlans(prisma: PrismaClient): Promise<PlanListItem[]> {
  const plans = await prisma.plan.findMany({
    orderBy: [{ issuedOn: 'desc' }, { code: 'asc' }],
    select: {
      code: true,
      title: true,
      issuer: true,
      issuedOn: true,
      _count: { select: { duties: { where: { retiredAt: null } } } },
    },
  });
  return plans.map((plan) => ({
    code: plan.code,
    title: plan.title,
    issuer: plan.issuer,
    issuedOn: fromUtcMidnight(plan.issuedOn),
    duties: plan._count.duties,
  }));
}

export interface PlanDetails {
  code: string;
  title: string;
  issuer: string;
  place: string | null;
  issuedOn: LocalDate;
  timeZone: string;
  duties: {
    key: string;
    ref: string;
    title: string;
    retired: boolean;
    lead: string[];
    support: string[];
    schedule: Schedule[];
  }[];
}

export async function getPlanDetails(prisma: PrismaClient, code: string): Promise<PlanDetails | undefined> {
  const plan = await prisma.plan.findUnique({
    where: { code },
    select: {
      code: true,
      title: true,
      issuer: true,
      place: true,
      issuedOn: true,
      timeZone: true,
      duties: { select: dutySelect, orderBy: { id: 'asc' } },
    },
  });
  if (!plan) return undefined;
  return {
    code: plan.code,
    title: plan.title,
    issuer: plan.issuer,
    place: plan.place,
    issuedOn: fromUtcMidnight(plan.issuedOn),
    timeZone: plan.timeZone,
    duties: plan.duties.map((duty) => ({
      key: duty.key,
      ref: duty.ref,
      title: duty.title,
      retired: duty.retiredAt !== null,
      lead: responsibleRefs(duty, 'lead'),
      support: responsibleRefs(duty, 'support'),
      schedule: duty.schedules.map(toSchedule),
    })),
  };
}

/** A plan by its code ("15-KH/TU"), for commands that name one. */
export async function findPlanByCode(
  prisma: PrismaClient,
  code: string,
): Promise<{ id: number; code: string } | undefined> {
  return (await prisma.plan.findUnique({ where: { code }, select: { id: true, code: true } })) ?? undefined;
}

/** A duty of a plan by its key. */
export async function findDutyByKey(
  prisma: PrismaClient,
  planId: number,
  key: string,
): Promise<{ id: number; key: string } | undefined> {
  return (
    (await prisma.duty.findUnique({ where: { planId_key: { planId, key } }, select: { id: true, key: true } })) ??
    undefined
  );
}

export async function hasAnyPlan(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.plan.count()) > 0;
}
