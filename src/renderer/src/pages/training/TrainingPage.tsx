import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrainingJobView } from '@shared/training'
import { api } from '../../api/client'
import { MasterDetailPage } from '../../components/MasterDetailPage'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useLiveList } from '../../lib/useLiveList'
import { useMasterDetailView } from '../../lib/useMasterDetailView'
import { useDatasets } from '../datasets/useDatasets'
import { hasPendingPreferences, NewTrainingForm } from './form/NewTrainingForm'
import { TrainingJobDetail } from './job/TrainingJobDetail'
import { NoTrainingJobs } from './TrainingEmptyStates'
import { TrainingJobList } from './TrainingJobList'

/** Fine-tuning on a GPU server over SSH: the jobs on the left, a job or the new-training form on the right. */
export function TrainingPage() {
  const { t } = useTranslation()
  const { items: jobs, error, reload, upsert, remove } = useLiveList(api.listTrainingJobs, 'training.job')
  const { datasets, error: datasetsError, reload: reloadDatasets } = useDatasets()
  const { view, setView, showNewest, showItem, showOtherThan, selected } = useMasterDetailView('training', jobs)
  const loadError = error ?? datasetsError
  // Sent here by an arena's "Train with these preferences": the new-training form opens on them.
  useEffect(() => {
    if (hasPendingPreferences()) setView({ kind: 'new' })
    // Once, when the page opens: setView is a fresh closure over the page's stable address setter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const onLaunched = (job: TrainingJobView) => {
    upsert(job)
    showItem(job.id)
  }
  const onDeleted = (id: string) => {
    remove(id)
    showOtherThan(id)
  }

  return (
    <MasterDetailPage
      className="simulations-page training-page"
      testId="training-page"
      title={t('training.title')}
      count={jobs && t('training.count', { count: jobs.length, formatted: formatNumber(jobs.length) })}
      countTestId="training-count"
      newButton={{
        label: t('training.newTraining'),
        testId: 'new-training',
        pressed: view.kind === 'new',
        onClick: () => setView({ kind: 'new' }),
      }}
      loadError={loadError != null ? t('training.loadFailed', { message: errorMessage(loadError) }) : null}
      onRetry={() => void Promise.all([reload(), reloadDatasets()])}
      listLabel={t('training.list.label')}
      items={jobs}
      renderList={(list) => <TrainingJobList jobs={list} selectedId={selected?.id ?? null} onSelect={showItem} />}
      noneText={t('training.list.none')}
      noneTestId="training-list-empty"
    >
      {view.kind === 'new' && datasets && (
        <NewTrainingForm datasets={datasets} onLaunched={onLaunched} onCancel={showNewest} />
      )}
      {view.kind === 'new' && !datasets && loadError == null && <p className="muted detail-body">{t('app.loading')}</p>}
      {view.kind === 'item' && selected && (
        <TrainingJobDetail key={selected.id} job={selected} onUpdate={upsert} onDeleted={onDeleted} />
      )}
      {view.kind === 'none' && jobs && datasets && (
        <NoTrainingJobs hasDatasets={datasets.length > 0} onNew={() => setView({ kind: 'new' })} />
      )}
    </MasterDetailPage>
  )
}
