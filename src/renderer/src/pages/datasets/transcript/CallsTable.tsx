import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LlmCallDetail, LlmCallView } from '@shared/datasetApi'
import { api } from '../../../api/client'
import { errorMessage } from '../../../lib/errors'
import { formatDateTime, formatLatency, formatNumber } from '../../../lib/format'

/** A call's request (each message, and the sampling settings) and response, fetched when first opened. */
function CallText({ id }: { id: number }) {
  const { t } = useTranslation()
  const [detail, setDetail] = useState<LlmCallDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = () => {
    if (detail || error) return
    api
      .getLlmCall({ id })
      .then(setDetail)
      .catch((e: unknown) => setError(errorMessage(e)))
  }
  const { messages, ...settings } = detail?.request ?? {}
  return (
    <details
      className="call-text"
      onToggle={(event) => (event.currentTarget as HTMLDetailsElement).open && load()}
      data-testid="call-text"
    >
      <summary>{t('transcript.callText')}</summary>
      {error && <p className="call-error">{error}</p>}
      {!detail && !error && <p className="muted small">{t('app.loading')}</p>}
      {detail && (
        <>
          {(messages ?? []).map((m, i) => (
            <div key={i} className="call-message" data-testid="call-message" data-role={m.role}>
              <div className="muted small">{m.role}</div>
              <pre>{m.content}</pre>
            </div>
          ))}
          <div className="muted small mono">{JSON.stringify(settings)}</div>
          <div className="call-message" data-testid="call-response">
            <div className="muted small">
              {t('transcript.callResponse')}
              {detail.finishReason ? ` · ${detail.finishReason}` : ''}
            </div>
            <pre>{detail.response ?? '—'}</pre>
          </div>
        </>
      )}
    </details>
  )
}

/** Every LLM call made for the dialogue, retries included: one compact entry each (the side panel is narrow). */
export function CallsTable({ calls, focus }: { calls: LlmCallView[]; focus?: { id: number } | null }) {
  const { t } = useTranslation()
  const focusedRef = useRef<HTMLLIElement>(null)
  // A trace step's "In the call log" brings its entry into view and moves the focus there.
  useEffect(() => {
    focusedRef.current?.scrollIntoView({ block: 'center' })
    focusedRef.current?.focus()
  }, [focus])
  if (calls.length === 0) return <p className="empty-inline">{t('transcript.noCalls')}</p>
  const num = (value: number | null) => (value === null ? '—' : formatNumber(value))
  const failed = calls.filter((call) => call.errorKind).length
  return (
    <div className="calls" data-testid="transcript-calls">
      <p className="muted small">{t('transcript.callsSummary', { count: calls.length, failed })}</p>
      <ol className="call-list">
        {calls.map((call) => (
          <li
            key={call.id}
            ref={focus?.id === call.id ? focusedRef : undefined}
            tabIndex={focus?.id === call.id ? -1 : undefined}
            className={`call${call.errorKind ? ' call-failed' : ''}${focus?.id === call.id ? ' call-focused' : ''}`}
            data-call-id={call.id}
            data-focused={focus?.id === call.id || undefined}
            title={formatDateTime(call.createdAt)}
            data-testid="transcript-call"
            data-error-kind={call.errorKind ?? undefined}
          >
            <div className="call-line">
              <strong>{t(`transcript.speaker.${call.purpose}`, { defaultValue: call.purpose })}</strong>
              <span>{formatLatency(call.latencyMs)}</span>
              {(call.promptTokens !== null || call.completionTokens !== null) && (
                <span>
                  {t('transcript.callTokensValue', {
                    prompt: num(call.promptTokens),
                    completion: num(call.completionTokens),
                  })}
                  {call.cachedTokens ? ` ${t('transcript.callCachedTokens', { n: num(call.cachedTokens) })}` : ''}
                </span>
              )}
              {call.attempt > 1 && (
                <span className="badge badge-neutral">{t('transcript.callAttemptN', { n: call.attempt })}</span>
              )}
            </div>
            <div className="call-line muted">
              <span className="mono" title={call.replica ?? undefined} data-replica={call.replica ?? undefined}>
                {call.model}
              </span>
              {call.errorKind ? (
                <span className="call-error">{`${t(`llmErrors.${call.errorKind}`, { defaultValue: call.errorKind })}${call.error ? `: ${call.error}` : ''}`}</span>
              ) : (
                <span className="call-ok">{t('transcript.callOk')}</span>
              )}
            </div>
            <CallText id={call.id} />
          </li>
        ))}
      </ol>
    </div>
  )
}
