import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArenaDialogueView } from '@shared/arena'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { StatusBadge } from '../../../components/StatusBadge'
import { endReasonText } from '../../../lib/dialogueText'
import { errorMessage } from '../../../lib/errors'
import { useLoaded } from '../../../lib/useLoaded'
import { useThrottledRefresh } from '../../../lib/useThrottledRefresh'
import { MessageBubble } from '../../datasets/transcript/MessageBubble'
import { asMessage } from '../asMessage'
import { TurnCandidates } from './TurnCandidates'

/**
 * The client's lines as chat bubbles and, for each counselor turn, all candidates with the referee's choice; undecided
 * turns at the end.
 */
function transcriptItems(dialogue: ArenaDialogueView): ReactNode[] {
  const turns = new Map(dialogue.turns.map((turn) => [turn.turn, turn]))
  const items: ReactNode[] = []
  let counselorTurn = 0
  for (const message of dialogue.messages) {
    if (message.speaker === 'counselor') {
      counselorTurn++
      const turn = turns.get(counselorTurn)
      if (turn) {
        turns.delete(counselorTurn)
        items.push(<TurnCandidates key={`turn-${counselorTurn}`} turn={turn} used={message.contestant} />)
        continue
      }
    }
    items.push(
      <MessageBubble
        key={`m-${message.index}`}
        message={asMessage(dialogue.id, message.index, message.speaker, message.content, message.contestant)}
      />,
    )
  }
  for (const turn of [...turns.values()].sort((a, b) => a.turn - b.turn))
    items.push(<TurnCandidates key={`turn-${turn.turn}`} turn={turn} used={null} />)
  return items
}

/** One arena dialogue read in full: how it ended, who took part, and every turn's candidates. */
export function ArenaTranscript({ dialogueId, signal }: { dialogueId: string; signal: string }) {
  const { t } = useTranslation()
  const {
    value: dialogue,
    error,
    reload: load,
  } = useLoaded(() => api.getArenaDialogue({ id: dialogueId }), [dialogueId])
  const settled = dialogue !== null && ['completed', 'failed', 'cancelled'].includes(dialogue.status)
  useThrottledRefresh(settled ? 'settled' : signal, () => void load())

  return (
    <article
      className="arena-transcript"
      aria-label={t('arena.dialogues.transcriptLabel')}
      data-testid="arena-transcript"
      data-dialogue-id={dialogueId}
      aria-busy={!dialogue}
    >
      {error != null && (
        <ErrorBanner onRetry={() => void load()}>
          {t('transcript.loadFailed', { message: errorMessage(error) })}
        </ErrorBanner>
      )}
      {dialogue && (
        <>
          <header className="arena-transcript-head">
            <h3>{t('arena.dialogues.number', { n: dialogue.position + 1 })}</h3>
            <StatusBadge status={dialogue.status} testId="arena-transcript-status" />
            <span className={`badge badge-lang badge-lang-${dialogue.language}`}>
              {dialogue.language.toUpperCase()}
            </span>
            <span className="muted small">{dialogue.contestants.join(' · ')}</span>
            {dialogue.annotator && (
              <span className="muted small">{t('arena.dialogues.annotatedBy', { name: dialogue.annotator })}</span>
            )}
          </header>
          <p
            className={`end-reason end-reason-${dialogue.endReason?.kind ?? 'none'}`}
            data-testid="arena-transcript-end"
          >
            {dialogue.error ??
              (['running', 'pending', 'awaiting_vote'].includes(dialogue.status)
                ? t('arena.dialogues.inProgress')
                : endReasonText(dialogue.endReason))}
          </p>
          <div className="transcript-scroll arena-transcript-body" role="log" aria-label={t('transcript.label')}>
            {dialogue.messages.length === 0 && dialogue.turns.length === 0 ? (
              <p className="empty-inline transcript-empty">{t('transcript.noMessages')}</p>
            ) : (
              transcriptItems(dialogue)
            )}
          </div>
        </>
      )}
      {!dialogue && error == null && <p className="muted">{t('app.loading')}</p>}
    </article>
  )
}
