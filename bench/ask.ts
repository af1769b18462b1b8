// Answering questions: the app's createAskService().answer() on the embedded database (PGlite behind the
// loopback socket, pool of 1, as the app opens it), on the first plan alone and with N synthetic duties more.
//
// Data sets (bench/dataset.ts, loadAskDataset): the first plan (seedDemoPlan: 139 units, 59 duties), then the
// same with 1,000, 10,000 and 100,000 synthetic duties (plans of 100, windows 2013 .. 2024) on its units.
// Questions come in three families:
//   2012  - about the first plan's own period: the answer is the same in every set (the synthetic duties
//           start in 2013), so any growth is the cost of the data stored, not of the answer;
//   2017  - about a period the synthetic plans fill: the answer grows with N;
//   all   - not bounded by a period (a unit's duties, a duty's words): every duty ever stored is a candidate.
// Each round asks, on every set in turn (the order rotates), SELECT 1 through Prisma (the round-trip
// baseline) and every question once, recording the statements each answer sends (driver-side time each).
// Parsing alone (parseQuestion) is measured in a tight loop, outside the database.
import { performance } from 'node:perf_hooks';
import { parseQuestion } from '../src/ask/parse.js';
import { rankDuties, spelledWordsOf, wordsNeeded } from '../src/ask/search.js';
import { type Answer, type AskService, createAskService } from '../src/ask/service.js';
import type { Intent } from '../src/ask/types.js';
import { buildUnitIndex, type UnitEntry, type UnitIndex } from '../src/ask/units.js';
import { findDutiesByWords } from '../src/db/duties.js';
import { loadUnitEntries } from '../src/db/units.js';
import { localDate } from '../src/domain/dates.js';
import { foldText, searchableText } from '../src/domain/text.js';
import { loadTranslations } from '../src/i18n.js';
import { seedDemoPlan } from '../src/seed.js';
import { type SourceVersion, sourceVersion } from './common.js';
import {
  type BenchDatabase,
  openBenchPglite,
  type RecordedStatement,
  startRecording,
  stopRecording,
} from './databases.js';
import { type AskLoadResult, FIRST_PLAN_SEEDED_AT, loadAskDataset } from './dataset.js';
import { percentile, type Summary, withP99 } from './stats.js';

export type Family = '2012' | '2017' | 'all' | 'none';

export interface AskQuestion {
  id: string;
  text: string;
  /** The day the question is asked (the service's asOf). */
  asOf: string;
  /** The intent the parser must find (checked). */
  intent: Intent;
  family: Family;
}

/** The fixed mix: every intent; as-of days chosen so that every answer that lists duties lists some on every set. */
export const ASK_QUESTIONS: AskQuestion[] = [
  { id: 'due-2012', text: 'Việc gì đến hạn tháng 9/2012?', asOf: '2012-08-20', intent: 'due', family: '2012' },
  { id: 'due-2017', text: "what's due this month?", asOf: '2017-12-05', intent: 'due', family: '2017' },
  {
    id: 'unit-q3-2012',
    text: 'Ban Tuyên giáo cần làm gì trong quý III/2012?',
    asOf: '2012-08-20',
    intent: 'unit_duties',
    family: '2012',
  },
  {
    id: 'unit-q3-2017',
    text: 'Ban Tuyên giáo cần làm gì trong quý III/2017?',
    asOf: '2017-08-20',
    intent: 'unit_duties',
    family: '2017',
  },
  { id: 'unit-all', text: 'BTG cần làm gì?', asOf: '2012-04-10', intent: 'unit_duties', family: 'all' },
  { id: 'when', text: 'khi nào kiểm điểm cấp huyện?', asOf: '2012-04-10', intent: 'duty_when', family: 'all' },
  {
    id: 'when-2017',
    text: 'khi nào lấy phiếu tín nhiệm năm 2017?',
    asOf: '2017-04-10',
    intent: 'duty_when',
    family: 'all',
  },
  { id: 'overdue-2012', text: 'việc nào quá hạn?', asOf: '2012-10-05', intent: 'overdue', family: '2012' },
  {
    id: 'overdue-unit-2012',
    text: 'Huyện ủy Càng Long có việc gì quá hạn?',
    asOf: '2012-10-05',
    intent: 'overdue',
    family: '2012',
  },
  { id: 'overdue-2017', text: 'việc nào quá hạn?', asOf: '2017-10-05', intent: 'overdue', family: '2017' },
  { id: 'help', text: 'hướng dẫn', asOf: '2012-04-10', intent: 'help', family: 'none' },
  { id: 'unknown', text: 'asdf qwer', asOf: '2012-04-10', intent: 'unknown', family: 'none' },
];

export interface AskBenchOptions {
  /** Synthetic duties on top of the first plan, one set each (the first-plan set, 0, always comes first). */
  sizes: number[];
  warmup: number;
  iterations: number;
  /** On the largest set, a question whose warm-up median exceeds budgetMs / iterations is asked fewer times (not under minIterations). */
  budgetMs: number;
  minIterations: number;
  parseIterations: number;
  log: (line: string) => void;
}

export interface StatementStat {
  label: string;
  /** The SQL with parameter lists collapsed, for reading. */
  sql: string;
  /** Per call: the sum over the statements with this label. */
  median: number;
  p99: number;
  /** Statements with this label in one call, the rows they returned (added up) and the most parameters one sent (last call). */
  count: number;
  rows: number;
  params: number;
}

export interface QuestionResult {
  id: string;
  intent: Intent;
  /** Duties in the answer (the same every time). */
  duties: number;
  summary: Summary & { p99: number };
  /** Time not spent waiting for the database: parsing, Prisma's query interpreter and mapping, ranking, reply text. */
  clientSide: Summary & { p99: number };
  statements: StatementStat[];
  /** Calls during which the service reloaded its unit cache (every 30 s). */
  unitReloads: number;
  /** The answer threw (first seen in the warm-up); nothing measured. */
  error?: string;
  /** Word-search questions: duties the ranking keeps from the candidates the app takes, and from all of them. */
  ranking?: { terms: string[]; candidates: number; ranked: number; candidatesUncapped: number; rankedUncapped: number };
}

export interface PlanFacts {
  question: string;
  label: string;
  plan: string;
  seqScans: string[];
  indexes: string[];
  executionMs: number | undefined;
}

export interface WhatIf {
  name: string;
  /** What the app sends today and the candidate, EXPLAIN ANALYZE execution time (median of 3, ms) and rows. */
  current: { sql: string; executionMs: number; rows: number; seqScans: string[] };
  candidate: {
    sql: string;
    ddl: string | undefined;
    executionMs: number;
    rows: number;
    indexes: string[];
    seqScans: string[];
    buildMs: number;
  };
  note: string;
}

export interface AskDatasetResult {
  name: string;
  synthetic: number;
  load: AskLoadResult;
  select1: Summary & { p99: number };
  questions: QuestionResult[];
  /** Every successful answer pooled (each question equally often, except on the largest set: see iterations). */
  mix: Summary & { p99: number };
  /** Per intent, the answers of its questions that answer on every set, pooled. */
  byIntent: Partial<Record<Intent, Summary & { p99: number }>>;
  iterations: Record<string, number>;
}

export interface ParseResult {
  index: string;
  units: number;
  names: number;
  questions: { id: string; intent: Intent; median: number; p99: number; max: number }[];
  /** All iterations pooled, microseconds. */
  all: { median: number; p99: number };
}

export interface AskResult {
  /** The code measured: the commit, and whether src/, prisma/ or locales/ differed from it when the run started. */
  source: SourceVersion;
  serverVersion: string;
  questions: AskQuestion[];
  datasets: AskDatasetResult[];
  parse: ParseResult[];
  /** Whether the largest set has the same units as the first plan (the parse index is then the same). */
  sameUnitsAtLargest: boolean;
  plans: PlanFacts[];
  whatIfs: WhatIf[];
}

/** A short name for a statement: the table it reads and what for; IN lists collapsed. */
export function labelStatement(sql: string): { label: string; sql: string } {
  const collapsed = sql
    .replace(/"public"\./g, '')
    .replace(/\$\d+(\s*,\s*\$\d+)+/g, '$…')
    .replace(/\$\d+/g, '$');
  const table = /FROM\s+"([^"]+)"/.exec(collapsed)?.[1] ?? '?';
  const inList = /"(\w+)" IN \(\$…?\)/.exec(collapsed)?.[1];
  let label: string;
  if (table === 'DutySchedule' && /materializedThrough" </.test(collapsed)) label = 'DutySchedule: series to extend';
  else if (table === 'Duty' && /LIKE/.test(collapsed)) label = 'Duty: word search (searchText LIKE %word%)';
  else if (table === 'Duty' && /EXISTS/.test(collapsed)) label = "Duty: a unit's duties (OR EXISTS)";
  else if (table === 'Occurrence' && /"startsOn" <= \$/.test(collapsed))
    label = inList ? 'Occurrence: range, of given duties' : 'Occurrence: range';
  else if (table === 'Occurrence' && /"endsOn" >= \$/.test(collapsed)) label = 'Occurrence: next window per duty';
  else if (table === 'Occurrence' && /"endsOn" < \$/.test(collapsed)) label = 'Occurrence: last window per duty';
  else if (table === 'Unit' && /"level" = CAST/.test(collapsed)) label = 'Unit: by level';
  else if (table === 'Unit' && (!/WHERE/.test(collapsed) || /WHERE 1=1/.test(collapsed)))
    label = 'Unit: all (unit cache reload)';
  else if (table === 'UnitAlias') label = 'UnitAlias: all names (unit cache reload)';
  else if (inList) label = `${table}: by ${inList} (IN list)`;
  else label = table;
  return { label, sql: collapsed };
}

function planFacts(question: string, label: string, plan: string): PlanFacts {
  const indexes = [
    ...plan.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) "?([A-Za-z_]+)"?/g),
  ].map((m) => m[1] ?? '?');
  const seqScans = [...plan.matchAll(/Seq Scan on "?([A-Za-z_]+)"?/g)].map((m) => m[1] ?? '?');
  const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN);
  return {
    question,
    label,
    plan,
    indexes: [...new Set(indexes)],
    seqScans: [...new Set(seqScans)],
    executionMs: Number.isFinite(executionMs) ? executionMs : undefined,
  };
}

type Explainer = <T = Record<string, unknown>>(sql: string, values?: unknown[]) => Promise<T[]>;

async function explain(run: Explainer, sql: string, values: unknown[]): Promise<string> {
  const rows = await run<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

function errorText(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message =
    error instanceof Error ? (error.message.split('\n').filter(Boolean).at(-1) ?? error.message) : String(error);
  return typeof code === 'string' ? `${code}: ${message.trim()}` : message.trim();
}

/** The first plan's grassroots committees, each with 19 hamlet cells: a bigger unit index, built in memory only. */
function withCells(entries: UnitEntry[]): UnitEntry[] {
  const cells: UnitEntry[] = [];
  let id = 1_000_000;
  for (const parent of entries.filter((entry) => entry.level === 'grassroots')) {
    const place = (parent.shortName ?? parent.name).replace(/^Đảng ủy\s+/u, '');
    for (let hamlet = 1; hamlet <= 19; hamlet += 1) {
      const name = `Chi bộ Ấp ${hamlet}, ${place}`;
      const short = `Chi bộ Ấp ${hamlet}`;
      id += 1;
      cells.push({
        id,
        code: `${parent.code}-CB${hamlet}`,
        name,
        shortName: short,
        level: 'cell',
        names: [name, `CB Ấp ${hamlet} ${place}`, `${parent.code}-CB${hamlet}`].map(foldText),
      });
    }
  }
  return [...entries, ...cells];
}

function benchParse(label: string, index: UnitIndex, iterations: number): ParseResult {
  const questions: ParseResult['questions'] = [];
  const pooled: number[] = [];
  let sink = 0;
  for (const question of ASK_QUESTIONS) {
    const today = localDate(question.asOf);
    for (let i = 0; i < Math.min(2000, iterations); i += 1)
      sink += parseQuestion(question.text, today, index).terms.length;
    const parsed = parseQuestion(question.text, today, index);
    if (parsed.intent !== question.intent)
      throw new Error(`parseQuestion(${question.text}) is ${parsed.intent}, expected ${question.intent}`);
    const times: number[] = new Array<number>(iterations);
    for (let i = 0; i < iterations; i += 1) {
      const started = performance.now();
      sink += parseQuestion(question.text, today, index).terms.length;
      times[i] = (performance.now() - started) * 1000;
    }
    pooled.push(...times);
    questions.push({
      id: question.id,
      intent: question.intent,
      median: percentile(times, 50),
      p99: percentile(times, 99),
      max: Math.max(...times),
    });
  }
  if (sink < 0) throw new Error('unreachable');
  const names = new Set(index.units.flatMap((unit) => unit.names)).size;
  return {
    index: label,
    units: index.units.length,
    names,
    questions,
    all: { median: percentile(pooled, 50), p99: percentile(pooled, 99) },
  };
}

interface OpenSet {
  name: string;
  synthetic: number;
  db: BenchDatabase;
  load: AskLoadResult;
  ask: AskService;
}

export function datasetName(synthetic: number): string {
  return synthetic === 0 ? 'first plan' : `+${synthetic.toLocaleString('en-US')}`;
}

/** Taken when this module loads, with the app's modules: the code measured (src/, prisma/, locales/; not handlers/). */
const SOURCE = sourceVersion(['src', 'prisma', 'locales']);

export async function runAskBench(options: AskBenchOptions): Promise<AskResult> {
  const { log } = options;
  const source = SOURCE;
  const translations = await loadTranslations();
  const sets: OpenSet[] = [];
  try {
    // 1. Load every set (the first-plan set first: its unit index is the parse benchmark's).
    let parse: ParseResult[] = [];
    let firstEntries: UnitEntry[] = [];
    for (const synthetic of [0, ...options.sizes]) {
      const name = datasetName(synthetic);
      const db = await openBenchPglite(`ask-${synthetic}`);
      const set: OpenSet = {
        name,
        synthetic,
        db,
        load: undefined as unknown as AskLoadResult,
        ask: undefined as unknown as AskService,
      };
      sets.push(set);
      log(`  ${name}: loading (first plan${synthetic ? ` + ${synthetic} synthetic duties` : ''}) ...`);
      set.load = await loadAskDataset(
        {
          query: db.query,
          seedFirstPlan: async () => void (await seedDemoPlan(db.database.prisma, FIRST_PLAN_SEEDED_AT)),
          fold: foldText,
          searchable: searchableText,
        },
        synthetic,
      );
      const c = set.load.counts;
      log(
        `  ${name}: ${c.duties} duties, ${c.occurrences} occurrences, ${c.statusReports} reports in ${(set.load.totalMs / 1000).toFixed(1)} s` +
          (synthetic ? ` (searchText checked on ${set.load.searchTextChecked} duties)` : ''),
      );
      set.ask = createAskService({ prisma: db.database.prisma, translations });
      if (synthetic === 0) {
        // Parsing alone, before the big sets exist (less garbage-collector noise from their answers).
        firstEntries = await loadUnitEntries(db.database.prisma);
        log(`  parsing: ${options.parseIterations} iterations per question ...`);
        parse = [
          benchParse('first plan (as loaded from the database)', buildUnitIndex(firstEntries), options.parseIterations),
          benchParse(
            'first plan + 1,995 hamlet cells (in memory)',
            buildUnitIndex(withCells(firstEntries)),
            options.parseIterations,
          ),
        ];
      }
    }
    const largest = sets.at(-1) as OpenSet;
    const largestEntries = await loadUnitEntries(largest.db.database.prisma);
    const sameUnitsAtLargest = JSON.stringify(largestEntries) === JSON.stringify(firstEntries);
    const serverVersion = (await largest.db.query<{ v: string }>('SELECT version() AS v'))[0]?.v ?? '?';

    // 2. Warm-up; a question that throws is recorded and left out on that set.
    const errors = new Map<string, string>();
    const warmTimes = new Map<string, number[]>();
    const key = (set: OpenSet, question: AskQuestion) => `${set.name}/${question.id}`;
    const ask = async (set: OpenSet, question: AskQuestion): Promise<Answer> =>
      set.ask.answer(question.text, {}, localDate(question.asOf));
    log(`  warm-up: ${options.warmup} rounds ...`);
    for (let round = 0; round < options.warmup; round += 1) {
      for (const set of sets) {
        for (const question of ASK_QUESTIONS) {
          if (errors.has(key(set, question))) continue;
          const started = performance.now();
          try {
            const answer = await ask(set, question);
            if (answer.intent !== question.intent)
              throw new Error(`answered as ${answer.intent}, expected ${question.intent}`);
          } catch (error) {
            errors.set(key(set, question), errorText(error));
            log(`  ${set.name}: "${question.text}" fails: ${errorText(error)}`);
            continue;
          }
          const list = warmTimes.get(key(set, question)) ?? [];
          list.push(performance.now() - started);
          warmTimes.set(key(set, question), list);
        }
      }
    }
    // On the largest set, slow answers are asked fewer times (spread evenly over the rounds).
    const planned = new Map<string, number>();
    for (const set of sets) {
      for (const question of ASK_QUESTIONS) {
        const warm = percentile(warmTimes.get(key(set, question)) ?? [], 50);
        const n =
          set === largest && Number.isFinite(warm) && warm * options.iterations > options.budgetMs
            ? Math.max(options.minIterations, Math.floor(options.budgetMs / warm))
            : options.iterations;
        planned.set(key(set, question), errors.has(key(set, question)) ? 0 : n);
      }
    }
    const reduced = [...planned].filter(
      ([k, n]) => k.startsWith(`${largest.name}/`) && n > 0 && n < options.iterations,
    );
    if (reduced.length)
      log(`  ${largest.name}: fewer iterations for ${reduced.map(([k, n]) => `${k.split('/')[1]} (${n})`).join(', ')}`);

    // 3. Measured rounds.
    const times = new Map<string, number[]>();
    const clientTimes = new Map<string, number[]>();
    const select1 = new Map<string, number[]>();
    const duties = new Map<string, number>();
    const reloads = new Map<string, number>();
    const statementTimes = new Map<
      string,
      Map<string, { sql: string; ms: number[]; count: number; rows: number; params: number; last: RecordedStatement }>
    >();
    const push = (map: Map<string, number[]>, k: string, value: number) => {
      const list = map.get(k);
      if (list) list.push(value);
      else map.set(k, [value]);
    };
    log(`  measuring: ${options.iterations} rounds (every set, SELECT 1 and every question per round) ...`);
    for (let round = 0; round < options.iterations; round += 1) {
      const order = sets.map((_, i) => sets[(i + round) % sets.length] as OpenSet);
      for (const set of order) {
        const started = performance.now();
        await set.db.database.prisma.$queryRaw`SELECT 1 AS one`;
        push(select1, set.name, performance.now() - started);
        for (const question of ASK_QUESTIONS) {
          const k = key(set, question);
          const n = planned.get(k) ?? 0;
          if (Math.floor(((round + 1) * n) / options.iterations) === Math.floor((round * n) / options.iterations))
            continue;
          startRecording();
          const t = performance.now();
          let answer: Answer;
          try {
            answer = await ask(set, question);
          } catch (error) {
            stopRecording();
            throw new Error(`${k} threw during measurement (it did not in the warm-up): ${errorText(error)}`);
          }
          const ms = performance.now() - t;
          const statements = stopRecording();
          const seen = duties.get(k);
          if (seen !== undefined && seen !== answer.duties.length)
            throw new Error(`${k}: ${answer.duties.length} duties, earlier ${seen}`);
          duties.set(k, answer.duties.length);
          push(times, k, ms);
          push(clientTimes, k, ms - statements.reduce((sum, s) => sum + s.ms, 0));
          const perLabel = new Map<
            string,
            { sql: string; ms: number; count: number; rows: number; params: number; last: RecordedStatement }
          >();
          for (const statement of statements) {
            const { label, sql } = labelStatement(statement.sql);
            const entry = perLabel.get(label) ?? { sql, ms: 0, count: 0, rows: 0, params: 0, last: statement };
            entry.ms += statement.ms;
            entry.count += 1;
            entry.rows += statement.rows;
            // The one EXPLAINed later: the largest of the call's statements with this label (an id list sent in
            // slices ends with a short one).
            if (statement.values.length >= entry.params) entry.last = statement;
            entry.params = Math.max(entry.params, statement.values.length);
            perLabel.set(label, entry);
          }
          if (perLabel.has('Unit: all (unit cache reload)')) reloads.set(k, (reloads.get(k) ?? 0) + 1);
          const groups = statementTimes.get(k) ?? new Map();
          statementTimes.set(k, groups);
          for (const [label, entry] of perLabel) {
            const group = groups.get(label) ?? {
              sql: entry.sql,
              ms: [],
              count: 0,
              rows: 0,
              params: 0,
              last: entry.last,
            };
            group.ms.push(entry.ms);
            Object.assign(group, { count: entry.count, rows: entry.rows, params: entry.params, last: entry.last });
            groups.set(label, group);
          }
        }
      }
    }
    // A label missing from some calls (the unit cache reload) counts as 0 ms in those calls.
    const datasets: AskDatasetResult[] = sets.map((set) => {
      const questions = ASK_QUESTIONS.map((question): QuestionResult => {
        const k = key(set, question);
        const calls = times.get(k)?.length ?? 0;
        const statements = [...(statementTimes.get(k) ?? new Map())].map(([label, group]) => {
          const ms = [...group.ms, ...new Array<number>(calls - group.ms.length).fill(0)];
          return {
            label,
            sql: group.sql,
            median: percentile(ms, 50),
            p99: percentile(ms, 99),
            count: group.count,
            rows: group.rows,
            params: group.params,
          };
        });
        statements.sort((a, b) => b.median - a.median);
        const error = errors.get(k);
        return {
          id: question.id,
          intent: question.intent,
          duties: duties.get(k) ?? 0,
          summary: withP99(times.get(k) ?? []),
          clientSide: withP99(clientTimes.get(k) ?? []),
          statements,
          unitReloads: reloads.get(k) ?? 0,
          ...(error ? { error } : {}),
        };
      });
      // Per intent: the questions that answer on every set, pooled (a question that fails somewhere would
      // change the pool's make-up from one set to the next).
      const byIntent: AskDatasetResult['byIntent'] = {};
      for (const intent of new Set(ASK_QUESTIONS.map((q) => q.intent))) {
        const pooled = ASK_QUESTIONS.filter(
          (q) => q.intent === intent && sets.every((other) => !errors.has(key(other, q))),
        ).flatMap((q) => times.get(key(set, q)) ?? []);
        if (pooled.length) byIntent[intent] = withP99(pooled);
      }
      return {
        name: set.name,
        synthetic: set.synthetic,
        load: set.load,
        select1: withP99(select1.get(set.name) ?? []),
        questions,
        mix: withP99(ASK_QUESTIONS.flatMap((q) => times.get(key(set, q)) ?? [])),
        byIntent,
        iterations: Object.fromEntries(ASK_QUESTIONS.map((q) => [q.id, times.get(key(set, q))?.length ?? 0])),
      };
    });

    // 4. Answers that are lists must list something (the as-of days were chosen for that).
    for (const dataset of datasets) {
      for (const q of dataset.questions) {
        const spec = ASK_QUESTIONS.find((x) => x.id === q.id);
        if (!q.error && spec && spec.intent !== 'help' && spec.intent !== 'unknown' && q.duties === 0)
          throw new Error(`${dataset.name}/${q.id}: empty answer`);
      }
    }

    // 5. Word search: how many duties the ranking keeps from the candidates the app takes (findDutiesByWords'
    //    default limit, the duties with the most words first) and from all candidates (not timed).
    for (const [i, set] of sets.entries()) {
      const index = buildUnitIndex(await loadUnitEntries(set.db.database.prisma));
      for (const question of ASK_QUESTIONS.filter((q) => q.intent === 'duty_when' || q.intent === 'unknown')) {
        const parsed = parseQuestion(question.text, localDate(question.asOf), index);
        const rank = async (limit?: number) => {
          const range = parsed.period?.range;
          const candidates = await findDutiesByWords(
            set.db.database.prisma,
            parsed.terms,
            wordsNeeded(parsed.terms.length),
            {
              ...(range ? { range } : {}),
              ...(limit !== undefined ? { limit } : {}),
            },
          );
          const documents = candidates.map((duty) => ({
            id: duty.id,
            title: foldText(duty.title),
            text: duty.searchText,
            spelledWords: spelledWordsOf([duty.title, duty.summary, ...duty.aliases]),
          }));
          return { candidates: candidates.length, ranked: rankDuties(parsed.terms, documents, parsed.spelled).length };
        };
        const capped = await rank();
        const all = await rank(10_000_000);
        const result = datasets[i]?.questions.find((q) => q.id === question.id);
        if (result)
          result.ranking = {
            terms: parsed.terms,
            candidates: capped.candidates,
            ranked: capped.ranked,
            candidatesUncapped: all.candidates,
            rankedUncapped: all.ranked,
          };
      }
    }

    // 6. On the largest set: EXPLAIN (ANALYZE, BUFFERS) of the three slowest statements of every question.
    log(`  ${largest.name}: EXPLAIN of the slowest statements, what-if indexes ...`);
    const plans: PlanFacts[] = [];
    for (const question of ASK_QUESTIONS) {
      const groups = statementTimes.get(key(largest, question));
      const result = datasets.at(-1)?.questions.find((q) => q.id === question.id);
      for (const statement of result?.statements.slice(0, 3) ?? []) {
        const group = groups?.get(statement.label);
        if (!group) continue;
        plans.push(
          planFacts(question.id, statement.label, await explain(largest.db.query, group.last.sql, group.last.values)),
        );
      }
    }

    // 7. What-ifs on the largest set: candidate indexes (created in a transaction that is rolled back) and
    //    query shapes, against what the app sends today (EXPLAIN ANALYZE execution time, median of 3).
    const terms = new Map(
      (datasets.at(-1)?.questions ?? []).flatMap((q) => (q.ranking ? [[q.id, q.ranking.terms] as const] : [])),
    );
    const whatIfs = await runWhatIfs(largest, statementTimes, key, terms);

    return { source, serverVersion, questions: ASK_QUESTIONS, datasets, parse, sameUnitsAtLargest, plans, whatIfs };
  } finally {
    for (const set of sets)
      await set.db.close().catch((error: unknown) => log(`  could not close ${set.name}: ${String(error)}`));
  }
}

class Rollback extends Error {}

async function runWhatIfs(
  largest: OpenSet,
  statementTimes: Map<string, Map<string, { sql: string; last: RecordedStatement }>>,
  key: (set: OpenSet, question: AskQuestion) => string,
  ranking: Map<string, readonly string[]>,
): Promise<WhatIf[]> {
  const prisma = largest.db.database.prisma;
  const recorded = (questionId: string, label: string) => {
    const question = ASK_QUESTIONS.find((q) => q.id === questionId);
    return question ? statementTimes.get(key(largest, question))?.get(label)?.last : undefined;
  };
  const measure = async (run: Explainer, sql: string, values: unknown[]) => {
    const samples: PlanFacts[] = [];
    for (let i = 0; i < 3; i += 1) samples.push(planFacts('', '', await explain(run, sql, values)));
    const last = samples.at(-1) as PlanFacts;
    const rows = Number(/actual time=[\d.]+\.\.[\d.]+ rows=([\d.]+)/.exec(last.plan)?.[1] ?? Number.NaN);
    return {
      executionMs: percentile(
        samples.map((s) => s.executionMs ?? Number.NaN),
        50,
      ),
      rows,
      seqScans: last.seqScans,
      indexes: last.indexes,
    };
  };
  /**
   * What the app sends today (one or more statements: their execution times are added up) against one
   * candidate statement, run after `ddl` (if any) inside a transaction that is rolled back: the database is unchanged.
   */
  const compare = async (
    name: string,
    current: (RecordedStatement | undefined)[],
    candidateSql: string,
    candidateValues: unknown[],
    ddl: string | undefined,
    note: string,
  ): Promise<WhatIf | undefined> => {
    const statements = current.filter((c): c is RecordedStatement => c !== undefined);
    if (statements.length === 0 || statements.length < current.length) return undefined;
    const before = [];
    for (const statement of statements) before.push(await measure(largest.db.query, statement.sql, statement.values));
    let after: Awaited<ReturnType<typeof measure>> | undefined;
    let buildMs = 0;
    try {
      await prisma.$transaction(
        async (tx) => {
          const run: Explainer = <T>(sql: string, values: unknown[] = []) => tx.$queryRawUnsafe<T[]>(sql, ...values);
          if (ddl) {
            const started = performance.now();
            await tx.$executeRawUnsafe(ddl);
            await tx.$executeRawUnsafe(`ANALYZE "${/ON "(\w+)"/.exec(ddl)?.[1] ?? 'Duty'}"`);
            buildMs = performance.now() - started;
          }
          after = await measure(run, candidateSql, candidateValues);
          throw new Rollback();
        },
        { timeout: 300_000, maxWait: 60_000 },
      );
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
    if (!after) return undefined;
    return {
      name,
      current: {
        sql: statements.map((statement) => labelStatement(statement.sql).sql).join(';\n'),
        executionMs: before.reduce((sum, m) => sum + m.executionMs, 0),
        rows: before.at(-1)?.rows ?? Number.NaN,
        seqScans: [...new Set(before.flatMap((m) => m.seqScans))],
      },
      candidate: {
        sql: candidateSql,
        ddl,
        executionMs: after.executionMs,
        rows: after.rows,
        indexes: after.indexes,
        seqScans: after.seqScans,
        buildMs,
      },
      note,
    };
  };

  const results: (WhatIf | undefined)[] = [];
  // Word search: a GIN index on the words of searchText finds the duties with enough of the words (whole
  // words, as rankDuties scores them, where the app matches substrings); they are then ordered as the app
  // orders them (most words first, then id). The tsquery asks for `needed` of the words: all of them, or any
  // combination of that many.
  const tsv = `to_tsvector('simple', "searchText")`;
  const wordIndex = `CREATE INDEX "Duty_searchText_words_whatif" ON "Duty" USING gin ((${tsv}))`;
  const wordSearch = (terms: readonly string[]) => {
    const needed = wordsNeeded(terms.length);
    const combinations = (from: readonly string[], size: number): string[][] =>
      size === 0
        ? [[]]
        : from.flatMap((word, i) => combinations(from.slice(i + 1), size - 1).map((rest) => [word, ...rest]));
    const tsquery = combinations(terms, needed)
      .map((group) => `(${group.join(' & ')})`)
      .join(' | ');
    const hits = terms.map((_, i) => `("searchText" LIKE $${i + 2})::int`).join(' + ');
    return {
      sql: `SELECT id, key, title, summary, aliases, "searchText" FROM "Duty" WHERE "retiredAt" IS NULL AND ${tsv} @@ to_tsquery('simple', $1)
            ORDER BY (${hits}) DESC, id LIMIT 500`,
      values: [tsquery, ...terms.map((term) => `%${term}%`)],
    };
  };
  for (const [id, name] of [
    ['unknown', 'word search, no word matches ("asdf qwer")'],
    ['when', 'word search, common words ("khi nào kiểm điểm cấp huyện?")'],
  ] as const) {
    const terms = ranking.get(id) ?? [];
    const candidate = wordSearch(terms);
    results.push(
      await compare(
        name,
        [recorded(id, 'Duty: word search (searchText LIKE %word%)')],
        candidate.sql,
        candidate.values,
        wordIndex,
        `tsquery ${String(candidate.values[0])}`,
      ),
    );
  }
  // Occurrences overlapping a past period: the (endsOn, startsOn) index reads every window ending after the start.
  const due2012 = recorded('due-2012', 'Occurrence: range');
  const [from, to] = (due2012?.values ?? []) as unknown[];
  results.push(
    await compare(
      'occurrences overlapping Sep 2012 (every later window ends after it)',
      [due2012],
      `SELECT id, seq, "startsOn", "endsOn", "dutyId", "scheduleId" FROM "Occurrence"
       WHERE daterange("startsOn", "endsOn", '[]') && daterange($1::date, $2::date, '[]') ORDER BY "endsOn", "startsOn", id`,
      [from, to],
      `CREATE INDEX "Occurrence_window_whatif" ON "Occurrence" USING gist (daterange("startsOn", "endsOn", '[]'))`,
      'GiST on the window as a date range; the query asks for overlap (&&)',
    ),
  );
  const due2017 = recorded('due-2017', 'Occurrence: range');
  const [from2017, to2017] = (due2017?.values ?? []) as unknown[];
  results.push(
    await compare(
      'occurrences overlapping Dec 2017 (the answer itself is large)',
      [due2017],
      `SELECT id, seq, "startsOn", "endsOn", "dutyId", "scheduleId" FROM "Occurrence"
       WHERE daterange("startsOn", "endsOn", '[]') && daterange($1::date, $2::date, '[]') ORDER BY "endsOn", "startsOn", id`,
      [from2017, to2017],
      `CREATE INDEX "Occurrence_window_whatif" ON "Occurrence" USING gist (daterange("startsOn", "endsOn", '[]'))`,
      'the same GiST where the (endsOn, startsOn) index already does well: no loss expected',
    ),
  );
  // A unit's duties in a period: today every duty the unit ever had is read (OR EXISTS over Duty), then sent
  // back as an IN list with the range; the candidate asks the range with the unit condition in one statement.
  const unitDuties = recorded('unit-q3-2017', "Duty: a unit's duties (OR EXISTS)");
  const unitRange = recorded('unit-q3-2017', 'Occurrence: range, of given duties');
  results.push(
    await compare(
      "Ban Tuyên giáo in Q3 2017: the unit's duty ids, then their windows (2 statements)",
      [unitDuties, unitRange],
      `SELECT o.id, o.seq, o."startsOn", o."endsOn", o."dutyId", o."scheduleId" FROM "Occurrence" o
       WHERE o."endsOn" >= $1::date AND o."startsOn" <= $2::date
         AND (EXISTS (SELECT 1 FROM "DutyUnit" du WHERE du."dutyId" = o."dutyId" AND du."unitId" = $3::int)
              OR EXISTS (SELECT 1 FROM "DutyLevel" dl WHERE dl."dutyId" = o."dutyId" AND dl.level = $4::text))
       ORDER BY o."endsOn", o."startsOn", o.id`,
      [...(unitRange?.values ?? []).slice(0, 2), ...(unitDuties?.values ?? []).slice(0, 2)],
      undefined,
      'one statement: the windows in the period whose duty the unit answers for (existing indexes; retired duties are dropped afterwards, as today); no id list, so no parameter limit',
    ),
  );
  return results.filter((r): r is WhatIf => r !== undefined);
}
