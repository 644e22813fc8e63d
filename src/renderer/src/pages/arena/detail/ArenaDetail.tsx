import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArenaSummary } from '@shared/arena'
import type { EndpointView } from '@shared/endpoint'
import { api } from '../../../api/client'
import { DetailHeader, JobFailedBanner } from '../../../components/DetailHeader'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { StatusBadge } from '../../../components/StatusBadge'
import { errorMessage } from '../../../lib/errors'
import { formatDateTime } from '../../../lib/format'
import { useFreshCopy } from '../../../lib/useFreshCopy'
import { AgreementPanel } from '../annotate/AgreementPanel'
import { AnnotatorsPanel } from '../annotate/AnnotatorsPanel'
import { RefereeBadge } from '../ArenaBadges'
import { RatingsTab } from '../ratings/RatingsTab'
import { ArenaConfigView } from './ArenaConfigView'
import { ArenaControls } from './ArenaControls'
import { ArenaProgress } from './ArenaProgress'
import { DialoguesTab } from './DialoguesTab'

type Tab = 'overview' | 'dialogues' | 'ratings' | 'people'

/** The tab stays when another arena is chosen. */
let lastTab: Tab = 'overview'

interface ArenaDetailProps {
  arena: ArenaSummary
  /** All arenas, for pooling ratings over arenas with the same contestants. */
  arenas: ArenaSummary[]
  endpoints: EndpointView[]
  onUpdate: (arena: ArenaSummary) => void
  onDeleted: (id: string) => void
  onAnnotate: (arenaId: string) => void
}

/**
 * One arena: progress and settings, its dialogues, the ratings, and (human referees) the annotators and their agreement
 * with an LLM.
 */
export function ArenaDetail({ arena, arenas, endpoints, onUpdate, onDeleted, onAnnotate }: ArenaDetailProps) {
  const { t } = useTranslation()
  const [refreshError] = useFreshCopy(arena.id, api.getArena, onUpdate)
  const human = arena.referee === 'human'
  const [tab, setTabState] = useState<Tab>(lastTab === 'people' && !human ? 'overview' : lastTab)
  const setTab = (next: Tab) => {
    lastTab = next
    setTabState(next)
  }

  const tabs: [Tab, string][] = [
    ['overview', t('arena.detail.tabs.overview')],
    ['dialogues', t('arena.detail.tabs.dialogues')],
    ['ratings', t('arena.detail.tabs.ratings')],
    ...(human ? ([['people', t('arena.detail.tabs.people')]] as [Tab, string][]) : []),
  ]
  const annotateReason =
    arena.status === 'running'
      ? t('arena.detail.annotateHint')
      : t('arena.detail.annotateNotRunning', { status: t(`status.${arena.status}`) })

  return (
    <div
      className="run-dashboard arena-detail"
      data-testid="arena-detail"
      data-arena-id={arena.id}
      data-status={arena.status}
    >
      <DetailHeader
        name={arena.name}
        nameTestId="arena-name"
        badges={
          <>
            <StatusBadge status={arena.status} testId="arena-status" />
            <RefereeBadge kind={arena.referee} />
          </>
        }
        times={[
          t('arena.detail.created', { when: formatDateTime(arena.createdAt) }),
          arena.finishedAt ? t('arena.detail.finished', { when: formatDateTime(arena.finishedAt) }) : null,
        ]}
      >
        <div className="button-row">
          {human && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => onAnnotate(arena.id)}
              title={annotateReason}
              data-testid="arena-annotate"
            >
              {t('arena.detail.annotate')}
            </button>
          )}
          <ArenaControls arena={arena} onUpdate={onUpdate} onDeleted={onDeleted} />
        </div>
      </DetailHeader>
      <div className="tabs-row">
        <div className="tabs" role="tablist" aria-label={t('arena.detail.tabsLabel')}>
          {tabs.map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`arena-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`arena-panel-${id}`}
              className="tab"
              onClick={() => setTab(id)}
              data-testid={`arena-tab-${id}`}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <div className="detail-body" role="tabpanel" id={`arena-panel-${tab}`} aria-labelledby={`arena-tab-${tab}`}>
        {refreshError != null && (
          <ErrorBanner>{t('arena.detail.refreshFailed', { message: errorMessage(refreshError) })}</ErrorBanner>
        )}
        {arena.status === 'failed' && (
          <JobFailedBanner
            title={t('arena.detail.failedTitle')}
            error={arena.error ?? t('arena.detail.noErrorMessage')}
            hint={t('arena.detail.failedHint')}
            testId="arena-error"
          />
        )}
        {tab === 'overview' && (
          <>
            <ArenaProgress arena={arena} />
            <ArenaConfigView arena={arena} endpoints={endpoints} />
          </>
        )}
        {tab === 'dialogues' && <DialoguesTab arena={arena} />}
        {tab === 'ratings' && <RatingsTab arena={arena} arenas={arenas} />}
        {tab === 'people' && human && (
          <>
            <AnnotatorsPanel arena={arena} onAnnotate={() => onAnnotate(arena.id)} />
            <AgreementPanel arena={arena} endpoints={endpoints} />
          </>
        )}
      </div>
    </div>
  )
}
