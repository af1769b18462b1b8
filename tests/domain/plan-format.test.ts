import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PlanFileError, parsePlanText } from '../../src/plans/load.js';

const good = readFileSync(new URL('../fixtures/small-plan.yaml', import.meta.url), 'utf8');

function problems(text: string, known: string[] = []): string[] {
  try {
    parsePlanText(text, 'plan.yaml', new Set(known));
  } catch (error) {
    if (error instanceof PlanFileError)
      return error.message
        .split('\n')
        .slice(1)
        .map((line) => line.trim());
    throw error;
  }
  return [];
}

describe('plan files', () => {
  it('parses a good YAML file into schedules and references', () => {
    const plan = parsePlanText(good, 'small-plan.yaml');
    expect(plan.plan).toMatchObject({ code: '7-KH/TEST', issuedOn: '2012-04-04', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(plan.units).toHaveLength(4);
    expect(plan.duties[0]?.schedule).toEqual([
      { start: '2012-03-27', end: '2012-03-28' },
      { start: '2012-03-30', end: '2012-03-30' },
    ]);
    expect(plan.duties[2]?.schedule[0]).toEqual({
      start: '2012-06-15',
      end: '2012-06-30',
      label: 'báo cáo 6 tháng',
      repeat: { everyMonths: 6 },
    });
    expect(plan.duties[3]?.schedule).toEqual([]);
  });

  it('reads the same plan as JSON', () => {
    const json = JSON.stringify(parse(good), null, 2);
    expect(parsePlanText(json, 'plan.json')).toEqual(parsePlanText(good, 'plan.yaml'));
  });

  it('names the file, line and path of missing fields', () => {
    const text = good.replace('  title: Kế hoạch thử nghiệm\n', '').replace('    source: "Thường xuyên."\n', '');
    const found = problems(text);
    expect(found).toContainEqual(expect.stringMatching(/^plan\.yaml:\d+ plan\.title: /));
    expect(found).toContainEqual(expect.stringMatching(/^plan\.yaml:\d+ duties\[3\]\.source: /));
  });

  it('rejects impossible dates and windows that end before they start', () => {
    const text = good
      .replace('issuedOn: 2012-04-04', 'issuedOn: 2012-02-31')
      .replace('end: 2012-09-30', 'end: 2012-07-31');
    const found = problems(text.replace('start: 2012-08-01', 'start: 2012-08-15'));
    expect(found).toContainEqual(
      'plan.yaml:8 plan.issuedOn: "2012-02-31" is not a calendar date in the form YYYY-MM-DD',
    );
    expect(found).toContainEqual(
      expect.stringMatching(/duties\[1\]\.schedule\[0\]\.end: ends \(2012-07-31\) before it starts \(2012-08-15\)/),
    );
  });

  it('reports unknown unit codes with their line, and accepts codes already in the database', () => {
    const text = good.replace('support: [TT-BTC]', 'support: [TT-BTX]');
    const found = problems(text);
    expect(found).toEqual([`plan.yaml:${lineOf(text, 'TT-BTX')} duties[0].support[0]: unknown unit code "TT-BTX"`]);
    expect(problems(text, ['TT-BTX'])).toEqual([]);
  });

  it('rejects duplicate keys, duplicate unit codes, parent cycles and unknown fields', () => {
    const text = good
      .replace('key: kiem-diem-huyen', 'key: hoi-nghi-tinh')
      .replace(
        '  - code: HU-A\n    name: Huyện ủy A\n    level: district\n    parent: TT',
        '  - code: HU-A\n    name: Huyện ủy A\n    level: district\n    parent: HU-B\n  - code: HU-B\n    name: B\n    level: district\n    parent: HU-A\n  - code: TT\n    name: again\n    level: province',
      )
      .replace('    ref: V.4\n', '    ref: V.4\n    deadline: 2012-06-30\n');
    const found = problems(text).join('\n');
    expect(found).toMatch(/duties\[2\]: Unrecognized key: "deadline"/);
    const fixed = problems(text.replace('    deadline: 2012-06-30\n', '')).join('\n');
    expect(fixed).toContain('duty key "hoi-nghi-tinh" is used twice');
    expect(fixed).toContain('unit code "TT" is listed twice');
    expect(fixed).toContain('unit "HU-A" is its own ancestor');
  });

  it('reports YAML syntax errors with a line', () => {
    expect(problems('format: dondoc-plan/1\nplan: [unclosed\n')[0]).toMatch(/^plan\.yaml:\d+: /);
  });

  it('rejects repeats that are not a number of months or years', () => {
    const found = problems(good.replace('every: 6 months', 'every: fortnightly'));
    expect(found).toContainEqual(
      expect.stringMatching(/schedule\[0\]\.repeat\.every: must read like "6 months" or "1 year"/),
    );
    const yearly = parsePlanText(good.replace('every: 6 months', 'every: 1 year'), 'p.yaml');
    expect(yearly.duties[2]?.schedule[0]?.repeat).toEqual({ everyMonths: 12 });
  });
});

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}
