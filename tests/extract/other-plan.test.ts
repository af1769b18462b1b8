// A synthetic plan of another province (CRLF, odd headings, no known units): the general form, not one file.
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/dates.js';
import { findTimes } from '../../src/extract/dates.js';
import { docxText } from '../../src/extract/document.js';
import { draftYaml } from '../../src/extract/draft.js';
import { extractPlan, isTimeOnly, titleCaseUnit } from '../../src/extract/extract.js';
import { parsePlanText } from '../../src/plans/load.js';

const plan = [
  'TỈNH ỦY BẾN TRE                         ĐẢNG CỘNG SẢN VIỆT NAM',
  '        *',
  '       Số: 07-KH/TU            Bến Tre, ngày 15 tháng 10 năm 2012',
  '',
  'KẾ HOẠCH',
  'thực hiện Chỉ thị số 10-CT/TW ngày 05/9/2012',
  'của Ban Bí thư',
  '',
  'I- MỤC ĐÍCH, YÊU CẦU:',
  '- Các cấp ủy nắm vững nội dung Chỉ thị; hoàn thành trong tháng 11/2012.',
  'II- NHIỆM VỤ:',
  '1.- Tổ chức quán triệt:',
  '- Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy tổ chức',
  'hội nghị quán triệt cho cán bộ chủ chốt của tỉnh.',
  'Thời gian: trong tháng 11 và tháng 12.',
  '- Các Huyện ủy, Thành ủy và Đảng ủy trực thuộc tổ chức quán triệt đến chi bộ.',
  '- Các chi bộ tổ chức sinh hoạt chuyên đề.',
  'Hoàn thành trước ngày 15/01/2013.',
  '2/- Kiểm tra, giám sát:',
  'a)- Ủy ban Kiểm tra Tỉnh ủy:',
  '- Xây dựng chương trình kiểm tra việc thực hiện Chỉ thị trong quý I/2013.',
  '- Định kỳ 6 tháng một lần báo cáo Ban Thường vụ Tỉnh ủy.',
  'b)- Sở Nội vụ:',
  '- Rà soát đội ngũ cán bộ, công chức; hàng năm báo cáo kết quả.',
  'III.- TỔ CHỨC THỰC HIỆN:',
  'Giao Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện Kế hoạch này.',
  '',
].join('\r\n');

describe('a plan of another province', () => {
  const result = extractPlan(plan, { sourceFile: 'ben-tre.txt' });
  const byText = (words: string) => result.duties.find((duty) => duty.source.includes(words));

  it('reads the metadata from the heading block', () => {
    expect(result.plan).toMatchObject({
      code: '07-KH/TU',
      issuer: 'Tỉnh ủy Bến Tre',
      place: 'Bến Tre',
      issuedOn: '2012-10-15',
      issuerUnit: 'TU',
    });
    expect(result.plan.title).toBe('Kế hoạch thực hiện Chỉ thị số 10-CT/TW ngày 05/9/2012 của Ban Bí thư');
  });

  it('skips the aims section and keeps the duties with their refs', () => {
    expect(result.duties.some((duty) => duty.ref.startsWith('I.') || duty.ref === 'I')).toBe(false);
    expect(byText('Ban Tuyên giáo')).toMatchObject({ ref: 'II.1', lead: ['TU-BTG'], support: ['TU-BTC'] });
    expect(byText('Giao Văn phòng')).toMatchObject({ ref: 'III', lead: ['TU-VP'] });
  });

  it('takes windows without a year from the plan date and applies closing lines to their items', () => {
    expect(byText('Ban Tuyên giáo')?.schedule).toMatchObject([{ start: '2012-11-01', end: '2012-12-31' }]);
    expect(byText('Ban Tuyên giáo')?.uncertain.join(' ')).toMatch(/year not written/);
    expect(byText('Huyện ủy')).toMatchObject({
      lead: ['level:district'],
      schedule: [{ start: '2012-10-15', end: '2013-01-15', label: 'hạn chót' }],
    });
    expect(byText('Các chi bộ')).toMatchObject({
      lead: ['level:cell'],
      schedule: [{ start: '2012-10-15', end: '2013-01-15' }],
    });
  });

  it('uses unit headings as lead and reads quarters and recurrence', () => {
    expect(byText('quý I/2013')).toMatchObject({
      ref: 'II.2.a',
      lead: ['TU-UBKT'],
      schedule: [{ start: '2013-01-01', end: '2013-03-31' }],
    });
    const report = byText('Định kỳ 6 tháng');
    expect(report?.recurring).toBe(6);
    expect(report?.schedule[0]).toMatchObject({ start: '2012-12-15', end: '2012-12-31', repeat: { everyMonths: 6 } });
    // "...; hàng năm báo cáo kết quả": the recurring clause is a duty of its own, with the same lead.
    const snvUnit = result.units.find((unit) => unit.name === 'Sở Nội vụ');
    expect(snvUnit).toBeDefined();
    expect(byText('Rà soát đội ngũ')).toMatchObject({ ref: 'II.2.b', lead: [snvUnit?.code] });
    expect(byText('hàng năm báo cáo')).toMatchObject({ ref: 'II.2.b', lead: [snvUnit?.code], recurring: 12 });
  });

  it('proposes the units it found and writes a valid draft with comments', () => {
    expect(result.units.map((unit) => unit.code)).toEqual(
      expect.arrayContaining(['TU', 'TU-BTG', 'TU-BTC', 'TU-UBKT', 'TU-VP']),
    );
    expect(result.units.find((unit) => unit.code === 'TU-BTG')?.name).toBe('Ban Tuyên giáo Tỉnh ủy Bến Tre');
    const yaml = draftYaml(result);
    expect(() => parsePlanText(yaml, 'draft.yaml', new Set())).not.toThrow();
    expect(yaml).toMatch(/# CHECK: new unit/);
    expect(result.summary).toMatchObject({ recurring: 2 });
  });
});

describe('helpers', () => {
  it('title-cases issuers', () => {
    expect(titleCaseUnit('TỈNH ỦY TRÀ VINH')).toBe('Tỉnh ủy Trà Vinh');
    expect(titleCaseUnit('HUYỆN ỦY CÀNG LONG')).toBe('Huyện ủy Càng Long');
  });

  it('knows a line that only states a time', () => {
    const planDate = '2012-04-04' as LocalDate;
    const check = (text: string) => isTimeOnly(text, findTimes(text, { planDate }));
    expect(check('Thực hiện trong tháng 9, 10, 11/2012.')).toBe(true);
    expect(check('Thời gian một ngày (30/3/2012).')).toBe(true);
    expect(check('Hoàn thành trước ngày 15/01/2013.')).toBe(true);
    expect(check('Ban Dân vận tổ chức hội nghị trong tháng 4/2012.')).toBe(false);
  });

  it('reads the paragraphs of a Word document', () => {
    expect(docxText('<w:p><w:r><w:t>I.- MỤC ĐÍCH</w:t></w:r></w:p><w:p><w:r><w:t>A &amp; B</w:t></w:r></w:p>')).toBe(
      'I.- MỤC ĐÍCH\n\nA & B\n\n',
    );
  });
});
