import { useTranslation } from 'react-i18next'
import type { ArenaSummary } from '@shared/arena'
import { api } from '../../api/client'
import { MasterDetailPage } from '../../components/MasterDetailPage'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useEndpoints } from '../../lib/useEndpoints'
import { useLiveList } from '../../lib/useLiveList'
import { useMasterDetailView } from '../../lib/useMasterDetailView'
import { AnnotationView } from './annotate/AnnotationView'
import { useAnnotationRoute } from './annotationRoute'
import { ArenaList } from './ArenaList'
import { ArenaDetail } from './detail/ArenaDetail'
import { NoArenas } from './NoArenas'
import { NewArenaForm } from './form/NewArenaForm'

/**
 * The counselor arena: arenas on the left, one arena (or the new-arena form) on the right; `#/annotate/<id>` opens the
 * annotation view.
 */
export function ArenaPage() {
  const route = useAnnotationRoute()
  if (route.arenaId) return <AnnotationView arenaId={route.arenaId} onLeave={route.close} />
  return <ArenaWorkspace onAnnotate={route.open} />
}

function ArenaWorkspace({ onAnnotate }: { onAnnotate: (arenaId: string) => void }) {
  const { t } = useTranslation()
  const { items: arenas, error, reload, upsert, remove } = useLiveList(api.listArenas, 'arena.progress')
  const { endpoints, error: endpointsError, reload: reloadEndpoints } = useEndpoints()
  const { view, setView, showNewest, showItem, showOtherThan, selected } = useMasterDetailView('arena', arenas)
  const loadError = error ?? endpointsError

  const onStarted = (arena: ArenaSummary) => {
    upsert(arena)
    showItem(arena.id)
  }
  const onDeleted = (id: string) => {
    remove(id)
    showOtherThan(id)
  }

  return (
    <MasterDetailPage
      className="simulations-page arena-page"
      testId="arena-page"
      title={t('arena.title')}
      count={arenas && t('arena.list.count', { count: arenas.length, formatted: formatNumber(arenas.length) })}
      countTestId="arena-count"
      newButton={{
        label: t('arena.list.new'),
        testId: 'new-arena',
        pressed: view.kind === 'new',
        onClick: () => setView({ kind: 'new' }),
      }}
      loadError={loadError != null ? t('arena.list.loadFailed', { message: errorMessage(loadError) }) : null}
      onRetry={() => void Promise.all([reload(), reloadEndpoints()])}
      listLabel={t('arena.list.label')}
      items={arenas}
      renderList={(list) => <ArenaList arenas={list} selectedId={selected?.id ?? null} onSelect={showItem} />}
      noneText={t('arena.list.none')}
    >
      {view.kind === 'new' && <NewArenaForm endpoints={endpoints} onStarted={onStarted} onCancel={showNewest} />}
      {view.kind === 'item' && selected && (
        <ArenaDetail
          key={selected.id}
          arena={selected}
          arenas={arenas ?? []}
          endpoints={endpoints ?? []}
          onUpdate={upsert}
          onDeleted={onDeleted}
          onAnnotate={onAnnotate}
        />
      )}
      {view.kind === 'none' && arenas && endpoints && (
        <NoArenas hasEndpoints={endpoints.length > 0} onNew={() => setView({ kind: 'new' })} />
      )}
    </MasterDetailPage>
  )
}
