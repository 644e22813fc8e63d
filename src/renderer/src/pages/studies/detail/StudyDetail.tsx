import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import type { StudyJudgeView, StudySummary, StudyView } from '@shared/study'
import { api } from '../../../api/client'
import { useConfirmedAction } from '../../../components/ConfirmDialog'
import { DetailHeader } from '../../../components/DetailHeader'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { useToast } from '../../../components/Toasts'
import { errorMessage } from '../../../lib/errors'
import { formatDateTime } from '../../../lib/format'
import { useThrottledRefresh } from '../../../lib/useThrottledRefresh'
import { useWorkbenchEvent } from '../../../lib/useWorkbenchEvent'
import { DesignBadge } from '../StudyList'
import { ResultsTab } from './ResultsTab'
import { RatersPanel } from './RatersPanel'
import { StudySettings } from './StudySettings'
import { UnitsTab, type UnitFilter } from './UnitsTab'

type Tab = 'overview' | 'units' | 'results'
const TABS: Tab[] = ['overview', 'units', 'results']

/** The tab stays when another study is chosen. */
let lastTab: Tab = 'overview'

interface StudyDetailProps {
  summary: StudySummary
  endpoints: EndpointView[]
  onUpdate: (study: StudySummary) => void
  onDeleted: (id: string) => void
  onRate: (studyId: string, rater?: string) => void
}

/** Keeps the newest copy of a judge run in the study's list (an event, or what start/cancel returned). */
export const withJudge = (study: StudyView, judge: StudyJudgeView): StudyView => ({
  ...study,
  judges: [judge, ...study.judges.filter((j) => j.id !== judge.id)].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  ),
})

/**
 * One study: its settings and raters' progress (with their links), the key to its blinded units, and the results with
 * agreement (beside an LLM judge) and exports.
 */
export function StudyDetail({ summary, endpoints, onUpdate, onDeleted, onRate }: StudyDetailProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const [study, setStudy] = useState<StudyView | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [tab, setTabState] = useState<Tab>(lastTab)
  const [unitFilter, setUnitFilter] = useState<UnitFilter>({})
  const [resultsVersion, setResultsVersion] = useState(0)
  const setTab = (next: Tab) => {
    lastTab = next
    setTabState(next)
  }
  const id = summary.id

  const load = useCallback(async () => {
    try {
      const fresh = await api.getStudy({ id })
      setStudy(fresh)
      setLoadError(null)
      onUpdate(fresh)
    } catch (failure) {
      setLoadError(failure)
    }
  }, [id, onUpdate])
  // A fresh copy on opening, and again (at most every 2 s) while answers come in.
  useThrottledRefresh(`${summary.answered}/${summary.due}/${summary.raters}`, () => {
    void load()
    setResultsVersion((v) => v + 1)
  })
  useEffect(() => void load(), [load])
  useWorkbenchEvent('study.judge', (judge) => {
    if (judge.studyId !== id) return
    setStudy((current) => (current ? withJudge(current, judge) : current))
    if (judge.status !== 'running') setResultsVersion((v) => v + 1)
  })

  const remove = useConfirmedAction<StudySummary>({
    dialog: (s) => ({
      title: t('studies.detail.deleteTitle'),
      body: t('studies.detail.deleteBody', { name: s.name }),
      confirmLabel: t('studies.detail.delete'),
      testId: 'study-delete-dialog',
    }),
    run: async (s) => {
      await api.deleteStudy({ id: s.id })
      toast({ message: t('studies.detail.deletedToast', { name: s.name }) })
      onDeleted(s.id)
    },
    failedMessage: (message) => t('studies.detail.deleteFailed', { message }),
  })

  const showUnits = (filter: UnitFilter) => {
    setUnitFilter(filter)
    setTab('units')
  }

  return (
    <div className="run-dashboard study-detail" data-testid="study-detail" data-study-id={id}>
      <DetailHeader
        name={summary.name}
        nameTestId="study-name-heading"
        badges={<DesignBadge design={summary.design} />}
        times={[t('studies.detail.created', { when: formatDateTime(summary.createdAt) })]}
      >
        <div className="button-row">
          <button
            type="button"
            className="button button-danger-outline"
            onClick={() => remove.ask(summary)}
            data-testid="study-delete"
          >
            {t('studies.detail.delete')}
          </button>
        </div>
      </DetailHeader>
      <div className="tabs-row">
        <div className="tabs" role="tablist" aria-label={t('studies.detail.tabsLabel')}>
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`study-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`study-panel-${id}`}
              className="tab"
              onClick={() => setTab(id)}
              data-testid={`study-tab-${id}`}
            >
              {t(`studies.detail.tabs.${id}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="detail-body" role="tabpanel" id={`study-panel-${tab}`} aria-labelledby={`study-tab-${tab}`}>
        {loadError != null && (
          <ErrorBanner onRetry={() => void load()}>
            {t('studies.detail.loadFailed', { message: errorMessage(loadError) })}
          </ErrorBanner>
        )}
        {!study && loadError == null && <p className="muted">{t('app.loading')}</p>}
        {study && tab === 'overview' && (
          <>
            <RatersPanel study={study} onChange={setStudy} onRate={onRate} onShowUnits={showUnits} />
            <StudySettings study={study} onShowUnits={showUnits} />
          </>
        )}
        {study && tab === 'units' && <UnitsTab study={study} filter={unitFilter} onFilter={setUnitFilter} />}
        {study && tab === 'results' && (
          <ResultsTab
            study={study}
            endpoints={endpoints}
            version={resultsVersion}
            onJudge={(judge) => setStudy((current) => (current ? withJudge(current, judge) : current))}
            onShowUnits={showUnits}
          />
        )}
      </div>
      {remove.dialog}
    </div>
  )
}
