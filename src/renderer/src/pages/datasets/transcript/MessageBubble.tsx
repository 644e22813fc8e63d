import { memo, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Message } from '@shared/dialogue'
import { rejectionReasonText } from '../../../lib/dialogueText'
import { formatLatency, formatNumber } from '../../../lib/format'
import { Highlight } from './Highlight'
import { EndTokenBadge, TracePanel } from './TracePanel'
import { ClientStateTags } from './ClientState'

/** One turn of a transcript: the bubble, its cost (small, muted), a flag, and the rejected attempts behind it. */
export const MessageBubble = memo(function MessageBubble({
  message,
  highlight,
}: {
  message: Message
  highlight?: string
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [traceOpen, setTraceOpen] = useState(false)
  const listId = useId()
  const traceId = useId()
  const trace = message.trace
  const hasSteps = (trace?.steps?.length ?? 0) > 0
  const tokens =
    message.promptTokens !== null || message.completionTokens !== null
      ? t('transcript.tokens', {
          prompt: formatNumber(message.promptTokens ?? 0),
          completion: formatNumber(message.completionTokens ?? 0),
        })
      : null
  const meta = [
    `#${message.index + 1}`,
    message.latencyMs !== null ? formatLatency(message.latencyMs) : null,
    tokens,
    message.model,
  ].filter(Boolean)

  return (
    <article
      className={`message message-${message.speaker}${message.flagged ? ' message-flagged' : ''}`}
      aria-label={t(`transcript.speaker.${message.speaker}`)}
      data-testid="transcript-message"
      data-speaker={message.speaker}
      data-index={message.index}
      data-flagged={message.flagged || undefined}
    >
      <div className="message-speaker">{t(`transcript.speaker.${message.speaker}`)}</div>
      <div className="message-bubble selectable">
        <Highlight text={message.content} term={highlight} />
      </div>
      <div className="message-meta">
        <span>{meta.join(' · ')}</span>
        {message.flagged && (
          <span className="badge badge-warning" title={t('transcript.flaggedHint')} data-testid="message-flagged">
            {t('transcript.flagged')}
          </span>
        )}
        {trace?.endToken && <EndTokenBadge endToken={trace.endToken} />}
        {trace?.clientState && <ClientStateTags state={trace.clientState} />}
        {hasSteps && (
          <button
            type="button"
            className="link-button"
            aria-expanded={traceOpen}
            aria-controls={traceId}
            onClick={() => setTraceOpen(!traceOpen)}
            data-testid="trace-toggle"
          >
            {traceOpen ? t('methods.trace.hide') : t('methods.trace.show')}
          </button>
        )}
        {message.rejected.length > 0 && (
          <button
            type="button"
            className="link-button"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen(!open)}
            data-testid="rejected-toggle"
          >
            {open
              ? t('transcript.hideRejected', { count: message.rejected.length })
              : t('transcript.showRejected', { count: message.rejected.length })}
          </button>
        )}
      </div>
      {hasSteps && traceOpen && trace && <TracePanel trace={trace} id={traceId} />}
      {open && (
        <ol className="rejected-list" id={listId} data-testid="rejected-attempts">
          {message.rejected.map((attempt, index) => (
            <li key={index} className="rejected-attempt">
              <div className="rejected-reasons">
                {attempt.reasons.map((reason) => (
                  <span key={reason} className="badge badge-danger">
                    {rejectionReasonText(reason)}
                  </span>
                ))}
              </div>
              <div className="rejected-content selectable">{attempt.content}</div>
            </li>
          ))}
        </ol>
      )}
    </article>
  )
})
