// The console's pure parts: escaping, roster rows, the review table's windows and units, and every dynamic text id.
import { describe, expect, it } from 'vitest';
import { loadTranslations } from '../../src/i18n.js';
import { applyEdit, formatWindows, parseRefs, parseWindows } from '../../src/services/plan-drafts.js';
import { REVIEW_FORMAT, type ReviewDraft } from '../../src/services/plan-review-mapping.js';
import { normalizePhone, normalizeRole, rowsFromTable } from '../../src/services/roster.js';
import { escapeHtml, h, raw } from '../../src/web/html.js';
import { contentMatches } from '../../src/web/uploads.js';

describe('escaping', () => {
  it('escapes every interpolated value unless the code marked it as markup', () => {
    const name = '<script>alert("x")</script> & \'y\'';
    expect(h`<td title="${name}">${name}</td>`.value).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</td>',
    );
    expect(h`<p>${[h`<b>${'<i>'}</b>`, raw('<br>'), null, false, 3]}</p>`.value).toBe('<p><b>&lt;i&gt;</b><br>3</p>');
    expect(escapeHtml('a<b')).toBe('a&lt;b');
  });
});

describe('roster rows', () => {
  it('finds the columns by their Vietnamese or English names and numbers rows as in the file', () => {
    const rows = rowsFromTable([
      ['', ''],
      ['HỌ VÀ TÊN', 'Đơn vị', 'Số điện thoại', 'Vai trò'],
      ['Nguyễn Văn A', 'TU-BTG', '0912 345 678', 'Quản trị'],
      ['', '', '', ''],
      ['Trần B', 'Ban Tổ chức', '', ''],
    ]);
    expect(rows).toEqual([
      { line: 3, name: 'Nguyễn Văn A', unit: 'TU-BTG', position: '', phone: '0912 345 678', role: 'Quản trị' },
      { line: 5, name: 'Trần B', unit: 'Ban Tổ chức', position: '', phone: '', role: '' },
    ]);
    expect(rowsFromTable([['Tên thường gọi', 'Ghi chú']])).toEqual({ kind: 'no-header' });
  });
  it('normalises phones and roles', () => {
    expect(normalizePhone('+84 912.345.678')).toBe('0912345678');
    expect(normalizePhone('(0294) 3862 123')).toBe('02943862123');
    expect(normalizePhone('12ab')).toBeUndefined();
    expect(normalizeRole('Cán bộ')).toBe('official');
    expect(normalizeRole('QUẢN TRỊ')).toBe('admin');
    expect(normalizeRole('')).toBe('official');
    expect(normalizeRole('sếp')).toBeUndefined();
  });
});

describe('uploads', () => {
  it('takes a type only when the bytes agree with the name', () => {
    expect(contentMatches('docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1]))).toBe(true);
    expect(contentMatches('docx', new TextEncoder().encode('hello'))).toBe(false);
    expect(contentMatches('pdf', new TextEncoder().encode('%PDF-1.7'))).toBe(true);
    expect(contentMatches('txt', new TextEncoder().encode('Kế hoạch'))).toBe(true);
    expect(contentMatches('txt', new Uint8Array([0x4b, 0, 0x41]))).toBe(false);
    expect(contentMatches('csv', new Uint8Array([0xc3, 0x28]))).toBe(false);
  });
});

describe('the review table', () => {
  it('reads and writes windows with recurrence and labels', () => {
    const text =
      '2012-07-01..2012-08-31\n2012-03-30\n2012-06-01..2012-06-30 every 6 months until 2015-12-31 — báo cáo 6 tháng';
    const parsed = parseWindows(text);
    expect(parsed).toEqual({
      windows: [
        { start: '2012-07-01', end: '2012-08-31' },
        { start: '2012-03-30', end: '2012-03-30' },
        {
          start: '2012-06-01',
          end: '2012-06-30',
          label: 'báo cáo 6 tháng',
          repeat: { every: '6 months', until: '2015-12-31' },
        },
      ],
    });
    if ('windows' in parsed) expect(formatWindows(parsed.windows)).toBe(text);
    expect(parseWindows('2012-02-31')).toHaveProperty('error');
    expect(parseWindows('tháng 7')).toHaveProperty('error');
    expect(parseRefs('tu-btg, level:District; TU-BTG')).toEqual(['TU-BTG', 'level:district']);
  });

  it('adds, merges and deletes duties', () => {
    const duty = (id: string, lead: string[], start: string) => ({
      id,
      key: id,
      ref: '1',
      title: id,
      source: `source ${id}`,
      lead,
      support: [],
      windows: [{ start, end: start }],
      certainty: { lead: 'low' as const, windows: 'high' as const, ref: 'high' as const },
      notes: [],
      others: [],
    });
    const review: ReviewDraft = {
      format: REVIEW_FORMAT,
      extraction: 'dondoc-extract/2',
      plan: { code: 'X', title: 'X', issuer: 'X', issuedOn: '2012-01-01' },
      planCertainty: {},
      planNotes: [],
      levels: [],
      units: [],
      knownUnits: [],
      duties: [duty('d1', ['TU'], '2012-01-01'), duty('d2', ['TU-BTG'], '2012-02-01')],
      nextId: 3,
    };
    const merged = applyEdit(review, { kind: 'merge', dutyId: 'd2' });
    if (!('review' in merged)) throw new Error('not merged');
    expect(merged.review.duties).toHaveLength(1);
    expect(merged.review.duties[0]?.lead).toEqual(['TU', 'TU-BTG']);
    expect(merged.review.duties[0]?.windows).toHaveLength(2);
    expect(merged.review.duties[0]?.source).toBe('source d1 source d2');
    expect(review.duties).toHaveLength(2);
    expect(applyEdit(review, { kind: 'merge', dutyId: 'd1' })).toHaveProperty('message');
    const added = applyEdit(review, { kind: 'add' });
    if (!('review' in added)) throw new Error('not added');
    expect(added.review.duties.map((d) => d.id)).toEqual(['d1', 'd2', 'd3']);
    const fixed = applyEdit(review, { kind: 'duty', dutyId: 'd1', fields: { lead: 'tu-btc' } });
    if (!('review' in fixed)) throw new Error('not fixed');
    expect(fixed.review.duties[0]?.lead).toEqual(['TU-BTC']);
    expect(fixed.review.duties[0]?.certainty.lead).toBe('high');
    expect(applyEdit(review, { kind: 'duty', dutyId: 'd1', fields: { windows: 'soon' } })).toHaveProperty(
      'field',
      'windows',
    );
    const deleted = applyEdit(review, { kind: 'delete', dutyId: 'd1' });
    if (!('review' in deleted)) throw new Error('not deleted');
    expect(deleted.review.duties.map((d) => d.id)).toEqual(['d2']);
  });
});

describe('texts', () => {
  it('has every dynamic web-… id in both languages', async () => {
    const translations = await loadTranslations();
    const families = {
      'web-nav': ['overview', 'plans', 'officials', 'notices', 'reminders', 'audit', 'account'],
      'web-state': ['done', 'in_progress', 'blocked', 'none', 'overdue'],
      'web-audience': ['all', 'unit', 'level', 'duty'],
      'web-link-refused': ['unknown', 'used', 'expired', 'not-admin'],
      'web-official': ['block', 'unblock', 'promote', 'demote'],
      'web-roster': ['no-header', 'empty', 'too-many', 'unreadable'],
      'web-upload': ['missing', 'too-large', 'wrong-type'],
      'web-plans-field': ['code', 'title', 'issuer', 'place', 'issuedOn'],
    };
    for (const language of ['vi', 'en'] as const)
      for (const [family, members] of Object.entries(families))
        for (const member of members)
          expect(() => translations[language](`${family}-${member}`, { max: 1, name: 'x', types: 'y' })).not.toThrow();
  });
});
