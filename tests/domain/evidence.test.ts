import { describe, expect, it } from 'vitest';
import { recognizeEvidence } from '../../src/domain/evidence.js';

describe('recognizeEvidence', () => {
  it.each([
    ['Báo cáo số 45-BC/HU ngày 20/9/2012', '45-BC/HU', '2012-09-20'],
    ['Đã gửi CV 123/UBND-VX ngày 5/10/2025 cho Sở', '123/UBND-VX', '2025-10-05'],
    ['số 12/BC-SNV ngày 03-10-2025', '12/BC-SNV', '2025-10-03'],
    ['đã có báo cáo số 07-BC/BTGTU, ngày 20 tháng 9 năm 2012', '07-BC/BTGTU', '2012-09-20'],
    ['Kế hoạch số 88-KH/TU ngày 1.2.2013', '88-KH/TU', '2013-02-01'],
    ['Quyết định số 1234/QĐ-UBND ngày 15/01/2024', '1234/QĐ-UBND', '2024-01-15'],
    ['theo cong van so 55/SNV-TCCB ngay 2/3/2020', '55/SNV-TCCB', '2020-03-02'],
    ['Tờ trình số 9/TTr-UBND ngày 30/4/2021', '9/TTr-UBND'.toUpperCase(), '2021-04-30'],
    ['Thông báo 301-TB/TU ngày 9/9/2019', '301-TB/TU', '2019-09-09'],
    ['Nghị quyết số 05-NQ/HU ngày 12/12/2012', '05-NQ/HU', '2012-12-12'],
    ['xong, BC số 45/BC-UBND ngày 28 / 9 / 2025', '45/BC-UBND', '2025-09-28'],
    ['Số: 17-BC/ĐU ngày 10/10/2012', '17-BC/ĐU', '2012-10-10'],
  ])('%s', (note, number, date) => {
    expect(recognizeEvidence(note)).toEqual({ number, date });
  });

  it('keeps the number when no date follows, or the date is impossible', () => {
    expect(recognizeEvidence('Báo cáo số 45-BC/HU đã gửi')).toEqual({ number: '45-BC/HU', date: null });
    expect(recognizeEvidence('số 12/BC-SNV ngày 31/2/2025')).toEqual({ number: '12/BC-SNV', date: null });
    expect(recognizeEvidence('CV 123/UBND-VX; ngày mai gửi tiếp')).toEqual({ number: '123/UBND-VX', date: null });
  });

  it.each([
    'xong',
    'đã hoàn thành việc 3',
    'số 5 đơn vị đã báo cáo',
    'hoàn thành ngày 20/9/2012',
    'tỷ lệ 45/50 đạt',
    'đạt 3/4 chỉ tiêu',
    'chờ số liệu đến 15/10',
    'số 12/2025',
    'phòng 45-BC',
    'email so45/BC@example',
    '',
  ])('finds nothing in %j', (note) => {
    expect(recognizeEvidence(note)).toBeUndefined();
  });

  it('reads the first document of several', () => {
    expect(recognizeEvidence('BC 1-BC/HU ngày 1/1/2013 và BC 2-BC/HU ngày 2/2/2013')).toEqual({
      number: '1-BC/HU',
      date: '2013-01-01',
    });
  });
});
