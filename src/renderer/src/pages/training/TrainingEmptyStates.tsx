import { useTranslation } from 'react-i18next'
import { useNavigate } from '../../components/Navigation'

/** Training needs dialogues: the ways to get a dataset. */
export function NoDatasetsForTraining() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <div className="empty-state" data-testid="training-no-datasets">
      <h3>{t('training.empty.noDatasetsTitle')}</h3>
      <p>{t('training.empty.noDatasetsBody')}</p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => navigate('datasets')} data-testid="training-go-datasets">
          {t('training.empty.goDatasets')}
        </button>
        <button type="button" className="button" onClick={() => navigate('simulations')} data-testid="training-go-simulations">
          {t('training.empty.goSimulations')}
        </button>
      </div>
    </div>
  )
}

/** No job yet: what training does here, what it needs, and the button to start. */
export function NoTrainingJobs({ hasDatasets, onNew }: { hasDatasets: boolean; onNew: () => void }) {
  const { t } = useTranslation()
  if (!hasDatasets) return <NoDatasetsForTraining />
  return (
    <div className="empty-state" data-testid="training-empty">
      <h3>{t('training.empty.title')}</h3>
      <p className="training-empty-text">{t('training.empty.body')}</p>
      <ol className="training-empty-steps">
        <li>{t('training.empty.stepData')}</li>
        <li>{t('training.empty.stepConfig')}</li>
        <li>{t('training.empty.stepServer')}</li>
        <li>{t('training.empty.stepLaunch')}</li>
      </ol>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onNew} data-testid="training-empty-new">
          {t('training.newTraining')}
        </button>
      </div>
    </div>
  )
}
