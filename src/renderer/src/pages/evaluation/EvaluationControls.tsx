import { useTranslation } from 'react-i18next'
import { isJudged, type EvaluationSummary } from '@shared/evaluation'
import { api } from '../../api/client'
import { JobActions, pausableActions, type JobAction } from '../../components/JobActions'
import { useToast } from '../../components/Toasts'

interface ControlsProps {
  evaluation: EvaluationSummary
  onUpdate: (evaluation: EvaluationSummary) => void
  onDeleted: (id: string) => void
}

/** Pause / Resume / Cancel / Delete; cancel and delete ask first. */
export function EvaluationControls({ evaluation, onUpdate, onDeleted }: ControlsProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const { status } = evaluation
  const { canPause, canResume, canCancel, finished } = pausableActions(status)
  const judged = isJudged(evaluation.kind)
  const update = (call: (input: { id: string }) => Promise<EvaluationSummary>) => async () =>
    onUpdate(await call({ id: evaluation.id }))
  const remove = async () => {
    await api.deleteEvaluation({ id: evaluation.id })
    toast({ kind: 'success', message: t('evaluations.deletedToast', { name: evaluation.name }) })
    onDeleted(evaluation.id)
  }

  // A finished analysis shows only what still applies: Delete, not Pause or Cancel.
  const pauseOrResume: JobAction = canResume
    ? {
        id: 'resume',
        label: t('evaluations.resume'),
        busyLabel: t('common.working'),
        hint: t('evaluations.resumeHint'),
        variant: 'primary',
        run: update(api.resumeEvaluation),
      }
    : {
        id: 'pause',
        label: t('evaluations.pause'),
        busyLabel: t('evaluations.pausing'),
        hint: t('evaluations.pauseHint'),
        allowed: canPause,
        run: update(api.pauseEvaluation),
      }
  const cancel: JobAction = {
    id: 'cancel',
    label: t('evaluations.cancel'),
    hint: t('evaluations.cancelHint'),
    allowed: canCancel,
    variant: 'danger',
    confirm: {
      title: t('evaluations.confirmCancelTitle', { name: evaluation.name }),
      body: `${t('evaluations.confirmCancelBody')}${judged ? ` ${t('evaluations.confirmCancelCached')}` : ''}`,
      confirmLabel: t('evaluations.confirmCancel'),
    },
    run: update(api.cancelEvaluation),
  }

  return (
    <JobActions
      testIdPrefix="evaluation"
      statusReason={t('evaluations.statusReason', { status: t(`status.${status}`) })}
      failedMessage={(id, message) => t(`evaluations.${id}Failed`, { message })}
      actions={[
        ...(finished ? [] : [pauseOrResume, cancel]),
        {
          id: 'delete',
          label: t('common.delete'),
          hint: t('evaluations.deleteHint'),
          variant: 'danger',
          confirm: {
            title: t('evaluations.confirmDeleteTitle', { name: evaluation.name }),
            body: status === 'running' ? t('evaluations.confirmDeleteRunningBody') : t('evaluations.confirmDeleteBody'),
            confirmLabel: t('common.delete'),
          },
          run: remove,
        },
      ]}
    />
  )
}
