import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import type { StudyJudgeView, StudyResults, StudyView } from '@shared/study'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { errorMessage } from '../../../lib/errors'
import { useLoaded } from '../../../lib/useLoaded'
import { pick } from '../bilingual'
import { AgreementTable } from './AgreementTable'
export { markPooled } from './markPooled'
import { JudgePanel } from './JudgePanel'
import { MeansTable } from './MeansTable'
import { PreferencesTable } from './PreferencesTable'
import { StudyExports } from './StudyExports'
import type { UnitFilter } from './UnitsTab'

/** A result row's name: its item's or aspect's, or for the pooled row "all items (aspects) pooled". */
export function useKeyName(study: StudyView): (key: string, pooled?: boolean) => string {
  const { t } = useTranslation()
  const entries = study.design === 'pairwise' ? study.config.aspects : study.config.items
  return (key: string, pooled = false) => {
    if (pooled) return t(`studies.results.pooled.${study.design}`)
    const found = entries.find((e) => e.key === key)
    return found ? pick(found.name) || key : key
  }
}

interface ResultsTabProps {
  study: StudyView
  endpoints: EndpointView[]
  /** Changes when answers came in or a judge ended: the results are fetched again. */
  version: number
  onJudge: (judge: StudyJudgeView) => void
  onShowUnits: (filter: UnitFilter) => void
}

/** Means (rubric) or preferences (pairwise), agreement among raters and with an LLM judge, and the exports. */
export function ResultsTab({ study, endpoints, version, onJudge, onShowUnits }: ResultsTabProps) {
  const { t } = useTranslation()
  const {
    value: results,
    error,
    reload,
  } = useLoaded<StudyResults>(() => api.studyResults({ id: study.id }), [study.id, version])
  const answered = study.answered > 0

  return (
    <div className="study-results" data-testid="study-results">
      {error != null && (
        <ErrorBanner onRetry={() => void reload()}>
          {t('studies.results.loadFailed', { message: errorMessage(error) })}
        </ErrorBanner>
      )}
      {!answered && (
        <div className="empty-state empty-state-compact" data-testid="study-results-empty">
          <h3>{t('studies.results.noneTitle')}</h3>
          <p>{t('studies.results.noneBody')}</p>
        </div>
      )}
      {results && answered && (
        <>
          {study.design === 'rubric' ? (
            <MeansTable study={study} results={results} onShowUnits={onShowUnits} />
          ) : (
            <PreferencesTable study={study} results={results} onShowUnits={onShowUnits} />
          )}
          <AgreementTable study={study} results={results} />
        </>
      )}
      {!results && error == null && answered && <p className="muted">{t('app.loading')}</p>}
      <JudgePanel study={study} endpoints={endpoints} results={results} onJudge={onJudge} />
      <StudyExports study={study} />
    </div>
  )
}
