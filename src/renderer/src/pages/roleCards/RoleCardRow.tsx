import { memo, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { RoleCardSummary } from '@shared/roleCard'

interface RoleCardRowProps {
  card: RoleCardSummary
  active: boolean
  selected: boolean
  top: number
  height: number
  position: number
  setSize: number
  onClick: (id: string, event: MouseEvent) => void
}

export const optionId = (cardId: string) => `role-card-option-${cardId}`

export const RoleCardRow = memo(function RoleCardRow({
  card,
  active,
  selected,
  top,
  height,
  position,
  setSize,
  onClick,
}: RoleCardRowProps) {
  const { t } = useTranslation()
  const person = [card.gender, card.age === null ? '' : t('roleCards.ageYears', { age: card.age }), card.occupation]
    .filter(Boolean)
    .join(' · ')
  return (
    <div
      id={optionId(card.id)}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      className={`card-row${active ? ' card-row-active' : ''}${selected ? ' card-row-selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onMouseDown={(event) => event.shiftKey && event.preventDefault() /* no text selection on shift-click */}
      onClick={(event) => onClick(card.id, event)}
      data-testid="role-card-row"
      data-card-id={card.id}
    >
      <div className="card-row-line">
        <span className="card-row-title">{card.title || t('roleCards.untitled')}</span>
        <span
          className={`badge badge-lang badge-lang-${card.language}`}
          title={t(`editor.cardLanguages.${card.language}`)}
        >
          {card.language.toUpperCase()}
        </span>
        {card.example && <span className="badge badge-example">{t('roleCards.exampleBadge')}</span>}
      </div>
      <div className="card-row-line card-row-sub">
        <span className="card-row-person">{[card.name, person].filter(Boolean).join(' — ') || '\u00a0'}</span>
        {card.pool && <span className="badge badge-pool">{card.pool}</span>}
      </div>
    </div>
  )
})
