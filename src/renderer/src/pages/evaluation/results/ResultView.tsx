import { useCallback, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvaluationKind, EvaluationResult, ResultOf } from '@shared/evaluation'
import { api } from '../../../api/client'
import type { Provenance } from '../figure/provenance'
import { ConsistencyTable } from './ConsistencyTable'
import { CtrsFigure } from './CtrsFigure'
import { CtrsItemsTable } from './CtrsItemsTable'
import { DistinctFigure, DistinctTable } from './DistinctFigure'
import { EmbeddingRunNote } from './EmbeddingRunNote'
import { FidelityFigure } from './FidelityFigure'
import { PanasFeelingsTable } from './PanasFeelingsTable'
import { PanasFigure } from './PanasFigure'
import { StatsTable } from './StatsTable'
import { TableExport } from './TableExport'
import { TopicsFigure } from './TopicsFigure'
import { WaiFigure } from './WaiFigure'
import { WaiItemsTable } from './WaiItemsTable'
import { DialogueScoresSection } from './DialogueScoresSection'
import { SessionGroupsSection } from './SessionGroupsSection'
import { useVocabulary } from './useVocabulary'
import { metricLabel } from '../../../lib/scoreText'
import { DrillContext, type DrillTarget } from './drill'

interface ResultViewProps {
  evaluationId: string
  datasetIds: string[]
  result: EvaluationResult
  datasetName: (id: string) => string
  provenance: Provenance
  /** Several datasets: opens the comparison panel on this analysis (paired tests, Holm). */
  onCompare?: () => void
}

interface KindViewProps<K extends EvaluationKind> {
  result: ResultOf<K>
  datasetName: (id: string) => string
  provenance: Provenance
}

const fidelityView = ({
  result,
  datasetName,
  provenance,
}: Omit<KindViewProps<'overlap'>, 'result'> & { result: ResultOf<'overlap'> | ResultOf<'embedding'> }) => (
  <>
    {'run' in result && result.run && (
      <EmbeddingRunNote
        run={result.run}
        maxTokens={
          result.run.maxTokens ?? Number((provenance.data.settings as { maxTokens?: number }).maxTokens ?? 8192)
        }
      />
    )}
    {result.datasets.map((d) => (
      <FidelityFigure
        key={d.datasetId}
        kind={result.kind}
        several={result.datasets.length > 1}
        result={d}
        datasetName={datasetName(d.datasetId)}
        provenance={provenance}
      />
    ))}
  </>
)

/**
 * The tables and figures of every kind in the registry (src/shared/evaluations; what each draws is its
 * `outputs.figures`), so the compiler asks for a view of each.
 */
const RESULT_VIEWS: { [K in EvaluationKind]: (props: KindViewProps<K>) => ReactNode } = {
  stats: ({ result }) => <StatsTable datasets={result.datasets} />,
  overlap: fidelityView,
  embedding: fidelityView,
  topics: ({ result, datasetName, provenance }) => (
    <TopicsFigure
      datasets={result.datasets}
      comparison={result.comparison}
      datasetName={datasetName}
      provenance={provenance}
    />
  ),
  wai: ({ result, datasetName, provenance }) => (
    <>
      <WaiFigure
        datasets={result.datasets}
        comparison={result.comparison}
        datasetName={datasetName}
        provenance={provenance}
      />
      <WaiItemsTable datasets={result.datasets} datasetName={datasetName} itemScoring={result.itemScoring} />
    </>
  ),
  ctrs: ({ result, datasetName, provenance }) => (
    <>
      <CtrsFigure
        datasets={result.datasets}
        comparison={result.comparison}
        datasetName={datasetName}
        provenance={provenance}
      />
      <CtrsItemsTable datasets={result.datasets} comparison={result.comparison} datasetName={datasetName} />
    </>
  ),
  panas: ({ result, datasetName, provenance }) => (
    <>
      <PanasFigure
        datasets={result.datasets}
        comparison={result.comparison}
        datasetName={datasetName}
        provenance={provenance}
      />
      <PanasFeelingsTable datasets={result.datasets} datasetName={datasetName} />
    </>
  ),
  distinct: ({ result, datasetName, provenance }) => (
    <>
      <DistinctFigure result={result} datasetName={datasetName} provenance={provenance} />
      <DistinctTable result={result} datasetName={datasetName} />
    </>
  ),
  consistency: ({ result, datasetName }) => (
    <ConsistencyTable datasets={result.datasets} comparison={result.comparison} datasetName={datasetName} />
  ),
}

/** The finished analysis: its table (exportable as CSV, Markdown, LaTeX) and figures with their statistics. */
export function ResultView({ evaluationId, datasetIds, result, datasetName, provenance, onCompare }: ResultViewProps) {
  const { t } = useTranslation()
  const KindView = RESULT_VIEWS[result.kind] as (props: KindViewProps<EvaluationKind>) => ReactNode
  const [target, setTarget] = useState<DrillTarget | null>(null)
  const { topicLabel } = useVocabulary()
  const section = useRef<HTMLElement>(null)
  // A click on a bar, bin or row shows the dialogues behind it below, and moves there.
  const drill = useCallback((next: DrillTarget) => {
    setTarget({ ...next })
    requestAnimationFrame(() => {
      section.current?.scrollIntoView({ block: 'start', behavior: 'smooth' })
      section.current?.focus({ preventScroll: true })
    })
  }, [])
  const labelOf = (metric: string) => metricLabel(t, metric)
  return (
    <section
      className="result-view"
      aria-label={t('results.title')}
      data-testid="evaluation-result"
      data-kind={result.kind}
    >
      <div className="section-title-row result-header">
        <h3>{t('results.title')}</h3>
        <span className="spacer" />
        {onCompare && (
          <button
            type="button"
            className="button button-small"
            onClick={onCompare}
            title={t('results.compareHint')}
            data-testid="result-compare"
          >
            {t('results.compare')}
          </button>
        )}
        <TableExport exportTable={(format) => api.exportEvaluationTable({ id: evaluationId, format })} />
      </div>
      <DrillContext.Provider value={drill}>
        <KindView result={result} datasetName={datasetName} provenance={provenance} />
        <SessionGroupsSection evaluationId={evaluationId} metricLabel={labelOf} />
      </DrillContext.Provider>
      <DialogueScoresSection
        ref={section}
        evaluationId={evaluationId}
        datasetIds={datasetIds}
        datasetName={datasetName}
        target={target}
        metricLabel={labelOf}
        labelText={topicLabel}
      />
    </section>
  )
}
