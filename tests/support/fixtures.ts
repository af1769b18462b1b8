// The small test plan (tests/fixtures/small-plan.yaml), imported the way every database test needs it.
import { readFileSync } from 'node:fs';
import type { PrismaClient } from '../../src/db/database.js';
import { importPlan, knownUnitCodes } from '../../src/db/plans.js';
import { parsePlanText } from '../../src/plans/load.js';

export const SMALL_PLAN = readFileSync(new URL('../fixtures/small-plan.yaml', import.meta.url), 'utf8');

export async function importSmallPlan(prisma: PrismaClient): Promise<void> {
  const plan = parsePlanText(SMALL_PLAN, 'plan.yaml', await knownUnitCodes(prisma));
  await importPlan(prisma, {
    plan,
    sourceText: undefined,
    now: new Date('2012-04-10T02:00:00Z'),
    actor: { label: 'test' },
  });
}
