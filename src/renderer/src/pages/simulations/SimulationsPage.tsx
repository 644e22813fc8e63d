import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { api } from '../../api/client'
import { MasterDetailPage } from '../../components/MasterDetailPage'
import { useNavigate, type PageTarget } from '../../components/Navigation'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useEndpoints } from '../../lib/useEndpoints'
import { useLiveList } from '../../lib/useLiveList'
import { useMasterDetailView } from '../../lib/useMasterDetailView'
import { NewRunForm } from './newRun/NewRunForm'
import { RunDashboard } from './RunDashboard'
import { RunList } from './RunList'

/** The last navigation whose preselected cards reached the new-run form (each is applied once). */
const preselectMemory = { seq: -1 }

export function SimulationsPage({ target }: { target: PageTarget | null }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { items: runs, error, reload, upsert } = useLiveList(api.listRuns, 'run.progress')
  const { endpoints, error: endpointsError, reload: reloadEndpoints } = useEndpoints()
  const { view, setView, showNewest, showItem, selected } = useMasterDetailView('simulations', runs)
  // "Simulate selected" on the Role cards page: the new-run form (#/runs/new) with exactly those cards.
  const preselect =
    target?.newRun && target.newRun.cardIds.length > 0 && target.seq !== preselectMemory.seq
      ? { seq: target.seq, cardIds: target.newRun.cardIds }
      : null
  const noEndpoints = endpoints !== null && endpoints.length === 0
  const loadError = error ?? endpointsError

  const onStarted = (run: RunSummary) => {
    upsert(run)
    showItem(run.id)
  }

  return (
    <MasterDetailPage
      className="simulations-page"
      testId="simulations-page"
      title={t('runs.title')}
      count={runs && t('runs.count', { count: runs.length, formatted: formatNumber(runs.length) })}
      countTestId="run-count"
      newButton={{
        label: t('runs.newRun'),
        testId: 'new-run',
        pressed: view.kind === 'new',
        onClick: () => setView({ kind: 'new' }),
      }}
      loadError={loadError != null ? t('runs.loadFailed', { message: errorMessage(loadError) }) : null}
      onRetry={() => void Promise.all([reload(), reloadEndpoints()])}
      listLabel={t('runs.listLabel')}
      items={runs}
      renderList={(list) => <RunList runs={list} selectedId={selected?.id ?? null} onSelect={showItem} />}
      noneText={t('runs.noRunsYet')}
    >
      {view.kind === 'new' && (
        <NewRunForm
          endpoints={endpoints}
          onStarted={onStarted}
          onCancel={showNewest}
          preselect={preselect}
          onPreselected={(seq) => (preselectMemory.seq = seq)}
        />
      )}
      {view.kind === 'item' && selected && (
        <RunDashboard key={selected.id} run={selected} endpoints={endpoints ?? []} onUpdate={upsert} />
      )}
      {view.kind === 'none' && runs && (
        <div className="empty-state" data-testid="runs-empty">
          <h3>{t('runs.emptyTitle')}</h3>
          {noEndpoints ? <p>{t('runs.emptyNoEndpoint')}</p> : <p>{t('runs.emptyBody')}</p>}
          <div className="button-row">
            {noEndpoints && (
              <button
                type="button"
                className="button button-primary"
                onClick={() => navigate('settings')}
                data-testid="runs-empty-settings"
              >
                {t('runs.openSettings')}
              </button>
            )}
            <button
              type="button"
              className={noEndpoints ? 'button' : 'button button-primary'}
              onClick={() => setView({ kind: 'new' })}
              data-testid="runs-empty-new"
            >
              {t('runs.createFirst')}
            </button>
          </div>
        </div>
      )}
    </MasterDetailPage>
  )
}
