import { useCallback, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvaluationSummary } from '@shared/evaluation'
import { api } from '../../api/client'
import { MasterDetailPage } from '../../components/MasterDetailPage'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useEndpoints } from '../../lib/useEndpoints'
import { useLiveList } from '../../lib/useLiveList'
import { useMasterDetailView } from '../../lib/useMasterDetailView'
import { useDatasets } from '../datasets/useDatasets'
import { ComparePanel, preselectComparison } from './compare/ComparePanel'
import { NoEvaluations } from './EmptyStates'
import { EvaluationDetail } from './EvaluationDetail'
import { EvaluationList } from './EvaluationList'
import { NewAnalysisForm } from './form/NewAnalysisForm'

export function EvaluationPage() {
  const { t } = useTranslation()
  const { items: evaluations, error, reload, upsert, remove } = useLiveList(api.listEvaluations, 'evaluation.progress')
  const { datasets, error: datasetsError, reload: reloadDatasets } = useDatasets()
  const { endpoints, error: endpointsError, reload: reloadEndpoints } = useEndpoints()
  const { view, setView, showNewest, showItem, showOtherThan, selected } = useMasterDetailView(
    'evaluation',
    evaluations,
  )

  const names = useMemo(() => new Map((datasets ?? []).map((d) => [d.id, d.name])), [datasets])
  const datasetName = useCallback(
    (id: string) => names.get(id) ?? t('evaluations.deletedDataset', { id: id.slice(0, 8) }),
    [names, t],
  )
  const loadError = error ?? datasetsError ?? endpointsError

  const comparing = view.kind === 'panel' && view.name === 'compare'
  const onStarted = (evaluation: EvaluationSummary) => {
    upsert(evaluation)
    showItem(evaluation.id)
  }
  const onDeleted = (id: string) => {
    remove(id)
    showOtherThan(id)
  }

  return (
    <MasterDetailPage
      className="simulations-page evaluation-page"
      testId="evaluation-page"
      title={t('evaluations.title')}
      count={
        evaluations &&
        t('evaluations.count', { count: evaluations.length, formatted: formatNumber(evaluations.length) })
      }
      countTestId="evaluation-count"
      newButton={{
        label: t('evaluations.newAnalysis'),
        testId: 'new-analysis',
        pressed: view.kind === 'new',
        onClick: () => setView({ kind: 'new' }),
      }}
      actions={
        <button
          type="button"
          className="button"
          onClick={() => (comparing ? showNewest() : setView({ kind: 'panel', name: 'compare' }))}
          aria-pressed={comparing}
          title={t('compare.openHint')}
          data-testid="open-compare"
        >
          {t('compare.open')}
        </button>
      }
      loadError={loadError != null ? t('evaluations.loadFailed', { message: errorMessage(loadError) }) : null}
      onRetry={() => void Promise.all([reload(), reloadDatasets(), reloadEndpoints()])}
      listLabel={t('evaluations.listLabel')}
      items={evaluations}
      renderList={(list) => (
        <EvaluationList
          evaluations={list}
          datasetName={datasetName}
          selectedId={selected?.id ?? null}
          onSelect={showItem}
        />
      )}
      noneText={t('evaluations.noneYet')}
    >
      {view.kind === 'new' && datasets && endpoints && (
        <NewAnalysisForm datasets={datasets} endpoints={endpoints} onStarted={onStarted} onCancel={showNewest} />
      )}
      {view.kind === 'new' && (!datasets || !endpoints) && loadError == null && (
        <p className="muted detail-body">{t('app.loading')}</p>
      )}
      {view.kind === 'item' && selected && (
        <EvaluationDetail
          key={selected.id}
          evaluation={selected}
          datasetName={datasetName}
          endpoints={endpoints ?? []}
          onUpdate={upsert}
          onDeleted={onDeleted}
          onCompare={() => {
            preselectComparison(selected)
            setView({ kind: 'panel', name: 'compare' })
          }}
        />
      )}
      {comparing && evaluations && (
        <ComparePanel
          evaluations={evaluations}
          datasetName={datasetName}
          onNewAnalysis={() => setView({ kind: 'new' })}
          onClose={showNewest}
        />
      )}
      {view.kind === 'none' && evaluations && datasets && (
        <NoEvaluations hasDatasets={datasets.length > 0} onNew={() => setView({ kind: 'new' })} />
      )}
    </MasterDetailPage>
  )
}
