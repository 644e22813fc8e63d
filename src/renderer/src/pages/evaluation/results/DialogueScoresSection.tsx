import { forwardRef, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvaluationScoresPage } from '@shared/evaluation'
import { api } from '../../../api/client'
import { DataTable } from '../../../components/DataTable'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { useNavigate } from '../../../components/Navigation'
import { useToast } from '../../../components/Toasts'
import { downloadFile } from '../../../lib/download'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import type { DrillTarget } from './drill'
import { formatScore } from '../../../lib/scoreText'
import { num } from './statText'

const PAGE = 50

/**
 * Every dialogue's results in this analysis: sorted by one metric, cut to a dataset or a value range by a click on a
 * figure, each row opening its transcript; exportable as CSV (dialogue and source ids, one column per metric).
 */
export const DialogueScoresSection = forwardRef<
  HTMLElement,
  {
    evaluationId: string
    datasetIds: string[]
    datasetName: (id: string) => string
    target: DrillTarget | null
    /** The metric's label in the UI language (known ones are translated; others shown as stored). */
    metricLabel: (metric: string) => string
    /** A stored label (a topic id) in the UI language. */
    labelText?: (label: string) => string
  }
>(function DialogueScoresSection(
  { evaluationId, datasetIds, datasetName, target, metricLabel, labelText = (label) => label },
  ref,
) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const toast = useToast()
  const [query, setQuery] = useState<DrillTarget | null>(target)
  const [limit, setLimit] = useState(PAGE)
  const [page, setPage] = useState<EvaluationScoresPage | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [exporting, setExporting] = useState(false)

  useEffect(() => {
    setQuery(target)
    setLimit(PAGE)
  }, [target])

  useEffect(() => {
    let live = true
    api
      .listEvaluationScores({
        id: evaluationId,
        metric: query?.metric,
        datasetId: query?.datasetId,
        label: query?.label,
        min: query?.min,
        max: query?.max,
        sessionIndex: query?.sessionIndex,
        order: query?.order ?? 'asc',
        limit,
      })
      .then((p) => live && (setPage(p), setError(null)))
      .catch((e: unknown) => live && setError(e))
    return () => {
      live = false
    }
  }, [evaluationId, query, limit])

  const exportCsv = async () => {
    setExporting(true)
    try {
      downloadFile(await api.exportEvaluationScores({ id: evaluationId }))
    } catch (e) {
      toast({ kind: 'error', message: t('results.tableExportFailed', { message: errorMessage(e) }) })
    } finally {
      setExporting(false)
    }
  }

  const metric = page?.metric ?? null
  const set = (patch: Partial<DrillTarget>) => {
    setQuery({ ...(query ?? { metric: metric ?? '' }), ...patch })
    setLimit(PAGE)
  }
  const cut = query?.min !== undefined || query?.max !== undefined
  // The dataset browser filters one dataset: the one chosen here, or the analysis's only one.
  const browseDataset = query?.datasetId ?? (datasetIds.length === 1 ? datasetIds[0] : null)
  // The sort metric first, then the others in the analysis's order.
  const columns = page ? [...(metric ? [metric] : []), ...page.metrics.filter((m) => m !== metric)] : []

  return (
    <section
      ref={ref}
      className="result-section"
      aria-labelledby="per-dialogue-title"
      data-testid="per-dialogue"
      tabIndex={-1}
    >
      <div className="section-title-row">
        <h3 id="per-dialogue-title">{t('results.perDialogue.title')}</h3>
        <span className="spacer" />
        {page && page.metrics.length > 0 && (
          <button
            type="button"
            className="button button-small"
            onClick={() => void exportCsv()}
            disabled={exporting}
            title={t('results.perDialogue.exportHint')}
            data-testid="per-dialogue-export"
          >
            {t('results.perDialogue.export')}
          </button>
        )}
      </div>
      {error != null && <ErrorBanner>{errorMessage(error)}</ErrorBanner>}
      {page && page.metrics.length === 0 && <p className="muted small">{t('results.perDialogue.none')}</p>}
      {page && metric && (
        <>
          <p className="muted small">{t('results.perDialogue.help')}</p>
          <div className="button-row per-dialogue-controls">
            <label className="inline-field">
              <span>{t('results.perDialogue.sortBy')}</span>
              <select
                value={metric}
                onChange={(e) => set({ metric: e.target.value, min: undefined, max: undefined, label: undefined })}
                data-testid="per-dialogue-metric"
              >
                {page.metrics.map((m) => (
                  <option key={m} value={m}>
                    {metricLabel(m)}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              <span>{t('results.perDialogue.order')}</span>
              <select
                value={query?.order ?? 'asc'}
                onChange={(e) => set({ order: e.target.value as 'asc' | 'desc' })}
                data-testid="per-dialogue-order"
              >
                <option value="asc">{t('results.perDialogue.lowestFirst')}</option>
                <option value="desc">{t('results.perDialogue.highestFirst')}</option>
              </select>
            </label>
            {datasetIds.length > 1 && (
              <label className="inline-field">
                <span>{t('results.perDialogue.dataset')}</span>
                <select
                  value={query?.datasetId ?? ''}
                  onChange={(e) => set({ datasetId: e.target.value || undefined })}
                  data-testid="per-dialogue-dataset"
                >
                  <option value="">{t('results.perDialogue.allDatasets')}</option>
                  {datasetIds.map((id) => (
                    <option key={id} value={id}>
                      {datasetName(id)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {query?.label !== undefined && (
              <button
                type="button"
                className="button button-small"
                onClick={() => set({ label: undefined })}
                title={t('results.perDialogue.clearRangeHint')}
                data-testid="per-dialogue-clear-label"
              >
                {t('results.perDialogue.labelled', { metric: metricLabel(metric), label: labelText(query.label) })} ×
              </button>
            )}
            {cut && (
              <button
                type="button"
                className="button button-small"
                onClick={() => set({ min: undefined, max: undefined })}
                title={t('results.perDialogue.clearRangeHint')}
                data-testid="per-dialogue-clear-range"
              >
                {t('results.perDialogue.range', {
                  metric: metricLabel(metric),
                  min: query?.min === undefined ? '−∞' : num(query.min),
                  max: query?.max === undefined ? '∞' : num(query.max),
                })}{' '}
                ×
              </button>
            )}
            {query?.sessionIndex !== undefined && (
              <button
                type="button"
                className="button button-small"
                onClick={() => set({ sessionIndex: undefined })}
                title={t('results.perDialogue.clearRangeHint')}
                data-testid="per-dialogue-clear-session"
              >
                {t('results.bySession.sessionN', { index: query.sessionIndex })} ×
              </button>
            )}
            {browseDataset && query?.label === undefined && query?.sessionIndex === undefined && (
              <button
                type="button"
                className="button button-small"
                onClick={() =>
                  navigate('datasets', {
                    datasetId: browseDataset,
                    score: { evaluationId, metric, min: query?.min, max: query?.max },
                  })
                }
                title={t('results.perDialogue.browseHint')}
                data-testid="per-dialogue-browse"
              >
                {t('results.perDialogue.browse')}
              </button>
            )}
            <span className="muted small" data-testid="per-dialogue-total">
              {t('results.perDialogue.count', { count: page.total, formatted: formatNumber(page.total) })}
            </span>
          </div>
          <DataTable
            columns={[
              { label: '#', numeric: true },
              { label: t('results.perDialogue.dialogue') },
              ...(datasetIds.length > 1 ? [{ label: t('results.perDialogue.dataset') }] : []),
              ...columns.map((m) => ({ label: metricLabel(m), numeric: true })),
            ]}
            className="result-table per-dialogue-table"
            scrollClassName="per-dialogue-scroll"
            testId="per-dialogue-table"
          >
            {page.items.map((row, i) => (
              <tr key={row.dialogueId} data-testid="per-dialogue-row" data-dialogue={row.dialogueId}>
                <td className="numeric muted">{i + 1}</td>
                <td className="per-dialogue-title">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => navigate('datasets', { datasetId: row.datasetId, dialogueId: row.dialogueId })}
                    title={t('results.openDialogue')}
                  >
                    {row.title}
                  </button>
                  <span className="muted small mono"> {row.sourceId ?? row.dialogueId.slice(0, 8)}</span>
                </td>
                {datasetIds.length > 1 && <td>{datasetName(row.datasetId)}</td>}
                {columns.map((m) => (
                  <td key={m} className={m === metric ? 'numeric strong' : 'numeric'}>
                    {row.labels[m] !== undefined ? labelText(row.labels[m]) : formatScore(row.values[m])}
                  </td>
                ))}
              </tr>
            ))}
          </DataTable>
          {page.items.length < page.total && (
            <button
              type="button"
              className="button button-small"
              onClick={() => setLimit((n) => Math.min(10000, n + PAGE * 4))}
              data-testid="per-dialogue-more"
            >
              {t('results.perDialogue.more', { shown: page.items.length, total: page.total })}
            </button>
          )}
        </>
      )}
    </section>
  )
})
