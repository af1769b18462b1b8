// Section structure and paragraphs: CRLF or LF, odd spacing, headings like "IV.-", "2/-", "c)-".
import { describe, expect, it } from 'vitest';
import { collapseSpaces, foldKeepLength, toParagraphs } from '../../src/extract/normalize.js';
import { parseStructure, readHeading, romanToNumber } from '../../src/extract/structure.js';

describe('paragraphs', () => {
  it('reads CRLF, CR and LF alike and collapses odd spacing', () => {
    const lf = 'I.-  MỤC  ĐÍCH:\n\n1/-\tMục tiêu:\nNội dung\u00a0một.\n';
    for (const text of [lf, lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r')]) {
      expect(toParagraphs(text).map((p) => p.text)).toEqual(['I.- MỤC ĐÍCH:', '1/- Mục tiêu:', 'Nội dung một.']);
    }
  });

  it('joins wrapped lines into one paragraph, but not items or time lines', () => {
    const text = [
      '- Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy tổ chức',
      'hội nghị quán triệt Nghị quyết cho cán bộ chủ chốt.',
      'Thời gian trong tháng 5/2012.',
      '- Ban Dân vận Tỉnh ủy',
      '+ tổ chức hội nghị.',
    ].join('\r\n');
    expect(toParagraphs(text).map((p) => p.text)).toEqual([
      '- Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy tổ chức hội nghị quán triệt Nghị quyết cho cán bộ chủ chốt.',
      'Thời gian trong tháng 5/2012.',
      '- Ban Dân vận Tỉnh ủy',
      '+ tổ chức hội nghị.',
    ]);
  });

  it('keeps the source code points (NFD stays NFD) in raw and gives NFC in text', () => {
    const nfd = 'Nghị quyết'.normalize('NFD');
    const [paragraph] = toParagraphs(`${nfd}   mới.`);
    expect(paragraph?.raw).toBe(`${nfd} mới.`);
    expect(paragraph?.text).toBe('Nghị quyết mới.');
    expect(collapseSpaces(' a \t b ')).toBe('a b');
    expect(foldKeepLength('Tỉnh ủy Đảng').length).toBe('Tỉnh ủy Đảng'.length);
    expect(foldKeepLength('Tỉnh ủy Đảng')).toBe('tinh uy dang');
  });
});

describe('headings', () => {
  it.each([
    ['IV.- PHƯƠNG PHÁP TIẾN HÀNH', 'roman', 'IV'],
    ['II- MỤC TIÊU, YÊU CẦU', 'roman', 'II'],
    ['III. GIẢI PHÁP', 'roman', 'III'],
    ['V/ CHỈ ĐẠO', 'roman', 'V'],
    ['2/- Yêu cầu:', 'number', '2'],
    ['1.- Mục tiêu', 'number', '1'],
    ['3) Phương châm', 'number', '3'],
    ['2.1. Ở cấp tỉnh', 'number', '2.1'],
    ['4- Về cơ chế', 'number', '4'],
    ['c)- Ban Dân vận Tỉnh ủy:', 'letter', 'c'],
    ['a) Ban Tổ chức', 'letter', 'a'],
    ['đ) Ban Nội chính', 'letter', 'đ'],
    ['b.- Kiểm điểm', 'letter', 'b'],
  ])('%s', (text, kind, label) => {
    expect(readHeading(text)?.heading).toMatchObject({ kind, label });
  });

  it.each(['27, 28/3/2012 tổ chức hội nghị', '12-NQ/TW ngày 16/01/2012', 'Ban Tổ chức', '- Ở Tỉnh ủy:', 'V.4 nói rõ'])(
    'is not a heading: %s',
    (text) => {
      expect(readHeading(text)).toBeUndefined();
    },
  );

  it('roman numerals', () => {
    expect([romanToNumber('IV'), romanToNumber('IX'), romanToNumber('XII'), romanToNumber('IIII')]).toEqual([
      4, 9, 12, 4,
    ]);
    expect(romanToNumber('MMX')).toBeUndefined();
  });

  it('gives each block its ref, nesting numbers and letters under roman parts', () => {
    const text = [
      'I.- TÌNH HÌNH:',
      'Trong năm qua ...',
      'IV.- PHƯƠNG PHÁP TIẾN HÀNH:',
      '1/- Tổ chức quán triệt:',
      'a)- Lãnh đạo:',
      '- Ban Tuyên giáo Tỉnh ủy hướng dẫn.',
      '2/- Kiểm điểm:',
      'c)- Ở cấp huyện:',
      '+ Huyện ủy kiểm điểm.',
      '2.1. Ở cấp tỉnh',
      'V- CHỈ ĐẠO:',
      ' 1/- Ban Thường vụ Tỉnh ủy phân công.',
    ].join('\r\n');
    const blocks = parseStructure(text);
    expect(blocks.map((block) => [block.ref, block.heading ? 'H' : (block.bullet ?? ''), block.text])).toEqual([
      ['I', 'H', 'TÌNH HÌNH:'],
      ['I', '', 'Trong năm qua ...'],
      ['IV', 'H', 'PHƯƠNG PHÁP TIẾN HÀNH:'],
      ['IV.1', 'H', 'Tổ chức quán triệt:'],
      ['IV.1.a', 'H', 'Lãnh đạo:'],
      ['IV.1.a', '-', 'Ban Tuyên giáo Tỉnh ủy hướng dẫn.'],
      ['IV.2', 'H', 'Kiểm điểm:'],
      ['IV.2.c', 'H', 'Ở cấp huyện:'],
      ['IV.2.c', '+', 'Huyện ủy kiểm điểm.'],
      ['IV.2.1', 'H', 'Ở cấp tỉnh'],
      ['V', 'H', 'CHỈ ĐẠO:'],
      ['V.1', 'H', 'Ban Thường vụ Tỉnh ủy phân công.'],
    ]);
  });
});
