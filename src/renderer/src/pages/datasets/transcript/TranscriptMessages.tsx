import { useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Message } from '@shared/dialogue'
import { MessageBubble } from './MessageBubble'

interface TranscriptMessagesProps {
  messages: Message[]
  highlight?: string
  /** Follow new messages while the reader is at the bottom (live dialogues). */
  follow?: boolean
  /** Changes when another dialogue is shown: scroll back to the top (or the bottom when following). */
  resetKey?: string
  empty?: string
}

const NEAR_BOTTOM_PX = 80

/** The chat: client on the left, counselor on the right, in its own scroll area. */
export function TranscriptMessages({ messages, highlight, follow = false, resetKey, empty }: TranscriptMessagesProps) {
  const { t } = useTranslation()
  const scrollRef = useRef<HTMLDivElement>(null)
  const [atBottom, setAtBottom] = useState(true)
  const atBottomRef = useRef(true)

  useLayoutEffect(() => {
    const element = scrollRef.current
    if (!element) return
    element.scrollTop = follow ? element.scrollHeight : 0
    atBottomRef.current = true
    setAtBottom(true)
    // With a search, show the first match rather than the top.
    if (!follow && highlight?.trim()) element.querySelector('mark')?.scrollIntoView({ block: 'center' })
  }, [resetKey, follow, highlight])

  // Instant, not smooth: the scroll events of a smooth scroll would read as the reader scrolling away.
  useLayoutEffect(() => {
    const element = scrollRef.current
    if (follow && element && atBottomRef.current) element.scrollTop = element.scrollHeight
  }, [messages.length, follow])

  const onScroll = () => {
    const element = scrollRef.current
    if (!element) return
    const near = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX
    atBottomRef.current = near
    if (near !== atBottom) setAtBottom(near)
  }

  const jumpToLatest = () => {
    const element = scrollRef.current
    if (!element) return
    element.scrollTop = element.scrollHeight
    atBottomRef.current = true
    setAtBottom(true)
  }

  return (
    <div className="transcript-wrap">
      <div
        ref={scrollRef}
        className="transcript-scroll"
        onScroll={onScroll}
        tabIndex={0}
        role="log"
        aria-label={t('transcript.label')}
        data-testid="transcript"
      >
        {messages.length === 0 ? (
          <p className="empty-inline transcript-empty">{empty ?? t('transcript.noMessages')}</p>
        ) : (
          messages.map((message) => <MessageBubble key={message.id} message={message} highlight={highlight} />)
        )}
      </div>
      {follow && !atBottom && (
        <button
          type="button"
          className="button button-small jump-latest"
          onClick={jumpToLatest}
          data-testid="jump-latest"
        >
          {t('transcript.jumpLatest')}
        </button>
      )}
    </div>
  )
}
