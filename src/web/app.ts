// The admin web console: a Hono app mounted on the HTTP server under /admin (through @hono/node-server's request
// listener). Server-rendered pages that call the same services and db functions as chat and CLI; a few small scripts
// of our own make the live parts (matrix cell history, notice progress) without a CDN.
import { readFile } from 'node:fs/promises';
import { getRequestListener } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.js';
import type { PrismaClient } from '../db/database.js';
import { setLocale } from '../db/officials.js';
import type { Language } from '../domain/language.js';
import type { HttpServer, RouteHandler } from '../http/server.js';
import type { Translate, Translations } from '../i18n.js';
import type { Logger } from '../logger.js';
import { projectPath } from '../paths.js';
import type { ReminderWorker } from '../reminders/worker.js';
import {
  checkSession,
  csrfMatches,
  csrfToken,
  inspectLoginLink,
  SESSION_COOKIE,
  signInWithLink,
  signOut,
} from '../services/web-sessions.js';
import { h } from './html.js';
import { barePage, type PageFrame } from './layout.js';
import { registerAccountPage } from './pages/account.js';
import { registerAuditPage } from './pages/audit.js';
import { registerNoticesPage } from './pages/notices.js';
import { registerOfficialsPage } from './pages/officials.js';
import { registerOverviewPage } from './pages/overview.js';
import { type PlanExtractor, registerPlansPage } from './pages/plans.js';
import { registerRemindersPage } from './pages/reminders.js';

export interface WebDeps {
  prisma: PrismaClient;
  config: Config;
  logger: Logger;
  translations: Translations;
  now: () => Date;
  /** The Telegram bot's username once known, for t.me deep links. */
  telegramUsername: () => string | undefined;
  /** What the reminders page previews with (the worker's planning, nothing sent). */
  reminderPreview: ReminderWorker['preview'];
  /** Reads an uploaded plan document and returns `dondoc plan extract --json` for it. */
  extractPlan: PlanExtractor;
}

/** What a signed-in admin's request carries. */
export interface AdminRequest extends PageFrame {
  officialId: number;
  sessionId: number;
  sessionToken: string;
  unitId: number;
}

export type WebEnv = { Variables: { admin: AdminRequest } };
export type WebApp = Hono<WebEnv>;
export type WebContext = Context<WebEnv>;

const ASSETS: Record<string, string> = {
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
};

/** Headers on every answer: no framing, no referrer (the sign-in URL must not leak), scripts only from here. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Room for the form's other fields beside the largest upload. */
const BODY_SLACK = 64 * 1024;
/** Oversized bodies up to this are read and dropped before the refusal; larger ones just get the connection closed. */
const DRAIN_AT_MOST = 200 * 1024 * 1024;

export function createWebApp(deps: WebDeps): WebApp {
  const { prisma, config, translations } = deps;
  const policy = { idleMs: config.web.sessionIdleMs, maxMs: config.web.sessionMaxMs };
  const secure = config.web.publicBaseUrl.startsWith('https://');
  const app = new Hono<WebEnv>({ strict: false }).basePath('/admin');
  const assetCache = new Map<string, string>();

  /** The browser's language before anyone signed in. */
  const guestLanguage = (c: Context): Language => (/^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'vi');

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    if (!c.req.path.startsWith('/admin/assets/')) c.res.headers.set('cache-control', 'no-store');
  });

  app.onError((error, c) => {
    // The path only: never the query string (sign-in tokens) nor a header (the session cookie).
    deps.logger.error({ err: error, path: c.req.path, method: c.req.method }, 'web console request failed');
    const language = guestLanguage(c);
    const t = translations[language];
    return c.html(barePage(t, language, t('web-error-title'), h`<p>${t('web-error')}</p>`).value, 500);
  });

  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    const type = ASSETS[name];
    if (!type) return c.notFound();
    let body = assetCache.get(name);
    if (body === undefined) {
      body = await readFile(projectPath('src/web/assets', name), 'utf8');
      assetCache.set(name, body);
    }
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
  });

  // Bodies are bounded before anything reads them: uploads to the configured size, everything else far less.
  app.use(
    '*',
    bodyLimit({
      maxSize: config.web.uploadMaxBytes + BODY_SLACK,
      onError: (c) => {
        const language = guestLanguage(c);
        const t = translations[language];
        const max = Math.round(config.web.uploadMaxBytes / 1024 / 1024);
        return c.html(
          barePage(t, language, t('web-upload-refused'), h`<p>${t('web-upload-too-large', { max })}</p>`).value,
          413,
        );
      },
    }),
  );

  // ---- sign-in: a GET shows the link's page (a link preview fetching it uses nothing), the POST uses it.
  app.get('/login', async (c) => {
    const language = guestLanguage(c);
    const t = translations[language];
    const token = c.req.query('token');
    const link = await inspectLoginLink(prisma, token, deps.now());
    if ('refused' in link) return refusedLink(c, t, language, link.refused);
    return c.html(
      barePage(
        t,
        language,
        t('web-sign-in-title'),
        h`<p>${t('web-sign-in-as', { name: link.officialName })}</p>
<form method="post" action="/admin/login" data-autosubmit>
  <input type="hidden" name="token" value="${token ?? ''}">
  <button type="submit" class="primary">${t('web-sign-in-button')}</button>
</form>`,
      ).value,
    );
  });

  app.post('/login', async (c) => {
    const language = guestLanguage(c);
    const t = translations[language];
    const body = await c.req.parseBody();
    const token = typeof body.token === 'string' ? body.token : undefined;
    const result = await signInWithLink(prisma, {
      token,
      now: deps.now(),
      policy,
      userAgent: c.req.header('user-agent'),
    });
    if ('refused' in result) return refusedLink(c, t, language, result.refused);
    setCookie(c, SESSION_COOKIE, result.sessionToken, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/admin',
      secure,
      maxAge: Math.floor(policy.maxMs / 1000),
    });
    return c.redirect('/admin/', 303);
  });

  function refusedLink(c: Context, t: Translate, language: Language, reason: string) {
    return c.html(
      barePage(t, language, t('web-link-refused-title'), h`<p>${t(`web-link-refused-${reason}`)}</p>`).value,
      reason === 'not-admin' ? 403 : 410,
    );
  }

  // ---- everything else needs a live session of an active admin, read again for every request.
  app.use('*', async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const check = await checkSession(prisma, cookie, deps.now(), policy);
    if (check.kind === 'none' || !cookie) {
      const language = guestLanguage(c);
      const t = translations[language];
      if (cookie) deleteCookie(c, SESSION_COOKIE, { path: '/admin' });
      return c.html(barePage(t, language, t('web-sign-in-title'), h`<p>${t('web-sign-in-needed')}</p>`).value, 401);
    }
    const { official } = check.session;
    const language = official.locale;
    const t = translations[language];
    if (check.kind === 'not-admin') {
      return c.html(barePage(t, language, t('web-refused-title'), h`<p>${t('web-refused-not-admin')}</p>`).value, 403);
    }
    const admin: AdminRequest = {
      t,
      language,
      csrf: csrfToken(cookie),
      adminName: official.name,
      path: c.req.path,
      officialId: official.id,
      unitId: official.unit.id,
      sessionId: check.session.sessionId,
      sessionToken: cookie,
    };
    c.set('admin', admin);
    if (STATE_CHANGING.has(c.req.method)) {
      const type = c.req.header('content-type') ?? '';
      let given = c.req.header('x-csrf-token');
      if (given === undefined && /^(multipart\/form-data|application\/x-www-form-urlencoded)/.test(type)) {
        const body = await c.req.parseBody({ all: true });
        given = typeof body._csrf === 'string' ? body._csrf : undefined;
      }
      if (!csrfMatches(cookie, given)) {
        deps.logger.warn(
          { path: c.req.path, officialId: official.id },
          'web console: request without a valid CSRF token',
        );
        return c.html(barePage(t, language, t('web-refused-title'), h`<p>${t('web-csrf-refused')}</p>`).value, 403);
      }
    }
    await next();
  });

  app.post('/logout', async (c) => {
    const admin = c.get('admin');
    await signOut(prisma, { sessionId: admin.sessionId, officialId: admin.officialId }, deps.now());
    deleteCookie(c, SESSION_COOKIE, { path: '/admin' });
    const t = admin.t;
    return c.html(barePage(t, admin.language, t('web-signed-out-title'), h`<p>${t('web-signed-out')}</p>`).value);
  });

  app.post('/language', async (c) => {
    const admin = c.get('admin');
    const body = await c.req.parseBody();
    const language = body.language === 'en' ? 'en' : 'vi';
    await setLocale(prisma, admin.officialId, language);
    const back = typeof body.back === 'string' && /^\/admin(\/[\w\-/]*)?$/.test(body.back) ? body.back : '/admin/';
    return c.redirect(back, 303);
  });

  registerOverviewPage(app, deps);
  registerPlansPage(app, deps);
  registerOfficialsPage(app, deps);
  registerNoticesPage(app, deps);
  registerRemindersPage(app, deps);
  registerAuditPage(app, deps);
  registerAccountPage(app, deps);

  app.notFound((c) => {
    const language = guestLanguage(c);
    const t = translations[language];
    return c.html(
      barePage(t, language, t('web-not-found'), h`<p><a href="/admin/">${t('web-nav-overview')}</a></p>`).value,
      404,
    );
  });
  return app;
}

/** Serves the console on the HTTP server: `/admin` and every path under `/admin/`, for the methods it answers. */
export function mountWebConsole(http: HttpServer, deps: WebDeps): void {
  const handler = webConsoleHandler(deps);
  for (const method of ['GET', 'POST']) {
    http.route(method, '/admin', handler);
    http.prefixRoute(method, '/admin/', handler);
  }
}

/** The console as one request handler (what mountWebConsole registers). */
export function webConsoleHandler(deps: WebDeps): RouteHandler {
  const app = createWebApp(deps);
  // Global Request/Response stay Node's own: other parts of the process (grammY) use fetch too.
  const listener = getRequestListener(app.fetch, { overrideGlobalObjects: false });
  const limit = deps.config.web.uploadMaxBytes + BODY_SLACK;
  return async (request, response) => {
    // A body announced larger than the limit is refused (413, by its Content-Length, see bodyLimit above); it is
    // read and dropped first (up to a bound), so the browser shows the page with the reason, not a reset connection.
    const announced = Number(request.headers['content-length'] ?? 0);
    if (announced > limit && announced <= DRAIN_AT_MOST) {
      for await (const _chunk of request) {
        // dropped
      }
    }
    await listener(request, response);
  };
}

/** The form value of a field (the first one when repeated), trimmed. */
export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}
