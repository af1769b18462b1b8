import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import {
  looksLikeExtensionRequest,
  parseDeadlineWords,
  parseExtensionRequest,
} from '../../src/domain/extension-request.js';

const today = localDate('2025-09-28');

describe('parseDeadlineWords', () => {
  it.each([
    ['15/10', '2025-10-15'],
    ['15-10-2025', '2025-10-15'],
    ['15.10', '2025-10-15'],
    ['ngày 15 tháng 10', '2025-10-15'],
    ['5 tháng 1 năm 2026', '2026-01-05'],
    ['10/1', '2026-01-10'],
    ['28/9', '2025-09-28'],
  ])('%s', (text, date) => {
    expect(parseDeadlineWords(text, today)).toBe(date);
  });

  it.each(['31/2/2025', '15', 'mai', '32/10', ''])('refuses %j', (text) => {
    expect(parseDeadlineWords(text, today)).toBeUndefined();
  });
});

describe('parseExtensionRequest', () => {
  it('reads the item, the date and the reason', () => {
    expect(parseExtensionRequest('xin gia hạn việc 3 đến 15/10 vì chờ số liệu', today)).toEqual({
      item: 3,
      newEndsOn: '2025-10-15',
      reason: 'chờ số liệu',
    });
    expect(parseExtensionRequest('2 đến ngày 20 tháng 10, lý do: mưa bão', today)).toEqual({
      item: 2,
      newEndsOn: '2025-10-20',
      reason: 'mưa bão',
    });
    expect(parseExtensionRequest('Xin gia han viec 1 den 1/11/2025 vi thieu nguoi', today)).toEqual({
      item: 1,
      newEndsOn: '2025-11-01',
      reason: 'thieu nguoi',
    });
    expect(parseExtensionRequest('đến 15/10', today)).toEqual({ item: null, newEndsOn: '2025-10-15', reason: '' });
  });

  it('finds nothing without a valid date', () => {
    expect(parseExtensionRequest('xin gia hạn việc 3 vì chờ số liệu', today)).toBeUndefined();
    expect(parseExtensionRequest('việc 3 đến 31/2/2026 vì x', today)).toBeUndefined();
  });

  it('tells an extension request from other text', () => {
    expect(looksLikeExtensionRequest('Xin gia hạn việc 3 đến 15/10')).toBe(true);
    expect(looksLikeExtensionRequest('gia hạn là gì')).toBe(false);
  });
});
