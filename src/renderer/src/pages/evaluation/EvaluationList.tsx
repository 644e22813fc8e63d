import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvaluationSummary } from '@shared/evaluation'
import { StatusBadge } from '../../components/StatusBadge'
import { ItemList, ItemRow } from '../../components/ItemList'
import { StackedTrack } from '../../components/StackedProgress'
import { formatDateTime, formatNumber } from '../../lib/format'

/** Share of the job done, 0..100 (a completed job is full even when its total was unknown). */
export function percentDone(evaluation: EvaluationSummary): number {
  const { done, total } = evaluation.progress
  if (evaluation.status === 'completed') return 100
  return total > 0 ? Math.min(100, (done / total) * 100) : 0
}

interface RowProps {
  evaluation: EvaluationSummary
  datasetName: (id: string) => string
  selected: boolean
  onSelect: (id: string) => void
}

const EvaluationRow = memo(function EvaluationRow({ evaluation, datasetName, selected, onSelect }: RowProps) {
  const { t } = useTranslation()
  const { done, total, failures } = evaluation.progress
  const datasets = evaluation.datasetIds.map(datasetName).join(' · ')
  return (
    <ItemRow
      className="eval-row"
      selected={selected}
      onSelect={() => onSelect(evaluation.id)}
      testId="evaluation-row"
      data={{ 'data-evaluation-id': evaluation.id, 'data-status': evaluation.status }}
    >
      <span className="run-row-line">
        <span className="run-row-name">{evaluation.name}</span>
        <StatusBadge status={evaluation.status} testId="evaluation-row-status" />
      </span>
      <span className="run-row-line run-row-sub">
        <span className="eval-row-kind">{t(`evaluations.kinds.${evaluation.kind}`)}</span>
        <span className="eval-row-datasets" title={datasets}>
          {datasets}
        </span>
      </span>
      <StackedTrack
        className="run-mini-track"
        segments={[
          [
            evaluation.status === 'failed'
              ? 'stacked-failed'
              : evaluation.status === 'completed'
                ? 'stacked-completed'
                : 'stacked-running',
            percentDone(evaluation),
          ],
        ]}
        total={100}
      />
      <span className="run-row-line run-row-sub">
        <span data-testid="evaluation-row-progress">
          {t('evaluations.progressShort', { done: formatNumber(done), total: formatNumber(total) })}
          {failures > 0 && (
            <span className="eval-failures">
              {' '}
              · {t('evaluations.failuresShort', { count: failures, formatted: formatNumber(failures) })}
            </span>
          )}
        </span>
        <span>{formatDateTime(evaluation.createdAt)}</span>
      </span>
    </ItemRow>
  )
})

/** The evaluations, newest first; ↑/↓ move between them. */
export function EvaluationList({
  evaluations,
  datasetName,
  selectedId,
  onSelect,
}: {
  evaluations: EvaluationSummary[]
  datasetName: (id: string) => string
  selectedId: string | null
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  return (
    <ItemList label={t('evaluations.listLabel')} testId="evaluation-list">
      {evaluations.map((evaluation) => (
        <EvaluationRow
          key={evaluation.id}
          evaluation={evaluation}
          datasetName={datasetName}
          selected={evaluation.id === selectedId}
          onSelect={onSelect}
        />
      ))}
    </ItemList>
  )
}
