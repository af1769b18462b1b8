// `dondoc report draft` through the real executable on an embedded database: the .docx written where asked, in
// Vietnamese or English; a period it cannot read, a bad language or an unknown plan named clearly, never a stack.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentXml, paragraphs } from '../support/docx.js';
import { runDondoc } from '../support/processes.js';

const PLAN = fileURLToPath(new URL('../../plans/tra-vinh-15-KH-TU-2012.yaml', import.meta.url));
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-draft-cli-'));
  env = { DONDOC_DATA_DIR: path.join(dir, 'data') };
  const imported = await runDondoc(['plan', 'import', PLAN], env, dir);
  expect(imported.code, imported.stderr).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('dondoc report draft', () => {
  it('writes the half-year draft under its default name, and an English one where --out says', async () => {
    const result = await runDondoc(
      ['report', 'draft', '--plan', '15-KH/TU', '--period', '2012-H2', '--as-of', '2012-12-20'],
      env,
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    const file = path.join(dir, 'bao-cao-15-KH-TU-2012-H2.docx');
    expect(result.stdout).toMatch(
      new RegExp(
        `^Wrote ${file.replace(/[.]/g, '\\.')}: 15-KH/TU, 2012-07-01 – 2012-12-31 as of 2012-12-20; \\d+ window\\(s\\)`,
      ),
    );
    const texts = paragraphs(documentXml(await readFile(file)));
    expect(texts).toContain('BÁO CÁO');
    expect(texts).toContain('(6 tháng cuối năm 2012)');
    expect(texts).toContain('Số liệu tính đến ngày 20/12/2012 (mỗi lượt việc là một đơn vị trong một mốc thực hiện):');

    const english = await runDondoc(
      [
        'report',
        'draft',
        '--plan',
        '15-KH/TU',
        '--period',
        '2012-07-01..2012-12-31',
        '--lang',
        'en',
        '--as-of',
        '2012-12-20',
        '--out',
        'draft-en.docx',
      ],
      env,
      dir,
    );
    expect(english.code, english.stderr).toBe(0);
    const en = paragraphs(documentXml(await readFile(path.join(dir, 'draft-en.docx'))));
    expect(en).toContain('REPORT');
    expect(en).toContain('(01/07/2012 to 31/12/2012)');
    // The same day and range: the same figures in both languages.
    const figures = (lines: string[]) => lines.find((line) => /^(Kết quả|Results):/.test(line))?.match(/\d+/g);
    expect(figures(en)).toEqual(figures(texts));
  });

  it('names a period it cannot read and exits 2, and a language it does not speak', async () => {
    const result = await runDondoc(['report', 'draft', '--plan', '15-KH/TU', '--period', '2012-H3'], env, dir);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      '--period: "2012-H3" is not a period: use 2012, 2012-H1, 2012-H2, 2012-Q3, 2012-09 or 2012-07-01..2012-12-31',
    );
    noStack(result.stderr);
    const backwards = await runDondoc(
      ['report', 'draft', '--plan', '15-KH/TU', '--period', '2012-12-31..2012-07-01'],
      env,
      dir,
    );
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('the first day is after the last');
    const language = await runDondoc(
      ['report', 'draft', '--plan', '15-KH/TU', '--period', '2012', '--lang', 'fr'],
      env,
      dir,
    );
    expect(language.code).not.toBe(0);
    expect(language.stderr).toContain('--lang must be vi or en, got "fr"');
  });

  it('names an unknown plan', async () => {
    const result = await runDondoc(['report', 'draft', '--plan', '99-KH/XX', '--period', '2012'], env, dir);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('No plan with code "99-KH/XX". See: dondoc plan list');
    noStack(result.stderr);
  });
});
