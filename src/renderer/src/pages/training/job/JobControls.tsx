import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrainingJobView } from '@shared/training'
import { api } from '../../../api/client'
import { ConfirmDialog } from '../../../components/ConfirmDialog'
import { useToast } from '../../../components/Toasts'
import { errorMessage } from '../../../lib/errors'
import { isActive } from './jobMetrics'

type Action = 'refresh' | 'cancel' | 'delete'

interface JobControlsProps {
  job: TrainingJobView
  onUpdate: (job: TrainingJobView) => void
  onDeleted: (id: string) => void
}

/** Refresh (read the logs on the server now), Cancel (stops the remote process group) and Delete; the last two ask first. */
export function JobControls({ job, onUpdate, onDeleted }: JobControlsProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const [busy, setBusy] = useState<Action | null>(null)
  const [confirming, setConfirming] = useState<'cancel' | 'delete' | null>(null)

  const act = async (action: Action) => {
    setBusy(action)
    try {
      if (action === 'delete') {
        await api.deleteTrainingJob({ id: job.id })
        toast({ kind: 'success', message: t('training.detail.deletedToast', { name: job.name }) })
        onDeleted(job.id)
        return
      }
      onUpdate(await (action === 'refresh' ? api.refreshTrainingJob({ id: job.id }) : api.cancelTrainingJob({ id: job.id })))
    } catch (error) {
      toast({ kind: 'error', message: t(`training.detail.${action}Failed`, { message: errorMessage(error) }) })
    } finally {
      setBusy(null)
      setConfirming(null)
    }
  }

  const active = isActive(job.status)
  const statusReason = t('training.detail.statusReason', { status: t(`training.status.${job.status}`) })
  return (
    <div className="button-row">
      <button type="button" className="button" onClick={() => void act('refresh')} disabled={busy !== null} title={busy ? t('common.working') : t('training.detail.refreshHint')} data-testid="training-refresh">
        {busy === 'refresh' ? t('training.detail.refreshing') : t('training.detail.refresh')}
      </button>
      <button
        type="button"
        className="button button-danger-outline"
        onClick={() => setConfirming('cancel')}
        disabled={!active || busy !== null}
        title={busy ? t('common.working') : active ? t('training.detail.cancelHint') : statusReason}
        data-testid="training-cancel"
      >
        {t('training.detail.cancel')}
      </button>
      <button type="button" className="button button-danger-outline" onClick={() => setConfirming('delete')} disabled={busy !== null} title={busy ? t('common.working') : t('training.detail.deleteHint')} data-testid="training-delete">
        {t('common.delete')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t(confirming === 'cancel' ? 'training.detail.confirmCancelTitle' : 'training.detail.confirmDeleteTitle', { name: job.name })}
          body={confirming === 'cancel' ? t('training.detail.confirmCancelBody', { server: job.profileName }) : active ? t('training.detail.confirmDeleteActiveBody') : t('training.detail.confirmDeleteBody')}
          confirmLabel={confirming === 'cancel' ? t('training.detail.confirmCancel') : t('common.delete')}
          danger
          busy={busy === confirming}
          onConfirm={() => void act(confirming)}
          onCancel={() => setConfirming(null)}
          testId={`training-${confirming}-dialog`}
        />
      )}
    </div>
  )
}
