// The report draft as a document, pure: facts in, a .docx out whose text, layout and figures can be read back.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpStatistics, FollowUpTally } from '../../src/db/reporting.js';
import { localDate } from '../../src/domain/dates.js';
import { type FollowUpCounts, followUpRates } from '../../src/domain/follow-up.js';
import { zipEntries } from '../../src/extract/zip.js';
import { loadTranslations, type Translations } from '../../src/i18n.js';
import { type DraftFacts, draftDocx, draftFigures, formatRate } from '../../src/reporting/draft.js';
import { compareSections, sectionHeadings, sectionOf } from '../../src/reporting/plan-sections.js';
import { parseReportPeriod } from '../../src/reporting/report-period.js';
import { draftFileName } from '../../src/services/report-drafts.js';
import { documentXml, paragraphs, tables, zipEntryText } from '../support/docx.js';

const tally = (counts: FollowUpCounts, windows: number): FollowUpTally => {
  const rates = followUpRates(counts);
  return { cells: rates.total, windows, counts, rates, maxDaysLate: 4, maxDaysOverdue: 12 };
};

function statistics(): FollowUpStatistics {
  const units = [
    { id: 1, code: 'TU-BTG', name: 'Ban Tuyên giáo', level: 'province', c: [3, 1, 0, 2] },
    { id: 2, code: 'HU-CL', name: 'Huyện ủy Càng Long', level: 'district', c: [1200, 0, 5, 0] },
    { id: 3, code: 'TU-UBKT', name: 'Ủy ban Kiểm tra', level: 'province', c: [0, 0, 1, 0] },
  ].map((unit) => ({
    id: unit.id,
    code: unit.code,
    name: unit.name,
    level: unit.level,
    tally: tally({ done_on_time: unit.c[0]!, done_late: unit.c[1]!, open: unit.c[2]!, overdue: unit.c[3]! }, 4),
  }));
  const sum = (index: keyof FollowUpCounts) => units.reduce((total, unit) => total + unit.tally.counts[index], 0);
  const total = tally(
    { done_on_time: sum('done_on_time'), done_late: sum('done_late'), open: sum('open'), overdue: sum('overdue') },
    4,
  );
  return { total, plans: [], levels: [], units };
}

function facts(): DraftFacts {
  return {
    plan: {
      code: '15-KH/TU',
      title: 'Kế hoạch thực hiện Nghị quyết Trung ương 4 (khóa XI)',
      issuer: 'Tỉnh ủy Trà Vinh',
      issuerShortName: 'Tỉnh ủy',
      place: 'Trà Vinh',
      issuedOn: localDate('2012-04-04'),
    },
    period: parseReportPeriod('2012-H2'),
    today: localDate('2012-12-20'),
    sections: [
      {
        key: 'IV',
        heading: 'PHƯƠNG PHÁP TIẾN HÀNH VÀ THỜI GIAN THỰC HIỆN',
        duties: [
          {
            ref: 'IV.2.c',
            title: 'Kiểm điểm ở cấp huyện',
            windows: [
              {
                start: localDate('2012-08-01'),
                end: localDate('2012-09-30'),
                leads: [
                  {
                    unit: 'Ban Tuyên giáo',
                    status: 'done',
                    followUp: 'done_late',
                    daysLate: 4,
                    awaitingConfirmation: false,
                    note: 'Đã gửi báo cáo <số 12> & "đúng" mẫu',
                    evidence: { number: '12-BC/BTG', date: localDate('2012-10-03'), files: 2 },
                    reportedOn: localDate('2012-10-04'),
                  },
                  {
                    unit: 'Ủy ban Kiểm tra',
                    status: 'blocked',
                    followUp: 'overdue',
                    daysLate: 12,
                    awaitingConfirmation: false,
                    note: 'Chờ hướng dẫn',
                    evidence: { number: null, date: null, files: 0 },
                    reportedOn: localDate('2012-09-20'),
                  },
                  {
                    unit: 'Huyện ủy Càng Long',
                    status: 'none',
                    followUp: 'overdue',
                    daysLate: 12,
                    awaitingConfirmation: false,
                    note: null,
                    evidence: { number: null, date: null, files: 0 },
                    reportedOn: null,
                  },
                ],
                support: ['Ban Tổ chức'],
              },
            ],
          },
        ],
      },
    ],
    statistics: statistics(),
    late: { rows: [], total: 0 },
    blocked: [
      {
        ref: 'IV.2.c',
        title: 'Kiểm điểm ở cấp huyện',
        unit: 'Ủy ban Kiểm tra',
        note: 'Chờ hướng dẫn',
        reportedOn: localDate('2012-09-20'),
      },
    ],
    next: [
      {
        ref: 'III.3',
        title: 'Lấy phiếu tín nhiệm',
        start: localDate('2013-06-01'),
        end: localDate('2013-06-30'),
        leads: [
          { vi: 'Ban Tổ chức', en: 'Ban Tổ chức' },
          { vi: 'các huyện ủy và tương đương', en: 'the district committees' },
        ],
      },
    ],
  };
}

let translations: Translations;
beforeAll(async () => {
  translations = await loadTranslations();
});

/** The figures sentence I states, read back as numbers ("1.204" → 1204). */
function situationNumbers(texts: string[], language: 'vi' | 'en') {
  const number = (text: string) => Number(text.replace(language === 'vi' ? /\./g : /,/g, ''));
  const all = texts.join('\n');
  const pattern =
    language === 'vi'
      ? /có ([\d.]+) mốc thực hiện nhiệm vụ, giao cho ([\d.]+) đơn vị, tổng cộng ([\d.]+) lượt[\s\S]*?đúng hạn ([\d.]+) lượt; hoàn thành trễ hạn ([\d.]+) lượt; đang thực hiện trong hạn ([\d.]+) lượt; quá hạn chưa hoàn thành ([\d.]+) lượt/
      : /has ([\d,]+) dated windows, assigned to ([\d,]+) units, ([\d,]+) unit tasks[\s\S]*?done on time ([\d,]+); done late ([\d,]+); open within the deadline ([\d,]+); overdue ([\d,]+)/;
  const match = pattern.exec(all);
  if (!match) throw new Error(`no figures in: ${all.slice(0, 2000)}`);
  const [windows, units, cells, onTime, late, open, overdue] = match.slice(1).map(number);
  return { windows, units, cells, onTime, late, open, overdue };
}

describe('the report draft document', () => {
  it('is a .docx in the layout of Nghị định 30: A4, margins, Times New Roman 13–14 pt, the header without borders', async () => {
    const docx = await draftDocx(facts(), translations.vi);
    expect(zipEntries(docx).map((entry) => entry.name)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']),
    );
    const xml = documentXml(docx);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margins = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
    const twip = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(margins)?.[1]);
    const mm = (value: number) => (value * 25.4) / 1440;
    expect(mm(twip('top'))).toBeGreaterThanOrEqual(20);
    expect(mm(twip('top'))).toBeLessThanOrEqual(25);
    expect(mm(twip('bottom'))).toBeGreaterThanOrEqual(20);
    expect(mm(twip('left'))).toBeGreaterThanOrEqual(30);
    expect(mm(twip('left'))).toBeLessThanOrEqual(35);
    expect(mm(twip('right'))).toBeGreaterThanOrEqual(15);
    expect(mm(twip('right'))).toBeLessThanOrEqual(20);
    // Times New Roman 14 pt is the document's default (its styles); no run names another font or a larger size.
    const styles = zipEntryText(docx, 'word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
    expect(defaults).toMatch(/<w:rFonts w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"/);
    expect(defaults).toContain('<w:sz w:val="28"/>');
    expect(xml).not.toContain('<w:rFonts');
    const sizes = [...xml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(28);
    // The first table is the header: no borders; the issuing body left, the nation and the motto right.
    const header = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    expect(/<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/.exec(header)?.[1]).toMatch(/^(<w:\w+ w:val="none"[^>]*\/>)+$/);
    const [left = '', right = ''] = tables(xml)[0]?.[0] ?? [];
    expect(left.split('\n')).toEqual(['TỈNH ỦY TRÀ VINH', '*', 'Số:      /BC-TU']);
    expect(right.split('\n')).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Trà Vinh, ngày … tháng … năm 2012',
    ]);
    // The motto bold and underlined; the place and date in italics.
    const runOf = (text: string) =>
      new RegExp(`<w:r>((?:(?!<w:r>).)*?)<w:t[^>]*>${text}</w:t>`, 's').exec(xml)?.[1] ?? '';
    expect(runOf('Độc lập - Tự do - Hạnh phúc')).toMatch(/<w:b\/>[\s\S]*<w:u w:val="single"\/>/);
    expect(runOf('Trà Vinh, ngày … tháng … năm 2012')).toContain('<w:i/>');
    expect(runOf('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toContain('<w:b/>');
  });

  it('carries the title, the period in words, the sections in order and each lead unit’s report, escaped, in NFC', async () => {
    const xml = documentXml(await draftDocx(facts(), translations.vi));
    expect(xml.normalize('NFC')).toBe(xml);
    const texts = paragraphs(xml);
    const at = (text: string) => texts.findIndex((line) => line.includes(text));
    expect(texts).toContain('BÁO CÁO');
    expect(texts).toContain('Kết quả thực hiện Kế hoạch số 15-KH/TU ngày 04/04/2012 của Tỉnh ủy Trà Vinh');
    expect(texts).toContain('(6 tháng cuối năm 2012)');
    const order = [
      'I. TÌNH HÌNH CHUNG',
      'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ',
      'Mục IV. PHƯƠNG PHÁP TIẾN HÀNH VÀ THỜI GIAN THỰC HIỆN',
      'IV.2.c. Kiểm điểm ở cấp huyện',
      'III. THỐNG KÊ KẾT QUẢ THEO ĐƠN VỊ',
      'IV. HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC',
      'V. NHIỆM VỤ KỲ TỚI',
      'Nơi nhận:',
      'T/M TỈNH ỦY',
    ].map(at);
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(texts).toContain(
      '- Ban Tuyên giáo: đã hoàn thành, trễ 4 ngày; ghi chú: “Đã gửi báo cáo <số 12> & "đúng" mẫu”; văn bản số 12-BC/BTG ngày 03/10/2012; 2 tệp minh chứng; báo cáo ngày 04/10/2012.',
    );
    expect(xml).toContain('&lt;số 12&gt; &amp;');
    expect(texts).toContain(
      '- Ủy ban Kiểm tra: gặp khó khăn, vướng mắc (quá hạn 12 ngày); ghi chú: “Chờ hướng dẫn”; báo cáo ngày 20/09/2012.',
    );
    expect(texts).toContain('- Chưa báo cáo (1 đơn vị): Huyện ủy Càng Long (1 đơn vị đã quá hạn)');
    expect(texts).toContain('Đơn vị phối hợp: Ban Tổ chức.');
    expect(texts).toContain('- Ủy ban Kiểm tra (IV.2.c): Chờ hướng dẫn (báo cáo ngày 20/09/2012)');
    expect(texts).toContain('Trong 6 tháng đầu năm 2013, Kế hoạch có 1 mốc thực hiện bắt đầu:');
    expect(texts).toContain(
      '- III.3. Lấy phiếu tín nhiệm (01/06/2013 – 30/06/2013); chủ trì: Ban Tổ chức, các huyện ủy và tương đương.',
    );
  });

  it('states in words the same numbers the statistics table shows, and both are the statistics given', async () => {
    const given = facts();
    for (const language of ['vi', 'en'] as const) {
      const xml = documentXml(await draftDocx(given, translations[language]));
      const texts = paragraphs(xml);
      const stated = situationNumbers(texts, language);
      const table = tables(xml)[1] as string[][];
      const number = (text: string) => Number(text.replace(language === 'vi' ? /\./g : /,/g, ''));
      const totalRow = table.at(-1) as string[];
      const { total, units } = given.statistics;
      expect(stated).toEqual({
        windows: total.windows,
        units: units.length,
        cells: total.cells,
        onTime: total.counts.done_on_time,
        late: total.counts.done_late,
        open: total.counts.open,
        overdue: total.counts.overdue,
      });
      expect(totalRow.slice(2, 7).map(number)).toEqual([
        stated.cells,
        stated.onTime,
        stated.late,
        stated.open,
        stated.overdue,
      ]);
      // One row per unit between the header and the total, with each unit's own figures and rate.
      expect(table).toHaveLength(units.length + 2);
      for (const [index, unit] of units.entries()) {
        const row = table[index + 1] as string[];
        expect(row[1]).toBe(unit.name);
        expect(row.slice(2, 7).map(number)).toEqual([
          unit.tally.cells,
          unit.tally.counts.done_on_time,
          unit.tally.counts.done_late,
          unit.tally.counts.open,
          unit.tally.counts.overdue,
        ]);
        expect(row[7]).toBe(formatRate(unit.tally.rates.doneRate, language));
      }
      expect(totalRow[7]).toBe(formatRate(total.rates.doneRate, language));
      expect(texts.join('\n')).toContain(formatRate(total.rates.doneRate, language));
    }
    // Thousands grouped as each language writes them.
    expect(draftFigures(given.statistics, 'vi', 'Tổng').total.cells).toBe('1.212');
    expect(draftFigures(given.statistics, 'en', 'Total').total.cells).toBe('1,212');
  });

  it('has an English variant with the English labels', async () => {
    const texts = paragraphs(documentXml(await draftDocx(facts(), translations.en)));
    expect(texts).toContain('REPORT');
    expect(texts).toContain('(the second half of 2012)');
    expect(texts).toContain('SOCIALIST REPUBLIC OF VIETNAM');
    expect(texts).toContain('III. STATISTICS BY UNIT');
    expect(texts).toContain(
      '- III.3. Lấy phiếu tín nhiệm (01/06/2013 – 30/06/2013); lead: Ban Tổ chức, the district committees.',
    );
    expect(texts.some((line) => line.includes('BÁO CÁO'))).toBe(false);
  });

  it('says so when the period has no duty, nothing went wrong and no window opens next', async () => {
    const empty: DraftFacts = {
      ...facts(),
      sections: [],
      blocked: [],
      next: [],
      statistics: {
        total: tally({ done_on_time: 0, done_late: 0, open: 0, overdue: 0 }, 0),
        plans: [],
        levels: [],
        units: [],
      },
    };
    const texts = paragraphs(documentXml(await draftDocx(empty, translations.vi)));
    expect(texts).toContain('Kế hoạch không có nhiệm vụ nào có thời hạn trong 6 tháng cuối năm 2012.');
    expect(texts).toContain('Trong kỳ chưa ghi nhận khó khăn, vướng mắc hay việc quá hạn.');
    expect(texts).toContain('Kế hoạch không có mốc thực hiện nào bắt đầu trong 6 tháng đầu năm 2013.');
    expect(situationNumbers(texts, 'vi')).toEqual({
      windows: 0,
      units: 0,
      cells: 0,
      onTime: 0,
      late: 0,
      open: 0,
      overdue: 0,
    });
  });

  it('names the file after the plan and the period', () => {
    expect(draftFileName('15-KH/TU', parseReportPeriod('2012-H2'), 'vi')).toBe('bao-cao-15-KH-TU-2012-H2.docx');
    expect(draftFileName('15-KH/TU', parseReportPeriod('2012-07-01..2012-12-31'), 'en')).toBe(
      'report-15-KH-TU-2012-07-01_2012-12-31.docx',
    );
    expect(draftFileName('01/KH-UBND Đặc biệt', parseReportPeriod('2012'), 'vi')).toBe(
      'bao-cao-01-KH-UBND-Dac-biet-2012.docx',
    );
  });
});

describe('the plan’s sections', () => {
  it('reads the top headings of the Trà Vinh plan and orders references by them', () => {
    const source = readFileSync(new URL('../../plans/sources/tra-vinh-15-KH-TU-2012.txt', import.meta.url), 'utf8');
    const headings = sectionHeadings(source);
    expect(headings.get('III')).toBe('GIẢI PHÁP THỰC HIỆN');
    expect(headings.get('IV')).toBe('PHƯƠNG PHÁP TIẾN HÀNH VÀ THỜI GIAN THỰC HIỆN');
    expect(headings.get('V')).toBe('CHỈ ĐẠO, KIỂM TRA, ĐÔN ĐỐC THỰC HIỆN');
    expect(sectionHeadings(null).size).toBe(0);
    expect(sectionOf('IV.2.b')).toBe('IV');
    expect(sectionOf('III')).toBe('III');
    expect(sectionOf('2.a')).toBe('2.a');
    expect(['V', 'IX', 'IV', 'II', 'x', 'III', 'I'].sort(compareSections)).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'IX',
      'x',
    ]);
  });
});
