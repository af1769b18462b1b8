// The benchmark data set, loaded with set-based SQL (INSERT ... SELECT generate_series) in a few statements.
//
// Shape, for `duties` = N current duties and `historyDuties` = H older ones (0 unless stated):
//   1 plan; 200 units (1 province, 19 districts, 80 grassroots, 100 cells); 1,000 officials (5 per unit);
//   H + N duties (every 50th retired); 1 schedule per duty, repeating every 3 months, 4 windows (bounded, so
//   listOccurrences never has to materialize anything); 4 occurrences per duty; 100 status reports per duty
//   (25 per occurrence: 5 units x 5 reports each) and one OccurrenceStatus row per (occurrence, unit),
//   pointing at that unit's latest report, as the app's report path keeps them.
// Time: the N current duties have their schedule anchors spread evenly over the 120 months 2017-01 .. 2026-12,
// so their occurrences cover 2017 .. 2027 (about 11 years), about 4N/130 windows starting per month. The H
// history duties (ids 1..H, older than the current ones) are spread the same way over 2007-01 .. 2016-12 and
// all end before 2018. Windows last 6 to 65 days. The N current duties are the same rows whatever H is.
// Units and officials do not scale (the organisation stays the same; the plan work grows).
// All ids are explicit (1..count) and the sequences are moved past them, as if the app had inserted them.
import { performance } from 'node:perf_hooks';

export const UNITS = 200;
export const OFFICIALS_PER_UNIT = 5;
export const OCCURRENCES_PER_DUTY = 4;
export const REPORTS_PER_OCCURRENCE = 25;
/** Units reporting on each occurrence (each sends REPORTS_PER_OCCURRENCE / UNITS_PER_OCCURRENCE reports). */
export const UNITS_PER_OCCURRENCE = 5;
/** The unit tree ($1 = UNITS): 1 province, 19 districts, 80 grassroots, 100 cells; ids 1..UNITS. */
export const UNIT_TREE_SQL = `INSERT INTO "Unit" (id, code, name, "shortName", level, "parentId", "updatedAt")
     SELECT g, 'U' || lpad(g::text, 4, '0'), 'Ban Thường vụ đơn vị số ' || g, 'ĐV' || g,
            (CASE WHEN g = 1 THEN 'province' WHEN g <= 20 THEN 'district' WHEN g <= 100 THEN 'grassroots' ELSE 'cell' END),
            CASE WHEN g = 1 THEN NULL WHEN g <= 20 THEN 1 WHEN g <= 100 THEN 2 + g % 19 ELSE 21 + g % 80 END,
            now()
     FROM generate_series(1, $1::int) AS g`;
const TABLES = ['Unit', 'Official', 'Plan', 'Duty', 'DutySchedule', 'Occurrence', 'StatusReport', 'OccurrenceStatus'];
/** Reports are inserted in statements of at most this many rows (bounds the FK-check queue in PGlite's heap). */
const REPORT_CHUNK = 250_000;

export interface DatasetSize {
  /** Duties with windows in 2017 .. 2027. */
  duties: number;
  /** Older duties with windows in 2007 .. 2017, in front of the current ones (default 0). */
  historyDuties?: number;
}

export interface DatasetCounts {
  units: number;
  officials: number;
  duties: number;
  schedules: number;
  occurrences: number;
  statusReports: number;
  occurrenceStatuses: number;
}

export interface LoadResult {
  counts: DatasetCounts;
  /** Wall time of each load step, in milliseconds. */
  steps: Record<string, number>;
  totalMs: number;
}

// Duty g is the i-th of its era (i = g - H for current duties, g for history ones). Its anchor is month
// (i * 7919) mod 120 after the era's start (2017-01 or 2007-01), day 1 + (i * 31) mod 28; windows last 6 + (i * 13) mod 60 days.
// $2 is H in every statement that uses these.
const ERA_INDEX = `(CASE WHEN g > $2::int THEN g - $2::int ELSE g END)`;
const ANCHOR = `((CASE WHEN g > $2::int THEN date '2017-01-01' ELSE date '2007-01-01' END) + make_interval(months => ((${ERA_INDEX} * 7919) % 120)::int) + make_interval(days => ((${ERA_INDEX} * 31) % 28)::int))::date`;
const LENGTH = `(6 + (${ERA_INDEX} * 13) % 60)::int`;

export function expectedCounts(size: DatasetSize): DatasetCounts {
  const duties = size.duties + (size.historyDuties ?? 0);
  const occurrences = duties * OCCURRENCES_PER_DUTY;
  return {
    units: UNITS,
    officials: UNITS * OFFICIALS_PER_UNIT,
    duties,
    schedules: duties,
    occurrences,
    statusReports: occurrences * REPORTS_PER_OCCURRENCE,
    occurrenceStatuses: occurrences * UNITS_PER_OCCURRENCE,
  };
}

/** Runs one statement (the benchmark passes the app's Prisma client, so loading uses the measured pool). */
export type QueryFn = <T = Record<string, unknown>>(sql: string, values?: unknown[]) => Promise<T[]>;

/** Loads the data set into an empty, migrated schema (the connection's search_path), then VACUUM ANALYZE. */
export async function loadDataset(query: QueryFn, size: DatasetSize): Promise<LoadResult> {
  const history = size.historyDuties ?? 0;
  const n = size.duties + history;
  const occurrences = n * OCCURRENCES_PER_DUTY;
  const reports = occurrences * REPORTS_PER_OCCURRENCE;
  const steps: Record<string, number> = {};
  const started = performance.now();
  const step = async (name: string, sql: string, values: unknown[] = []) => {
    const t = performance.now();
    await query(sql, values);
    steps[name] = (steps[name] ?? 0) + performance.now() - t;
  };

  await step('units', UNIT_TREE_SQL, [UNITS]);
  await step(
    'officials',
    `INSERT INTO "Official" (id, name, "unitId", "updatedAt")
     SELECT g, 'Cán bộ ' || g, 1 + (g - 1) / ${OFFICIALS_PER_UNIT}, now()
     FROM generate_series(1, $1::int) AS g`,
    [UNITS * OFFICIALS_PER_UNIT],
  );
  await step(
    'plan',
    `INSERT INTO "Plan" (id, code, title, issuer, "issuerUnitId", "issuedOn", "contentHash", "updatedAt")
     VALUES (1, 'KH-BENCH', 'Kế hoạch thực hiện (dữ liệu đo hiệu năng)', 'Ban Thường vụ Tỉnh ủy', 1, date '2017-01-01', 'bench', now())`,
  );
  await step(
    'duties',
    `INSERT INTO "Duty" (id, "planId", key, ref, title, summary, "sourceQuote", aliases, "retiredAt", "updatedAt")
     SELECT g, 1, 'nv-' || g, (1 + g / 100) || '.' || (g % 100),
            'Nhiệm vụ số ' || g || ': tổ chức quán triệt, triển khai và báo cáo kết quả thực hiện',
            'Định kỳ hằng quý báo cáo tiến độ thực hiện nhiệm vụ số ' || g,
            repeat('Các cấp ủy, tổ chức đảng tổ chức quán triệt và triển khai thực hiện nghiêm túc. ', 3),
            ARRAY['nv' || g],
            CASE WHEN g % 50 = 0 THEN now() END,
            now()
     FROM generate_series(1, $1::int) AS g`,
    [n],
  );
  await step(
    'schedules',
    `INSERT INTO "DutySchedule" (id, "dutyId", position, "startsOn", "endsOn", label, "everyMonths", count, "materializedThrough")
     -- bounded series are stored whole, so they have no horizon (materializedThrough is NULL), as the importer does
     SELECT g, g, 0, a, a + len, 'báo cáo quý', 3, ${OCCURRENCES_PER_DUTY}, NULL
     FROM generate_series(1, $1::int) AS g, LATERAL (SELECT ${ANCHOR} AS a, ${LENGTH} AS len) AS w`,
    [n, history],
  );
  await step(
    'occurrences',
    `INSERT INTO "Occurrence" (id, "dutyId", "scheduleId", seq, "startsOn", "endsOn")
     SELECT (g - 1) * ${OCCURRENCES_PER_DUTY} + k + 1, g, g, k, s, s + len
     FROM generate_series(1, $1::int) AS g,
          generate_series(0, ${OCCURRENCES_PER_DUTY - 1}) AS k,
          LATERAL (SELECT (${ANCHOR} + make_interval(months => 3 * k))::date AS s, ${LENGTH} AS len) AS w`,
    [n, history],
  );
  // Report g is about occurrence (g-1)/25+1; of its 25 reports, slot r%5 picks one of 5 units and round r/5 is
  // that unit's 1st..5th report (not started, in progress, in progress, blocked/in progress, done/in progress).
  for (let first = 1; first <= reports; first += REPORT_CHUNK) {
    const last = Math.min(reports, first + REPORT_CHUNK - 1);
    await step(
      'statusReports',
      `INSERT INTO "StatusReport" (id, "occurrenceId", "unitId", "officialId", status, note, "reportedAt", channel, "channelMessageId")
       SELECT g, o.id, u.unit, (u.unit - 1) * ${OFFICIALS_PER_UNIT} + 1 + (g % ${OFFICIALS_PER_UNIT}),
              (CASE u.round WHEN 0 THEN 'not_started' WHEN 4 THEN (CASE WHEN o.id % 3 = 0 THEN 'in_progress' ELSE 'done' END)
                            WHEN 3 THEN (CASE WHEN o.id % 7 = 0 THEN 'blocked' ELSE 'in_progress' END) ELSE 'in_progress' END)::"ReportStatus",
              CASE WHEN g % 4 = 0 THEN 'Đã triển khai tới ' || (g % 90 + 10) || '% chi bộ' END,
              o."startsOn"::timestamptz + make_interval(days => u.round * 3, hours => u.slot),
              (CASE WHEN g % 3 = 0 THEN 'zalo' ELSE 'telegram' END)::"Channel",
              'bench-' || g
       FROM generate_series($1::int, $2::int) AS g
       JOIN "Occurrence" AS o ON o.id = (g - 1) / ${REPORTS_PER_OCCURRENCE} + 1
       CROSS JOIN LATERAL (SELECT 1 + (o.id * 7 + ((g - 1) % ${UNITS_PER_OCCURRENCE}) * 41) % ${UNITS} AS unit,
                                  (g - 1) % ${UNITS_PER_OCCURRENCE} AS slot, ((g - 1) % ${REPORTS_PER_OCCURRENCE}) / ${UNITS_PER_OCCURRENCE} AS round) AS u`,
      [first, last],
    );
  }
  // The current status per (occurrence, unit) is that unit's latest report, as src/db/reports.ts keeps it.
  const occurrencesPerChunk = REPORT_CHUNK / REPORTS_PER_OCCURRENCE;
  for (let first = 1; first <= occurrences; first += occurrencesPerChunk) {
    await step(
      'occurrenceStatuses',
      `INSERT INTO "OccurrenceStatus" ("occurrenceId", "unitId", status, "reportId", "updatedAt")
       SELECT DISTINCT ON ("occurrenceId", "unitId") "occurrenceId", "unitId", status, id, "reportedAt"
       FROM "StatusReport" WHERE "occurrenceId" BETWEEN $1::int AND $2::int
       ORDER BY "occurrenceId", "unitId", "reportedAt" DESC, id DESC`,
      [first, Math.min(occurrences, first + occurrencesPerChunk - 1)],
    );
  }
  await step(
    'sequences',
    `SELECT ${['Unit', 'Official', 'Plan', 'Duty', 'DutySchedule', 'Occurrence', 'StatusReport']
      .map((table) => `setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`)
      .join(', ')}`,
  );
  // VACUUM as well as ANALYZE: it sets the visibility map, as autovacuum would in a database that has lived a while.
  await step('vacuumAnalyze', `VACUUM (ANALYZE) ${TABLES.map((table) => `"${table}"`).join(', ')}`);

  const counted = await query<Record<keyof DatasetCounts, bigint>>(
    `SELECT (SELECT count(*) FROM "Unit") AS units, (SELECT count(*) FROM "Official") AS officials,
            (SELECT count(*) FROM "Duty") AS duties, (SELECT count(*) FROM "DutySchedule") AS schedules,
            (SELECT count(*) FROM "Occurrence") AS occurrences, (SELECT count(*) FROM "StatusReport") AS "statusReports",
            (SELECT count(*) FROM "OccurrenceStatus") AS "occurrenceStatuses"`,
  );
  const row = counted[0];
  if (!row) throw new Error('count query returned nothing');
  const counts = Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, Number(value)]),
  ) as unknown as DatasetCounts;
  const expected = expectedCounts(size);
  for (const key of Object.keys(expected) as (keyof DatasetCounts)[]) {
    if (counts[key] !== expected[key]) throw new Error(`loaded ${counts[key]} ${key}, expected ${expected[key]}`);
  }
  return { counts, steps, totalMs: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------------------
// The question-answering data sets (bench/ask.ts): the first plan, then N synthetic duties on its units.
//
// Every set starts as the app starts a new deployment: seedDemoPlan() imports the shipped Trà Vinh plan
// (139 units with 863 names, 59 duties), then one official per unit and status reports on the first plan's
// 2012 windows (the same in every set). On top of that, N synthetic duties (0 for the first-plan set):
//   - in plans of 100 duties (N/100 plans), issued in order: duty g's (single) schedule starts in month
//     floor((g-1) * 120 / N) after 2013-01 (so 2013-01 .. 2022-12; ids grow with time, as imports do),
//     day 1 + (g*31) mod 28, lasts 6 + (g*13) mod 60 days and repeats every 12 months, 3 times (bounded:
//     stored whole, nothing to materialize), so 3 occurrences per duty between 2013 and 2024;
//   - titles from a vocabulary of plan phrases: action x level x topic + year ("Kiểm điểm tự phê bình và
//     phê bình cấp huyện về công tác cán bộ năm 2017"), a summary from a list (none for every 5th duty),
//     an alias for every 4th duty and a section ref; `searchText` is the folded title + summary + aliases
//     + ref, built in SQL from vocabularies folded by the app's own foldText() and checked afterwards
//     against searchableText() (src/domain/text.ts), as the importer computes it;
//   - responsible units from the first plan's tree: 9 in 10 duties are led by one of its 34 province and
//     district bodies (Ban Tuyên giáo leads 1 in 34), 1 in 10 by every district committee (level:district,
//     13 units), 1 in 100 by every grassroots committee (level:grassroots, 105 units) instead; 2 in 3 have a
//     supporting body, 1 in 4 the district level as support;
//   - status reports: one per (occurrence, lead unit) for named lead units, 6 in 10 "done", 2 in 10 "in
//     progress", 1 in 10 "blocked", 1 in 10 none; for level leads, 2 in 3 of the district committees (1 in 2
//     of the grassroots ones) report "done", the others nothing. OccurrenceStatus rows point at them.
// The 2012 windows of the first plan are untouched by the synthetic duties (which start in 2013): questions
// about 2012 get the same answer in every set, questions about 2017 an answer that grows with N.
// ---------------------------------------------------------------------------------------------------------

/** The first plan's import date, as the app seeds it on its first start in April 2012. */
export const FIRST_PLAN_SEEDED_AT = new Date('2012-04-10T02:00:00Z');
export const ASK_DUTIES_PER_PLAN = 100;
export const ASK_OCCURRENCES_PER_DUTY = 3;
const ASK_SPAN_MONTHS = 120;
const ASK_TABLES = [
  'Unit',
  'UnitAlias',
  'Official',
  'Plan',
  'Duty',
  'DutyUnit',
  'DutyLevel',
  'DutySchedule',
  'Occurrence',
  'StatusReport',
  'OccurrenceStatus',
];

/** Plan phrases: what is to be done, at which level, about what. Titles are "<action> <level> về <topic> năm <year>". */
export const ASK_VOCABULARY = {
  actions: [
    'Hội nghị quán triệt, triển khai',
    'Kiểm điểm tự phê bình và phê bình',
    'Báo cáo sơ kết',
    'Báo cáo tổng kết',
    'Lấy phiếu tín nhiệm',
    'Kiểm tra, giám sát',
    'Tổ chức học tập, nghiên cứu',
    'Xây dựng kế hoạch thực hiện',
    'Đánh giá, xếp loại tổ chức đảng và đảng viên',
    'Tuyên truyền, phổ biến',
    'Rà soát, bổ sung quy hoạch cán bộ',
  ],
  levels: ['cấp tỉnh', 'cấp huyện', 'cấp cơ sở', 'chi bộ'],
  topics: [
    'Nghị quyết Trung ương 4',
    'công tác cán bộ',
    'chuyển đổi số',
    'cải cách hành chính',
    'phòng, chống tham nhũng, lãng phí',
    'xây dựng nông thôn mới',
    'quốc phòng, an ninh',
    'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
    'công tác dân vận',
    'phát triển đảng viên',
    'bảo vệ nền tảng tư tưởng của Đảng',
    'thực hành tiết kiệm',
    'xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh',
  ],
  summaries: [
    'Chủ trì, phối hợp với các cơ quan liên quan tổ chức thực hiện, báo cáo kết quả về Ban Thường vụ Tỉnh ủy',
    'Hướng dẫn các cấp ủy trực thuộc triển khai; tổng hợp, báo cáo Thường trực Tỉnh ủy',
    'Định kỳ hằng năm báo cáo tiến độ và kết quả thực hiện',
    'Theo dõi, đôn đốc, kiểm tra việc thực hiện ở các địa phương, đơn vị',
  ],
  aliases: [
    'Hội nghị quán triệt',
    'kiểm điểm',
    'sơ kết',
    'tổng kết',
    'phiếu tín nhiệm',
    'kiểm tra giám sát',
    'học tập nghị quyết',
    'kế hoạch',
    'xếp loại',
    'tuyên truyền',
    'quy hoạch',
  ],
  sections: ['I', 'II', 'III', 'IV', 'V'],
  /** Joining words of the title, also folded. */
  about: 'về',
  year: 'năm',
} as const;

export interface AskDatasetCounts {
  units: number;
  unitNames: number;
  plans: number;
  duties: number;
  dutyUnits: number;
  dutyLevels: number;
  schedules: number;
  occurrences: number;
  statusReports: number;
  occurrenceStatuses: number;
}

export interface AskLoadResult {
  synthetic: number;
  counts: AskDatasetCounts;
  /** Wall time of each load step (firstPlan = seedDemoPlan), in milliseconds. */
  steps: Record<string, number>;
  totalMs: number;
  /** Synthetic duties whose searchText was compared with searchableText() (all of them up to 10,000, else a sample). */
  searchTextChecked: number;
}

export interface AskLoadTarget {
  query: QueryFn;
  /** The first plan is imported through the app's own code (seedDemoPlan) with this client. */
  seedFirstPlan: () => Promise<void>;
  /** searchableText() and foldText() from src/domain/text.ts, passed in so this file stays free of app imports. */
  fold: (text: string) => string;
  searchable: (parts: readonly (string | null | undefined)[]) => string;
}

/** Loads the first plan, officials, its reports, then `synthetic` duties, set-based; then VACUUM ANALYZE. */
export async function loadAskDataset(target: AskLoadTarget, synthetic: number): Promise<AskLoadResult> {
  const { query, fold } = target;
  const steps: Record<string, number> = {};
  const started = performance.now();
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await run();
    steps[name] = (steps[name] ?? 0) + performance.now() - t;
    return result;
  };
  const sql = (name: string, text: string, values: unknown[] = []) => step(name, () => query(text, values));

  await step('firstPlan', target.seedFirstPlan);
  await sql(
    'officials',
    `INSERT INTO "Official" (name, "unitId", "updatedAt") SELECT 'Cán bộ ' || u.code, u.id, now() FROM "Unit" u ORDER BY u.id`,
  );
  // The first plan's windows that closed before October 2012: the named lead units report (2 in 3 "done"),
  // and of the units a level leads, every other one reports "done". The same rows in every set.
  await sql(
    'firstPlanReports',
    `INSERT INTO "StatusReport" ("occurrenceId", "unitId", "officialId", status, "reportedAt", channel, "channelMessageId")
     SELECT o.id, l.unit, off.id,
            (CASE WHEN (o.id + l.unit) % 3 = 0 THEN 'in_progress' ELSE 'done' END)::"ReportStatus",
            o."endsOn"::timestamptz - interval '1 day', 'telegram', 'ask-first-' || o.id || '-' || l.unit
     FROM "Occurrence" o
     JOIN LATERAL (
       SELECT du."unitId" AS unit FROM "DutyUnit" du WHERE du."dutyId" = o."dutyId" AND du.role = 'lead'
       UNION
       SELECT u.id FROM "DutyLevel" dl JOIN "Unit" u ON u.level = dl.level
       WHERE dl."dutyId" = o."dutyId" AND dl.role = 'lead' AND (o.id + u.id) % 2 = 0
     ) l ON true
     JOIN "Official" off ON off."unitId" = l.unit
     WHERE o."endsOn" < date '2012-10-01'`,
  );

  let searchTextChecked = 0;
  if (synthetic > 0) {
    const v = ASK_VOCABULARY;
    const folded = (list: readonly string[]) => list.map(fold);
    const ids = (
      await query<{ plan: number; duty: number; schedule: number; occurrence: number; issuer: number }>(
        `SELECT (SELECT coalesce(max(id), 0) FROM "Plan")::int AS plan, (SELECT coalesce(max(id), 0) FROM "Duty")::int AS duty,
                (SELECT coalesce(max(id), 0) FROM "DutySchedule")::int AS schedule, (SELECT coalesce(max(id), 0) FROM "Occurrence")::int AS occurrence,
                (SELECT id FROM "Unit" WHERE code = 'TU')::int AS issuer`,
      )
    )[0];
    if (!ids) throw new Error('no id bases');
    // The province and district bodies that lead synthetic duties (34 in the first plan).
    const leaders = (
      await query<{ id: number }>(`SELECT id FROM "Unit" WHERE level IN ('province', 'district') ORDER BY id`)
    ).map((row) => row.id);
    const plans = Math.ceil(synthetic / ASK_DUTIES_PER_PLAN);
    // Duty g (1..N): anchor month m = floor((g-1) * 120 / N) after 2013-01, so ids grow with time.
    const anchor = `((date '2013-01-01' + make_interval(months => (((g::bigint - 1) * ${ASK_SPAN_MONTHS}) / $1::int)::int)
                     + make_interval(days => (g * 31) % 28))::date)`;
    const length = `(6 + (g * 13) % 60)`;
    await sql(
      'plans',
      `INSERT INTO "Plan" (id, code, title, issuer, "issuerUnitId", "issuedOn", "contentHash", "updatedAt")
       SELECT $2::int + p, 'KH-' || lpad(p::text, 5, '0') || '/BENCH', 'Kế hoạch số ' || p || ' (dữ liệu đo hiệu năng)',
              'Ban Thường vụ Tỉnh ủy Trà Vinh', $3::int, w.a - 10, 'bench', now()
       FROM generate_series(1, $4::int) AS p, LATERAL (SELECT ${anchor} AS a FROM (SELECT (p - 1) * ${ASK_DUTIES_PER_PLAN} + 1 AS g) AS first) AS w`,
      [synthetic, ids.plan, ids.issuer, plans],
    );
    // Vocabulary index of duty g: action g mod 11, level (g / 11) mod 4, topic (g / 44) mod 13, summary
    // g mod 5 (4 = none), alias for g mod 4 = 0, section (g / 7) mod 5. Each list is passed as written and folded.
    const values: unknown[] = [synthetic, ids.plan, ids.duty];
    const param = (value: unknown, type: string) => {
      values.push(value);
      return `$${values.length}::${type}`;
    };
    const pick = (list: readonly string[], index: string) => {
      const [written, foldedList] = [param(list, 'text[]'), param(folded(list), 'text[]')];
      return [
        `(${written})[1 + (${index}) % ${list.length}]`,
        `(${foldedList})[1 + (${index}) % ${list.length}]`,
      ] as const;
    };
    const [action, foldedAction] = pick(v.actions, 'g');
    const [level, foldedLevel] = pick(v.levels, 'g / 11');
    const [topic, foldedTopic] = pick(v.topics, 'g / 44');
    const [summary, foldedSummary] = pick(v.summaries, 'g % 5');
    const [alias, foldedAlias] = pick(v.aliases, 'g / 4');
    const [section, foldedSection] = pick(v.sections, 'g / 7');
    const [about, foldedAbout] = [param(v.about, 'text'), param(fold(v.about), 'text')];
    const [year, foldedYear] = [param(v.year, 'text'), param(fold(v.year), 'text')];
    const anchorYear = `extract(year FROM ${anchor})::int`;
    const refTail = `'.' || (1 + g % 9) || '.' || chr(97 + g % 4)`;
    await sql(
      'duties',
      `INSERT INTO "Duty" (id, "planId", key, ref, title, summary, "sourceQuote", aliases, "searchText", "updatedAt")
       SELECT $3::int + g, $2::int + 1 + (g - 1) / ${ASK_DUTIES_PER_PLAN}, 'nv-' || g, ${section} || ${refTail},
              concat_ws(' ', ${action}, ${level}, ${about}, ${topic}, ${year}, ${anchorYear}),
              CASE WHEN g % 5 < 4 THEN ${summary} END,
              'Các cấp ủy, tổ chức đảng tổ chức thực hiện nghiêm túc nội dung kế hoạch.',
              CASE WHEN g % 4 = 0 THEN ARRAY[${alias}] ELSE ARRAY[]::text[] END,
              -- what searchableText([title, summary, ...aliases, ref]) gives: the folded parts joined by one space
              concat_ws(' ', ${foldedAction}, ${foldedLevel}, ${foldedAbout}, ${foldedTopic}, ${foldedYear}, ${anchorYear},
                        CASE WHEN g % 5 < 4 THEN ${foldedSummary} END, CASE WHEN g % 4 = 0 THEN ${foldedAlias} END, ${foldedSection} || ${refTail}),
              now()
       FROM generate_series(1, $1::int) AS g`,
      values,
    );
    // Lead: 1 in 10 every district committee, 1 in 100 (g mod 100 = 5) every grassroots committee, else one of
    // the 34 bodies; support: a body for 2 in 3, the district level for 1 in 4.
    await sql(
      'dutyUnits',
      `INSERT INTO "DutyUnit" ("dutyId", "unitId", role)
       SELECT $2::int + g, ($3::int[])[1 + (g * 7) % $4::int], 'lead'::"AssignmentRole"
       FROM generate_series(1, $1::int) AS g WHERE g % 10 <> 0 AND g % 100 <> 5
       UNION ALL
       SELECT $2::int + g, ($3::int[])[1 + (g * 11 + 5) % $4::int], 'support'::"AssignmentRole"
       FROM generate_series(1, $1::int) AS g WHERE g % 3 <> 0 AND (g * 11 + 5) % $4::int <> (g * 7) % $4::int`,
      [synthetic, ids.duty, leaders, leaders.length],
    );
    await sql(
      'dutyLevels',
      `INSERT INTO "DutyLevel" ("dutyId", level, role)
       SELECT $2::int + g, (CASE WHEN g % 10 = 0 THEN 'district' ELSE 'grassroots' END), 'lead'::"AssignmentRole"
       FROM generate_series(1, $1::int) AS g WHERE g % 10 = 0 OR g % 100 = 5
       UNION ALL
       SELECT $2::int + g, 'district', 'support'::"AssignmentRole"
       FROM generate_series(1, $1::int) AS g WHERE g % 4 = 1`,
      [synthetic, ids.duty],
    );
    await sql(
      'schedules',
      `INSERT INTO "DutySchedule" (id, "dutyId", position, "startsOn", "endsOn", label, "everyMonths", count, "materializedThrough")
       SELECT $3::int + g, $2::int + g, 0, w.a, w.a + ${length}, 'hằng năm', 12, ${ASK_OCCURRENCES_PER_DUTY}, NULL
       FROM generate_series(1, $1::int) AS g, LATERAL (SELECT ${anchor} AS a) AS w`,
      [synthetic, ids.duty, ids.schedule],
    );
    await sql(
      'occurrences',
      `INSERT INTO "Occurrence" (id, "dutyId", "scheduleId", seq, "startsOn", "endsOn")
       SELECT $4::int + (g - 1) * ${ASK_OCCURRENCES_PER_DUTY} + k + 1, $2::int + g, $3::int + g, k, w.s, w.s + ${length}
       FROM generate_series(1, $1::int) AS g, generate_series(0, ${ASK_OCCURRENCES_PER_DUTY - 1}) AS k,
            LATERAL (SELECT (${anchor} + make_interval(months => 12 * k))::date AS s) AS w`,
      [synthetic, ids.duty, ids.schedule, ids.occurrence],
    );
    // Reports, in chunks of duties (bounds the FK-check queue in PGlite's heap).
    const chunk = 20_000;
    for (let first = 1; first <= synthetic; first += chunk) {
      await sql(
        'statusReports',
        `INSERT INTO "StatusReport" ("occurrenceId", "unitId", "officialId", status, "reportedAt", channel, "channelMessageId")
         SELECT o.id, l.unit, off.id, l.status::"ReportStatus", o."endsOn"::timestamptz - interval '1 day',
                'telegram', 'ask-' || o.id || '-' || l.unit
         FROM "Occurrence" o
         JOIN LATERAL (
           SELECT du."unitId" AS unit,
                  CASE WHEN o.id % 10 < 6 THEN 'done' WHEN o.id % 10 < 8 THEN 'in_progress' ELSE 'blocked' END AS status
           FROM "DutyUnit" du WHERE du."dutyId" = o."dutyId" AND du.role = 'lead' AND o.id % 10 <> 9
           UNION ALL
           SELECT u.id, 'done' FROM "DutyLevel" dl JOIN "Unit" u ON u.level = dl.level
           WHERE dl."dutyId" = o."dutyId" AND dl.role = 'lead' AND (o.id + u.id) % (CASE WHEN dl.level = 'district' THEN 3 ELSE 2 END) <> 0
         ) l ON true
         JOIN "Official" off ON off."unitId" = l.unit
         WHERE o."dutyId" BETWEEN $1::int AND $2::int`,
        [ids.duty + first, ids.duty + Math.min(synthetic, first + chunk - 1)],
      );
    }
    await sql(
      'sequences',
      `SELECT ${['Plan', 'Duty', 'DutySchedule', 'Occurrence']
        .map((table) => `setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`)
        .join(', ')}`,
    );
    searchTextChecked = await step('checkSearchText', () => checkSearchText(target, ids.duty, synthetic));
  }
  // One report per (occurrence, unit), so the current status is that report.
  await sql(
    'occurrenceStatuses',
    `INSERT INTO "OccurrenceStatus" ("occurrenceId", "unitId", status, "reportId", "updatedAt")
     SELECT DISTINCT ON ("occurrenceId", "unitId") "occurrenceId", "unitId", status, id, "reportedAt"
     FROM "StatusReport" ORDER BY "occurrenceId", "unitId", "reportedAt" DESC, id DESC`,
  );
  await sql('vacuumAnalyze', `VACUUM (ANALYZE) ${ASK_TABLES.map((table) => `"${table}"`).join(', ')}`);

  const counted = await query<Record<keyof AskDatasetCounts, bigint>>(
    `SELECT (SELECT count(*) FROM "Unit") AS units, (SELECT count(*) FROM "UnitAlias") AS "unitNames", (SELECT count(*) FROM "Plan") AS plans,
            (SELECT count(*) FROM "Duty") AS duties, (SELECT count(*) FROM "DutyUnit") AS "dutyUnits", (SELECT count(*) FROM "DutyLevel") AS "dutyLevels",
            (SELECT count(*) FROM "DutySchedule") AS schedules, (SELECT count(*) FROM "Occurrence") AS occurrences,
            (SELECT count(*) FROM "StatusReport") AS "statusReports", (SELECT count(*) FROM "OccurrenceStatus") AS "occurrenceStatuses"`,
  );
  const row = counted[0];
  if (!row) throw new Error('count query returned nothing');
  const counts = Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, Number(value)]),
  ) as unknown as AskDatasetCounts;
  return { synthetic, counts, steps, totalMs: performance.now() - started, searchTextChecked };
}

/** Compares the stored searchText of synthetic duties with what the importer computes (searchableText). */
async function checkSearchText(target: AskLoadTarget, firstId: number, synthetic: number): Promise<number> {
  // Every duty up to 10,000; above that every k-th (k coprime with the vocabulary sizes, so every combination is seen).
  const every = synthetic <= 10_000 ? 1 : 7;
  const rows = await target.query<{
    id: number;
    title: string;
    summary: string | null;
    aliases: string[];
    ref: string;
    searchText: string;
  }>(
    `SELECT id, title, summary, aliases, ref, "searchText" FROM "Duty" WHERE id > $1::int AND (id - $1::int) % $2::int = 0 ORDER BY id`,
    [firstId, every],
  );
  for (const duty of rows) {
    const expected = target.searchable([duty.title, duty.summary, ...duty.aliases, duty.ref]);
    if (duty.searchText !== expected)
      throw new Error(
        `Duty ${duty.id}: searchText "${duty.searchText}" is not what the importer computes: "${expected}"`,
      );
  }
  if (rows.length === 0) throw new Error('no synthetic duty to check');
  return rows.length;
}
