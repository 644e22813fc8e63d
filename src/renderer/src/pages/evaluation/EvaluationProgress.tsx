import { useTranslation } from 'react-i18next'
import type { EvaluationSummary, JudgeBatchView } from '@shared/evaluation'
import { formatNumber } from '../../lib/format'
import { percentDone } from './EvaluationList'

/** How far the job is: units done of all, and how many failed (listed below). */
export function EvaluationProgress({ evaluation }: { evaluation: EvaluationSummary }) {
  const { t } = useTranslation()
  const { done, total, failures } = evaluation.progress
  const percent = Math.round(percentDone(evaluation))
  const label = t('evaluations.progress')
  const running = evaluation.status === 'running'
  return (
    <section
      className="run-progress"
      aria-label={label}
      data-testid="evaluation-progress"
      data-done={done}
      data-total={total}
    >
      <div className="progress-label">
        <strong data-testid="evaluation-progress-text">
          {t('evaluations.progressText', {
            done: formatNumber(done),
            total: formatNumber(total),
            percent,
            unit: t(`evaluations.units.${evaluation.kind}`),
          })}
        </strong>
        {failures > 0 && (
          <span className="eval-failures" data-testid="evaluation-progress-failures">
            {t('evaluations.failuresShort', { count: failures, formatted: formatNumber(failures) })}
          </span>
        )}
      </div>
      <div
        className={`progress-track${running && total === 0 ? ' progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div
          className={`progress-fill${evaluation.status === 'failed' ? ' progress-fill-failed' : ''}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      {evaluation.batches && evaluation.batches.length > 0 && <BatchList batches={evaluation.batches} />}
    </section>
  )
}

/** A judge sent as provider batches: each batch's state at the provider and its answered and failed lines. */
function BatchList({ batches }: { batches: JudgeBatchView[] }) {
  const { t } = useTranslation()
  return (
    <ul className="batch-list small" aria-label={t('evaluations.batches.label')} data-testid="evaluation-batches">
      {batches.map((b, i) => (
        <li key={b.id} data-testid="evaluation-batch" data-status={b.status}>
          {t('evaluations.batches.line', {
            n: i + 1,
            status: t(`evaluations.batches.status.${b.status}`, { defaultValue: b.status }),
            completed: formatNumber(b.completed),
            total: formatNumber(b.total),
            failed: formatNumber(b.failed),
          })}
          {b.imported && ` · ${t('evaluations.batches.imported')}`}
          {b.remoteId && <span className="muted"> · {b.remoteId}</span>}
        </li>
      ))}
    </ul>
  )
}
