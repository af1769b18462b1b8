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

  await step(
    'units',
    `INSERT INTO "Unit" (id, code, name, "shortName", level, "parentId", "updatedAt")
     SELECT g, 'U' || lpad(g::text, 4, '0'), 'Ban Thường vụ đơn vị số ' || g, 'ĐV' || g,
            (CASE WHEN g = 1 THEN 'province' WHEN g <= 20 THEN 'district' WHEN g <= 100 THEN 'grassroots' ELSE 'cell' END)::"UnitLevel",
            CASE WHEN g = 1 THEN NULL WHEN g <= 20 THEN 1 WHEN g <= 100 THEN 2 + g % 19 ELSE 21 + g % 80 END,
            now()
     FROM generate_series(1, $1::int) AS g`,
    [UNITS],
  );
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
  const counts = Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])) as unknown as DatasetCounts;
  const expected = expectedCounts(size);
  for (const key of Object.keys(expected) as (keyof DatasetCounts)[]) {
    if (counts[key] !== expected[key]) throw new Error(`loaded ${counts[key]} ${key}, expected ${expected[key]}`);
  }
  return { counts, steps, totalMs: performance.now() - started };
}
