import { useTranslation } from 'react-i18next'
import type { ArenaSummary } from '@shared/arena'
import { ErrorBanner } from '../../components/ErrorBanner'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useEndpoints } from '../../lib/useEndpoints'
import { useMasterDetailView, viewMemory } from '../../lib/useMasterDetailView'
import { AnnotationView } from './annotate/AnnotationView'
import { useAnnotationRoute } from './annotationRoute'
import { ArenaList } from './ArenaList'
import { ArenaDetail } from './detail/ArenaDetail'
import { NoArenas } from './NoArenas'
import { NewArenaForm } from './form/NewArenaForm'
import { useArenas } from './useArenas'

const memory = viewMemory()

/** The counselor arena: arenas on the left, one arena (or the new-arena form) on the right; `#/annotate/<id>` opens the annotation view. */
export function ArenaPage() {
  const route = useAnnotationRoute()
  if (route.arenaId) return <AnnotationView arenaId={route.arenaId} onLeave={route.close} />
  return <ArenaWorkspace onAnnotate={route.open} />
}

function ArenaWorkspace({ onAnnotate }: { onAnnotate: (arenaId: string) => void }) {
  const { t } = useTranslation()
  const { arenas, error, reload, upsert, remove } = useArenas()
  const { endpoints, error: endpointsError, reload: reloadEndpoints } = useEndpoints()
  const { view, setView, showNewest } = useMasterDetailView(memory, arenas, null)
  const selected = view.kind === 'item' ? (arenas?.find((arena) => arena.id === view.id) ?? null) : null
  const loadError = error ?? endpointsError

  const onStarted = (arena: ArenaSummary) => {
    upsert(arena)
    setView({ kind: 'item', id: arena.id })
  }
  const onDeleted = (id: string) => {
    remove(id)
    const next = arenas?.find((arena) => arena.id !== id)
    setView(next ? { kind: 'item', id: next.id } : { kind: 'none' })
  }

  return (
    <div className="simulations-page arena-page" data-testid="arena-page">
      <header className="page-header">
        <div className="page-title">
          <h1>{t('arena.title')}</h1>
          {arenas && (
            <span className="muted" data-testid="arena-count">
              {t('arena.list.count', { count: arenas.length, formatted: formatNumber(arenas.length) })}
            </span>
          )}
        </div>
        <button type="button" className="button button-primary" onClick={() => setView({ kind: 'new' })} aria-pressed={view.kind === 'new'} data-testid="new-arena">
          {t('arena.list.new')}
        </button>
      </header>
      {loadError != null && (
        <ErrorBanner
          actions={
            <button type="button" className="button" onClick={() => void Promise.all([reload(), reloadEndpoints()])}>
              {t('common.retry')}
            </button>
          }
        >
          {t('arena.list.loadFailed', { message: errorMessage(loadError) })}
        </ErrorBanner>
      )}
      <div className="split">
        <section className="list-pane" aria-label={t('arena.list.label')}>
          {arenas && arenas.length > 0 ? (
            <ArenaList arenas={arenas} selectedId={selected?.id ?? null} onSelect={(id) => setView({ kind: 'item', id })} />
          ) : (
            <p className="empty-inline list-empty">{arenas ? t('arena.list.none') : t('app.loading')}</p>
          )}
        </section>
        <div className="detail-pane">
          {view.kind === 'new' && <NewArenaForm endpoints={endpoints} onStarted={onStarted} onCancel={showNewest} />}
          {view.kind === 'item' && selected && (
            <ArenaDetail key={selected.id} arena={selected} arenas={arenas ?? []} endpoints={endpoints ?? []} onUpdate={upsert} onDeleted={onDeleted} onAnnotate={onAnnotate} />
          )}
          {view.kind === 'none' && arenas && endpoints && <NoArenas hasEndpoints={endpoints.length > 0} onNew={() => setView({ kind: 'new' })} />}
        </div>
      </div>
    </div>
  )
}
