// The page shell every console page shares: header with the admin's name, language switch and sign-out, the
// navigation, and the CSRF token for forms and scripts.
import type { Language } from '../domain/language.js';
import type { Translate } from '../i18n.js';
import { type Html, h, type Interpolation } from './html.js';

export type Section = 'overview' | 'plans' | 'officials' | 'notices' | 'reminders' | 'audit' | 'account';

export interface PageFrame {
  t: Translate;
  language: Language;
  csrf: string;
  adminName: string;
  /** Where the language switch returns to. */
  path: string;
}

const NAV: Section[] = ['overview', 'plans', 'officials', 'notices', 'reminders', 'audit', 'account'];
const HREF: Record<Section, string> = {
  overview: '/admin/',
  plans: '/admin/plans',
  officials: '/admin/officials',
  notices: '/admin/notices',
  reminders: '/admin/reminders',
  audit: '/admin/audit',
  account: '/admin/account',
};

/** The hidden field every state-changing form carries. */
export function csrfField(csrf: string): Html {
  return h`<input type="hidden" name="_csrf" value="${csrf}">`;
}

export function page(
  frame: PageFrame,
  options: { section: Section; title: string; body: Interpolation; wide?: boolean; print?: boolean },
): Html {
  const { t } = frame;
  const other: Language = frame.language === 'vi' ? 'en' : 'vi';
  return h`<!doctype html>
<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${frame.csrf}">
<title>${options.title} · dondoc</title>
<link rel="stylesheet" href="/admin/assets/console.css">
<script src="/admin/assets/console.js" defer></script>
</head>
<body class="${options.print ? 'printable' : ''}">
<header class="top">
  <a class="brand" href="/admin/">Đôn đốc</a>
  <span class="who">${frame.adminName}</span>
  <form method="post" action="/admin/language" class="inline">
    ${csrfField(frame.csrf)}
    <input type="hidden" name="language" value="${other}">
    <input type="hidden" name="back" value="${frame.path}">
    <button type="submit" class="link" lang="${other}">${other === 'en' ? 'English' : 'Tiếng Việt'}</button>
  </form>
  <form method="post" action="/admin/logout" class="inline">
    ${csrfField(frame.csrf)}
    <button type="submit" class="link">${t('web-sign-out')}</button>
  </form>
</header>
<nav class="sections">
  ${NAV.map((section) => h`<a href="${HREF[section]}" class="${section === options.section ? 'current' : ''}">${t(`web-nav-${section}`)}</a>`)}
</nav>
<main class="${options.wide ? 'wide' : ''}">
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>`;
}

/** A page outside the signed-in console (sign-in, refusals). */
export function barePage(t: Translate, language: Language, title: string, body: Interpolation): Html {
  return h`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · dondoc</title>
<link rel="stylesheet" href="/admin/assets/console.css">
<script src="/admin/assets/console.js" defer></script>
</head>
<body>
<main class="narrow">
<h1>${title}</h1>
${body}
<p class="muted">${t('web-sign-in-how')}</p>
</main>
</body>
</html>`;
}

/** A notice above a page's content: what an action did, or why it did not. */
export function flash(kind: 'ok' | 'error' | 'info', message: Interpolation): Html {
  return h`<div class="flash ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${message}</div>`;
}
