// The matrix picture's texts in the reader's language.
import { describePeriod } from '../ask/reply.js';
import type { DateRange } from '../ask/types.js';
import type { Translate } from '../i18n.js';
import type { MatrixLabels } from './matrix-svg.js';

export function matrixLabels(t: Translate, range: DateRange): MatrixLabels {
  return {
    title: t('matrix-title', { period: describePeriod(range, t) }),
    legend: {
      done: t('status-name', { status: 'done' }),
      in_progress: t('status-name', { status: 'in_progress' }),
      blocked: t('status-name', { status: 'blocked' }),
      not_started: t('status-name', { status: 'not_started' }),
      none: t('matrix-none'),
      overdue: t('matrix-overdue'),
    },
  };
}
