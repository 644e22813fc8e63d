import { forwardRef, type ReactNode } from 'react'
import type { Bilingual } from '@shared/study'
import { useTranslation } from 'react-i18next'
import { inLanguage } from './rateLogic'
import { SaveBadge } from './SaveBadge'
import type { SaveState } from './useAnswerSaver'

export interface RateItemShellProps {
  itemKey: string
  name: Bilingual
  question: Bilingual
  index: number
  answered: boolean
  save: SaveState | undefined
  current: boolean
  onSelect: () => void
  /** The answer controls, given the item's name in the interface language. */
  children: (name: string) => ReactNode
}

/** What a rubric item and a pairwise aspect share: the card, its number, name, save state and question. */
export const RateItemShell = forwardRef<HTMLElement, RateItemShellProps>(function RateItemShell(
  { itemKey, name, question, index, answered, save, current, onSelect, children },
  ref,
) {
  const { i18n } = useTranslation()
  const shownName = inLanguage(name, i18n.language)
  const shownQuestion = inLanguage(question, i18n.language)
  const headingId = `rate-item-${itemKey}`
  return (
    <section
      ref={ref}
      className={`rate-item${current ? ' rate-item-current' : ''}${answered ? ' rate-item-answered' : ''}`}
      aria-labelledby={headingId}
      aria-current={current ? 'step' : undefined}
      tabIndex={-1}
      onClick={onSelect}
      onFocus={onSelect}
      data-testid={`rate-item-${itemKey}`}
      data-current={current || undefined}
    >
      <header className="rate-item-header">
        <h4 id={headingId}>
          <span className="rate-item-number">{index + 1}</span>
          {shownName}
        </h4>
        <SaveBadge state={save} testId={`rate-save-${itemKey}`} />
      </header>
      {shownQuestion && <p className="rate-item-question">{shownQuestion}</p>}
      {children(shownName)}
    </section>
  )
})
