import { useTranslation } from 'react-i18next'
import { NoDatasetsState } from '../../components/NoDatasetsState'

/** Nothing to analyse yet: the ways to get a dataset (compact inside the form). */
export function NoDatasets({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation()
  return (
    <NoDatasetsState
      texts={{
        title: t('evaluations.noDatasetsTitle'),
        body: t('evaluations.noDatasetsBody'),
        goDatasets: t('evaluations.goDatasets'),
        goSimulations: t('evaluations.goSimulations'),
      }}
      testIdPrefix="evaluation"
      compact={compact}
    />
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
