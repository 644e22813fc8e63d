import { forwardRef } from 'react'
import { useTranslation } from 'react-i18next'
import { PAIR_CHOICES, type Aspect, type PairChoice } from '@shared/study'
import { RateItemShell } from './RateItemShell'
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
  const { t } = useTranslation()
  return (
    <RateItemShell
      ref={ref}
      itemKey={aspect.key}
      name={aspect.name}
      question={aspect.question}
      index={index}
      answered={value !== null}
      save={save}
      current={current}
      onSelect={onSelect}
    >
      {(name) => (
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
      )}
    </RateItemShell>
  )
})
