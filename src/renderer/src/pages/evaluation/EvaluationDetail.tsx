import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import { isJudged, type EvaluationSummary } from '@shared/evaluation'
import { api } from '../../api/client'
import { DetailHeader, JobFailedBanner } from '../../components/DetailHeader'
import { ErrorBanner } from '../../components/ErrorBanner'
import { StatusBadge } from '../../components/StatusBadge'
import { errorMessage } from '../../lib/errors'
import { formatCost, formatDateTime, formatNumber } from '../../lib/format'
import { useSoftwareName } from '../../lib/useAppInfo'
import { useFreshCopy } from '../../lib/useFreshCopy'
import { EvaluationControls } from './EvaluationControls'
import { EvaluationProgress } from './EvaluationProgress'
import { EvaluationSettings } from './EvaluationSettings'
import { buildProvenance } from './figure/provenance'
import { FailuresSection } from './results/FailuresSection'
import { ResultView } from './results/ResultView'

interface EvaluationDetailProps {
  evaluation: EvaluationSummary
  datasetName: (id: string) => string
  endpoints: EndpointView[]
  onUpdate: (evaluation: EvaluationSummary) => void
  onDeleted: (id: string) => void
  /** Opens the comparison panel on this analysis (paired tests when its datasets share cards). */
  onCompare?: () => void
}

/**
 * One analysis: progress, result (tables, figures and their statistics), failures and settings. Live from
 * 'evaluation.progress'.
 */
export function EvaluationDetail({
  evaluation,
  datasetName,
  endpoints,
  onUpdate,
  onDeleted,
  onCompare,
}: EvaluationDetailProps) {
  const { t } = useTranslation()
  const software = useSoftwareName()
  // The list leaves results out; the fresh copy fetched on opening brings this one's.
  const [refreshError, setRefreshError] = useFreshCopy(evaluation.id, api.getEvaluation, onUpdate)
  const resultMissing = evaluation.hasResult === true && evaluation.result === null
  // A reload of the list (retry) replaces the opened copy with one without its result: fetch it again.
  const hadResult = useRef(false)
  if (evaluation.result) hadResult.current = true
  useEffect(() => {
    if (!resultMissing || !hadResult.current) return
    let live = true
    api.getEvaluation({ id: evaluation.id }).then(
      (fresh) => live && onUpdate(fresh),
      (failure) => live && setRefreshError(failure),
    )
    return () => {
      live = false
    }
  }, [resultMissing, evaluation.id, onUpdate, setRefreshError])

  const provenance = useMemo(
    () => buildProvenance(evaluation, datasetName, endpoints, software),
    [evaluation, datasetName, endpoints, software],
  )
  const judged = isJudged(evaluation.kind)

  return (
    <div
      className="run-dashboard"
      data-testid="evaluation-detail"
      data-evaluation-id={evaluation.id}
      data-status={evaluation.status}
    >
      <DetailHeader
        name={evaluation.name}
        nameTestId="evaluation-name"
        badges={
          <>
            <StatusBadge status={evaluation.status} testId="evaluation-status" />
            <span className="badge badge-neutral">{t(`evaluations.kinds.${evaluation.kind}`)}</span>
          </>
        }
        times={[
          t('evaluations.created', { when: formatDateTime(evaluation.createdAt) }),
          evaluation.finishedAt ? t('evaluations.finished', { when: formatDateTime(evaluation.finishedAt) }) : null,
          evaluation.spent
            ? t(evaluation.spent.cost === null ? 'evaluations.spentNoPrice' : 'evaluations.spent', {
                count: evaluation.spent.calls,
                calls: formatNumber(evaluation.spent.calls),
                prompt: formatNumber(evaluation.spent.promptTokens),
                completion: formatNumber(evaluation.spent.completionTokens),
                cost: evaluation.spent.cost === null ? '' : formatCost(evaluation.spent.cost),
                currency: evaluation.spent.currency ?? '',
              })
            : null,
        ]}
      >
        <EvaluationControls evaluation={evaluation} onUpdate={onUpdate} onDeleted={onDeleted} />
      </DetailHeader>
      <div className="detail-body">
        {refreshError != null && (
          <ErrorBanner>{t('evaluations.refreshFailed', { message: errorMessage(refreshError) })}</ErrorBanner>
        )}
        {evaluation.status === 'failed' && (
          <JobFailedBanner
            title={t('evaluations.failedTitle')}
            error={evaluation.error ?? t('evaluations.noErrorMessage')}
            hint={t('evaluations.failedHint')}
            testId="evaluation-error"
          />
        )}
        {evaluation.status !== 'completed' && <EvaluationProgress evaluation={evaluation} />}
        {evaluation.dialogues === 'complete' && evaluation.leftOut.some((l) => l.flagged + l.unfinished > 0) && (
          <p className="muted small" data-testid="evaluation-left-out">
            {t('evaluations.leftOut', {
              list: evaluation.leftOut
                .map((l) =>
                  t('evaluations.leftOutDataset', {
                    dataset: datasetName(l.datasetId),
                    flagged: l.flagged,
                    unfinished: l.unfinished,
                  }),
                )
                .join(t('results.separator')),
            })}
          </p>
        )}
        {evaluation.result ? (
          <ResultView
            evaluationId={evaluation.id}
            datasetIds={evaluation.datasetIds}
            result={evaluation.result}
            datasetName={datasetName}
            provenance={provenance}
            onCompare={evaluation.datasetIds.length > 1 ? onCompare : undefined}
          />
        ) : resultMissing ? (
          <p className="muted" data-testid="evaluation-result-loading">
            {t('evaluations.loadingResult')}
          </p>
        ) : (
          <p className="muted" data-testid="evaluation-no-result">
            {t(`evaluations.noResult.${evaluation.status}`)}
          </p>
        )}
        {(judged || evaluation.progress.failures > 0) && (
          <FailuresSection evaluation={evaluation} datasetName={datasetName} />
        )}
        <EvaluationSettings evaluation={evaluation} datasetName={datasetName} endpoints={endpoints} />
      </div>
    </div>
  )
}
