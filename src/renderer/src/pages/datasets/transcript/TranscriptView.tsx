import { ClientStateChart } from './ClientState'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LlmCallView } from '@shared/datasetApi'
import type { DialogueDetail, TraceStep } from '@shared/dialogue'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { StatusBadge } from '../../../components/StatusBadge'
import { endReasonText } from '../../../lib/dialogueText'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import { useWorkbenchEvent } from '../../../lib/useWorkbenchEvent'
import { TranscriptMessages } from './TranscriptMessages'
import { TranscriptSide } from './TranscriptSide'
import { CaseSessions } from './CaseSessions'
import { SessionPlanView, sessionPlanOf, TraceContext, type TraceLinks } from './TracePanel'

type Detail = DialogueDetail & { calls: LlmCallView[] }

interface TranscriptViewProps {
  dialogueId: string
  /** The search text, marked in the messages. */
  highlight: string
  position: string
  onPrev: (() => void) | null
  onNext: (() => void) | null
  /** Opens another session of this dialogue's case (`delta` sessions away). */
  onOpenSession?: (id: string, delta: number) => void
  /** Filters the list to one case's sessions. */
  onShowCase?: (caseId: string) => void
}

/**
 * One dialogue: the chat, how it ended, and beside it the role card, facts and LLM calls. A running dialogue keeps
 * growing.
 */
export function TranscriptView({
  dialogueId,
  highlight,
  position,
  onPrev,
  onNext,
  onOpenSession,
  onShowCase,
}: TranscriptViewProps) {
  const { t } = useTranslation()
  const [detail, setDetail] = useState<Detail | null>(null)
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(async () => {
    try {
      const result = await api.getDialogue({ id: dialogueId })
      setDetail(result)
      setError(null)
    } catch (failure) {
      setError(failure)
    }
  }, [dialogueId])

  useEffect(() => {
    setDetail((current) => (current?.id === dialogueId ? current : null))
    void load()
  }, [load, dialogueId])

  useWorkbenchEvent('dialogue.message', (event) => {
    if (event.dialogueId !== dialogueId) return
    setDetail((current) =>
      current && !current.messages.some((m) => m.index === event.message.index)
        ? { ...current, messages: [...current.messages, event.message] }
        : current,
    )
  })
  useWorkbenchEvent('dialogue.status', (event) => {
    if (event.dialogueId === dialogueId && event.status !== 'running') void load()
  })

  const [focusCall, setFocusCall] = useState<{ id: number } | null>(null)
  const links = useMemo<TraceLinks | null>(() => {
    if (!detail) return null
    // A step's entry in the call log: the successful attempt of the call it names (traces written before steps
    // named their call: the successful call with its model, latency and tokens).
    const callOf = (step: TraceStep) =>
      detail.calls.find((call) =>
        step.callKey
          ? !call.errorKind && call.callKey === step.callKey
          : !call.errorKind &&
            call.model === step.model &&
            call.latencyMs === step.latencyMs &&
            call.promptTokens === step.promptTokens &&
            call.completionTokens === step.completionTokens,
      )?.id ?? null
    return { session: sessionPlanOf(detail.meta), callOf, showCall: (id) => setFocusCall({ id }) }
  }, [detail])

  const loading = !detail || detail.id !== dialogueId
  const excerpt = (text: string) => ([...text].length > 60 ? `${[...text].slice(0, 60).join('')}…` : text)
  const title = detail
    ? detail.title || (detail.messages[0] ? excerpt(detail.messages[0].content) : t('browser.untitledPlain'))
    : t('app.loading')
  const navButtons = (
    <div className="button-row transcript-nav">
      <span className="muted small" data-testid="transcript-position">
        {position}
      </span>
      <button
        type="button"
        className="button button-small"
        onClick={onPrev ?? undefined}
        disabled={!onPrev}
        title={onPrev ? t('transcript.prevHint') : t('transcript.firstReason')}
        aria-label={t('transcript.prev')}
        data-testid="transcript-prev"
      >
        ← {t('transcript.prev')}
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={onNext ?? undefined}
        disabled={!onNext}
        title={onNext ? t('transcript.nextHint') : t('transcript.lastReason')}
        aria-label={t('transcript.next')}
        data-testid="transcript-next"
      >
        {t('transcript.next')} →
      </button>
    </div>
  )

  return (
    <div className="transcript-view" data-testid="transcript-view" data-dialogue-id={dialogueId} aria-busy={loading}>
      <header className="detail-header transcript-header">
        <div className="editor-title">
          <h2 data-testid="transcript-title" title={title}>
            {title}
          </h2>
          {detail && (
            <div className="editor-meta">
              <StatusBadge status={detail.status} testId="transcript-status" />
              <span className={`badge badge-lang badge-lang-${detail.language}`}>{detail.language.toUpperCase()}</span>
              {detail.flagged && <span className="badge badge-warning">{t('transcript.flagged')}</span>}
              <span className="muted">
                {t('browser.turns', { count: detail.turns })} ·{' '}
                {t('browser.chars', { count: detail.chars, formatted: formatNumber(detail.chars) })}
              </span>
            </div>
          )}
        </div>
        {navButtons}
      </header>
      {error != null && (
        <ErrorBanner onRetry={() => void load()}>
          {t('transcript.loadFailed', { message: errorMessage(error) })}
        </ErrorBanner>
      )}
      {detail && (
        <div className="transcript-split">
          <div className="transcript-main">
            <p
              className={`end-reason end-reason-${detail.endReason?.kind ?? 'none'}`}
              data-testid="transcript-end-reason"
              data-kind={detail.endReason?.kind ?? ''}
            >
              {detail.status === 'running' ? t('transcript.stillRunning') : endReasonText(detail.endReason)}
            </p>
            {onOpenSession && (
              <CaseSessions detail={detail} onOpenSession={onOpenSession} onShowCase={onShowCase ?? null} />
            )}
            {links?.session && (
              <details className="plain-details session-plan-box" open data-testid="transcript-session-plan">
                <summary>{t('methods.trace.session')}</summary>
                <SessionPlanView plan={links.session} />
              </details>
            )}
            <ClientStateChart messages={detail.messages} />
            <TraceContext.Provider value={links}>
              <TranscriptMessages
                messages={detail.messages}
                highlight={highlight}
                follow={detail.status === 'running'}
                resetKey={detail.id}
              />
            </TraceContext.Provider>
          </div>
          <TranscriptSide detail={detail} focusCall={focusCall} />
        </div>
      )}
    </div>
  )
}
