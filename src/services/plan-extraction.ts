// Placeholder until the extraction's JSON (dondoc-extract/2) is merged.
import type { PrismaClient } from '../db/database.js';

export async function extractPlanDocument(
  _prisma: PrismaClient,
  _input: { bytes: Uint8Array; name: string; now: Date },
): Promise<unknown> {
  throw new Error('not yet');
}
