import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArenaSummary } from '@shared/arena'
import { api } from '../../../api/client'
import { ConfirmDialog } from '../../../components/ConfirmDialog'
import { useToast } from '../../../components/Toasts'
import { errorMessage } from '../../../lib/errors'

type Action = 'pause' | 'resume' | 'cancel' | 'delete'

interface ArenaControlsProps {
  arena: ArenaSummary
  onUpdate: (arena: ArenaSummary) => void
  onDeleted: (id: string) => void
}

/** Pause / Resume / Cancel / Delete; cancel and delete ask first. */
export function ArenaControls({ arena, onUpdate, onDeleted }: ArenaControlsProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const [busy, setBusy] = useState<Action | null>(null)
  const [confirming, setConfirming] = useState<'cancel' | 'delete' | null>(null)

  const act = async (action: Action) => {
    setBusy(action)
    try {
      if (action === 'delete') {
        await api.deleteArena({ id: arena.id })
        toast({ kind: 'success', message: t('arena.detail.deletedToast', { name: arena.name }) })
        onDeleted(arena.id)
        return
      }
      const call = action === 'pause' ? api.pauseArena : action === 'resume' ? api.resumeArena : api.cancelArena
      onUpdate(await call({ id: arena.id }))
    } catch (error) {
      toast({ kind: 'error', message: t(`arena.detail.${action}Failed`, { message: errorMessage(error) }) })
    } finally {
      setBusy(null)
      setConfirming(null)
    }
  }

  const { status } = arena
  const canPause = status === 'running'
  const canResume = status === 'paused' || status === 'failed'
  const canCancel = status === 'running' || status === 'paused' || status === 'failed'
  const statusReason = t('arena.detail.statusReason', { status: t(`status.${status}`) })
  const reason = (allowed: boolean, hint: string) => (busy ? t('common.working') : allowed ? hint : statusReason)
  const unfinished = arena.dialogues.pending + arena.dialogues.running + arena.dialogues.awaitingVote

  return (
    <div className="button-row">
      {canResume ? (
        <button type="button" className="button button-primary" onClick={() => void act('resume')} disabled={busy !== null} title={reason(true, t('arena.detail.resumeHint'))} data-testid="arena-resume">
          {busy === 'resume' ? t('common.working') : t('dashboard.resume')}
        </button>
      ) : (
        <button type="button" className="button" onClick={() => void act('pause')} disabled={!canPause || busy !== null} title={reason(canPause, t('arena.detail.pauseHint'))} data-testid="arena-pause">
          {busy === 'pause' ? t('dashboard.pausing') : t('dashboard.pause')}
        </button>
      )}
      <button type="button" className="button button-danger-outline" onClick={() => setConfirming('cancel')} disabled={!canCancel || busy !== null} title={reason(canCancel, t('arena.detail.cancelHint'))} data-testid="arena-cancel">
        {t('arena.detail.cancel')}
      </button>
      <button type="button" className="button button-danger-outline" onClick={() => setConfirming('delete')} disabled={busy !== null} title={busy ? t('common.working') : t('arena.detail.deleteHint')} data-testid="arena-delete">
        {t('common.delete')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t(confirming === 'cancel' ? 'arena.detail.confirmCancelTitle' : 'arena.detail.confirmDeleteTitle', { name: arena.name })}
          body={confirming === 'cancel' ? t('arena.detail.confirmCancelBody', { count: unfinished }) : t('arena.detail.confirmDeleteBody')}
          confirmLabel={confirming === 'cancel' ? t('arena.detail.cancel') : t('common.delete')}
          danger
          busy={busy === confirming}
          onConfirm={() => void act(confirming)}
          onCancel={() => setConfirming(null)}
          testId={`arena-${confirming}-dialog`}
        />
      )}
    </div>
  )
}
