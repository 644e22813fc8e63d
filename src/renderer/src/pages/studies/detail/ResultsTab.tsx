import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import type { StudyJudgeView, StudyResults, StudyView } from '@shared/study'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { errorMessage } from '../../../lib/errors'
import { useLoaded } from '../../../lib/useLoaded'
import { pick } from '../bilingual'
import { AgreementTable } from './AgreementTable'
import { JudgePanel } from './JudgePanel'
import { MeansTable } from './MeansTable'
import { PreferencesTable } from './PreferencesTable'
import { StudyExports } from './StudyExports'
import type { UnitFilter } from './UnitsTab'

/** An item's or aspect's name in the interface language ("Overall" for the pooled row). */
export function useKeyName(study: StudyView): (key: string) => string {
  const { t } = useTranslation()
  const entries = study.design === 'pairwise' ? study.config.aspects : study.config.items
  return (key: string) => {
    if (key === 'overall') return t('studies.results.overall')
    const found = entries.find((e) => e.key === key)
    return found ? pick(found.name) || key : key
  }
}

/** Keys in the study's own order, 'overall' last. */
export function orderedKeys(study: StudyView, present: string[]): string[] {
  const order = (study.design === 'pairwise' ? study.config.aspects : study.config.items).map((e) => e.key)
  const known = order.filter((key) => present.includes(key))
  const rest = present.filter((key) => !order.includes(key) && key !== 'overall')
  return [...known, ...rest, ...(present.includes('overall') ? ['overall'] : [])]
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
            <PreferencesTable study={study} results={results} />
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
