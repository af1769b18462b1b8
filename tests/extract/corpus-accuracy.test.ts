// The extractor on the corpus plans (People's Committee plans of 2025, copied from the web) against the answer keys
// of tests/fixtures/corpus-answers: dated windows, lead units, recurrence, metadata, and no heading or purpose
// item taken as a duty. Prints a table per plan and overall; thresholds are what the extractor reaches.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPlan } from '../../src/extract/extract.js';
import { type AnswerKey, labeller, measurePlan, type PlanFigures, percent, ratio } from './support/corpus-measure.js';

const root = path.resolve(import.meta.dirname, '../..');
const keysDir = path.join(root, 'tests/fixtures/corpus-answers');
const corpusDir = path.join(root, 'tests/fixtures/corpus');
const keyFiles = readdirSync(keysDir).filter((file) => file.endsWith('.json'));

function measureAll(): PlanFigures[] {
  return keyFiles.map((file) => {
    const key = JSON.parse(readFileSync(path.join(keysDir, file), 'utf8')) as AnswerKey;
    const text = readFileSync(path.join(corpusDir, file.replace(/\.json$/, '.txt')), 'utf8');
    const result = extractPlan(text);
    return measurePlan({ ...key, file: file.replace(/\.json$/, '') }, result, labeller(result));
  });
}

function table(figures: PlanFigures[]): string {
  const rows = figures.map((plan) => [
    plan.file.replace(/-[0-9a-f]{16}$/, ''),
    `${plan.matched}/${plan.keyDuties}`,
    `${plan.windows.right}/${plan.windows.key}`,
    percent(ratio(plan.windows.right, plan.windows.ours)),
    `${plan.lead.exact}/${plan.lead.compared}`,
    percent(ratio(plan.lead.unitsRight, plan.lead.unitsOurs)),
    percent(ratio(plan.lead.keyUnitsFound, plan.lead.unitsKey)),
    `${plan.recurrence.right}/${plan.recurrence.key}`,
    (['code', 'issuer', 'place', 'issuedOn', 'title'] as const)
      .map((field) => (plan.metadata[field] ? '✓' : '✗'))
      .join(''),
    `${plan.implements.right}/${plan.implements.key}`,
    String(plan.notDutiesTaken.length),
  ]);
  const sum = (pick: (plan: PlanFigures) => number) => figures.reduce((total, plan) => total + pick(plan), 0);
  rows.push([
    'overall',
    `${sum((p) => p.matched)}/${sum((p) => p.keyDuties)}`,
    `${sum((p) => p.windows.right)}/${sum((p) => p.windows.key)}`,
    percent(
      ratio(
        sum((p) => p.windows.right),
        sum((p) => p.windows.ours),
      ),
    ),
    `${sum((p) => p.lead.exact)}/${sum((p) => p.lead.compared)}`,
    percent(
      ratio(
        sum((p) => p.lead.unitsRight),
        sum((p) => p.lead.unitsOurs),
      ),
    ),
    percent(
      ratio(
        sum((p) => p.lead.keyUnitsFound),
        sum((p) => p.lead.unitsKey),
      ),
    ),
    `${sum((p) => p.recurrence.right)}/${sum((p) => p.recurrence.key)}`,
    `${figures.filter((p) => Object.entries(p.metadata).every(([field, ok]) => field === 'titleOverlap' || ok)).length}/${figures.length}`,
    `${sum((p) => p.implements.right)}/${sum((p) => p.implements.key)}`,
    String(sum((p) => p.notDutiesTaken.length)),
  ]);
  const header = [
    'plan',
    'duties found',
    'windows right',
    'window prec.',
    'lead exact',
    'lead prec.',
    'lead recall',
    'recurrence',
    'meta (c,i,p,d,t)',
    'implements',
    'notDuties taken',
  ];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

describe.skipIf(keyFiles.length === 0)('extraction of the corpus plans against their answer keys', () => {
  const figures = measureAll();
  const sum = (pick: (plan: PlanFigures) => number) => figures.reduce((total, plan) => total + pick(plan), 0);

  it('prints the figures', () => {
    console.log(table(figures));
    if (process.env.DONDOC_CORPUS_DETAILS)
      for (const plan of figures) {
        console.log(`\n${plan.file}`);
        for (const missed of plan.unmatchedKey) console.log(`  not found: ${missed}`);
        for (const missed of plan.windows.missed) console.log(`  window missed: ${missed}`);
        for (const extra of plan.windows.extra) console.log(`  window extra: ${extra}`);
        for (const error of plan.lead.errors) console.log(`  lead: ${error}`);
        for (const error of plan.recurrence.errors) console.log(`  recurrence: ${error}`);
        for (const taken of plan.notDutiesTaken) console.log(`  notDuty taken: ${taken}`);
        const meta = Object.entries(plan.metadata).filter(([, ok]) => ok === false);
        if (meta.length > 0)
          console.log(
            `  metadata wrong: ${meta.map(([field]) => field).join(', ')} (title overlap ${plan.metadata.titleOverlap.toFixed(2)})`,
          );
      }
    expect(figures.length).toBe(keyFiles.length);
  });

  it('finds the dated windows with the right dates', () => {
    expect(
      ratio(
        sum((p) => p.windows.right),
        sum((p) => p.windows.key),
      ),
    ).toBeGreaterThanOrEqual(0.9);
    expect(
      ratio(
        sum((p) => p.windows.right),
        sum((p) => p.windows.ours),
      ),
    ).toBeGreaterThanOrEqual(0.85);
  });

  it('names the lead units', () => {
    expect(
      ratio(
        sum((p) => p.lead.exact),
        sum((p) => p.lead.compared),
      ),
    ).toBeGreaterThanOrEqual(0.8);
    expect(
      ratio(
        sum((p) => p.lead.unitsRight),
        sum((p) => p.lead.unitsOurs),
      ),
    ).toBeGreaterThanOrEqual(0.8);
    expect(
      ratio(
        sum((p) => p.lead.keyUnitsFound),
        sum((p) => p.lead.unitsKey),
      ),
    ).toBeGreaterThanOrEqual(0.8);
  });

  it('reads recurrence', () => {
    expect(
      ratio(
        sum((p) => p.recurrence.right),
        sum((p) => p.recurrence.key),
      ),
    ).toBeGreaterThanOrEqual(0.8);
  });

  it('reads the metadata of nearly every plan', () => {
    const right = figures.filter(
      (p) => p.metadata.code && p.metadata.issuer && p.metadata.place && p.metadata.issuedOn && p.metadata.title,
    );
    expect(right.length).toBe(figures.length);
  });

  it('takes no heading or purpose item for a duty', () => {
    expect(figures.flatMap((p) => p.notDutiesTaken)).toEqual([]);
  });

  it('finds most duties of the keys', () => {
    expect(
      ratio(
        sum((p) => p.matched),
        sum((p) => p.keyDuties),
      ),
    ).toBeGreaterThanOrEqual(0.9);
  });
});
