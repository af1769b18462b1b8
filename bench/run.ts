// dondoc performance benchmarks: `npm run bench` (see bench/README.md).
//
//   npm run bench                        everything (about 2.5 minutes on 2 cores)
//   npm run bench -- --only startup      start-up of the embedded database only
//   npm run bench -- --only occurrences  occurrence range queries only
//   npm run bench -- --quick             small sizes and few iterations: a smoke run
//
// Prints tables and writes every number (and every EXPLAIN) to bench/results/latest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type BenchKind, postgresAvailable, POSTGRES_URL } from './databases.js';
import { type DatasetName, DATASETS, HAND_SQL, INDEX_NAME, type KindResult, type OpName, OPS, runOccurrenceBench, TUNED } from './occurrences.js';
import { runStartupBench, type StartupResult } from './startup.js';
import { ms, ratio, table } from './stats.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

interface Options {
  only: 'startup' | 'occurrences' | undefined;
  quick: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const options: Options = { only: undefined, quick: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--only' || arg?.startsWith('--only=')) {
      const value = arg === '--only' ? argv[(i += 1)] : arg.slice('--only='.length);
      if (value !== 'startup' && value !== 'occurrences') throw new UsageError(`--only takes startup or occurrences, not ${value}`);
      options.only = value;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: npm run bench -- [--only startup|occurrences] [--quick]\n');
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
  log(`first start / reopen: ${ratio(result.ratio.ready)} (ready), ${ratio(result.ratio.process)} (whole process, incl. ${ms(result.reopen.boot.median)} ms Node + tsx + imports)`);
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
        ['big/small (10x duties, 10x rows returned)', scale('bigOverSmall', 'month'), scale('bigOverSmall', 'quarter'), scale('bigOverSmall', 'monthTuned'), scale('bigOverSmall', 'quarterTuned')],
        ['history/small (10x data, same rows returned)', scale('historyOverSmall', 'month'), scale('historyOverSmall', 'quarter'), scale('historyOverSmall', 'monthTuned'), scale('historyOverSmall', 'quarterTuned')],
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
    DATASETS.map((name) => d[name].statementPlans.find((p) => p.label === label)?.seqScans.join(',') || '-').join(' / '),
  ]);
  statementRows.push(['client side (Prisma, mapping)', ...DATASETS.map((name) => ms(d[name].ops.month.clientSide?.median ?? Number.NaN)), '']);
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
    log(`\nEXPLAIN (ANALYZE, BUFFERS), ${result.kind}, ${name} data set, Nov 2026, ${query} SQL, ${tuned ? `${TUNED.setting}=${TUNED.value}` : 'default settings'}:`);
    log(plan?.plan.replace(/^/gm, '    ') ?? '    (none)');
  }
  log(
    result.indexCheck.pass
      ? `\nPASS (${result.kind}): every occurrence range plan (hand-written and Prisma's, every data set and range) uses ${INDEX_NAME}`
      : `\nFAIL (${result.kind}): ${result.indexCheck.failures.join('; ')}`,
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

  if (options.only !== 'occurrences') {
    log(`Start-up: ${options.quick ? '1 first start, 2 reopens' : '3 first starts, 9 reopens'} ...`);
    const startup = await runStartupBench({ firstStarts: options.quick ? 1 : 3, reopens: options.quick ? 2 : 9, log });
    results.startup = startup;
    printStartup(startup);
  }

  if (options.only !== 'startup') {
    const kinds: BenchKind[] = ['pglite'];
    if (await postgresAvailable()) kinds.push('postgres');
    else log(`\nPostgreSQL at ${POSTGRES_URL} does not answer: measuring PGlite only.`);
    const baseDuties = options.quick ? 100 : 1000;
    const occurrenceResults: Partial<Record<BenchKind, KindResult>> = {};
    for (const kind of kinds) {
      log(`\nOccurrences on ${kind}: data sets small (${baseDuties} duties), big (${baseDuties * 10}), history (${baseDuties} + ${baseDuties * 9} older) ...`);
      const result = await runOccurrenceBench(kind, {
        baseDuties,
        warmup: options.quick ? 3 : 10,
        iterations: options.quick ? 20 : 100,
        log,
      });
      occurrenceResults[kind] = result;
      printOccurrences(result);
    }
    results.occurrences = { ranges: { month: ['2026-11-01', '2026-11-30'], quarter: ['2026-10-01', '2026-12-31'] }, handSql: HAND_SQL, ...occurrenceResults };
    const failed = Object.values(occurrenceResults).filter((r) => !r.indexCheck.pass);
    if (failed.length) process.exitCode = 1;
  }

  results.totalSeconds = (performance.now() - started) / 1000;
  const outDir = path.join(benchDir, 'results');
  await mkdir(outDir, { recursive: true });
  const outFile = path.join(outDir, 'latest.json');
  await writeFile(outFile, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nDone in ${(results.totalSeconds as number).toFixed(0)} s; results in ${path.relative(process.cwd(), outFile)}`);
}

main().then(
  // Exit explicitly (as src/main.ts does): nothing measured is left running, and no stray timer may hold the process.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\nusage: npm run bench -- [--only startup|occurrences] [--quick]\n`);
    else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
