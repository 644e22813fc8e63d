import { useTranslation } from 'react-i18next'
import type { StudyView } from '@shared/study'
import { api } from '../../api/client'
import { MasterDetailPage } from '../../components/MasterDetailPage'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useEndpoints } from '../../lib/useEndpoints'
import { useLiveList } from '../../lib/useLiveList'
import { useLoaded } from '../../lib/useLoaded'
import { useMasterDetailView } from '../../lib/useMasterDetailView'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'
import { StudyDetail } from './detail/StudyDetail'
import { NewStudyForm } from './form/NewStudyForm'
import { NoStudies } from './NoStudies'
import { useRateRoute } from './rateRoute'
import { RatePage } from './rate/RatePage'
import { StudyList } from './StudyList'
import './studies.css'

/** Rating studies: the owner's list, form and results; a rating address (`#/rate/<id>`) shows the rater's view. */
export function StudiesPage() {
  const { route, open, close } = useRateRoute()
  if (route) return <RatePage studyId={route.studyId} rater={route.rater} onClose={close} />
  return <StudiesWorkspace onRate={open} />
}

function StudiesWorkspace({ onRate }: { onRate: (studyId: string, rater?: string) => void }) {
  const { t } = useTranslation()
  const { items: studies, error, reload, upsert, remove } = useLiveList(api.listStudies, 'study.changed')
  const datasets = useLoaded(() => api.listDatasets(), [])
  const { endpoints, error: endpointsError, reload: reloadEndpoints } = useEndpoints()
  const { view, setView, showNewest, showItem, showOtherThan, selected } = useMasterDetailView('studies', studies)
  const loadError = error ?? datasets.error ?? endpointsError
  useWorkbenchEvent('study.changed', (study) => {
    if (study.deleted) remove(study.id)
  })

  const onCreated = (study: StudyView) => {
    upsert(study)
    showItem(study.id)
  }
  const onDeleted = (id: string) => {
    remove(id)
    showOtherThan(id)
  }

  return (
    <MasterDetailPage
      className="simulations-page studies-page"
      testId="studies-page"
      title={t('studies.title')}
      count={studies && t('studies.list.count', { count: studies.length, formatted: formatNumber(studies.length) })}
      countTestId="studies-count"
      newButton={{
        label: t('studies.list.new'),
        testId: 'new-study',
        pressed: view.kind === 'new',
        onClick: () => setView({ kind: 'new' }),
      }}
      loadError={loadError != null ? t('studies.list.loadFailed', { message: errorMessage(loadError) }) : null}
      onRetry={() => void Promise.all([reload(), datasets.reload(), reloadEndpoints()])}
      listLabel={t('studies.list.label')}
      items={studies}
      renderList={(list) => <StudyList studies={list} selectedId={selected?.id ?? null} onSelect={showItem} />}
      noneText={t('studies.list.none')}
      noneTestId="studies-none"
    >
      {view.kind === 'new' && <NewStudyForm datasets={datasets.value} onCreated={onCreated} onCancel={showNewest} />}
      {view.kind === 'item' && selected && (
        <StudyDetail
          key={selected.id}
          summary={selected}
          endpoints={endpoints ?? []}
          onUpdate={upsert}
          onDeleted={onDeleted}
          onRate={onRate}
        />
      )}
      {view.kind === 'none' && studies && datasets.value && (
        <NoStudies hasDatasets={datasets.value.length > 0} onNew={() => setView({ kind: 'new' })} />
      )}
    </MasterDetailPage>
  )
}
