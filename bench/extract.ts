// Plan extraction time: the largest corpus plan, and generated plans of 10 and 100 pages (text, .docx and PDF), each
// the median of several runs, with the growth from 10 to 100 pages (linear would be 10×).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readDocument } from '../src/extract/document.js';
import { extractPlan } from '../src/extract/extract.js';
import { docx, pdf } from '../tests/extract/support/documents.js';
import { ms, ratio, type Summary, summarize, table } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ExtractBenchOptions {
  runs: number;
  log: (line: string) => void;
}

export function extractBenchOptions(quick: boolean, log: (line: string) => void): ExtractBenchOptions {
  return { runs: quick ? 3 : 9, log };
}

interface Case {
  name: string;
  format: string;
  pages: number;
  bytes: number;
  characters: number;
  duties: number;
  read: Summary;
  extract: Summary;
  total: Summary;
}

export interface ExtractBenchResult {
  cases: Case[];
  growth: { format: string; tenPages: number; hundredPages: number; ratio: number }[];
}

/** A plan of about `pages` pages (some 40 lines each): sections of unit headings with dated items, and a task table. */
function generatedPlan(pages: number): { lines: string[]; rows: number } {
  const lines = [
    'ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Số: 99/KH-UBND    Thử Nghiệm, ngày 05 tháng 01 năm 2026',
    '',
    'KẾ HOẠCH',
    'THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2026',
    '',
    'I. NHIỆM VỤ',
  ];
  const units = ['Sở Tài chính', 'Sở Nội vụ', 'Sở Y tế', 'Sở Xây dựng', 'Công an tỉnh', 'Sở Khoa học và Công nghệ'];
  let section = 0;
  while (lines.length < pages * 40) {
    section += 1;
    lines.push('', `${section}. ${units[section % units.length]}`);
    for (let item = 1; item <= 6; item += 1) {
      const month = ((section + item) % 12) + 1;
      lines.push(
        '',
        `- Chủ trì, phối hợp với các sở, ban, ngành và Ủy ban nhân dân các xã, phường triển khai nhiệm vụ số ${section}.${item}`,
        `về cải cách hành chính, chuyển đổi số và bảo đảm an sinh xã hội trên địa bàn tỉnh; hoàn thành trong tháng ${month}/2026.`,
      );
    }
  }
  return { lines, rows: section };
}

async function measure(name: string, format: string, pages: number, bytes: Uint8Array, runs: number): Promise<Case> {
  const read: number[] = [];
  const extract: number[] = [];
  const total: number[] = [];
  let duties = 0;
  let characters = 0;
  for (let run = 0; run < runs + 1; run += 1) {
    const t0 = performance.now();
    const document = await readDocument(bytes, `${name}.${format}`);
    const t1 = performance.now();
    const result = extractPlan(document);
    const t2 = performance.now();
    duties = result.duties.length;
    characters = document.text.length;
    if (run === 0) continue; // the first run loads modules and warms the JIT
    read.push(t1 - t0);
    extract.push(t2 - t1);
    total.push(t2 - t0);
  }
  return {
    name,
    format,
    pages,
    bytes: bytes.length,
    characters,
    duties,
    read: summarize(read),
    extract: summarize(extract),
    total: summarize(total),
  };
}

export async function runExtractBench(options: ExtractBenchOptions): Promise<ExtractBenchResult> {
  const corpus = path.join(root, 'tests/fixtures/corpus');
  const largest = readdirSync(corpus)
    .filter((file) => file.endsWith('.txt'))
    .sort((a, b) => statSync(path.join(corpus, b)).size - statSync(path.join(corpus, a)).size)[0] as string;
  const cases: Case[] = [];
  cases.push(
    await measure(largest.replace(/\.txt$/, ''), 'txt', 0, readFileSync(path.join(corpus, largest)), options.runs),
  );
  for (const pages of [10, 100]) {
    const { lines } = generatedPlan(pages);
    options.log(`  generated plan of ${pages} pages: ${lines.length} lines`);
    cases.push(await measure(`generated-${pages}p`, 'txt', pages, Buffer.from(lines.join('\n'), 'utf8'), options.runs));
    cases.push(
      await measure(`generated-${pages}p`, 'docx', pages, docx(lines.map((line) => ({ p: line }))), options.runs),
    );
    const pagesOfLines: string[][] = [];
    for (let index = 0; index < lines.length; index += 48) pagesOfLines.push(lines.slice(index, index + 48));
    cases.push(
      await measure(`generated-${pages}p`, 'pdf', pages, await pdf(pagesOfLines, { fontSize: 8 }), options.runs),
    );
  }
  const growth = ['txt', 'docx', 'pdf'].map((format) => {
    const ten = cases.find((c) => c.pages === 10 && c.format === format)?.total.median ?? Number.NaN;
    const hundred = cases.find((c) => c.pages === 100 && c.format === format)?.total.median ?? Number.NaN;
    return { format, tenPages: ten, hundredPages: hundred, ratio: hundred / ten };
  });
  return { cases, growth };
}

export function printExtract(result: ExtractBenchResult, seconds: number, log: (line: string) => void): void {
  log(
    `\nPlan extraction: reading the document, then extracting (median of the runs; ms; ${seconds.toFixed(0)} s in all)`,
  );
  log(
    table(
      ['document', 'format', 'bytes', 'characters', 'duties', 'read', 'extract', 'total', 'total p95'],
      result.cases.map((c) => [
        c.name,
        c.format,
        String(c.bytes),
        String(c.characters),
        String(c.duties),
        ms(c.read.median),
        ms(c.extract.median),
        ms(c.total.median),
        ms(c.total.p95),
      ]),
    ),
  );
  log(
    table(
      ['format', '10 pages', '100 pages', 'growth (linear = 10×)'],
      result.growth.map((g) => [g.format, ms(g.tenPages), ms(g.hundredPages), ratio(g.ratio)]),
    ),
  );
}
