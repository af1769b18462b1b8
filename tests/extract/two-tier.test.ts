// Plans of the two-tier map (since 1 July 2025): a commune's party committee and a People's Committee, in the
// usual layout; the time forms of current plans; levels as data (known, standard, proposed).
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/dates.js';
import { findTimes } from '../../src/extract/dates.js';
import { draftObject, draftYaml } from '../../src/extract/draft.js';
import { crossReferences, extractPlan } from '../../src/extract/extract.js';
import { parsePlanText } from '../../src/plans/load.js';

const partyPlan = [
  'ĐẢNG BỘ TỈNH AN GIANG                    ĐẢNG CỘNG SẢN VIỆT NAM',
  'ĐẢNG ỦY XÃ MỸ HÒA HƯNG',
  '*',
  'Số 12-KH/ĐU                    Mỹ Hòa Hưng, ngày 05 tháng 01 năm 2026',
  '',
  'KẾ HOẠCH',
  'thực hiện Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị',
  '',
  'I. MỤC ĐÍCH, YÊU CẦU',
  '1. Mục đích',
  '- Nâng cao nhận thức của cán bộ, đảng viên.',
  'II. NHIỆM VỤ',
  '1. Ban Xây dựng Đảng Đảng ủy xã chủ trì, phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam xã tổ chức hội nghị',
  'quán triệt trong Quý I/2026.',
  '2. Các chi bộ tổ chức sinh hoạt chuyên đề hằng tháng.',
  '3. Các thôn, tổ dân phố tuyên truyền đến từng hộ gia đình.',
  'III. TỔ CHỨC THỰC HIỆN',
  'Văn phòng Đảng ủy theo dõi, đôn đốc; định kỳ 6 tháng, năm báo cáo Ban Thường vụ Đảng ủy.',
  '',
  'T/M ĐẢNG ỦY',
].join('\r\n');

const byText = (result: ReturnType<typeof extractPlan>, words: string) =>
  result.duties.find((duty) => duty.source.includes(words));

describe("a commune party committee's plan of 2026", () => {
  const result = extractPlan(partyPlan);

  it('reads the issuer under its parent and keeps the party code scheme', () => {
    expect(result.plan).toMatchObject({
      code: '12-KH/ĐU',
      issuer: 'Đảng ủy xã Mỹ Hòa Hưng',
      place: 'Mỹ Hòa Hưng',
      issuedOn: '2026-01-05',
      issuerUnit: 'DU',
    });
    expect(result.implements.map((item) => item.number)).toEqual(['45-CT/TW']);
    expect(result.units.find((unit) => unit.code === 'DU')).toMatchObject({ level: 'commune' });
  });

  it('reads the duties with the levels of the two-tier map, and proposes the level the text needs', () => {
    expect(byText(result, 'hội nghị')).toMatchObject({
      ref: 'II.1',
      schedule: [{ start: '2026-01-01', end: '2026-03-31' }],
    });
    expect(byText(result, 'Các chi bộ')).toMatchObject({ lead: ['level:cell'], recurring: 1 });
    expect(byText(result, 'thôn, tổ dân phố')).toMatchObject({ lead: ['level:village'] });
    expect(byText(result, 'Văn phòng Đảng ủy')).toMatchObject({ lead: ['DU-VP'] });
    // "…; định kỳ 6 tháng, năm báo cáo …": the recurring clause is a duty of its own, with the same lead.
    expect(byText(result, 'định kỳ 6 tháng')).toMatchObject({ lead: ['DU-VP'], recurring: 6 });
    expect(byText(result, 'hội nghị')?.lead).toEqual(['DU-BXDD']);
    expect(byText(result, 'hội nghị')?.support).toEqual([
      result.units.find((unit) => unit.name.startsWith('Ủy ban Mặt trận'))?.code ?? 'none',
    ]);
    expect(result.levels).toEqual([
      expect.objectContaining({ key: 'village', rank: 3, members: { vi: 'các thôn, tổ dân phố', en: 'village' } }),
    ]);
    const draft = draftObject(result) as { levels?: { key: string; members: string }[] };
    expect(draft.levels).toEqual([expect.objectContaining({ key: 'village', members: 'các thôn, tổ dân phố' })]);
    expect(() => parsePlanText(draftYaml(result), 'draft.yaml', new Set())).not.toThrow();
    // A database that knows the level: nothing to propose.
    const known = extractPlan(partyPlan, {
      knownLevels: [
        {
          key: 'village',
          rank: 3,
          name: { vi: 'thôn', en: 'village' },
          members: { vi: 'các thôn', en: 'villages' },
          aliases: ['thon'],
        },
      ],
    });
    expect(known.levels).toEqual([]);
  });
});

describe("a People's Committee plan without a lead for some items", () => {
  const plan = [
    '| ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |',
    '| Số: 7/KH-UBND | Quảng Trị An, ngày 02 tháng 3 năm 2026 |',
    '',
    '**KẾ HOẠCH**',
    '',
    'CẢI CÁCH HÀNH CHÍNH NĂM 2026',
    '',
    '**I. NHIỆM VỤ**',
    '',
    '1. Rà soát, đơn giản hóa thủ tục hành chính trong năm 2026.',
    '',
    '2. Sở Nội vụ chủ trì kiểm tra công tác cải cách hành chính tại các xã, phường, đặc khu; hoàn thành trước',
    'ngày 30/11/2026.',
    '',
    '**II. TỔ CHỨC THỰC HIỆN**',
    '',
    '**1. Sở Nội vụ**',
    '',
    '- Chủ trì triển khai các nhiệm vụ tại mục (I) (1) của Kế hoạch.',
    '',
    '- Tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm.',
  ].join('\n');
  const result = extractPlan(plan);

  it('reads a heading table written as Markdown rows', () => {
    expect(result.plan).toMatchObject({
      code: '7/KH-UBND',
      issuer: 'Ủy ban nhân dân tỉnh Quảng Trị An',
      issuedOn: '2026-03-02',
    });
  });

  it('gives a unit its sections through the cross-reference, and reads yearly deadlines', () => {
    const snv = result.units.find((unit) => unit.name === 'Sở Nội vụ')?.code;
    expect(snv).toMatch(/^QUANGTRIAN-SNV$/);
    expect(byText(result, 'Rà soát, đơn giản hóa')).toMatchObject({ ref: 'I.1', lead: [snv] });
    expect(byText(result, 'kiểm tra công tác')).toMatchObject({ lead: [snv], deadline: '2026-11-30' });
    expect(byText(result, 'Tổng hợp, báo cáo')).toMatchObject({
      recurring: 12,
      deadline: '2026-12-15',
      schedule: [{ start: '2026-03-02', end: '2026-12-15', repeat: { everyMonths: 12 } }],
    });
  });

  it('never defaults the lead to a party body', () => {
    for (const duty of result.duties) expect(duty.lead.some((ref) => /^TU\b|^TU-/.test(ref))).toBe(false);
  });
});

describe('time forms of current plans', () => {
  const planDate = '2025-11-19' as LocalDate;
  const read = (text: string) =>
    findTimes(text, { planDate }).map((time) => [
      time.kind,
      time.start ?? null,
      time.end ?? null,
      time.everyMonths ?? null,
    ]);

  it.each([
    ['Quý IV/2025', [['window', '2025-10-01', '2025-12-31', null]]],
    ['Quí IV-2025', [['window', '2025-10-01', '2025-12-31', null]]],
    ['Quý IV/2025- Quý II/2026', [['window', '2025-10-01', '2026-06-30', null]]],
    ['Quý III Năm 2026', [['window', '2026-07-01', '2026-09-30', null]]],
    ['Tháng 12/2025', [['window', '2025-12-01', '2025-12-31', null]]],
    ['Trong năm 2025', [['window', '2025-01-01', '2025-12-31', null]]],
    ['giai đoạn 2026-2030', [['window', '2026-01-01', '2030-12-31', null]]],
    ['2025 - 2035', [['window', '2025-01-01', '2035-12-31', null]]],
    ['Từ năm 2025 đến hết năm 2030', [['window', '2025-01-01', '2030-12-31', null]]],
    ['Thường xuyên', [['ongoing', null, null, null]]],
    ['Hằng năm', [['recurring', null, null, 12]]],
    ['báo cáo 6 tháng, năm', [['recurring', null, null, 6]]],
    ['Từ ngày 01/01/2026', [['ongoing', '2026-01-01', null, null]]],
    [
      'Năm 2026 và các năm tiếp theo',
      [
        ['window', '2026-01-01', '2026-12-31', null],
        ['recurring', null, null, 12],
      ],
    ],
    [
      'định kỳ trước ngày 15/12 hằng năm',
      [
        ['recurring', null, null, null],
        ['deadline', '2025-11-19', '2025-12-15', null],
        ['recurring', null, null, 12],
      ],
    ],
    ['phấn đấu đến năm 2030 đạt 50%', [['deadline', '2025-11-19', '2030-12-31', null]]],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('flags conditions instead of inventing dates', () => {
    expect(read('sau khi Đề án được phê duyệt')).toEqual([['condition', null, null, null]]);
    expect(read('Theo tiến độ của dự án')).toEqual([['condition', null, null, null]]);
  });

  it('takes no window from cited documents, named programmes, horizons or recurrent spending', () => {
    expect(read('Thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ')).toEqual([]);
    expect(read('phù hợp Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050')).toEqual([]);
    expect(read('triển khai Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030')).toEqual([]);
    expect(read('lập kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030')).toEqual([]);
    expect(read('bố trí kinh phí chi thường xuyên')).toEqual([]);
    expect(read('đạt mức phát thải ròng bằng 0 vào năm 2050')).toEqual([]);
    expect(read('Thời gian báo cáo tính từ ngày 15 tháng 12 năm trước đến ngày 14 tháng 12')).toEqual([]);
  });

  it('reads cross-references to sections', () => {
    expect(crossReferences('Chủ trì triển khai các nhiệm vụ tại mục (IV) (4.1) (4.2) và Phụ lục')).toEqual([
      'IV.4.1',
      'IV.4.2',
    ]);
    expect(crossReferences('Chủ trì triển khai các nhiệm vụ tại mục (IV)(3.4)(a);')).toEqual(['IV.3.4.a']);
    expect(crossReferences('trọng tâm các nhiệm vụ tại mục III')).toEqual([]);
  });
});
