import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { EvaluationSummary } from '@shared/evaluation'
import { useNavigate } from '../../../components/Navigation'
import { errorMessage } from '../../../lib/errors'
import { metricLabel } from '../../../lib/scoreText'
import {
  decimalInvalid,
  hasScoreFilter,
  percentInvalid,
  toScoreQuery,
  type ScoreFilter,
  type ScoreMode,
} from './browserFilters'
import { useAnalysisMetrics } from './useScoreAnalyses'

interface ScoreFilterFieldsProps {
  score: ScoreFilter
  analyses: EvaluationSummary[] | null
  analysesError: unknown
  onChange: (patch: Partial<ScoreFilter>) => void
}

/** "bond ≤ 3.999", "bond: lowest 10 %": what the score filter keeps, for its collapsed heading. */
export function describeScore(t: TFunction, score: ScoreFilter): string {
  const query = toScoreQuery(score)
  if (!query) return t('browser.scoreNone')
  const metric = metricLabel(t, query.metric)
  if (query.lowest !== undefined) return t('browser.scoreSummary.lowest', { metric, percent: score.percent.trim() })
  if (query.highest !== undefined) return t('browser.scoreSummary.highest', { metric, percent: score.percent.trim() })
  const { min, max } = query
  if (min === undefined && max === undefined) return t('browser.scoreSummary.any', { metric })
  const range = min !== undefined && max !== undefined ? `${min} – ${max}` : min !== undefined ? `≥ ${min}` : `≤ ${max}`
  return t('browser.scoreSummary.range', { metric, range })
}

/**
 * The score filter: an analysis that covered the dataset, one of its metrics, then a value range or the lowest /
 * highest share. Without any analysis it says how to get one.
 */
export function ScoreFilterFields({ score, analyses, analysesError, onChange }: ScoreFilterFieldsProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const active = hasScoreFilter(score)
  const [open, setOpen] = useState(active)
  const { metrics, error: metricsError } = useAnalysisMetrics(score.evaluationId)

  // Choosing an analysis picks its first metric.
  useEffect(() => {
    if (metrics && metrics.length > 0 && score.metric === '') onChange({ metric: metrics[0] })
  }, [metrics, score.metric, onChange])

  const numberField = (key: 'min' | 'max' | 'percent', label: string, invalid: boolean, invalidText: string) => (
    <label className="filter">
      <span className="filter-label">{label}</span>
      <input
        type="text"
        inputMode="decimal"
        value={score[key]}
        onChange={(event) => onChange({ [key]: event.target.value })}
        aria-invalid={invalid || undefined}
        title={invalid ? invalidText : undefined}
        placeholder={key === 'percent' ? '10' : '—'}
        data-testid={`filter-score-${key}`}
      />
    </label>
  )

  let body
  if (analysesError != null && analyses === null)
    body = <p className="field-error">{t('browser.scoreLoadFailed', { message: errorMessage(analysesError) })}</p>
  else if (analyses === null) body = <p className="muted small">{t('app.loading')}</p>
  else if (analyses.length === 0)
    body = (
      <div className="score-filter-empty" data-testid="score-filter-empty">
        <p className="muted small">{t('browser.scoreNoAnalysis')}</p>
        <button
          type="button"
          className="button button-small"
          onClick={() => navigate('evaluation')}
          data-testid="score-filter-go-evaluation"
        >
          {t('browser.scoreGoToEvaluation')}
        </button>
      </div>
    )
  else
    body = (
      <>
        <div className="filter-row">
          <label className="filter">
            <span className="filter-label">{t('browser.scoreAnalysis')}</span>
            <select
              value={score.evaluationId}
              onChange={(event) => onChange({ evaluationId: event.target.value, metric: '' })}
              data-testid="filter-score-analysis"
            >
              <option value="">{t('browser.scoreAnalysisNone')}</option>
              {analyses.map((analysis) => (
                <option key={analysis.id} value={analysis.id}>
                  {analysis.name}
                </option>
              ))}
            </select>
          </label>
          <label className="filter">
            <span className="filter-label">{t('browser.scoreMetric')}</span>
            <select
              value={score.metric}
              onChange={(event) => onChange({ metric: event.target.value })}
              disabled={!score.evaluationId || !metrics || metrics.length === 0}
              data-testid="filter-score-metric"
            >
              {score.evaluationId && !metrics && (
                <option value={score.metric}>{t('browser.scoreMetricsLoading')}</option>
              )}
              {metrics?.map((metric) => (
                <option key={metric} value={metric}>
                  {metricLabel(t, metric)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {metricsError != null && (
          <p className="field-error">{t('browser.scoreMetricsFailed', { message: errorMessage(metricsError) })}</p>
        )}
        {metrics?.length === 0 && <p className="field-hint">{t('browser.scoreNoMetrics')}</p>}
        {score.evaluationId !== '' && (
          <>
            <div className="filter-row filter-row-score">
              <label className="filter">
                <span className="filter-label">{t('browser.scoreMode')}</span>
                <select
                  value={score.mode}
                  onChange={(event) => onChange({ mode: event.target.value as ScoreMode })}
                  data-testid="filter-score-mode"
                >
                  {(['range', 'lowest', 'highest'] as const).map((mode) => (
                    <option key={mode} value={mode}>
                      {t(`browser.scoreModes.${mode}`)}
                    </option>
                  ))}
                </select>
              </label>
              {score.mode === 'range' ? (
                <>
                  {numberField(
                    'min',
                    t('browser.scoreMin'),
                    decimalInvalid(score.min),
                    t('browser.scoreNumberInvalid'),
                  )}
                  {numberField(
                    'max',
                    t('browser.scoreMax'),
                    decimalInvalid(score.max),
                    t('browser.scoreNumberInvalid'),
                  )}
                </>
              ) : (
                numberField(
                  'percent',
                  t('browser.scorePercent'),
                  percentInvalid(score.percent),
                  t('browser.scorePercentInvalid'),
                )
              )}
            </div>
            <p className="field-hint">
              {score.mode === 'range' ? t('browser.scoreRangeHint') : t('browser.scoreShareHint')}
            </p>
          </>
        )}
      </>
    )

  return (
    <details
      className="score-filter"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid="score-filter"
    >
      <summary data-testid="score-filter-toggle">
        <span className="filter-label">{t('browser.score')}</span>
        <span className={active ? 'score-filter-summary' : 'score-filter-summary muted'} data-testid="score-summary">
          {describeScore(t, score)}
        </span>
      </summary>
      <div className="score-filter-body">{body}</div>
    </details>
  )
}
