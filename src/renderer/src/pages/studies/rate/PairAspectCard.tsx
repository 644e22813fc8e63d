import { forwardRef } from 'react'
import { useTranslation } from 'react-i18next'
import { PAIR_CHOICES, type Aspect, type PairChoice } from '@shared/study'
import { inLanguage } from './rateLogic'
import { SaveBadge } from './SaveBadge'
import type { SaveState } from './useAnswerSaver'

interface PairAspectCardProps {
  aspect: Aspect
  index: number
  value: PairChoice | null
  save: SaveState | undefined
  current: boolean
  onChoose: (value: PairChoice) => void
  onSelect: () => void
}

const KEYS: Record<PairChoice, string> = { A: 'A / 1', B: 'B / 2', tie: 'T / 3' }

/** One aspect of a pairwise comparison: which dialogue does better on it, A or B, or neither (tie). */
export const PairAspectCard = forwardRef<HTMLElement, PairAspectCardProps>(function PairAspectCard(
  { aspect, index, value, save, current, onChoose, onSelect },
  ref,
) {
  const { t, i18n } = useTranslation()
  const name = inLanguage(aspect.name, i18n.language)
  const question = inLanguage(aspect.question, i18n.language)
  const headingId = `rate-aspect-${aspect.key}`
  return (
    <section
      ref={ref}
      className={`rate-item${current ? ' rate-item-current' : ''}${value === null ? '' : ' rate-item-answered'}`}
      aria-labelledby={headingId}
      aria-current={current ? 'step' : undefined}
      tabIndex={-1}
      onClick={onSelect}
      onFocus={onSelect}
      data-testid={`rate-item-${aspect.key}`}
      data-current={current || undefined}
    >
      <header className="rate-item-header">
        <h4 id={headingId}>
          <span className="rate-item-number">{index + 1}</span>
          {name}
        </h4>
        <SaveBadge state={save} testId={`rate-save-${aspect.key}`} />
      </header>
      {question && <p className="rate-item-question">{question}</p>}
      <div className="rate-choices" role="group" aria-label={t('rate.choicesLabel', { name })}>
        {PAIR_CHOICES.map((choice) => (
          <button
            key={choice}
            type="button"
            className={`rate-choice rate-choice-${choice}`}
            aria-pressed={value === choice}
            onClick={(event) => {
              event.stopPropagation()
              onSelect()
              onChoose(choice)
            }}
            data-testid={`rate-choice-${aspect.key}-${choice}`}
          >
            <span>{t(`rate.choice.${choice}`)}</span>
            <kbd>{KEYS[choice]}</kbd>
          </button>
        ))}
      </div>
    </section>
  )
})
