import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PairChoice, RaterStudyView, RaterTaskView } from '@shared/study'
import { CommentField } from './CommentField'
import { PairAspectCard } from './PairAspectCard'
import { choiceForKey, pointForKey, stepPoint } from './rateLogic'
import { RubricItemCard } from './RubricItemCard'
import { slotId, type AnswerSaver, type AnswerValue } from './useAnswerSaver'
import { useRatingKeys } from './useRatingKeys'

/** What happens after this dialogue: another unfinished one, the unanswered items of this one, or the end. */
export type NextStep = { kind: 'task'; unitId: string } | { kind: 'remaining' } | { kind: 'finish' }

interface RatingPanelProps {
  study: RaterStudyView
  task: RaterTaskView
  saver: AnswerSaver
  next: NextStep
  onNext: () => void
}

/** The answer shown for a slot: this session's latest (saved or not), else the one the server had. */
export function shownAnswer(saver: AnswerSaver, task: RaterTaskView, key: string): AnswerValue {
  const state = saver.states[slotId(task.unitId, key)]
  return state ? (state.value as AnswerValue) : (task.answers[key] ?? null)
}

/**
 * The items (rubric) or aspects (pairwise) of one dialogue, the comment, and the way on. One item is current: the
 * answer keys answer it, Enter goes to the next one and, after the last, on to the next unfinished dialogue.
 */
export function RatingPanel({ study, task, saver, next, onNext }: RatingPanelProps) {
  const { t } = useTranslation()
  const rubric = study.design === 'rubric'
  const keys = rubric ? study.items.map((item) => item.key) : study.aspects.map((aspect) => aspect.key)
  const values = keys.map((key) => shownAnswer(saver, task, key))
  const unanswered = values.flatMap((value, index) => (value === null ? [index] : []))
  const [current, setCurrent] = useState(() => unanswered[0] ?? 0)
  const panelRef = useRef<HTMLDivElement>(null)
  const itemRefs = useRef<(HTMLElement | null)[]>([])
  const byKey = useRef(false)
  const mounted = useRef(false)

  // The current item stays in sight once moved to (a new dialogue starts at its top); moved by key, it takes the
  // focus too (screen readers follow it).
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true
      return
    }
    const element = itemRefs.current[current]
    element?.scrollIntoView?.({ block: 'nearest' })
    if (byKey.current && element && !element.contains(document.activeElement)) element.focus({ preventScroll: true })
    byKey.current = false
  }, [current])

  const goTo = (index: number) => {
    byKey.current = true
    setCurrent(Math.max(0, Math.min(keys.length - 1, index)))
  }
  const choose = (index: number, value: AnswerValue) => saver.saveAnswer(task.unitId, keys[index], value)
  const advance = () => {
    if (current < keys.length - 1) goTo(current + 1)
    // After the last item: first the items of this dialogue still unanswered, then on.
    else if (unanswered.length > 0) goTo(unanswered[0])
    else onNext()
  }

  useRatingKeys(panelRef, {
    answer: (key) => {
      if (rubric) {
        const scale = study.items[current].scale
        const value =
          key === '+' || key === '='
            ? stepPoint(values[current] as number | null, 1, scale)
            : key === '-'
              ? stepPoint(values[current] as number | null, -1, scale)
              : pointForKey(key, scale)
        if (value === null) return false
        choose(current, value)
        return true
      }
      const choice = choiceForKey(key)
      if (choice === null) return false
      choose(current, choice)
      return true
    },
    clear: () => values[current] !== null && choose(current, null),
    move: (step) => goTo(current + step),
    advance,
  })

  const nextLabel =
    next.kind === 'task'
      ? t('rate.nextDialogue')
      : next.kind === 'remaining'
        ? t('rate.answerRemaining', { count: unanswered.length })
        : t('rate.finish')
  const answered = keys.length - unanswered.length

  return (
    <div className="rate-panel" ref={panelRef} data-testid="rate-panel">
      <div className="rate-panel-head">
        <h3>
          <span className="rate-code" data-testid="rate-code">
            {task.code}
          </span>
          {rubric ? t('rate.itemsTitle') : t('rate.aspectsTitle')}
        </h3>
        <span className="muted small" data-testid="rate-task-progress">
          {t('rate.answeredOf', { answered, total: keys.length })}
        </span>
      </div>
      <div className="rate-items">
        {rubric
          ? study.items.map((item, index) => (
              <RubricItemCard
                key={item.key}
                ref={(element) => void (itemRefs.current[index] = element)}
                item={item}
                index={index}
                value={values[index] as number | null}
                save={saver.states[slotId(task.unitId, item.key)]}
                current={index === current}
                onChoose={(value) => choose(index, value)}
                onSelect={() => setCurrent(index)}
              />
            ))
          : study.aspects.map((aspect, index) => (
              <PairAspectCard
                key={aspect.key}
                ref={(element) => void (itemRefs.current[index] = element)}
                aspect={aspect}
                index={index}
                value={values[index] as PairChoice | null}
                save={saver.states[slotId(task.unitId, aspect.key)]}
                current={index === current}
                onChoose={(value) => choose(index, value)}
                onSelect={() => setCurrent(index)}
              />
            ))}
        {study.comments && (
          <CommentField
            initial={(saver.states[slotId(task.unitId, null)]?.value as string | undefined) ?? task.comment}
            save={saver.states[slotId(task.unitId, null)]}
            onSave={(text) => saver.saveComment(task.unitId, text)}
          />
        )}
      </div>
      <div className="rate-next-row">
        <button
          type="button"
          className="button button-primary"
          onClick={next.kind === 'remaining' ? () => goTo(unanswered[0] ?? 0) : onNext}
          data-testid="rate-next"
          data-next={next.kind}
        >
          {nextLabel}
        </button>
        <span className="muted small rate-keys" data-testid="rate-keys">
          {rubric ? t('rate.keysRubric') : t('rate.keysPairwise')}
        </span>
      </div>
    </div>
  )
}
