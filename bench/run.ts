// dondoc performance benchmarks: `npm run bench` (see bench/README.md).
//
//   npm run bench                        everything (about 8 minutes on 2 cores)
//   npm run bench -- --only startup      start-up of the embedded database only
//   npm run bench -- --only occurrences  occurrence range queries only
//   npm run bench -- --only ask          answering questions only
//   npm run bench -- --only telegram     Telegram updates through grammY and the fake Bot API only
//   npm run bench -- --only zalo         the Zalo client's sending rate and updates through the Zalo adapter only
//   npm run bench -- --only reminders    one scheduler tick with 1,000 duties and 10,000 officials, and delivery at 30/s
//   npm run bench -- --only broadcasts   a notice to many recipients against Telegram's rate limit, and the matrix picture
//   npm run bench -- --only channels     1,000 users asking while a 5,000-recipient notice goes out, at 30/s and 1/s per chat
//   npm run bench -- --only extract      plan extraction: the largest corpus plan, generated 10- and 100-page plans (txt, docx, PDF)
//   npm run bench -- --only web          the web console's overview page at 100 × 50 and 1,000 × 200 units × windows
//   npm run bench -- --only cli          one-shot dondoc commands as whole processes against node -e 1
//   npm run bench -- --only follow-up    four-way follow-up statistics at 1,000 units × 100 windows, against the matrix totals
//   npm run bench -- --only report-draft the periodic report draft (.docx) at 60 duties × 100 units and 1,000 duties
//   npm run bench -- --only vacuum       a simulated month of ledger churn on PGlite, with and without the nightly VACUUM
//   npm run bench -- --only memory       the compiled bot's RSS: 100 officials, an hour of traffic, a 30-minute soak (not in the default run)
//   npm run bench -- --quick             small sizes and few iterations: a smoke run
//
// Prints tables and writes every number (and every EXPLAIN) to bench/results/latest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ASK_QUESTIONS, type AskDatasetResult, type AskResult, type QuestionResult, runAskBench } from './ask.js';
import { broadcastBenchOptions, printBroadcasts, runBroadcastBench } from './broadcasts.js';
import { channelsBenchOptions, printChannels, runChannelsBench } from './channels.js';
import { printCli, runCliBench } from './cli.js';
import { errorText } from './common.js';
import { type BenchKind, POSTGRES_URL, postgresAvailable } from './databases.js';
import { extractBenchOptions, printExtract, runExtractBench } from './extract.js';
import { followUpBenchOptions, printFollowUp, runFollowUpBench } from './follow-up.js';
import { memoryBenchOptions, printMemory, runMemoryBench } from './memory.js';
import {
  DATASETS,
  type DatasetName,
  HAND_SQL,
  INDEX_NAME,
  type KindResult,
  OPS,
  type OpName,
  runOccurrenceBench,
  TUNED,
} from './occurrences.js';
import { printReminders, reminderBenchOptions, runReminderBench } from './reminders.js';
import { printReportDraft, reportDraftBenchOptions, runReportDraftBench } from './report-draft.js';
import { runStartupBench, type StartupResult } from './startup.js';
import { ms, ratio, table } from './stats.js';
import { printTelegram, runTelegramBench } from './telegram.js';
import { printVacuum, runVacuumBench, vacuumBenchOptions } from './vacuum.js';
import { printWeb, runWebBench } from './web.js';
import { printZalo, runZaloBench, zaloBenchOptions } from './zalo.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

interface Options {
  only: Bench | undefined;
  quick: boolean;
}

const BENCHES = [
  'startup',
  'occurrences',
  'ask',
  'telegram',
  'zalo',
  'reminders',
  'broadcasts',
  'extract',
  'web',
  'channels',
  'cli',
  'vacuum',
  'follow-up',
  'report-draft',
  'memory',
] as const;
type Bench = (typeof BENCHES)[number];
const USAGE = `usage: npm run bench -- [--only ${BENCHES.join('|')}] [--quick]`;

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const options: Options = { only: undefined, quick: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--only' || arg?.startsWith('--only=')) {
      if (arg === '--only') i += 1;
      const value = arg === '--only' ? argv[i] : arg.slice('--only='.length);
      const bench = BENCHES.find((name) => name === value);
      if (!bench) throw new UsageError(`--only takes ${BENCHES.join(', ')}, not ${value}`);
      options.only = bench;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new UsageError(`unknown argument ${arg} (try --help)`);
  }
  return options;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

function printStartup(result: StartupResult): void {
  log('\nStart-up of the embedded database (each sample a fresh process; ms)');
  const row = (name: string, s: StartupResult['firstStart']) => [
    name,
    String(s.ready.n),
    ms(s.ready.median),
    ms(s.ready.min),
    ms(s.ready.max),
    ms(s.open.median),
    ms(s.firstQuery.median),
    ms(s.close.median),
    ms(s.process.median),
  ];
  log(
    table(
      ['', 'n', 'ready median', 'min', 'max', 'open', '1st query', 'close', 'process median'],
      [row('first start (initdb + migrations)', result.firstStart), row('reopen existing folder', result.reopen)],
    ),
  );
  log(
    `first start / reopen: ${ratio(result.ratio.ready)} (ready), ${ratio(result.ratio.process)} (whole process, incl. ${ms(result.reopen.boot.median)} ms Node + tsx + imports)`,
  );
}

const OP_LABEL: Record<OpName, string> = {
  select1: 'SELECT 1 (baseline)',
  month: 'listOccurrences Nov 2026',
  quarter: 'listOccurrences Q4 2026',
  monthTuned: `Nov 2026, ${TUNED.setting}=${TUNED.value} (what-if)`,
  quarterTuned: `Q4 2026, ${TUNED.setting}=${TUNED.value} (what-if)`,
};
/** "Well under 2x": the verdict line calls a ratio below this a pass. */
const SCALING_LIMIT = 1.5;

function printOccurrences(result: KindResult): void {
  const d = result.datasets;
  log(`\nOccurrences on ${result.kind} (${result.serverVersion.split(' on ')[0]}); ms`);
  log(
    table(
      ['data set', 'duties', 'occurrences', 'reports', 'load s'],
      DATASETS.map((name) => [
        name,
        String(d[name].counts.duties),
        String(d[name].counts.occurrences),
        String(d[name].counts.statusReports),
        (d[name].load.totalMs / 1000).toFixed(1),
      ]),
    ),
  );
  log('');
  const rows: string[][] = [];
  for (const { name: op } of OPS) {
    for (const name of DATASETS) {
      const r = d[name].ops[op];
      const vsSmall = name === 'small' ? '' : ratio(r.summary.median / d.small.ops[op].summary.median);
      const vsSelect1 = op === 'select1' ? '' : ratio(r.summary.median / d[name].ops.select1.summary.median);
      rows.push([OP_LABEL[op], name, String(r.rows), ms(r.summary.median), ms(r.summary.p95), vsSmall, vsSelect1]);
    }
  }
  log(table(['call', 'data set', 'rows', 'median', 'p95', 'vs small', 'vs SELECT 1'], rows));

  log('\nScaling: median (p95) of the 10x data set over the small one');
  const scale = (over: 'bigOverSmall' | 'historyOverSmall', op: OpName) =>
    `${ratio(result.ratios[over][op].median)} (${ratio(result.ratios[over][op].p95)})`;
  log(
    table(
      ['', 'Nov 2026', 'Q4 2026', `Nov, ${TUNED.setting}=${TUNED.value}`, `Q4, ${TUNED.setting}=${TUNED.value}`],
      [
        [
          'big/small (10x duties, 10x rows returned)',
          scale('bigOverSmall', 'month'),
          scale('bigOverSmall', 'quarter'),
          scale('bigOverSmall', 'monthTuned'),
          scale('bigOverSmall', 'quarterTuned'),
        ],
        [
          'history/small (10x data, same rows returned)',
          scale('historyOverSmall', 'month'),
          scale('historyOverSmall', 'quarter'),
          scale('historyOverSmall', 'monthTuned'),
          scale('historyOverSmall', 'quarterTuned'),
        ],
      ],
    ),
  );
  // The claim is about data size: 10x the stored data, the same answer. When the answer itself is 10x
  // larger (big/small), the time must grow with it; what matters there is the cost per returned row.
  const worst = Math.max(result.ratios.historyOverSmall.month.median, result.ratios.historyOverSmall.quarter.median);
  log(
    `${worst < SCALING_LIMIT ? 'MET' : 'NOT MET'} (${result.kind}, history/small): "10x more data costs well under 2x more time" ` +
      `(worst median ratio ${ratio(worst)}, limit ${ratio(SCALING_LIMIT)})`,
  );
  const perRow = (name: DatasetName, op: OpName) => d[name].ops[op].summary.median / Math.max(1, d[name].ops[op].rows);
  log(
    `big/small returns 10x the rows: time ${ratio(result.ratios.bigOverSmall.month.median)} (Nov), cost per row ` +
      `${ratio(perRow('big', 'month') / perRow('small', 'month'))} of the small set's`,
  );

  log('\nWhere a Nov 2026 call goes (median ms per statement, driver-side; rows in brackets)');
  const labels = [...new Set(DATASETS.flatMap((name) => (d[name].ops.month.statements ?? []).map((s) => s.label)))];
  const statementRows = labels.map((label) => [
    label,
    ...DATASETS.map((name) => {
      const s = d[name].ops.month.statements?.find((x) => x.label === label);
      return s ? `${ms(s.median)} [${s.rows}]` : '-';
    }),
    DATASETS.map((name) => d[name].statementPlans.find((p) => p.label === label)?.seqScans.join(',') || '-').join(
      ' / ',
    ),
  ]);
  statementRows.push([
    'client side (Prisma, mapping)',
    ...DATASETS.map((name) => ms(d[name].ops.month.clientSide?.median ?? Number.NaN)),
    '',
  ]);
  statementRows.push(['total', ...DATASETS.map((name) => ms(d[name].ops.month.summary.median)), '']);
  log(table(['statement', ...DATASETS, 'seq scans (small / big / history)'], statementRows));

  log('\nPlans of the occurrence range query (EXPLAIN ANALYZE)');
  log(
    table(
      ['data set', 'range', 'SQL', 'settings', `uses ${INDEX_NAME}`, 'seq scans', 'execution ms'],
      DATASETS.flatMap((name) =>
        d[name].plans.map((p) => [
          name,
          p.range,
          p.query,
          p.tuned ? `${TUNED.setting}=${TUNED.value}` : 'default',
          p.usesIndex ? 'yes' : 'NO',
          p.seqScans.join(', ') || '-',
          ms(p.executionMs ?? Number.NaN),
        ]),
      ),
    ),
  );
  for (const [name, query, tuned] of [
    ['big', 'hand-written', false],
    ['big', 'prisma', false],
    ['history', 'prisma', false],
    ['history', 'prisma', true],
  ] as const) {
    const plan = d[name].plans.find((p) => p.query === query && p.range === 'month' && p.tuned === tuned);
    log(
      `\nEXPLAIN (ANALYZE, BUFFERS), ${result.kind}, ${name} data set, Nov 2026, ${query} SQL, ${tuned ? `${TUNED.setting}=${TUNED.value}` : 'default settings'}:`,
    );
    log(plan?.plan.replace(/^/gm, '    ') ?? '    (none)');
  }
  log(
    result.indexCheck.pass
      ? `\nPASS (${result.kind}): every occurrence range plan (hand-written and Prisma's, every data set and range) uses ${INDEX_NAME}`
      : `\nFAIL (${result.kind}): ${result.indexCheck.failures.join('; ')}`,
  );
}

/** Microseconds, for parsing: 3 significant digits. */
const us = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));

function printAsk(result: AskResult, seconds: number): void {
  const sets = result.datasets;
  const first = sets[0] as AskDatasetResult;
  const question = (id: string) => ASK_QUESTIONS.find((q) => q.id === id);
  const cell = (q: QuestionResult | undefined) =>
    !q ? '-' : q.error ? 'FAILS' : `${ms(q.summary.median)} (${ms(q.summary.p99)})`;
  const find = (set: AskDatasetResult, id: string) => set.questions.find((q) => q.id === id);

  log(
    `\nAnswering questions on PGlite (${result.serverVersion.split(' on ')[0]}), pool of 1; ${seconds.toFixed(0)} s in all; ` +
      `code at ${result.source.commit}${result.source.changed ? ' with uncommitted changes in src/, prisma/ or locales/' : ''}`,
  );
  log(
    table(
      ['data set', 'duties', 'plans', 'occurrences', 'reports', 'load s', 'first plan import s', 'synthetic s'],
      sets.map((set) => [
        set.name,
        String(set.load.counts.duties),
        String(set.load.counts.plans),
        String(set.load.counts.occurrences),
        String(set.load.counts.statusReports),
        (set.load.totalMs / 1000).toFixed(1),
        ((set.load.steps.firstPlan ?? 0) / 1000).toFixed(1),
        ((set.load.totalMs - (set.load.steps.firstPlan ?? 0)) / 1000).toFixed(1),
      ]),
    ),
  );

  log(
    '\nTime to answer, median (p99) ms per data set (of 100 answers the p99 lies between the two slowest); n per question in the JSON (`iterations`)',
  );
  const rows = result.questions.map((q) => [
    `${q.id}: ${q.text}`,
    q.intent,
    q.family,
    ...sets.map((set) => cell(find(set, q.id))),
  ]);
  rows.push([
    'SELECT 1 through Prisma (baseline)',
    '',
    '',
    ...sets.map((set) => `${ms(set.select1.median)} (${ms(set.select1.p99)})`),
  ]);
  rows.push([
    'the mix (every answer above pooled)',
    '',
    '',
    ...sets.map((set) => `${ms(set.mix.median)} (${ms(set.mix.p99)})`),
  ]);
  log(table(['question', 'intent', 'period', ...sets.map((set) => set.name)], rows));
  const reduced = sets.flatMap((set) =>
    Object.entries(set.iterations)
      .filter(([, n]) => n > 0 && n < (first.iterations[ASK_QUESTIONS[0]?.id ?? ''] ?? 0))
      .map(([id, n]) => `${set.name}/${id} ${n}`),
  );
  if (reduced.length) log(`fewer answers measured (slow at this size): ${reduced.join(', ')}`);
  for (const set of sets)
    for (const q of set.questions)
      if (q.error) log(`FAILS on ${set.name}: ${q.id} "${question(q.id)?.text}": ${q.error}`);

  const ratioCell = (over: QuestionResult | undefined, under: QuestionResult | undefined) =>
    !over || !under || over.error || under.error ? '-' : ratio(over.summary.median / under.summary.median);
  log('\nGrowth: ratio of medians (duties in the answer per data set)');
  const pairs = sets.slice(1).map((set, i) => [set, sets[i] as AskDatasetResult] as const);
  log(
    table(
      ['question', 'duties in answer', ...pairs.map(([over, under]) => `${over.name} / ${under.name}`)],
      result.questions.map((q) => [
        q.id,
        sets.map((set) => (find(set, q.id)?.error ? 'x' : String(find(set, q.id)?.duties ?? '-'))).join(' / '),
        ...pairs.map(([over, under]) => ratioCell(find(over, q.id), find(under, q.id))),
      ]),
    ),
  );
  const steep = pairs.flatMap(([over, under]) =>
    result.questions.flatMap((q) => {
      const a = find(over, q.id);
      const b = find(under, q.id);
      const dataRatio = over.load.counts.duties / under.load.counts.duties;
      if (!a || !b || a.error || b.error || under.synthetic === 0) return [];
      const r = a.summary.median / b.summary.median;
      return r > dataRatio
        ? [`${q.id} ${under.name} -> ${over.name}: ${ratio(r)} for ${ratio(dataRatio)} the duties`]
        : [];
    }),
  );
  log(
    `Worse than linear (a median growing faster than the duties stored): ${steep.length ? steep.join('; ') : 'none'}`,
  );
  // Pooled times of two questions as different as overdue-2012 and overdue-2017 have a median that falls
  // between them, so the per-intent line is a growth only (the pooled times are in the JSON: byIntent).
  log("\nGrowth per intent: geometric mean of its questions' median ratios (questions that answer on every set)");
  const intents = [...new Set(result.questions.map((q) => q.intent))];
  const geomean = (values: number[]) =>
    values.length ? Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length) : Number.NaN;
  log(
    table(
      ['intent', 'questions', ...pairs.map(([over, under]) => `${over.name} / ${under.name}`)],
      intents.map((intent) => {
        const ids = result.questions
          .filter((q) => q.intent === intent && sets.every((set) => !find(set, q.id)?.error))
          .map((q) => q.id);
        return [
          intent,
          ids.join(', '),
          ...pairs.map(([over, under]) =>
            ratio(
              geomean(
                ids.map(
                  (id) =>
                    (find(over, id)?.summary.median ?? Number.NaN) / (find(under, id)?.summary.median ?? Number.NaN),
                ),
              ),
            ),
          ),
        ];
      }),
    ),
  );

  log('\nParsing alone (parseQuestion), microseconds per call');
  const [p0, p1] = result.parse;
  if (p0 && p1) {
    log(
      table(
        ['question', 'intent', `median (${p0.units} units)`, 'p99', 'max', `median (${p1.units} units)`, 'p99', 'max'],
        [
          ...p0.questions.map((q, i) => {
            const other = p1.questions[i];
            return [
              q.id,
              q.intent,
              us(q.median),
              us(q.p99),
              us(q.max),
              us(other?.median ?? Number.NaN),
              us(other?.p99 ?? Number.NaN),
              us(other?.max ?? Number.NaN),
            ];
          }),
          ['all pooled', '', us(p0.all.median), us(p0.all.p99), '', us(p1.all.median), us(p1.all.p99), ''],
        ],
      ),
    );
    log(
      `index 1: ${p0.index}, ${p0.names} names; index 2: ${p1.index}, ${p1.names} names. The largest data set's units are ${result.sameUnitsAtLargest ? "the same as the first plan's" : "NOT the same as the first plan's"}.`,
    );
  }

  const largest = sets.at(-1) as AskDatasetResult;
  log(
    `\nWhere the time goes on ${largest.name}: the slowest statements of each answer (median ms per call, driver-side; rows; parameters sent)`,
  );
  const statementRows: string[][] = [];
  for (const q of largest.questions) {
    if (q.error || q.summary.n === 0) continue;
    const top = q.statements.slice(0, 3);
    const rest = q.statements.slice(3).reduce((sum, s) => sum + s.median, 0);
    statementRows.push([q.id, `total ${ms(q.summary.median)}`, '', '', '', '']);
    for (const s of top)
      statementRows.push([
        '',
        s.label,
        ms(s.median),
        `${Math.round((100 * s.median) / q.summary.median)}%`,
        String(s.rows),
        String(s.params),
      ]);
    if (q.statements.length > 3)
      statementRows.push([
        '',
        `${q.statements.length - 3} other statements`,
        ms(rest),
        `${Math.round((100 * rest) / q.summary.median)}%`,
        '',
        '',
      ]);
    statementRows.push([
      '',
      'client side (parse, Prisma, mapping, ranking, reply)',
      ms(q.clientSide.median),
      `${Math.round((100 * q.clientSide.median) / q.summary.median)}%`,
      '',
      '',
    ]);
  }
  log(table(['question', 'statement', 'median', 'share', 'rows', 'params'], statementRows));
  const reloads = largest.questions.reduce((sum, q) => sum + q.unitReloads, 0);
  log(
    `(${reloads} of the ${largest.questions.reduce((sum, q) => sum + q.summary.n, 0)} answers on ${largest.name} reloaded the unit cache, every 30 s; they count in the p99.)`,
  );

  log(`\nPlans on ${largest.name} (EXPLAIN ANALYZE of those statements): sequential scans`);
  log(
    table(
      ['question', 'statement', 'seq scans', 'indexes', 'execution ms'],
      result.plans.map((p) => [
        p.question,
        p.label,
        p.seqScans.join(', ') || '-',
        p.indexes.join(', ') || '-',
        ms(p.executionMs ?? Number.NaN),
      ]),
    ),
  );

  log(
    "\nWord search: duties the ranking keeps of the candidates the app takes (findDutiesByWords' limit) / of all candidates",
  );
  log(
    table(
      ['question', ...sets.map((set) => set.name)],
      result.questions
        .filter((q) => q.intent === 'duty_when' || q.intent === 'unknown')
        .map((q) => [
          q.id,
          ...sets.map((set) => {
            const r = find(set, q.id)?.ranking;
            return r ? `${r.ranked} of ${r.candidates} / ${r.rankedUncapped} of ${r.candidatesUncapped}` : '-';
          }),
        ]),
    ),
  );

  log(
    `\nWhat-ifs on ${largest.name} (EXPLAIN ANALYZE execution ms, median of 3; indexes created in a transaction that is rolled back)`,
  );
  log(
    table(
      ['what', 'today ms', 'rows', 'seq scans', 'candidate ms', 'rows', 'index used', 'build ms'],
      result.whatIfs.map((w) => [
        w.name,
        ms(w.current.executionMs),
        String(w.current.rows),
        w.current.seqScans.join(', ') || '-',
        ms(w.candidate.executionMs),
        String(w.candidate.rows),
        w.candidate.indexes.join(', ') || '-',
        w.candidate.ddl ? ms(w.candidate.buildMs) : '-',
      ]),
    ),
  );
  for (const w of result.whatIfs)
    log(
      `  ${w.name}: ${w.note}${w.candidate.ddl ? `\n    ${w.candidate.ddl}` : ''}\n    ${w.candidate.sql.replace(/\s+/g, ' ')}`,
    );
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
    },
    options,
  };

  const runs = (bench: Bench) => options.only === undefined || options.only === bench;
  if (runs('startup')) {
    log(`Start-up: ${options.quick ? '1 first start, 2 reopens' : '3 first starts, 9 reopens'} ...`);
    const startup = await runStartupBench({ firstStarts: options.quick ? 1 : 3, reopens: options.quick ? 2 : 9, log });
    results.startup = startup;
    printStartup(startup);
  }

  if (runs('occurrences')) {
    const kinds: BenchKind[] = ['pglite'];
    if (await postgresAvailable()) kinds.push('postgres');
    else log(`\nPostgreSQL at ${POSTGRES_URL} does not answer: measuring PGlite only.`);
    const baseDuties = options.quick ? 100 : 1000;
    const occurrenceResults: Partial<Record<BenchKind, KindResult>> = {};
    for (const kind of kinds) {
      log(
        `\nOccurrences on ${kind}: data sets small (${baseDuties} duties), big (${baseDuties * 10}), history (${baseDuties} + ${baseDuties * 9} older) ...`,
      );
      const result = await runOccurrenceBench(kind, {
        baseDuties,
        warmup: options.quick ? 3 : 10,
        iterations: options.quick ? 20 : 100,
        log,
      });
      occurrenceResults[kind] = result;
      printOccurrences(result);
    }
    results.occurrences = {
      ranges: { month: ['2026-11-01', '2026-11-30'], quarter: ['2026-10-01', '2026-12-31'] },
      handSql: HAND_SQL,
      ...occurrenceResults,
    };
    const failed = Object.values(occurrenceResults).filter((r) => !r.indexCheck.pass);
    if (failed.length) process.exitCode = 1;
  }

  if (runs('ask')) {
    const sizes = options.quick ? [100, 1000, 10_000] : [1000, 10_000, 100_000];
    log(`\nAnswering questions on PGlite: the first plan, then + ${sizes.join(', + ')} synthetic duties ...`);
    const askStarted = performance.now();
    const ask = await runAskBench({
      sizes,
      warmup: options.quick ? 2 : 5,
      iterations: options.quick ? 10 : 100,
      budgetMs: options.quick ? 5_000 : 120_000,
      minIterations: options.quick ? 5 : 30,
      parseIterations: options.quick ? 2000 : 10_000,
      log,
    });
    results.ask = { ...ask, seconds: (performance.now() - askStarted) / 1000 };
    printAsk(ask, (performance.now() - askStarted) / 1000);
  }

  if (runs('telegram')) {
    const users = options.quick ? 24 : 200;
    log(
      `\nTelegram updates: dondoc through grammY against the fake Bot API (PGlite, and PostgreSQL if it answers) and a bare echo bot, ${users} users ...`,
    );
    results.telegram = await timed(
      () =>
        runTelegramBench({
          users,
          concurrency: 16,
          updates: options.quick ? 120 : 1200,
          sequential: options.quick ? 36 : 160,
          rounds: options.quick ? 3 : 4,
          log,
        }),
      printTelegram,
    );
  }

  if (runs('zalo')) {
    log(
      "\nZalo: the client's sending rate against the fake Zalo API, and updates through the polling adapter with an echo baseline ...",
    );
    results.zalo = await timed(() => runZaloBench(zaloBenchOptions(options.quick, log)), printZalo);
  }

  if (runs('extract')) {
    log(
      '\nPlan extraction: the largest corpus plan, and generated plans of 10 and 100 pages as text, .docx and PDF ...',
    );
    results.extract = await timed(() => runExtractBench(extractBenchOptions(options.quick, log)), printExtract);
  }

  if (runs('reminders')) {
    log(
      '\nReminders: one tick with 1,000 duties and 10,000 officials (and 100 / 1,000 as the baseline), and delivery against 30 messages/s ...',
    );
    results.reminders = await timed(() => runReminderBench(reminderBenchOptions(options.quick, log)), printReminders);
  }

  if (runs('broadcasts')) {
    log('\nBroadcasts: a notice against the fake Telegram API limited to 30 messages/s, and the completion matrix ...');
    results.broadcasts = await timed(
      () => runBroadcastBench(broadcastBenchOptions(options.quick, log)),
      printBroadcasts,
    );
  }

  if (runs('web')) {
    log('\nWeb console: the overview page at 100 units × 50 windows and 1,000 × 200, against trivial pages ...');
    results.web = await timed(() => runWebBench({ quick: options.quick, log }), printWeb);
  }

  if (runs('channels')) {
    log('\nChannels: a burst of questions while a large notice goes out, against 30 messages/s and 1/s per chat ...');
    results.channels = await timed(() => runChannelsBench(channelsBenchOptions(options.quick, log)), printChannels);
  }

  if (runs('cli')) {
    log('\nOne-shot commands: --help, through the running bot, against a PostgreSQL server, vs node -e 1 ...');
    results.cli = await timed(
      () => runCliBench({ runs: options.quick ? 3 : 15, log }),
      (r) => printCli(r, log),
    );
  }

  if (runs('follow-up')) {
    log(
      '\nFollow-up statistics: one plan at 1,000 units × 100 windows, 100,000 reports, against the matrix totals ...',
    );
    results.followUp = await timed(
      () => runFollowUpBench(followUpBenchOptions(options.quick, log)),
      (r) => printFollowUp(r, log),
    );
  }

  if (runs('report-draft')) {
    log('\nReport drafts: the periodic report (.docx) of a plan, against opening the database ...');
    results.reportDraft = await timed(
      () => runReportDraftBench(reportDraftBenchOptions(options.quick, log)),
      (r) => printReportDraft(r, log),
    );
  }

  if (runs('vacuum')) {
    log('\nVacuum: a simulated month of reminder-ledger churn on PGlite, without and with the nightly VACUUM ...');
    results.vacuum = await timed(
      () => runVacuumBench(vacuumBenchOptions(options.quick, log)),
      (r) => printVacuum(r, log),
    );
  }

  // Half an hour of soak: only when asked for by name (or --quick).
  if (options.only === 'memory' || (options.only === undefined && options.quick)) {
    log('\nMemory: the compiled bot as a process, a hundred officials, an hour of traffic, a soak ...');
    results.memory = await timed(
      () => runMemoryBench(memoryBenchOptions(options.quick, log)),
      (r) => printMemory(r, log),
    );
  }

  results.totalSeconds = (performance.now() - started) / 1000;
  const outDir = path.join(benchDir, 'results');
  await mkdir(outDir, { recursive: true });
  const outFile = path.join(outDir, 'latest.json');
  await writeFile(outFile, `${JSON.stringify(results, null, 2)}\n`);
  log(
    `\nDone in ${(results.totalSeconds as number).toFixed(0)} s; results in ${path.relative(process.cwd(), outFile)}`,
  );
}

/** Runs one benchmark, timed, and prints it: its result with the seconds it took, for latest.json. */
async function timed<R extends object>(
  bench: () => Promise<R>,
  print: (result: R, seconds: number, log: (line: string) => void) => void,
): Promise<R & { seconds: number }> {
  const started = performance.now();
  const result = await bench();
  const seconds = (performance.now() - started) / 1000;
  print(result, seconds, log);
  return { ...result, seconds };
}

main().then(
  // Exit explicitly (as src/main.ts does): nothing measured is left running, and no stray timer may hold the process.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n${USAGE}\n`);
    else process.stderr.write(`${errorText(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
