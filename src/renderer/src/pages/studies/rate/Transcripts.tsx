import { useLayoutEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { RaterTaskView } from '@shared/study'
import { MessageBubble } from '../../datasets/transcript/MessageBubble'
import { asMessage } from '../../arena/asMessage'

type Transcript = RaterTaskView['transcripts'][number]

/** One blinded transcript: the speakers (Client / Counselor) and what they said, nothing about where it came from. */
function TranscriptColumn({ code, transcript }: { code: string; transcript: Transcript }) {
  const { t } = useTranslation()
  const scrollRef = useRef<HTMLDivElement>(null)
  // A new dialogue starts at its beginning.
  useLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0
  }, [code])
  const title = transcript.side ? t('rate.side', { side: transcript.side }) : t('rate.dialogue', { code })
  return (
    <section
      className={`rate-transcript${transcript.side ? ` rate-transcript-${transcript.side}` : ''}`}
      aria-label={title}
      data-testid={`rate-transcript${transcript.side ? `-${transcript.side}` : ''}`}
    >
      <h3 className="rate-transcript-title">
        {transcript.side && <span className="rate-side-badge">{transcript.side}</span>}
        {title}
        <span className="muted small">{t('rate.turns', { count: transcript.messages.length })}</span>
      </h3>
      <div className="transcript-scroll rate-transcript-scroll" ref={scrollRef} tabIndex={0} role="log">
        {transcript.messages.length === 0 ? (
          <p className="muted">{t('rate.noMessages')}</p>
        ) : (
          transcript.messages.map((line, index) => (
            <MessageBubble key={index} message={asMessage(code, index, line.speaker, line.content)} />
          ))
        )}
      </div>
    </section>
  )
}

/** Rubric: the dialogue; pairwise: dialogues A and B side by side (one above the other on narrow screens). */
export function Transcripts({ task }: { task: RaterTaskView }) {
  return (
    <div className={`rate-transcripts rate-transcripts-${task.transcripts.length > 1 ? 'pair' : 'single'}`}>
      {task.transcripts.map((transcript, index) => (
        <TranscriptColumn key={transcript.side ?? index} code={task.code} transcript={transcript} />
      ))}
    </div>
  )
}
