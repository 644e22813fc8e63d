import { useTranslation } from 'react-i18next'
import { NoDatasetsState } from '../../components/NoDatasetsState'

/** A study needs dialogues: the ways to get a dataset (import, or simulate). */
export function NoStudyDatasets({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation()
  return (
    <NoDatasetsState
      texts={{
        title: t('studies.empty.noDatasetsTitle'),
        body: t('studies.empty.noDatasetsBody'),
        goDatasets: t('studies.empty.goDatasets'),
        goSimulations: t('studies.empty.goSimulations'),
      }}
      testIdPrefix="studies"
      compact={compact}
    />
  )
}

/** No study yet: what a study is and the way to the first one (through Datasets when there is nothing to rate). */
export function NoStudies({ hasDatasets, onNew }: { hasDatasets: boolean; onNew: () => void }) {
  const { t } = useTranslation()
  if (!hasDatasets) return <NoStudyDatasets />
  return (
    <div className="empty-state" data-testid="studies-empty">
      <h3>{t('studies.empty.title')}</h3>
      <p>{t('studies.empty.body')}</p>
      <ul className="study-empty-steps">
        <li>{t('studies.empty.stepRubric')}</li>
        <li>{t('studies.empty.stepPairwise')}</li>
        <li>{t('studies.empty.stepResults')}</li>
      </ul>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onNew} data-testid="studies-empty-new">
          {t('studies.list.new')}
        </button>
      </div>
    </div>
  )
}
