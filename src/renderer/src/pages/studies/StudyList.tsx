import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { StudySummary } from '@shared/study'
import { ItemList, ItemRow } from '../../components/ItemList'
import { StackedTrack } from '../../components/StackedProgress'
import { formatDateTime, formatNumber } from '../../lib/format'

/** "42%" of the answers due that are given (0 when nothing is due). */
export const percentDone = (study: Pick<StudySummary, 'answered' | 'due'>) =>
  study.due > 0 ? Math.round((study.answered / study.due) * 100) : 0

export function DesignBadge({ design }: { design: StudySummary['design'] }) {
  const { t } = useTranslation()
  return (
    <span className="badge badge-neutral" data-testid="study-design-badge" data-design={design}>
      {t(`studies.designs.${design}`)}
    </span>
  )
}

const StudyRow = memo(function StudyRow({
  study,
  selected,
  onSelect,
}: {
  study: StudySummary
  selected: boolean
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  return (
    <ItemRow
      className="study-row"
      selected={selected}
      onSelect={() => onSelect(study.id)}
      testId="study-row"
      data={{ 'data-study-id': study.id, 'data-design': study.design }}
    >
      <span className="run-row-line">
        <span className="run-row-name">{study.name}</span>
        <DesignBadge design={study.design} />
      </span>
      <span className="run-row-line run-row-sub">
        <span>
          {t(study.design === 'pairwise' ? 'studies.list.pairs' : 'studies.list.dialogues', {
            count: study.units,
            formatted: formatNumber(study.units),
          })}
          {' · '}
          {t('studies.list.raters', { count: study.raters, formatted: formatNumber(study.raters) })}
        </span>
      </span>
      <StackedTrack className="run-mini-track" segments={[['stacked-completed', study.answered]]} total={study.due} />
      <span className="run-row-line run-row-sub">
        <span data-testid="study-row-progress">
          {t('studies.list.progress', {
            answered: formatNumber(study.answered),
            due: formatNumber(study.due),
            percent: percentDone(study),
          })}
        </span>
        <span>{formatDateTime(study.createdAt)}</span>
      </span>
    </ItemRow>
  )
})

/** The studies, newest first; ↑/↓ move between them. */
export function StudyList({
  studies,
  selectedId,
  onSelect,
}: {
  studies: StudySummary[]
  selectedId: string | null
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  return (
    <ItemList label={t('studies.list.label')} testId="study-list">
      {studies.map((study) => (
        <StudyRow key={study.id} study={study} selected={study.id === selectedId} onSelect={onSelect} />
      ))}
    </ItemList>
  )
}
