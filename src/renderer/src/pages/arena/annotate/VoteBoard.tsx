import { useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AnnotationTask, VoteChoice } from '@shared/arena'
import { isModKey, isTypingTarget, useWindowKeyDown } from '../../../lib/keyboard'
import { MessageBubble } from '../../datasets/transcript/MessageBubble'
import { asMessage } from '../asMessage'
import { moveOption, optionForKey, voteOptions } from './voteOptions'

interface VoteBoardProps {
  task: AnnotationTask
  submitting: boolean
  onVote: (choice: VoteChoice) => void
}

const ARROWS: Record<string, 1 | -1> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }

/**
 * One vote: the dialogue so far, then the candidate replies labelled 1, 2, 3
 * (shuffled, without model names). Mouse or keyboard: 1/2/3 (T, B) select,
 * arrows move the selection, Enter confirms.
 */
export function VoteBoard({ task, submitting, onVote }: VoteBoardProps) {
  const { t } = useTranslation()
  const [selected, setSelected] = useState<VoteChoice | null>(null)
  const boardRef = useRef<HTMLDivElement>(null)
  const historyRef = useRef<HTMLDivElement>(null)
  const options = voteOptions(task)

  // A new turn: focus the board so the keys work at once, and show the latest lines of the dialogue.
  useLayoutEffect(() => {
    boardRef.current?.focus({ preventScroll: true })
    const history = historyRef.current
    if (history) history.scrollTop = history.scrollHeight
  }, [])

  useWindowKeyDown((event) => {
    if (
      event.defaultPrevented ||
      event.altKey ||
      isModKey(event) ||
      isTypingTarget(event.target) ||
      document.querySelector('dialog[open]')
    )
      return
    // Enter on the page's own buttons (Pause, Leave, the language switch) keeps its meaning; the choice keys work
    // anywhere.
    const target = event.target instanceof HTMLElement ? event.target : null
    const outside = target !== null && target !== document.body && !boardRef.current?.contains(target)
    // A choice made from outside brings the focus back, so the next Enter votes.
    const take = () => {
      event.preventDefault()
      if (outside) boardRef.current?.focus({ preventScroll: true })
    }
    const chosen = optionForKey(event.key, task)
    if (chosen !== null) {
      take()
      setSelected(chosen)
    } else if (event.key in ARROWS) {
      take()
      setSelected(moveOption(options, selected, ARROWS[event.key]))
    } else if (event.key === 'Enter' && !outside) {
      event.preventDefault()
      if (selected !== null && !submitting) onVote(selected)
    }
  })

  const extras = options.filter((option): option is 'tie' | 'both_bad' => typeof option === 'string')
  const keys =
    t('arena.annotate.keysHelp', { last: task.candidates.length }) +
    (task.allowTie ? ` · ${t('arena.annotate.keyTie')}` : '') +
    (task.allowBothBad ? ` · ${t('arena.annotate.keyBothBad')}` : '')
  const confirmLabel =
    selected === null
      ? t('arena.annotate.chooseFirst')
      : typeof selected === 'number'
        ? t('arena.annotate.confirmCandidate', { n: selected + 1 })
        : t(selected === 'tie' ? 'arena.annotate.confirmTie' : 'arena.annotate.confirmBothBad')

  return (
    <div
      className="vote-board"
      ref={boardRef}
      tabIndex={-1}
      aria-label={t('arena.annotate.boardLabel')}
      data-testid="vote-board"
      data-dialogue-id={task.dialogueId}
      data-turn={task.turn}
    >
      <section className="vote-history" aria-label={t('arena.annotate.historyLabel')}>
        <h3 className="vote-section-title">{t('arena.annotate.historyTitle', { turn: task.turn })}</h3>
        <div className="transcript-scroll vote-history-scroll" ref={historyRef} role="log" data-testid="vote-history">
          {task.history.map((line, index) => (
            <MessageBubble key={index} message={asMessage(task.dialogueId, index, line.speaker, line.content)} />
          ))}
        </div>
      </section>
      <section className="vote-candidates-section" aria-label={t('arena.annotate.candidatesLabel')}>
        <h3 className="vote-section-title">{t('arena.annotate.question')}</h3>
        <div
          className="vote-candidates"
          role="radiogroup"
          aria-label={t('arena.annotate.candidatesLabel')}
          style={{ gridTemplateColumns: `repeat(${Math.min(task.candidates.length, 3)}, minmax(0, 1fr))` }}
        >
          {task.candidates.map((candidate, position) => (
            <button
              key={position}
              type="button"
              role="radio"
              aria-checked={selected === position}
              className="vote-candidate"
              onClick={() => setSelected(position)}
              onDoubleClick={() => !submitting && onVote(position)}
              disabled={submitting}
              data-testid="vote-candidate"
              data-position={position}
            >
              <span className="vote-candidate-label" aria-label={t('arena.annotate.replyN', { n: position + 1 })}>
                {position + 1}
              </span>
              <span className="vote-candidate-text">{candidate.content}</span>
            </button>
          ))}
        </div>
        {extras.length > 0 && (
          <div className="button-row vote-extras" role="group" aria-label={t('arena.annotate.extrasLabel')}>
            {extras.map((extra) => (
              <button
                key={extra}
                type="button"
                className="button vote-extra"
                aria-pressed={selected === extra}
                onClick={() => setSelected(extra)}
                disabled={submitting}
                data-testid={`vote-${extra === 'tie' ? 'tie' : 'both-bad'}`}
              >
                {t(extra === 'tie' ? 'arena.votes.tieKey' : 'arena.votes.bothBadKey')}
              </button>
            ))}
          </div>
        )}
        <div className="vote-confirm-row">
          <button
            type="button"
            className="button button-primary vote-confirm"
            onClick={() => selected !== null && onVote(selected)}
            disabled={selected === null || submitting}
            title={selected === null ? t('arena.annotate.chooseFirstHint') : t('arena.annotate.confirmHint')}
            data-testid="vote-confirm"
          >
            {submitting ? t('arena.annotate.saving') : confirmLabel}
          </button>
          <span className="muted small" data-testid="vote-keys">
            {keys}
          </span>
        </div>
      </section>
    </div>
  )
}
