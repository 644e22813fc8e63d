import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { CountChips, StackedTrack } from '../../components/StackedProgress'
import { formatNumber } from '../../lib/format'
import { doneCount, runSegments } from './RunList'

const COUNTS = ['completed', 'running', 'failed', 'pending', 'cancelled', 'flagged'] as const

/** A stacked bar (completed, failed, cancelled, running) and the count of each state. */
export function RunProgress({ run }: { run: RunSummary }) {
  const { t } = useTranslation()
  const { counts } = run
  const done = doneCount(run)
  const percent = counts.total > 0 ? Math.round((done / counts.total) * 100) : 0
  return (
    <section className="run-progress" aria-label={t('dashboard.progress')}>
      <div className="progress-label">
        <strong data-testid="run-progress-text">
          {t('dashboard.progressText', { done: formatNumber(done), total: formatNumber(counts.total), percent })}
        </strong>
      </div>
      <StackedTrack
        className="stacked-track"
        segments={runSegments(run)}
        total={counts.total}
        progress={{ label: t('dashboard.progress'), done }}
      />
      <CountChips
        label={t('dashboard.counts')}
        testIdPrefix="run-count"
        chips={COUNTS.map((key) => ({
          id: key,
          className: `count-${key}`,
          label: t(`dashboard.countLabels.${key}`),
          count: counts[key],
          hint: t(`dashboard.countHints.${key}`),
        }))}
      />
    </section>
  )
}
