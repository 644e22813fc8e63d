import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { LlmCallView } from '@shared/datasetApi'
import { formatDateTime, formatLatency, formatNumber } from '../../../lib/format'

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
                </span>
              )}
              {call.attempt > 1 && (
                <span className="badge badge-neutral">{t('transcript.callAttemptN', { n: call.attempt })}</span>
              )}
            </div>
            <div className="call-line muted">
              <span className="mono">{call.model}</span>
              {call.errorKind ? (
                <span className="call-error">{`${t(`llmErrors.${call.errorKind}`, { defaultValue: call.errorKind })}${call.error ? `: ${call.error}` : ''}`}</span>
              ) : (
                <span className="call-ok">{t('transcript.callOk')}</span>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  )
}
