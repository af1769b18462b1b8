// Demo data: on an empty database, the first customer's plan is imported so the bot has something to say.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from './db/database.js';
import { hasAnyPlan, type ImportSummary } from './db/plans.js';
import { projectPath } from './paths.js';
import { importPlanText } from './services/plans.js';

export const DEMO_PLAN_FILE = projectPath('plans/tra-vinh-15-KH-TU-2012.yaml');

/** Imports a plan file from disk (its source text too, when it names one). */
export async function importPlanFile(
  prisma: PrismaClient,
  file: string,
  now: Date,
  actor = { label: 'system' },
): Promise<ImportSummary> {
  return importPlanText(prisma, {
    text: await readFile(file, 'utf8'),
    fileName: file,
    readSource: (source) => readFile(path.resolve(path.dirname(file), source), 'utf8'),
    now,
    actor,
  });
}

/** Returns the import summary, or undefined when the database already has plans. */
export async function seedDemoPlan(prisma: PrismaClient, now: Date): Promise<ImportSummary | undefined> {
  if (await hasAnyPlan(prisma)) return undefined;
  return importPlanFile(prisma, DEMO_PLAN_FILE, now);
}
