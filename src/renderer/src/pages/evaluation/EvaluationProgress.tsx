import { useTranslation } from 'react-i18next'
import type { EvaluationSummary, JudgeBatchView } from '@shared/evaluation'
import { formatDuration, formatNumber } from '../../lib/format'
import { percentDone } from './EvaluationList'

/** How far the job is: units done of all, and how many failed (listed below). */
export function EvaluationProgress({ evaluation }: { evaluation: EvaluationSummary }) {
  const { t } = useTranslation()
  const { done, total, failures, rate } = evaluation.progress
  const percent = Math.round(percentDone(evaluation))
  const label = t('evaluations.progress')
  const running = evaluation.status === 'running'
  // A local model that needs more than an hour: an embeddings endpoint is the practical path for such a corpus.
  const slowLocal =
    running && (rate?.etaSeconds ?? 0) > 3600 && (evaluation.config as { backend?: string } | null)?.backend === 'local'
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
        {running && rate?.perSecond != null && (
          <span className="eval-rate" data-testid="evaluation-progress-rate">
            {t('evaluations.progressRate', {
              rate: rate.perSecond >= 10 ? formatNumber(Math.round(rate.perSecond)) : rate.perSecond.toFixed(2),
            })}
            {rate.etaSeconds != null &&
              ` · ${t('evaluations.progressEta', { time: formatDuration(Math.round(rate.etaSeconds)) })}`}
          </span>
        )}
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
      {slowLocal && (
        <p className="eval-rate-hint" data-testid="evaluation-progress-endpoint-hint">
          {t('evaluations.progressUseEndpoint')}
        </p>
      )}
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
