import { useTranslation } from 'react-i18next'
import type { TrainingJobView } from '@shared/training'
import { api } from '../../../api/client'
import { JobActions } from '../../../components/JobActions'
import { useToast } from '../../../components/Toasts'
import { isActive } from './jobMetrics'

interface JobControlsProps {
  job: TrainingJobView
  onUpdate: (job: TrainingJobView) => void
  onDeleted: (id: string) => void
}

/**
 * Refresh (read the logs on the server now), Cancel (stops the remote process group) and Delete; the last two ask
 * first.
 */
export function JobControls({ job, onUpdate, onDeleted }: JobControlsProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const active = isActive(job.status)
  const remove = async () => {
    await api.deleteTrainingJob({ id: job.id })
    toast({ kind: 'success', message: t('training.detail.deletedToast', { name: job.name }) })
    onDeleted(job.id)
  }

  return (
    <JobActions
      testIdPrefix="training"
      statusReason={t('training.detail.statusReason', { status: t(`training.status.${job.status}`) })}
      failedMessage={(id, message) => t(`training.detail.${id}Failed`, { message })}
      actions={[
        {
          id: 'refresh',
          label: t('training.detail.refresh'),
          busyLabel: t('training.detail.refreshing'),
          hint: t('training.detail.refreshHint'),
          run: async () => onUpdate(await api.refreshTrainingJob({ id: job.id })),
        },
        {
          id: 'cancel',
          label: t('training.detail.cancel'),
          hint: t('training.detail.cancelHint'),
          allowed: active,
          variant: 'danger',
          confirm: {
            title: t('training.detail.confirmCancelTitle', { name: job.name }),
            body: t('training.detail.confirmCancelBody', { server: job.profileName }),
            confirmLabel: t('training.detail.confirmCancel'),
          },
          run: async () => onUpdate(await api.cancelTrainingJob({ id: job.id })),
        },
        {
          id: 'delete',
          label: t('common.delete'),
          hint: t('training.detail.deleteHint'),
          variant: 'danger',
          confirm: {
            title: t('training.detail.confirmDeleteTitle', { name: job.name }),
            body: active ? t('training.detail.confirmDeleteActiveBody') : t('training.detail.confirmDeleteBody'),
            confirmLabel: t('common.delete'),
          },
          run: remove,
        },
      ]}
    />
  )
}
