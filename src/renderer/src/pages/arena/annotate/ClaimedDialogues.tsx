import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArenaSummary } from '@shared/arena'
import { api } from '../../../api/client'
import { DataTable } from '../../../components/DataTable'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { errorMessage } from '../../../lib/errors'
import { formatDateTime } from '../../../lib/format'
import { useLoaded } from '../../../lib/useLoaded'
import { useThrottledRefresh } from '../../../lib/useThrottledRefresh'
import { progressSignal } from '../ArenaList'

const PAGE = 1000

/** Unfinished dialogues an annotator holds, each with a button that releases it to the next annotator. */
export function ClaimedDialogues({ arena }: { arena: ArenaSummary }) {
  const { t } = useTranslation()
  const [failure, setFailure] = useState<string | null>(null)
  const loaded = useLoaded(async () => {
    const items = []
    for (let offset = 0; ; offset += PAGE) {
      const page = await api.listArenaDialogues({ arenaId: arena.id, offset, limit: PAGE })
      items.push(...page.items)
      if (items.length >= page.total || page.items.length === 0) break
    }
    return items.filter(
      (d) => d.annotator !== null && (d.status === 'pending' || d.status === 'running' || d.status === 'awaiting_vote'),
    )
  }, [arena.id])
  useThrottledRefresh(progressSignal(arena), () => void loaded.reload())
  const claimed = loaded.value

  const release = async (dialogueId: string) => {
    setFailure(null)
    try {
      await api.reassignArenaDialogue({ arenaId: arena.id, dialogueId, annotator: null })
    } catch (error) {
      setFailure(t('arena.people.releaseFailed', { message: errorMessage(error) }))
    }
    await loaded.reload()
  }

  if (!claimed || claimed.length === 0) return null
  return (
    <div className="arena-claims" data-testid="arena-claims">
      <h4>{t('arena.people.claimsTitle')}</h4>
      <p className="muted small">{t('arena.people.claimsHelp', { minutes: arena.config.claimTimeoutMinutes ?? 10 })}</p>
      {failure && <ErrorBanner>{failure}</ErrorBanner>}
      <DataTable
        columns={[
          { label: t('arena.people.claimDialogue') },
          { label: t('arena.people.annotator') },
          { label: t('arena.people.claimLastUsed') },
          { label: <span className="visually-hidden">{t('arena.people.release')}</span> },
        ]}
      >
        {claimed.map((d) => (
          <tr key={d.id} data-testid="arena-claim-row" data-dialogue-id={d.id} data-annotator={d.annotator}>
            <th scope="row">{t('arena.people.claimDialogueN', { n: d.position + 1 })}</th>
            <td>{d.annotator}</td>
            <td>{d.annotatorSeenAt ? formatDateTime(d.annotatorSeenAt) : '—'}</td>
            <td>
              <button
                type="button"
                className="button small"
                onClick={() => void release(d.id)}
                title={t('arena.people.releaseHint', { name: d.annotator })}
                data-testid="arena-claim-release"
              >
                {t('arena.people.release')}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  )
}
