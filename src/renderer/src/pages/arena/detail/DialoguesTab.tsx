import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArenaSummary } from '@shared/arena'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { StatusBadge } from '../../../components/StatusBadge'
import { endReasonShort } from '../../../lib/dialogueText'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import { selectRowWithArrows } from '../../../lib/keyboard'
import { useLoaded } from '../../../lib/useLoaded'
import { useThrottledRefresh } from '../../../lib/useThrottledRefresh'
import { progressSignal } from '../ArenaList'
import { ArenaTranscript } from './ArenaTranscript'

const PAGE = 200

/** The arena's dialogues on the left (↑/↓ move), the chosen one's transcript with every candidate on the right. */
export function DialoguesTab({ arena }: { arena: ArenaSummary }) {
  const { t } = useTranslation()
  const [limit, setLimit] = useState(PAGE)
  const {
    value: page,
    error,
    reload: load,
  } = useLoaded(() => api.listArenaDialogues({ arenaId: arena.id, offset: 0, limit }), [arena.id, limit])
  const [selectedId, setSelectedId] = useState<string | null>(null)
  useThrottledRefresh(progressSignal(arena), () => void load())

  // The chosen dialogue; the first one until one is chosen (or when the chosen one is no longer listed).
  const selected = page?.items.find((item) => item.id === selectedId) ?? page?.items[0] ?? null

  if (error != null && !page) {
    return (
      <ErrorBanner onRetry={() => void load()}>
        {t('arena.dialogues.loadFailed', { message: errorMessage(error) })}
      </ErrorBanner>
    )
  }
  if (!page) return <p className="muted">{t('app.loading')}</p>
  if (page.items.length === 0) {
    return (
      <p className="empty-inline" data-testid="arena-dialogues-empty">
        {arena.status === 'running' ? t('arena.dialogues.noneYetRunning') : t('arena.dialogues.none')}
      </p>
    )
  }

  return (
    <div className="arena-dialogues" data-testid="arena-dialogues">
      <section className="arena-dialogue-list" aria-label={t('arena.dialogues.listLabel')}>
        <p className="muted small">
          {t('arena.dialogues.shown', { shown: formatNumber(page.items.length), total: formatNumber(page.total) })}
        </p>
        <ul className="run-list" onKeyDown={selectRowWithArrows('.arena-dialogue-row')}>
          {page.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="run-row arena-dialogue-row"
                aria-current={item.id === selected?.id ? 'true' : undefined}
                onClick={() => setSelectedId(item.id)}
                data-testid="arena-dialogue-row"
                data-dialogue-id={item.id}
                data-status={item.status}
              >
                <span className="run-row-line">
                  <span className="run-row-name">{t('arena.dialogues.number', { n: item.position + 1 })}</span>
                  <span className={`badge badge-lang badge-lang-${item.language}`}>{item.language.toUpperCase()}</span>
                  <StatusBadge status={item.status} />
                </span>
                <span className="run-row-sub arena-row-contestants">{item.contestants.join(' · ')}</span>
                {(item.endReason || item.annotator) && (
                  <span className="run-row-line run-row-sub">
                    <span>{item.endReason ? endReasonShort(item.endReason) : ''}</span>
                    {item.annotator && <span>{t('arena.dialogues.annotatedBy', { name: item.annotator })}</span>}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
        {page.total > page.items.length && (
          <button
            type="button"
            className="button button-small"
            onClick={() => setLimit((n) => Math.min(1000, n + PAGE))}
            disabled={limit >= 1000}
            title={limit >= 1000 ? t('arena.dialogues.limitReason') : undefined}
            data-testid="arena-dialogues-more"
          >
            {t('arena.dialogues.more')}
          </button>
        )}
      </section>
      {selected && (
        <ArenaTranscript
          key={selected.id}
          dialogueId={selected.id}
          signal={`${selected.status}:${progressSignal(arena)}`}
        />
      )}
    </div>
  )
}
