// The matrix picture's texts in the reader's language.
import { describePeriod } from '../ask/reply.js';
import type { DateRange } from '../ask/types.js';
import { followUpRates } from '../domain/follow-up.js';
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
    followUp: {
      doneLate: t('followup-label-late'),
      summary: (counts) => {
        const rates = followUpRates(counts);
        const percent = (rate: number) => Math.round(rate * 100);
        const four = [
          `${t('followup-label-on-time')} ${counts.done_on_time}`,
          `${t('followup-label-late')} ${counts.done_late}`,
          `${t('followup-label-open')} ${counts.open}`,
          `${t('followup-label-overdue')} ${counts.overdue}`,
        ].join(' · ');
        return `${four} — ${t('followup-label-rates', {
          doneRate: percent(rates.doneRate),
          onTimeRate: percent(rates.onTimeRate),
          overdueRate: percent(rates.overdueRate),
        })}`;
      },
    },
  };
}
