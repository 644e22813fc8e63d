import { useTranslation } from 'react-i18next'
import type { ArenaSummary } from '@shared/arena'
import { api } from '../../../api/client'
import { JobActions, pausableActions, type JobAction } from '../../../components/JobActions'
import { useToast } from '../../../components/Toasts'

interface ArenaControlsProps {
  arena: ArenaSummary
  onUpdate: (arena: ArenaSummary) => void
  onDeleted: (id: string) => void
}

/** Pause / Resume / Cancel / Delete; cancel and delete ask first. */
export function ArenaControls({ arena, onUpdate, onDeleted }: ArenaControlsProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const { status } = arena
  const { canPause, canResume, canCancel, finished } = pausableActions(status)
  const unfinished = arena.dialogues.pending + arena.dialogues.running + arena.dialogues.awaitingVote
  const update = (call: (input: { id: string }) => Promise<ArenaSummary>) => async () =>
    onUpdate(await call({ id: arena.id }))
  const remove = async () => {
    await api.deleteArena({ id: arena.id })
    toast({ kind: 'success', message: t('arena.detail.deletedToast', { name: arena.name }) })
    onDeleted(arena.id)
  }

  // A finished arena shows only what still applies: Delete, not Pause or Cancel.
  const pauseOrResume: JobAction = canResume
    ? {
        id: 'resume',
        label: t('dashboard.resume'),
        busyLabel: t('common.working'),
        hint: t('arena.detail.resumeHint'),
        variant: 'primary',
        run: update(api.resumeArena),
      }
    : {
        id: 'pause',
        label: t('dashboard.pause'),
        busyLabel: t('dashboard.pausing'),
        hint: t('arena.detail.pauseHint'),
        allowed: canPause,
        run: update(api.pauseArena),
      }
  const cancel: JobAction = {
    id: 'cancel',
    label: t('arena.detail.cancel'),
    hint: t('arena.detail.cancelHint'),
    allowed: canCancel,
    variant: 'danger',
    confirm: {
      title: t('arena.detail.confirmCancelTitle', { name: arena.name }),
      body: t('arena.detail.confirmCancelBody', { count: unfinished }),
      confirmLabel: t('arena.detail.cancel'),
    },
    run: update(api.cancelArena),
  }

  return (
    <JobActions
      testIdPrefix="arena"
      statusReason={t('arena.detail.statusReason', { status: t(`status.${status}`) })}
      failedMessage={(id, message) => t(`arena.detail.${id}Failed`, { message })}
      actions={[
        ...(finished ? [] : [pauseOrResume, cancel]),
        {
          id: 'delete',
          label: t('common.delete'),
          hint: t('arena.detail.deleteHint'),
          variant: 'danger',
          confirm: {
            title: t('arena.detail.confirmDeleteTitle', { name: arena.name }),
            body: t('arena.detail.confirmDeleteBody'),
            confirmLabel: t('common.delete'),
          },
          run: remove,
        },
      ]}
    />
  )
}
