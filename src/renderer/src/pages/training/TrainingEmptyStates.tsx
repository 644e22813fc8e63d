import { useTranslation } from 'react-i18next'
import { NoDatasetsState } from '../../components/NoDatasetsState'

/** Training needs dialogues: the ways to get a dataset. */
export function NoDatasetsForTraining() {
  const { t } = useTranslation()
  return (
    <NoDatasetsState
      texts={{
        title: t('training.empty.noDatasetsTitle'),
        body: t('training.empty.noDatasetsBody'),
        goDatasets: t('training.empty.goDatasets'),
        goSimulations: t('training.empty.goSimulations'),
      }}
      testIdPrefix="training"
    />
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
