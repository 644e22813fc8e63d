import { useTranslation } from 'react-i18next'
import type { RemoteRunView } from '@shared/remoteRun'
import { api } from '../../api/client'
import { JobActions } from '../../components/JobActions'
import { useToast } from '../../components/Toasts'

/** A remote run shown, with what to do when an action changed or deleted it. */
export interface RemoteRunProps {
  run: RemoteRunView
  onUpdate: (run: RemoteRunView) => void
  onDeleted: (id: string) => void
}

/**
 * Refresh (read it on the server now), Cancel, Resume there, Pull (again), and Delete (here, or here and on the
 * server); the destructive ones ask first.
 */
export function RemoteRunControls({ run, onUpdate, onDeleted }: RemoteRunProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const running = run.status === 'uploading' || run.status === 'running'
  const remove = async (removeFromServer: boolean) => {
    await api.deleteRemoteRun({ id: run.id, removeFromServer })
    toast({ kind: 'success', message: t('remote.detail.deletedToast', { name: run.name }) })
    onDeleted(run.id)
  }
  return (
    <JobActions
      testIdPrefix="remote"
      statusReason={t('remote.detail.statusReason', { status: t(`training.status.${run.status}`) })}
      failedMessage={(id, message) => t(`remote.detail.${id === 'purge' ? 'delete' : id}Failed`, { message })}
      actions={[
        {
          id: 'refresh',
          label: t('remote.detail.refresh'),
          busyLabel: t('remote.detail.refreshing'),
          hint: t('remote.detail.refreshHint'),
          run: async () => onUpdate(await api.refreshRemoteRun({ id: run.id })),
        },
        {
          id: 'pull',
          label: run.pulled ? t('remote.detail.pullAgain') : t('remote.detail.pull'),
          busyLabel: t('remote.detail.pulling'),
          hint: run.pulled ? t('remote.detail.pullAgainHint') : t('remote.detail.pullHint'),
          allowed: !running,
          variant: run.pulled ? undefined : 'primary',
          run: async () => {
            onUpdate(await api.pullRemoteRun({ id: run.id }))
            toast({ kind: 'success', message: t('remote.detail.pulledToast', { name: run.name }) })
          },
        },
        {
          id: 'resume',
          label: t('remote.detail.resume'),
          hint: t('remote.detail.resumeHint'),
          allowed: !running && run.status !== 'completed',
          run: async () => onUpdate(await api.resumeRemoteRun({ id: run.id })),
        },
        {
          id: 'cancel',
          label: t('remote.detail.cancel'),
          hint: t('remote.detail.cancelHint'),
          allowed: run.status === 'running',
          variant: 'danger',
          confirm: {
            title: t('remote.detail.confirmCancelTitle', { name: run.name }),
            body: t('remote.detail.confirmCancelBody', { target: run.target }),
            confirmLabel: t('remote.detail.confirmCancel'),
          },
          run: async () => onUpdate(await api.cancelRemoteRun({ id: run.id })),
        },
        {
          id: 'delete',
          label: t('common.delete'),
          hint: t('remote.detail.deleteHint'),
          allowed: !running,
          variant: 'danger',
          confirm: {
            title: t('remote.detail.confirmDeleteTitle', { name: run.name }),
            body: t('remote.detail.confirmDeleteBody'),
            confirmLabel: t('common.delete'),
          },
          run: () => remove(false),
        },
        {
          id: 'purge',
          label: t('remote.detail.removeFromServer'),
          hint: t('remote.detail.removeFromServerHint'),
          allowed: !running,
          variant: 'danger',
          confirm: {
            title: t('remote.detail.confirmDeleteTitle', { name: run.name }),
            body: t('remote.detail.confirmPurgeBody'),
            confirmLabel: t('common.delete'),
          },
          run: () => remove(true),
        },
      ]}
    />
  )
}
