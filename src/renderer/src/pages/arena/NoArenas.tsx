import { useTranslation } from 'react-i18next'
import { useNavigate } from '../../components/Navigation'

/** No arena yet: what an arena is, and the way to the first one (through Settings when no model is saved). */
export function NoArenas({ hasEndpoints, onNew }: { hasEndpoints: boolean; onNew: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <div className="empty-state" data-testid="arenas-empty">
      <h3>{t('arena.empty.title')}</h3>
      <p>{t('arena.empty.body')}</p>
      {!hasEndpoints && <p>{t('arena.empty.noEndpoint')}</p>}
      <div className="button-row">
        {!hasEndpoints && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => navigate('settings')}
            data-testid="arenas-empty-settings"
          >
            {t('runs.openSettings')}
          </button>
        )}
        <button
          type="button"
          className={hasEndpoints ? 'button button-primary' : 'button'}
          onClick={onNew}
          data-testid="arenas-empty-new"
        >
          {t('arena.list.new')}
        </button>
      </div>
    </div>
  )
}
