import { useCallback, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvaluationSummary } from '@shared/evaluation'
import { ErrorBanner } from '../../components/ErrorBanner'
import type { PageTarget } from '../../components/Navigation'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useEndpoints } from '../../lib/useEndpoints'
import { useMasterDetailView, viewMemory } from '../../lib/useMasterDetailView'
import { useDatasets } from '../datasets/useDatasets'
import { NoEvaluations } from './EmptyStates'
import { EvaluationDetail } from './EvaluationDetail'
import { EvaluationList } from './EvaluationList'
import { NewAnalysisForm } from './form/NewAnalysisForm'
import { useEvaluations } from './useEvaluations'

const memory = viewMemory()

export function EvaluationPage({ target }: { target: PageTarget | null }) {
  const { t } = useTranslation()
  const { evaluations, error, reload, upsert, remove } = useEvaluations()
  const { datasets, error: datasetsError, reload: reloadDatasets } = useDatasets()
  const { endpoints, error: endpointsError } = useEndpoints()
  const { view, setView, showNewest } = useMasterDetailView(memory, evaluations, target ? { seq: target.seq, id: target.evaluationId } : null)

  const names = useMemo(() => new Map((datasets ?? []).map((d) => [d.id, d.name])), [datasets])
  const datasetName = useCallback((id: string) => names.get(id) ?? t('evaluations.deletedDataset', { id: id.slice(0, 8) }), [names, t])
  const selected = view.kind === 'item' ? (evaluations?.find((e) => e.id === view.id) ?? null) : null
  const loadError = error ?? datasetsError ?? endpointsError

  const onStarted = (evaluation: EvaluationSummary) => {
    upsert(evaluation)
    setView({ kind: 'item', id: evaluation.id })
  }
  const onDeleted = (id: string) => {
    remove(id)
    const next = evaluations?.find((e) => e.id !== id)
    setView(next ? { kind: 'item', id: next.id } : { kind: 'none' })
  }
  const backFromForm = showNewest

  return (
    <div className="simulations-page evaluation-page" data-testid="evaluation-page">
      <header className="page-header">
        <div className="page-title">
          <h1>{t('evaluations.title')}</h1>
          {evaluations && (
            <span className="muted" data-testid="evaluation-count">
              {t('evaluations.count', { count: evaluations.length, formatted: formatNumber(evaluations.length) })}
            </span>
          )}
        </div>
        <button type="button" className="button button-primary" onClick={() => setView({ kind: 'new' })} aria-pressed={view.kind === 'new'} data-testid="new-analysis">
          {t('evaluations.newAnalysis')}
        </button>
      </header>
      {loadError != null && (
        <ErrorBanner
          actions={
            <button type="button" className="button" onClick={() => void Promise.all([reload(), reloadDatasets()])}>
              {t('common.retry')}
            </button>
          }
        >
          {t('evaluations.loadFailed', { message: errorMessage(loadError) })}
        </ErrorBanner>
      )}
      <div className="split">
        <section className="list-pane" aria-label={t('evaluations.listLabel')}>
          {evaluations && evaluations.length > 0 ? (
            <EvaluationList evaluations={evaluations} datasetName={datasetName} selectedId={selected?.id ?? null} onSelect={(id) => setView({ kind: 'item', id })} />
          ) : (
            <p className="empty-inline list-empty">{evaluations ? t('evaluations.noneYet') : t('app.loading')}</p>
          )}
        </section>
        <div className="detail-pane">
          {view.kind === 'new' && datasets && endpoints && <NewAnalysisForm datasets={datasets} endpoints={endpoints} onStarted={onStarted} onCancel={backFromForm} />}
          {view.kind === 'new' && (!datasets || !endpoints) && loadError == null && <p className="muted detail-body">{t('app.loading')}</p>}
          {view.kind === 'item' && selected && (
            <EvaluationDetail key={selected.id} evaluation={selected} datasetName={datasetName} endpoints={endpoints ?? []} onUpdate={upsert} onDeleted={onDeleted} />
          )}
          {view.kind === 'none' && evaluations && datasets && <NoEvaluations hasDatasets={datasets.length > 0} onNew={() => setView({ kind: 'new' })} />}
        </div>
      </div>
    </div>
  )
}
