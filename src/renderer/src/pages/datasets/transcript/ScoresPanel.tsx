import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LlmCallView } from '@shared/datasetApi'
import type { DialogueScores } from '@shared/evaluation'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { useNavigate } from '../../../components/Navigation'
import { errorMessage } from '../../../lib/errors'
import { useWorkbenchEvent } from '../../../lib/useWorkbenchEvent'
import { formatScore, metricLabel } from '../../../lib/scoreText'

type Analysis = DialogueScores['analyses'][number]

/** A dialogue's results in every analysis that scored it; loaded again when an analysis finishes. */
export function useDialogueScores(dialogueId: string) {
  const [state, setState] = useState<{ id: string; scores: DialogueScores | null; error: unknown }>({
    id: dialogueId,
    scores: null,
    error: null,
  })
  const load = useCallback(async () => {
    try {
      const scores = await api.dialogueScores({ id: dialogueId })
      setState({ id: dialogueId, scores, error: null })
    } catch (failure) {
      setState({ id: dialogueId, scores: null, error: failure })
    }
  }, [dialogueId])
  useEffect(() => void load(), [load])
  useWorkbenchEvent('evaluation.progress', (event) => {
    if (event.status === 'completed') void load()
  })
  const current = state.id === dialogueId ? state : { scores: null, error: null }
  return { scores: current.scores, error: current.error, reload: load }
}

interface ScoresPanelProps {
  scores: DialogueScores | null
  error: unknown
  onRetry: () => void
  calls: LlmCallView[]
  /** Opens the LLM calls tab (where the judge's calls are). */
  onShowCalls: () => void
}

/** Every analysis that scored the dialogue: its values by metric, and the judge's answers behind them. */
export function ScoresPanel({ scores, error, onRetry, calls, onShowCalls }: ScoresPanelProps) {
  const { t } = useTranslation()
  if (error != null)
    return (
      <ErrorBanner onRetry={onRetry}>{t('transcript.scores.loadFailed', { message: errorMessage(error) })}</ErrorBanner>
    )
  if (!scores) return <p className="empty-inline">{t('transcript.scores.loading')}</p>
  if (scores.analyses.length === 0)
    return (
      <p className="empty-inline" data-testid="transcript-scores-empty">
        {t('transcript.scores.empty')}
      </p>
    )
  return (
    <div className="transcript-scores" data-testid="transcript-scores">
      {scores.analyses.map((analysis) => (
        <AnalysisScores
          key={analysis.evaluationId}
          analysis={analysis}
          judgeCalls={calls.filter((call) => call.purpose === `judge:${analysis.kind}`).length}
          onShowCalls={onShowCalls}
        />
      ))}
    </div>
  )
}

function AnalysisScores({
  analysis,
  judgeCalls,
  onShowCalls,
}: {
  analysis: Analysis
  judgeCalls: number
  onShowCalls: () => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const metrics = [...new Set([...Object.keys(analysis.values), ...Object.keys(analysis.labels)])]
  const failed = analysis.answers.filter((answer) => answer.status === 'failed').length
  // By round, then item (numbered items in number order: 9 before 10).
  const answers = [...analysis.answers].sort(
    (a, b) => a.round - b.round || a.item.localeCompare(b.item, undefined, { numeric: true }),
  )
  return (
    <section
      className="score-analysis"
      data-testid="transcript-score-analysis"
      data-evaluation-id={analysis.evaluationId}
    >
      <header className="score-analysis-head">
        <button
          type="button"
          className="link-button score-analysis-name"
          onClick={() => navigate('evaluation', { evaluationId: analysis.evaluationId })}
          title={t('transcript.scores.openAnalysis')}
          data-testid="transcript-score-open-analysis"
        >
          {analysis.name}
        </button>
        <span className="badge badge-neutral">
          {t(`evaluations.kinds.${analysis.kind}`, { defaultValue: analysis.kind })}
        </span>
      </header>
      <table className="score-table">
        <thead>
          <tr>
            <th scope="col">{t('transcript.scores.metric')}</th>
            <th scope="col" className="num">
              {t('transcript.scores.value')}
            </th>
          </tr>
        </thead>
        <tbody>
          {metrics.map((metric) => (
            <tr key={metric} data-testid="transcript-score" data-metric={metric}>
              <th scope="row">{metricLabel(t, metric)}</th>
              <td className={analysis.labels[metric] ? undefined : 'num'}>
                {analysis.labels[metric] ?? formatScore(analysis.values[metric])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {judgeCalls > 0 && (
        <p className="muted small score-calls">
          {t('transcript.scores.judgeCalls', { count: judgeCalls })}{' '}
          <button type="button" className="link-button" onClick={onShowCalls} data-testid="transcript-score-calls">
            {t('transcript.scores.showCalls')}
          </button>
        </p>
      )}
      {analysis.answers.length > 0 && (
        <details className="plain-details score-answers" data-testid="transcript-score-answers">
          <summary>
            {t('transcript.scores.answers', { count: analysis.answers.length })}
            {failed > 0 && (
              <span className="badge badge-danger score-failed-badge">
                {t('transcript.scores.answersFailed', { count: failed })}
              </span>
            )}
          </summary>
          <ol className="call-list">
            {answers.map((answer, index) => (
              <li
                key={index}
                className={`call${answer.status === 'failed' ? ' call-failed' : ''}`}
                data-testid="transcript-score-answer"
                data-status={answer.status}
                data-item={answer.item}
              >
                <div className="call-line">
                  <strong>
                    {t('transcript.scores.answerRound')} {answer.round} · {t('transcript.scores.answerItem')}{' '}
                    {answer.item}
                  </strong>
                  <span>{answer.label ?? formatScore(answer.value)}</span>
                  {answer.status === 'failed' ? (
                    <span className="call-error">
                      {t('transcript.scores.answerFailed')}
                      {answer.error ? `: ${answer.error}` : ''}
                    </span>
                  ) : (
                    <span className="call-ok">{t('transcript.scores.answerOk')}</span>
                  )}
                </div>
                {answer.raw ? (
                  <pre className="preview-text score-raw" aria-label={t('transcript.scores.rawAnswer')}>
                    {answer.raw}
                  </pre>
                ) : (
                  <p className="muted small">{t('transcript.scores.noRaw')}</p>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  )
}
