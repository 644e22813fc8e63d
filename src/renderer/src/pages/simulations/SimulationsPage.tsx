import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useNavigate, type PageTarget } from '../../components/Navigation'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useEndpoints } from '../../lib/useEndpoints'
import { useMasterDetailView, viewMemory } from '../../lib/useMasterDetailView'
import { NewRunForm } from './newRun/NewRunForm'
import { RunDashboard } from './RunDashboard'
import { RunList } from './RunList'
import { useRuns } from './useRuns'

const memory = viewMemory()

export function SimulationsPage({ target }: { target: PageTarget | null }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { runs, error, reload, upsert } = useRuns()
  const { endpoints, error: endpointsError } = useEndpoints()
  const { view, setView, showNewest } = useMasterDetailView(memory, runs, target ? { seq: target.seq, id: target.runId } : null)

  const selected = view.kind === 'item' ? (runs?.find((run) => run.id === view.id) ?? null) : null
  const noEndpoints = endpoints !== null && endpoints.length === 0

  const onStarted = (run: RunSummary) => {
    upsert(run)
    setView({ kind: 'item', id: run.id })
  }

  return (
    <div className="simulations-page" data-testid="simulations-page">
      <header className="page-header">
        <div className="page-title">
          <h1>{t('runs.title')}</h1>
          {runs && (
            <span className="muted" data-testid="run-count">
              {t('runs.count', { count: runs.length, formatted: formatNumber(runs.length) })}
            </span>
          )}
        </div>
        <button type="button" className="button button-primary" onClick={() => setView({ kind: 'new' })} aria-pressed={view.kind === 'new'} data-testid="new-run">
          {t('runs.newRun')}
        </button>
      </header>
      {(error != null || endpointsError != null) && (
        <ErrorBanner
          actions={
            <button type="button" className="button" onClick={() => void reload()}>
              {t('common.retry')}
            </button>
          }
        >
          {t('runs.loadFailed', { message: errorMessage(error ?? endpointsError) })}
        </ErrorBanner>
      )}
      <div className="split">
        <section className="list-pane" aria-label={t('runs.listLabel')}>
          {runs && runs.length > 0 ? (
            <RunList runs={runs} selectedId={selected?.id ?? null} onSelect={(id) => setView({ kind: 'item', id })} />
          ) : (
            <p className="empty-inline list-empty">{runs ? t('runs.noRunsYet') : t('app.loading')}</p>
          )}
        </section>
        <div className="detail-pane">
          {view.kind === 'new' && <NewRunForm endpoints={endpoints} onStarted={onStarted} onCancel={showNewest} />}
          {view.kind === 'item' && selected && <RunDashboard key={selected.id} run={selected} endpoints={endpoints ?? []} onUpdate={upsert} />}
          {view.kind === 'none' && runs && (
            <div className="empty-state" data-testid="runs-empty">
              <h3>{t('runs.emptyTitle')}</h3>
              {noEndpoints ? <p>{t('runs.emptyNoEndpoint')}</p> : <p>{t('runs.emptyBody')}</p>}
              <div className="button-row">
                {noEndpoints && (
                  <button type="button" className="button button-primary" onClick={() => navigate('settings')} data-testid="runs-empty-settings">
                    {t('runs.openSettings')}
                  </button>
                )}
                <button type="button" className={noEndpoints ? 'button' : 'button button-primary'} onClick={() => setView({ kind: 'new' })} data-testid="runs-empty-new">
                  {t('runs.createFirst')}
                </button>
              </div>
            </div>
          )}
        </div>
      </div>
    </div>
  )
}
