import { useTranslation } from 'react-i18next'
import type { ArenaTurnView } from '@shared/arena'
import { formatLatency, formatNumber } from '../../../lib/format'
import { TracePanel } from '../../datasets/transcript/TracePanel'

interface TurnCandidatesProps {
  turn: ArenaTurnView
  /** The contestant whose reply became the counselor's turn (null while undecided). */
  used: string | null
}

/**
 * One counselor turn of an arena dialogue: every candidate in the order the referee saw them, the chosen one marked,
 * and the referee's answer.
 */
export function TurnCandidates({ turn, used }: TurnCandidatesProps) {
  const { t } = useTranslation()
  const failed = turn.refereeStatus === 'failed'
  const extra = turn.choice === 'tie' || turn.choice === 'both_bad' ? turn.choice : null
  return (
    <section
      className={`arena-turn${failed ? ' arena-turn-failed' : ''}`}
      aria-label={t('arena.turn.label', { n: turn.turn })}
      data-testid="arena-turn"
      data-turn={turn.turn}
      data-referee-status={turn.refereeStatus}
      data-choice={turn.choice ?? ''}
    >
      <header className="arena-turn-head">
        <strong>{t('arena.turn.label', { n: turn.turn })}</strong>
        {turn.refereeStatus === 'pending' && <span className="badge badge-warning">{t('arena.turn.pending')}</span>}
        {failed && (
          <span className="badge badge-danger" data-testid="arena-turn-failed">
            {t('arena.turn.failed')}
          </span>
        )}
        {extra && (
          <span className="badge badge-neutral">{t(`arena.votes.${extra === 'tie' ? 'tie' : 'bothBad'}`)}</span>
        )}
        {turn.decidedBy && (
          <span className="muted small">
            {t('arena.turn.decidedBy', { by: turn.decidedBy === 'llm' ? t('arena.refereeKinds.llm') : turn.decidedBy })}
          </span>
        )}
      </header>
      {failed && turn.refereeError && <p className="arena-turn-error small">{turn.refereeError}</p>}
      <ol className="arena-candidates">
        {turn.shownOrder.map((candidateIndex, position) => {
          const candidate = turn.candidates[candidateIndex]
          if (!candidate) return null
          const chosen = turn.choice === candidate.contestant
          const continued = !chosen && used === candidate.contestant
          const meta = [
            candidate.latencyMs !== null ? formatLatency(candidate.latencyMs) : null,
            candidate.promptTokens !== null || candidate.completionTokens !== null
              ? t('transcript.tokens', {
                  prompt: formatNumber(candidate.promptTokens ?? 0),
                  completion: formatNumber(candidate.completionTokens ?? 0),
                })
              : null,
          ].filter(Boolean)
          return (
            <li
              key={candidateIndex}
              className={`arena-candidate${chosen ? ' arena-candidate-chosen' : ''}`}
              data-testid="arena-candidate"
              data-contestant={candidate.contestant}
              data-chosen={chosen || undefined}
            >
              <div className="arena-candidate-head">
                <span className="arena-position" title={t('arena.turn.positionHint')}>
                  {position + 1}
                </span>
                <strong className="arena-candidate-name">{candidate.contestant}</strong>
                {chosen && <span className="badge badge-success">{t('arena.turn.chosen')}</span>}
                {continued && <span className="badge badge-neutral">{t('arena.turn.continued')}</span>}
                {candidate.flagged && (
                  <span className="badge badge-warning" title={t('transcript.flaggedHint')}>
                    {t('transcript.flagged')}
                  </span>
                )}
              </div>
              <div className="arena-candidate-text selectable">{candidate.content}</div>
              {meta.length > 0 && <div className="message-meta">{meta.join(' · ')}</div>}
              {candidate.trace?.steps && candidate.trace.steps.length > 0 && (
                <details className="plain-details" data-testid="arena-candidate-trace">
                  <summary>{t('methods.trace.show')}</summary>
                  <TracePanel trace={candidate.trace} />
                </details>
              )}
            </li>
          )
        })}
      </ol>
      {turn.swap && (
        <p
          className={`small ${turn.swap.consistent === false ? 'arena-swap-inconsistent' : 'muted'}`}
          data-testid="arena-turn-swap"
          data-consistent={String(turn.swap.consistent)}
        >
          {turn.swap.consistent === null
            ? t('arena.turn.swapUnreadable')
            : t(turn.swap.consistent ? 'arena.turn.swapConsistent' : 'arena.turn.swapInconsistent', {
                choice: turn.swap.choice ?? '—',
              })}
        </p>
      )}
      {(turn.refereeRaw !== null || turn.swap?.raw) && (
        <details className="plain-details arena-raw">
          <summary>{t('arena.turn.refereeRaw')}</summary>
          {turn.refereeRaw !== null && <pre className="preview-text">{turn.refereeRaw || t('results.emptyRaw')}</pre>}
          {turn.swap?.raw && (
            <>
              <p className="muted small">{t('arena.turn.swapRaw')}</p>
              <pre className="preview-text">{turn.swap.raw}</pre>
            </>
          )}
        </details>
      )}
    </section>
  )
}
