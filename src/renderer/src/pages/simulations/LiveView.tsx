import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { ErrorBanner } from '../../components/ErrorBanner'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { FollowDialog } from './FollowDialog'
import { LiveDialogueCard } from './LiveDialogueCard'
import { useLiveDialogues } from './useLiveDialogues'

/** The dialogues in flight as small streaming cards; one can be followed full size. */
export function LiveView({ run }: { run: RunSummary }) {
  const { t } = useTranslation()
  const { dialogues, error } = useLiveDialogues(run.id)
  const [following, setFollowing] = useState<string | null>(null)
  const shownRunning = dialogues.filter((d) => d.status === 'running').length
  // The run's counts can lag behind the events by a moment; the cards on screen are a floor.
  const inFlight = run.status === 'running' ? Math.max(run.counts.running, shownRunning) : shownRunning
  const more = Math.max(0, inFlight - shownRunning)

  return (
    <section className="live-view" aria-labelledby="live-title" data-testid="live-view">
      <div className="section-title-row">
        <h3 id="live-title">{t('live.title')}</h3>
        <span className="muted small">
          {t('live.inFlight', { count: inFlight, formatted: formatNumber(inFlight) })}
        </span>
      </div>
      {error != null && <ErrorBanner>{t('live.loadFailed', { message: errorMessage(error) })}</ErrorBanner>}
      {dialogues.length === 0 ? (
        <p className="empty-inline" data-testid="live-empty">
          {run.status === 'running'
            ? t('live.startingSoon')
            : t('live.notRunning', { status: t(`status.${run.status}`) })}
        </p>
      ) : (
        <ul className="live-grid" aria-label={t('live.title')}>
          {dialogues.map((dialogue) => (
            <LiveDialogueCard key={dialogue.id} dialogue={dialogue} onFollow={setFollowing} />
          ))}
        </ul>
      )}
      {more > 0 && <p className="muted small">{t('live.more', { count: more, formatted: formatNumber(more) })}</p>}
      {following && (
        <FollowDialog dialogueId={following} datasetId={run.datasetId} onClose={() => setFollowing(null)} />
      )}
    </section>
  )
}
