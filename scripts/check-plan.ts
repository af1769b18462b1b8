// Validates a plan file without a database: `npx tsx scripts/check-plan.ts plans/x.yaml`.
import { readFileSync } from 'node:fs';
import { parsePlanText } from '../src/plans/load.js';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx scripts/check-plan.ts <plan file>');
const plan = parsePlanText(readFileSync(file, 'utf8'), file);
const windows = plan.duties.reduce((sum, duty) => sum + duty.schedule.length, 0);
console.log(`${file}: OK — ${plan.units.length} units, ${plan.duties.length} duties, ${windows} windows`);
