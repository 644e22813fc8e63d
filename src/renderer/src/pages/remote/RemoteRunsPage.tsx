import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { MasterDetailPage } from '../../components/MasterDetailPage'
import { useNavigate } from '../../components/Navigation'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useLiveList } from '../../lib/useLiveList'
import { useMasterDetailView } from '../../lib/useMasterDetailView'
import { RemoteRunDetail } from './RemoteRunDetail'
import { RemoteRunList } from './RemoteRunList'

/** Simulations and analyses running on GPU servers: the runs on the left, one run on the right. */
export function RemoteRunsPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { items: runs, error, reload, upsert, remove } = useLiveList(api.listRemoteRuns, 'remoteRun.changed')
  const { view, showItem, showOtherThan, selected } = useMasterDetailView('remote', runs)
  const onDeleted = (id: string) => {
    remove(id)
    showOtherThan(id)
  }
  return (
    <MasterDetailPage
      className="simulations-page training-page remote-page"
      testId="remote-page"
      title={t('remote.title')}
      count={runs && t('remote.count', { count: runs.length, formatted: formatNumber(runs.length) })}
      countTestId="remote-count"
      newButton={{
        label: t('remote.newSimulation'),
        testId: 'new-remote-run',
        pressed: false,
        onClick: () => navigate('simulations', { newRun: { cardIds: [] } }),
      }}
      loadError={error != null ? t('remote.loadFailed', { message: errorMessage(error) }) : null}
      onRetry={() => void reload()}
      listLabel={t('remote.list.label')}
      items={runs}
      renderList={(list) => <RemoteRunList runs={list} selectedId={selected?.id ?? null} onSelect={showItem} />}
      noneText={t('remote.list.none')}
      noneTestId="remote-list-empty"
    >
      {view.kind === 'item' && selected && (
        <RemoteRunDetail key={selected.id} run={selected} onUpdate={upsert} onDeleted={onDeleted} />
      )}
      {view.kind !== 'item' && runs && (
        <div className="empty-state" data-testid="remote-empty">
          <h3>{t('remote.empty.title')}</h3>
          <p>{t('remote.empty.body')}</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              onClick={() => navigate('simulations', { newRun: { cardIds: [] } })}
              data-testid="remote-empty-new-run"
            >
              {t('remote.empty.newRun')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => navigate('evaluation')}
              data-testid="remote-empty-new-analysis"
            >
              {t('remote.empty.newAnalysis')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => navigate('training')}
              data-testid="remote-empty-servers"
            >
              {t('remote.empty.servers')}
            </button>
          </div>
        </div>
      )}
    </MasterDetailPage>
  )
}
