import { useTranslation } from 'react-i18next'
import type { EvaluationResult } from '@shared/evaluation'
import { api } from '../../../api/client'
import type { Provenance } from '../figure/provenance'
import { FidelityFigure } from './FidelityFigure'
import { StatsTable } from './StatsTable'
import { TableExport } from './TableExport'
import { TopicsFigure } from './TopicsFigure'
import { WaiFigure } from './WaiFigure'
import { WaiItemsTable } from './WaiItemsTable'

interface ResultViewProps {
  evaluationId: string
  result: EvaluationResult
  datasetName: (id: string) => string
  provenance: Provenance
}

/** The finished analysis: its table (exportable as CSV, Markdown, LaTeX) and figures with their statistics. */
export function ResultView({ evaluationId, result, datasetName, provenance }: ResultViewProps) {
  const { t } = useTranslation()
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
        <TableExport exportTable={(format) => api.exportEvaluationTable({ id: evaluationId, format })} />
      </div>
      {result.kind === 'stats' && <StatsTable datasets={result.datasets} />}
      {(result.kind === 'overlap' || result.kind === 'embedding') &&
        result.datasets.map((d) => (
          <FidelityFigure
            key={d.datasetId}
            kind={result.kind}
            several={result.datasets.length > 1}
            result={d}
            datasetName={datasetName(d.datasetId)}
            provenance={provenance}
          />
        ))}
      {result.kind === 'topics' && (
        <TopicsFigure
          datasets={result.datasets}
          comparison={result.comparison}
          datasetName={datasetName}
          provenance={provenance}
        />
      )}
      {result.kind === 'wai' && (
        <>
          <WaiFigure
            datasets={result.datasets}
            comparison={result.comparison}
            datasetName={datasetName}
            provenance={provenance}
          />
          <WaiItemsTable datasets={result.datasets} datasetName={datasetName} />
        </>
      )}
    </section>
  )
}
