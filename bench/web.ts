// The web console's overview page (plans, this month's windows, the completion matrix) over HTTP with a signed-in
// session, at 100 units × 50 windows and at 1,000 units × 200 windows, against trivial pages of the same server: the
// stylesheet (no session, no database) and the sessions page (the session check and one small query). PGlite, as
// `npm start` runs it. The matrix page shows 50 units × 30 windows at a time; the whole matrix is read once per request.
import { performance } from 'node:perf_hooks';
import { createConfig } from '../src/config.js';
import { localDate } from '../src/domain/dates.js';
import { startHttpServer } from '../src/http/server.js';
import { loadTranslations } from '../src/i18n.js';
import { createLogger } from '../src/logger.js';
import { issueLoginLink } from '../src/services/web-sessions.js';
import { mountWebConsole } from '../src/web/app.js';
import { loadMatrixSet, type MatrixSpec } from './broadcasts.js';
import { openBenchPglite } from './databases.js';
import { ms, ratio, type Summary, summarize, table } from './stats.js';

export interface WebBenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

interface PageResult {
  name: string;
  path: string;
  bytes: number;
  summary: Summary;
}

export interface WebBenchResult {
  sets: { name: string; units: number; windows: number; reported: number; loadMs: number }[];
  pages: PageResult[];
}

export async function runWebBench(options: WebBenchOptions): Promise<WebBenchResult> {
  const { log } = options;
  const runs = options.quick ? 5 : 31;
  const db = await openBenchPglite('web');
  const server = await startHttpServer({ host: '127.0.0.1', port: 0, logger: createLogger({ level: 'silent' }) });
  try {
    const prisma = db.database.prisma;
    const specs: MatrixSpec[] = [
      {
        name: 'baseline',
        units: 100,
        windows: 50,
        prefix: 'WS',
        level: 'cell',
        period: { from: localDate('2026-10-01'), to: localDate('2026-10-31') },
        today: localDate('2026-10-20'),
        seed: 2026_10,
      },
      {
        name: 'large',
        units: options.quick ? 300 : 1000,
        windows: options.quick ? 60 : 200,
        prefix: 'WL',
        level: 'grassroots',
        period: { from: localDate('2026-11-01'), to: localDate('2026-11-30') },
        today: localDate('2026-11-20'),
        seed: 2026_11,
      },
    ];
    const sets: WebBenchResult['sets'] = [];
    for (const spec of specs) {
      const loaded = await loadMatrixSet(db, spec);
      sets.push({
        name: spec.name,
        units: spec.units,
        windows: spec.windows,
        reported: loaded.reported,
        loadMs: loaded.ms,
      });
      log(`  loaded ${spec.units} units × ${spec.windows} windows (${loaded.reported} reports) in ${ms(loaded.ms)} ms`);
    }
    await db.execute('VACUUM (ANALYZE)');
    const base = `http://127.0.0.1:${server.port}`;
    const config = createConfig({ PUBLIC_BASE_URL: base, DONDOC_SEED_DEMO: 'false' });
    mountWebConsole(server, {
      prisma,
      config,
      logger: createLogger({ level: 'silent' }),
      translations: await loadTranslations(),
      now: () => new Date('2026-11-20T03:00:00Z'),
      telegramUsername: () => undefined,
      reminderPreview: async () => [],
      extractPlan: async () => {
        throw new Error('not measured');
      },
    });
    const unit = await prisma.unit.findFirstOrThrow({ where: { code: 'WS-U001' }, select: { id: true } });
    const admin = await prisma.official.create({
      data: { name: 'Quản trị', unitId: unit.id, role: 'admin' },
      select: { id: true },
    });
    const link = await issueLoginLink(prisma, {
      officialId: admin.id,
      publicBaseUrl: base,
      via: 'bench',
      actor: { label: 'bench' },
      now: new Date('2026-11-20T03:00:00Z'),
    });
    if (link.kind !== 'created') throw new Error('no link');
    const signIn = await fetch(`${base}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: new URL(link.url).searchParams.get('token') ?? '' }).toString(),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const pages = [
      { name: 'stylesheet (static, no session)', path: '/admin/assets/console.css' },
      { name: 'sessions page (session + 1 query)', path: '/admin/account' },
      { name: 'overview 100 × 50', path: '/admin/?from=2026-10-01&to=2026-10-31' },
      { name: `overview ${specs[1]?.units} × ${specs[1]?.windows}`, path: '/admin/?from=2026-11-01&to=2026-11-30' },
    ];
    const results: PageResult[] = [];
    for (const page of pages) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs + 2; i += 1) {
        const started = performance.now();
        const response = await fetch(`${base}${page.path}`, { headers: { cookie } });
        const body = await response.text();
        const elapsed = performance.now() - started;
        if (response.status !== 200) throw new Error(`${page.path}: ${response.status}`);
        bytes = Buffer.byteLength(body);
        if (i >= 2) times.push(elapsed);
      }
      results.push({ ...page, bytes, summary: summarize(times) });
    }
    return { sets, pages: results };
  } finally {
    await server.close();
    await db.close();
  }
}

export function printWeb(result: WebBenchResult, seconds: number, log: (line: string) => void): void {
  log(`\nWeb console pages over HTTP, signed in, PGlite; ${seconds.toFixed(0)} s in all; ms`);
  const trivial = result.pages[1]?.summary.median ?? Number.NaN;
  log(
    table(
      ['page', 'n', 'median', 'p95', 'max', 'KB', 'vs sessions page'],
      result.pages.map((page) => [
        page.name,
        String(page.summary.n),
        ms(page.summary.median),
        ms(page.summary.p95),
        ms(page.summary.max),
        (page.bytes / 1024).toFixed(0),
        ratio(page.summary.median / trivial),
      ]),
    ),
  );
}
