import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { StatusBadge } from '../../components/StatusBadge'
import { endReasonShort } from '../../lib/dialogueText'
import type { LiveDialogue } from './useLiveDialogues'

const SHOWN = 4

/** A dialogue in flight: its last few messages, speaker-coloured; a click follows it full size. */
export const LiveDialogueCard = memo(function LiveDialogueCard({
  dialogue,
  onFollow,
}: {
  dialogue: LiveDialogue
  onFollow: (id: string) => void
}) {
  const { t } = useTranslation()
  const turns = dialogue.messages.filter((m) => m.speaker === 'counselor').length
  const title = dialogue.title || t('live.untitled')
  const ended = dialogue.status !== 'running'
  return (
    <li
      className={`live-card${ended ? ' live-card-ended' : ''}`}
      data-testid="live-dialogue"
      data-dialogue-id={dialogue.id}
      data-status={dialogue.status}
    >
      <button
        type="button"
        className="live-card-button"
        onClick={() => onFollow(dialogue.id)}
        aria-label={t('live.follow', { title })}
        title={t('live.followHint')}
      >
        <span className="live-card-head">
          <span className="live-card-title">{title}</span>
          {dialogue.language && (
            <span className={`badge badge-lang badge-lang-${dialogue.language}`}>
              {dialogue.language.toUpperCase()}
            </span>
          )}
          {ended ? <StatusBadge status={dialogue.status} /> : <span className="live-dot" aria-hidden="true" />}
        </span>
        <span className="live-card-sub muted small">
          {t('live.sample', { n: dialogue.sample + 1 })}
          {dialogue.sessionIndex !== null && ` · ${t('browser.sessionBadge', { index: dialogue.sessionIndex })}`} ·{' '}
          {t('live.turns', { count: turns })}
          {ended && dialogue.endReason ? ` · ${endReasonShort(dialogue.endReason)}` : ''}
        </span>
        <span className="live-messages">
          {dialogue.messages.length === 0 && <span className="muted small">{t('live.waiting')}</span>}
          {dialogue.messages.slice(-SHOWN).map((message) => (
            <span
              key={message.index}
              className={`live-message live-message-${message.speaker}`}
              data-testid="message"
              data-speaker={message.speaker}
            >
              <span className="live-speaker">{t(`transcript.speaker.${message.speaker}`)}</span>
              <span className="live-text">{message.content}</span>
            </span>
          ))}
        </span>
      </button>
    </li>
  )
})
