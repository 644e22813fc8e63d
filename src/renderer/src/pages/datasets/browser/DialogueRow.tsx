import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { DialogueSummary } from '@shared/dialogue'
import { StatusBadge } from '../../../components/StatusBadge'
import { endReasonShort } from '../../../lib/dialogueText'
import { formatNumber } from '../../../lib/format'
import { formatScore } from '../../../lib/scoreText'

export const dialogueOptionId = (index: number) => `dialogue-option-${index}`

interface DialogueRowProps {
  item: DialogueSummary | undefined
  index: number
  total: number
  active: boolean
  top: number
  height: number
  /** The metric the list is filtered by (the row shows the dialogue's value of it), or null. */
  scoreColumn: { metric: string; analysis: string } | null
  onSelect: (index: number) => void
}

/** One dialogue in the browser list; a placeholder while its page loads. */
export const DialogueRow = memo(function DialogueRow({
  item,
  index,
  total,
  active,
  top,
  height,
  scoreColumn,
  onSelect,
}: DialogueRowProps) {
  const { t } = useTranslation()
  const style = { transform: `translateY(${top}px)`, height }
  if (!item) {
    return (
      <div
        id={dialogueOptionId(index)}
        role="option"
        aria-selected={false}
        aria-posinset={index + 1}
        aria-setsize={total}
        className="card-row card-row-loading"
        style={style}
        aria-busy="true"
      >
        <span className="skeleton-line" />
        <span className="skeleton-line skeleton-short" />
      </div>
    )
  }
  const title = item.title || t('browser.untitled', { id: item.id.slice(0, 8) })
  const facts = [
    t('browser.turns', { count: item.turns }),
    t('browser.chars', { count: item.chars, formatted: formatNumber(item.chars) }),
    endReasonShort(item.endReason),
  ].filter(Boolean)
  return (
    <div
      id={dialogueOptionId(index)}
      role="option"
      aria-selected={active}
      aria-posinset={index + 1}
      aria-setsize={total}
      className={`card-row${active ? ' card-row-active' : ''}`}
      style={style}
      onClick={() => onSelect(index)}
      data-testid="dialogue-row"
      data-dialogue-id={item.id}
      data-index={index}
    >
      <div className="card-row-line">
        <span className="card-row-title">{title}</span>
        {scoreColumn && item.score !== undefined && (
          <span
            className="badge badge-score"
            title={t('browser.scoreRowHint', scoreColumn)}
            data-testid="dialogue-row-score"
            data-value={item.score ?? ''}
          >
            {scoreColumn.metric} {formatScore(item.score)}
          </span>
        )}
        {item.flagged && (
          <span className="badge badge-warning" title={t('browser.flaggedHint')}>
            {t('transcript.flagged')}
          </span>
        )}
        {item.sessionIndex !== null && (
          <span
            className="badge badge-session"
            title={t('browser.sessionBadgeHint', { index: item.sessionIndex, id: item.caseId ?? '' })}
            data-testid="dialogue-row-session"
          >
            {t('browser.sessionBadge', { index: item.sessionIndex })}
          </span>
        )}
        <span className={`badge badge-lang badge-lang-${item.language}`}>{item.language.toUpperCase()}</span>
      </div>
      <div className="card-row-line card-row-sub">
        <span className="card-row-person">{facts.join(' · ')}</span>
        {item.status !== 'completed' && <StatusBadge status={item.status} />}
      </div>
    </div>
  )
})
