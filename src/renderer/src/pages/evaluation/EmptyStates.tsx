import { useTranslation } from 'react-i18next'
import { useNavigate } from '../../components/Navigation'

/** Nothing to analyse yet: the ways to get a dataset (compact inside the form). */
export function NoDatasets({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <div className={`empty-state${compact ? ' empty-state-compact' : ''}`} data-testid="evaluation-no-datasets">
      <h3>{t('evaluations.noDatasetsTitle')}</h3>
      <p>{t('evaluations.noDatasetsBody')}</p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => navigate('datasets')} data-testid="evaluation-go-datasets">
          {t('evaluations.goDatasets')}
        </button>
        <button type="button" className="button" onClick={() => navigate('simulations')} data-testid="evaluation-go-simulations">
          {t('evaluations.goSimulations')}
        </button>
      </div>
    </div>
  )
}

/** No analysis yet: start the first one. */
export function NoEvaluations({ hasDatasets, onNew }: { hasDatasets: boolean; onNew: () => void }) {
  const { t } = useTranslation()
  if (!hasDatasets) return <NoDatasets />
  return (
    <div className="empty-state" data-testid="evaluations-empty">
      <h3>{t('evaluations.emptyTitle')}</h3>
      <p>{t('evaluations.emptyBody')}</p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onNew} data-testid="evaluations-empty-new">
          {t('evaluations.newAnalysis')}
        </button>
      </div>
    </div>
  )
}
