import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { formatNumber } from '../../lib/format'
import { doneCount } from './RunList'

const SEGMENTS = ['complete', 'failed', 'cancelled', 'running'] as const
const COUNTS = ['complete', 'running', 'failed', 'pending', 'cancelled', 'flagged'] as const

/** A stacked bar (complete, failed, cancelled, running) and the count of each state. */
export function RunProgress({ run }: { run: RunSummary }) {
  const { t } = useTranslation()
  const { counts } = run
  const done = doneCount(run)
  const percent = counts.total > 0 ? Math.round((done / counts.total) * 100) : 0
  const width = (n: number) => (counts.total > 0 ? `${(n / counts.total) * 100}%` : '0')
  return (
    <section className="run-progress" aria-label={t('dashboard.progress')}>
      <div className="progress-label">
        <strong data-testid="run-progress-text">{t('dashboard.progressText', { done: formatNumber(done), total: formatNumber(counts.total), percent })}</strong>
      </div>
      <div className="stacked-track" role="progressbar" aria-label={t('dashboard.progress')} aria-valuemin={0} aria-valuemax={counts.total} aria-valuenow={done}>
        {SEGMENTS.map((segment) => (
          <span key={segment} className={`stacked-fill stacked-${segment}`} style={{ width: width(counts[segment]) }} />
        ))}
      </div>
      <ul className="count-chips" aria-label={t('dashboard.counts')}>
        {COUNTS.map((key) => (
          <li key={key} className={`count-chip count-${key}`} data-testid={`run-count-${key}`} data-count={counts[key]} title={t(`dashboard.countHints.${key}`)}>
            <span className="count-dot" aria-hidden="true" />
            <span className="count-label">{t(`dashboard.countLabels.${key}`)}</span>
            <span className="count-value">{formatNumber(counts[key])}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
