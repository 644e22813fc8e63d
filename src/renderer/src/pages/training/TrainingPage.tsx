import { useTranslation } from 'react-i18next'
import type { TrainingJobView } from '@shared/training'
import { ErrorBanner } from '../../components/ErrorBanner'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useMasterDetailView, viewMemory } from '../../lib/useMasterDetailView'
import { useDatasets } from '../datasets/useDatasets'
import { NewTrainingForm } from './form/NewTrainingForm'
import { TrainingJobDetail } from './job/TrainingJobDetail'
import { NoTrainingJobs } from './TrainingEmptyStates'
import { TrainingJobList } from './TrainingJobList'
import { useTrainingJobs } from './useTrainingJobs'

const memory = viewMemory()

/** Fine-tuning on a GPU server over SSH: the jobs on the left, a job or the new-training form on the right. */
export function TrainingPage() {
  const { t } = useTranslation()
  const { jobs, error, reload, upsert, remove } = useTrainingJobs()
  const { datasets, error: datasetsError, reload: reloadDatasets } = useDatasets()
  const { view, setView, showNewest } = useMasterDetailView(memory, jobs, null)

  const selected = view.kind === 'item' ? (jobs?.find((job) => job.id === view.id) ?? null) : null
  const loadError = error ?? datasetsError

  const onLaunched = (job: TrainingJobView) => {
    upsert(job)
    setView({ kind: 'item', id: job.id })
  }
  const onDeleted = (id: string) => {
    remove(id)
    const next = jobs?.find((job) => job.id !== id)
    setView(next ? { kind: 'item', id: next.id } : { kind: 'none' })
  }

  return (
    <div className="simulations-page training-page" data-testid="training-page">
      <header className="page-header">
        <div className="page-title">
          <h1>{t('training.title')}</h1>
          {jobs && (
            <span className="muted" data-testid="training-count">
              {t('training.count', { count: jobs.length, formatted: formatNumber(jobs.length) })}
            </span>
          )}
        </div>
        <button type="button" className="button button-primary" onClick={() => setView({ kind: 'new' })} aria-pressed={view.kind === 'new'} data-testid="new-training">
          {t('training.newTraining')}
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
          {t('training.loadFailed', { message: errorMessage(loadError) })}
        </ErrorBanner>
      )}
      <div className="split">
        <section className="list-pane" aria-label={t('training.list.label')}>
          {jobs && jobs.length > 0 ? (
            <TrainingJobList jobs={jobs} selectedId={selected?.id ?? null} onSelect={(id) => setView({ kind: 'item', id })} />
          ) : (
            <p className="empty-inline list-empty" data-testid="training-list-empty">
              {jobs ? t('training.list.none') : t('app.loading')}
            </p>
          )}
        </section>
        <div className="detail-pane">
          {view.kind === 'new' && datasets && <NewTrainingForm datasets={datasets} onLaunched={onLaunched} onCancel={showNewest} />}
          {view.kind === 'new' && !datasets && loadError == null && <p className="muted detail-body">{t('app.loading')}</p>}
          {view.kind === 'item' && selected && <TrainingJobDetail key={selected.id} job={selected} onUpdate={upsert} onDeleted={onDeleted} />}
          {view.kind === 'none' && jobs && datasets && <NoTrainingJobs hasDatasets={datasets.length > 0} onNew={() => setView({ kind: 'new' })} />}
        </div>
      </div>
    </div>
  )
}
