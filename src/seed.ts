// Demo data: on an empty database, the first customer's plan is imported so the bot has something to say.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { knownLevelKeys } from './db/levels.js';
import { type ImportSummary, importPlan, knownUnitCodes } from './db/plans.js';
import { localDateAt } from './domain/dates.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { parsePlanText } from './plans/load.js';

export const DEMO_PLAN_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../plans/tra-vinh-15-KH-TU-2012.yaml',
);

/** Imports a plan file from disk (its source text too, when it names one). */
export async function importPlanFile(
  prisma: PrismaClient,
  file: string,
  now: Date,
  actor = { label: 'system' },
): Promise<ImportSummary> {
  const plan = parsePlanText(
    await readFile(file, 'utf8'),
    file,
    await knownUnitCodes(prisma),
    await knownLevelKeys(prisma),
  );
  const sourceText = plan.plan.sourceFile
    ? await readFile(path.resolve(path.dirname(file), plan.plan.sourceFile), 'utf8')
    : undefined;
  return importPlan(prisma, { plan, sourceText, asOf: localDateAt(now, plan.plan.timeZone), actor });
}

/** Returns the import summary, or undefined when the database already has plans. */
export async function seedDemoPlan(prisma: PrismaClient, now: Date): Promise<ImportSummary | undefined> {
  if ((await prisma.plan.count()) > 0) return undefined;
  return importPlanFile(prisma, DEMO_PLAN_FILE, now);
}
