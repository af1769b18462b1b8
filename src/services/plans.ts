// Importing a plan file, as the CLI, the demo seed and the web console do it: validated against what the database
// knows (its units and levels), then written in one transaction.
import type { AuditActor } from '../db/audit.js';
import type { PrismaClient } from '../db/database.js';
import { knownLevelKeys } from '../db/levels.js';
import { type ImportSummary, importPlan, knownUnitCodes } from '../db/plans.js';
import { parsePlanText } from '../plans/load.js';

export interface PlanTextImport {
  /** The plan file (YAML or JSON). */
  text: string;
  /** How problems name the file ("plans/x.yaml:42 duties[3].lead[0]: …"). */
  fileName: string;
  /** Reads the source text a plan file names (`plan.sourceFile`, relative to the file). */
  readSource?: (relativePath: string) => Promise<string>;
  now: Date;
  actor: AuditActor;
  /** Work out the summary, then roll everything back. */
  dryRun?: boolean;
}

/** Throws PlanFileError (every problem with its line) before anything is written. */
export async function importPlanText(prisma: PrismaClient, input: PlanTextImport): Promise<ImportSummary> {
  const [units, levels] = await Promise.all([knownUnitCodes(prisma), knownLevelKeys(prisma)]);
  const plan = parsePlanText(input.text, input.fileName, units, levels);
  const sourceText =
    plan.plan.sourceFile && input.readSource ? await input.readSource(plan.plan.sourceFile) : undefined;
  return importPlan(prisma, {
    plan,
    sourceText,
    now: input.now,
    actor: input.actor,
    dryRun: input.dryRun ?? false,
  });
}
