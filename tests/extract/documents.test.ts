// Reading plans from .docx (Word numbering, tables with merged cells), PDF with a text layer and scans (OCR): a
// synthetic People's Committee plan of a two-tier province, in the layout of Nghị định 30/2020/NĐ-CP.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/extract/document.js';
import { draftYaml } from '../../src/extract/draft.js';
import { extractPlan } from '../../src/extract/extract.js';
import { tesseractRunner } from '../../src/extract/ocr.js';
import { extractJson } from '../../src/extract/result-json.js';
import { parsePlanText } from '../../src/plans/load.js';
import { type DocxPart, docx, pdf, scanImage, scannedPdf } from './support/documents.js';

const heading = (text: string, level: number): DocxPart => ({ p: text, num: { id: 1, level }, bold: level < 2 });

/** The plan as Word writes it: the heading block is a table, headings are numbered by Word, duties are in a table. */
const plan: DocxPart[] = [
  {
    table: [
      [
        { text: ['ỦY BAN NHÂN DÂN', 'TỈNH HÒA BÌNH AN'] },
        { text: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] },
      ],
      [{ text: 'Số: 41/KH-UBND' }, { text: 'Hòa Bình An, ngày 15 tháng 01 năm 2026' }],
    ],
  },
  { p: 'KẾ HOẠCH', bold: true },
  { p: 'CHUYỂN ĐỔI SỐ TRONG QUẢN LÝ ĐẤT ĐAI NĂM 2026' },
  {
    p: 'Căn cứ Quyết định số 123/QĐ-TTg ngày 05/3/2025 của Thủ tướng Chính phủ; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:',
  },
  heading('MỤC ĐÍCH, YÊU CẦU', 0),
  heading('Mục đích', 1),
  { p: '- Nâng cao hiệu quả quản lý đất đai trên môi trường số.' },
  heading('NHIỆM VỤ', 0),
  heading('Xây dựng cơ sở dữ liệu đất đai', 1),
  {
    p: 'Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Ủy ban nhân dân các xã, phường, đặc khu hoàn thành cơ sở dữ liệu đất đai trước ngày 30/6/2026.',
  },
  heading('TỔ CHỨC THỰC HIỆN', 0),
  heading('Sở Khoa học và Công nghệ', 1),
  { p: '- Hướng dẫn kết nối dữ liệu với nền tảng dùng chung của tỉnh trong Quý III/2026.' },
  { p: '- Định kỳ 6 tháng, năm tổng hợp, báo cáo Ủy ban nhân dân tỉnh.' },
  heading('Các sở, ban, ngành tỉnh', 1),
  { p: 'Căn cứ chức năng, nhiệm vụ, chủ động triển khai Kế hoạch trong lĩnh vực phụ trách.' },
  { p: 'TM. ỦY BAN NHÂN DÂN' },
  { p: 'PHỤ LỤC' },
  { p: 'DANH MỤC NHIỆM VỤ' },
  {
    table: [
      [
        { text: 'STT' },
        { text: 'Nội dung công việc' },
        { text: 'Thời gian hoàn thành' },
        { text: 'Cơ quan chủ trì' },
        { text: 'Cơ quan phối hợp' },
        { text: 'Sản phẩm' },
      ],
      [{ text: 'I' }, { text: 'NHÓM NHIỆM VỤ VỀ DỮ LIỆU', span: 5 }],
      [
        { text: '1' },
        { text: 'Số hóa hồ sơ địa chính' },
        { text: 'Quý I/2026' },
        { text: 'Sở Nông nghiệp và Môi trường', merge: 'restart' },
        { text: 'UBND cấp xã' },
        { text: 'Kho hồ sơ số' },
      ],
      [
        { text: '2' },
        { text: 'Cập nhật biến động đất đai' },
        { text: 'Thường xuyên' },
        { text: '', merge: 'continue' },
        { text: 'Các sở, ban, ngành có liên quan' },
        { text: 'Dữ liệu cập nhật' },
      ],
      [
        { text: '3' },
        { text: 'Tập huấn cán bộ địa chính cấp xã' },
        { text: 'Tháng 12/2026' },
        { text: 'Sở Nội vụ' },
        { text: 'Sở Nông nghiệp và Môi trường' },
        { text: 'Lớp tập huấn' },
      ],
    ],
  },
];

const byText = (result: ReturnType<typeof extractPlan>, words: string) =>
  result.duties.find((duty) => duty.source.includes(words));

describe('a .docx plan', () => {
  it('rebuilds Word numbering, reads the heading table and the task table with merged cells', async () => {
    const document = await readDocument(docx(plan), 'ke-hoach.docx');
    expect(document.format).toBe('docx');
    const result = extractPlan(document);
    expect(result.plan).toMatchObject({
      code: '41/KH-UBND',
      issuer: 'Ủy ban nhân dân tỉnh Hòa Bình An',
      place: 'Hòa Bình An',
      issuedOn: '2026-01-15',
      title: 'Kế hoạch chuyển đổi số trong quản lý đất đai năm 2026',
    });
    expect(result.implements.map((item) => item.number)).toEqual(['123/QĐ-TTg']);
    // Headings and the aims section are not duties; the numbering gives the refs.
    expect(result.duties.some((duty) => duty.ref.startsWith('I.') || duty.ref === 'I')).toBe(false);
    expect(result.duties.some((duty) => /^(?:NHIỆM VỤ|Mục đích)/u.test(duty.source))).toBe(false);
    const database = byText(result, 'cơ sở dữ liệu đất đai');
    expect(database).toMatchObject({ ref: 'II.1', support: ['level:commune'], deadline: '2026-06-30' });
    expect(result.units.find((unit) => unit.code === database?.lead[0])?.name).toBe('Sở Nông nghiệp và Môi trường');
    const connect = byText(result, 'Hướng dẫn kết nối');
    expect(connect).toMatchObject({ ref: 'III.1', schedule: [{ start: '2026-07-01', end: '2026-09-30' }] });
    expect(result.units.find((unit) => unit.code === connect?.lead[0])?.name).toBe('Sở Khoa học và Công nghệ');
    expect(byText(result, 'Định kỳ 6 tháng')).toMatchObject({ recurring: 6 });
    expect(byText(result, 'Căn cứ chức năng')).toMatchObject({ ref: 'III.2', lead: ['level:department'] });

    const first = byText(result, 'Số hóa hồ sơ');
    const second = byText(result, 'Cập nhật biến động');
    expect(first).toMatchObject({
      ref: 'PL.I.1',
      origin: 'table',
      support: ['level:commune'],
      schedule: [{ start: '2026-01-01', end: '2026-03-31' }],
      location: { table: 2, row: 3 },
    });
    // The merged lead cell gives the second row the same lead.
    expect(second?.lead).toEqual(first?.lead);
    expect(second).toMatchObject({ ref: 'PL.I.2', ongoing: {}, support: ['level:department'] });
    expect(byText(result, 'Tập huấn')).toMatchObject({ schedule: [{ start: '2026-12-01', end: '2026-12-31' }] });
    // Where each duty came from: its text is at its offsets in the normalised text.
    const at = result.document.text.slice(database?.location.start, database?.location.end);
    expect(at).toContain('Sở Nông nghiệp và Môi trường chủ trì');
    expect(() => parsePlanText(draftYaml(result), 'draft.yaml', new Set())).not.toThrow();
    // No party catalogue body is proposed for a People's Committee's plan.
    expect(result.units.some((unit) => /^TU-/.test(unit.code))).toBe(false);
  });

  it('gives the JSON of the review screen (dondoc-extract/2)', async () => {
    const result = extractPlan(await readDocument(docx(plan), 'ke-hoach.docx'));
    const json = extractJson(result, { name: 'ke-hoach.docx', problems: [] });
    expect(json.format).toBe('dondoc-extract/2');
    expect(json.plan.certainty).toMatchObject({ code: 'high', issuer: 'high', issuedOn: 'high' });
    const row = json.duties.find((duty) => duty.ref === 'PL.I.1');
    expect(row).toMatchObject({
      origin: 'table',
      source: { table: 2, row: 3 },
      lead: [{ kind: 'unit', name: 'Sở Nông nghiệp và Môi trường', known: false }],
      support: [{ kind: 'level', ref: 'level:commune', known: true }],
      certainty: { lead: 'high', ref: 'high' },
    });
    expect(json.levels.used).toEqual(expect.arrayContaining(['commune', 'department']));
    expect(json.levels.proposed).toEqual([]);
    expect(json.source.text).toBe(result.document.text);
    expect((json.draft as { format: string }).format).toBe('dondoc-plan/1');
  });
});

describe('a PDF with a text layer', () => {
  it('reads the heading columns, sections and dates', async () => {
    const bytes = await pdf([
      [
        'ỦY BAN NHÂN DÂN    |    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'TỈNH HÒA BÌNH AN    |    Độc lập - Tự do - Hạnh phúc',
        'Số: 42/KH-UBND    |    Hòa Bình An, ngày 20 tháng 01 năm 2026',
        '',
        'KẾ HOẠCH',
        'PHÒNG, CHỐNG THIÊN TAI NĂM 2026',
        '',
        'I. MỤC ĐÍCH, YÊU CẦU',
        '1. Chủ động phòng ngừa, ứng phó kịp thời với thiên tai.',
        '',
        'II. NHIỆM VỤ',
        '1. Bộ Chỉ huy Quân sự tỉnh chủ trì diễn tập ứng phó thiên tai cấp tỉnh',
        'trong tháng 5/2026.',
        '2. Ủy ban nhân dân các xã, phường rà soát phương án sơ tán dân trước ngày',
        '15/4/2026.',
      ],
      [
        'III. TỔ CHỨC THỰC HIỆN',
        'Các sở, ban, ngành báo cáo kết quả thực hiện hằng năm về Sở Nông nghiệp và Môi trường.',
      ],
    ]);
    const document = await readDocument(bytes, 'ke-hoach.pdf');
    expect(document.format).toBe('pdf');
    const result = extractPlan(document);
    expect(result.plan).toMatchObject({
      code: '42/KH-UBND',
      issuer: 'Ủy ban nhân dân tỉnh Hòa Bình An',
      issuedOn: '2026-01-20',
    });
    expect(byText(result, 'diễn tập')).toMatchObject({
      ref: 'II.1',
      schedule: [{ start: '2026-05-01', end: '2026-05-31' }],
    });
    expect(result.units.find((unit) => unit.code === byText(result, 'diễn tập')?.lead[0])?.name).toBe(
      'Bộ Chỉ huy Quân sự tỉnh',
    );
    expect(byText(result, 'sơ tán')).toMatchObject({ ref: 'II.2', lead: ['level:commune'], deadline: '2026-04-15' });
    expect(byText(result, 'báo cáo kết quả')).toMatchObject({ lead: ['level:department'], recurring: 12 });
    expect(byText(result, 'Chủ động phòng ngừa')).toBeUndefined();
  });
});

function tesseractReady(): string | undefined {
  try {
    const langs = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return langs.split(/\s+/).includes('vie') ? undefined : 'Tesseract has no Vietnamese data (tesseract-ocr-vie)';
  } catch {
    return 'Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)';
  }
}

function pdftoppmReady(): boolean {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const scanLines = [
  'ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH AN',
  'Số: 43/KH-UBND',
  'Hòa Bình An, ngày 10 tháng 02 năm 2026',
  '',
  'KẾ HOẠCH',
  'TRỒNG CÂY XANH NĂM 2026',
  '',
  'I. NHIỆM VỤ',
  '1. Sở Nông nghiệp và Môi trường chủ trì trồng cây',
  'xanh trong tháng 3/2026.',
  '2. Sở Tài chính bố trí kinh phí trước ngày 28/02/2026.',
];

const missingOcr = tesseractReady();

describe.skipIf(missingOcr !== undefined)(
  `a scanned plan (OCR)${missingOcr ? ` — skipped: ${missingOcr}` : ''}`,
  () => {
    it('reads a photo of a page through Tesseract', { timeout: 60_000 }, async () => {
      const png = await scanImage(scanLines);
      const document = await readDocument(png, 'anh-chup.png', { ocr: tesseractRunner() });
      expect(document.format).toBe('ocr');
      expect(document.notes.join(' ')).toMatch(/OCR/);
      const result = extractPlan(document);
      expect(result.plan.code).toBe('43/KH-UBND');
      expect(result.plan.issuedOn).toBe('2026-02-10');
      expect(byText(result, 'trồng cây')?.schedule).toMatchObject([{ start: '2026-03-01', end: '2026-03-31' }]);
      expect(byText(result, 'kinh phí')?.deadline).toBe('2026-02-28');
    });

    it.skipIf(!pdftoppmReady())('reads a scanned PDF page by page', { timeout: 60_000 }, async () => {
      const bytes = await scannedPdf(await scanImage(scanLines));
      const document = await readDocument(bytes, 'ban-quet.pdf', { ocr: tesseractRunner() });
      expect(document.format).toBe('ocr');
      expect(extractPlan(document).plan.code).toBe('43/KH-UBND');
    });
  },
);
