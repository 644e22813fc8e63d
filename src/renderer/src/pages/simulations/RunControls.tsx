import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { api } from '../../api/client'
import { JobActions, pausableActions, type JobAction } from '../../components/JobActions'
import { useNavigate } from '../../components/Navigation'

/** Pause / Resume / Retry failed / Cancel (cancel asks first), and the way to the run's dataset. */
export function RunControls({ run, onUpdate }: { run: RunSummary; onUpdate: (run: RunSummary) => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { canPause, canResume, canCancel, finished } = pausableActions(run.status)
  const update = (call: (input: { id: string }) => Promise<RunSummary>) => async () =>
    onUpdate(await call({ id: run.id }))

  const [pauseOrResume, retryFailed, cancel]: JobAction[] = [
    canResume
      ? {
          id: 'resume',
          label: t('dashboard.resume'),
          busyLabel: t('common.working'),
          hint: t('dashboard.resumeHint'),
          variant: 'primary',
          run: update(api.resumeRun),
        }
      : {
          id: 'pause',
          label: t('dashboard.pause'),
          busyLabel: t('dashboard.pausing'),
          hint: t('dashboard.pauseHint'),
          allowed: canPause,
          run: update(api.pauseRun),
        },
    {
      id: 'retryFailed',
      label: t('dashboard.retryFailed', { count: run.counts.failed }),
      busyLabel: t('common.working'),
      hint: t('dashboard.retryFailedHint'),
      allowed: run.status !== 'cancelled' && run.counts.failed > 0,
      disabledReason: run.status === 'cancelled' ? t('dashboard.retryFailedCancelled') : t('dashboard.retryFailedNone'),
      run: update(api.retryFailedDialogues),
    },
    {
      id: 'cancel',
      label: t('dashboard.cancel'),
      hint: t('dashboard.cancelHint'),
      allowed: canCancel,
      variant: 'danger',
      confirm: {
        title: t('dashboard.confirmCancelTitle', { name: run.name }),
        body: t('dashboard.confirmCancelBody', { count: run.counts.pending + run.counts.running }),
        confirmLabel: t('dashboard.confirmCancel'),
      },
      run: update(api.cancelRun),
    },
  ]
  // A finished run shows only what still applies: no Pause or Cancel, and Retry only with failed dialogues.
  const actions = finished ? (retryFailed.allowed ? [retryFailed] : []) : [pauseOrResume, retryFailed, cancel]

  return (
    <JobActions
      testIdPrefix="run"
      statusReason={t('dashboard.finishedReason', { status: t(`status.${run.status}`) })}
      failedMessage={(id, message) => t(`dashboard.${id}Failed`, { message })}
      actions={actions}
    >
      <button
        type="button"
        className="button"
        onClick={() => navigate('datasets', { datasetId: run.datasetId })}
        data-testid="run-open-dataset"
      >
        {t('dashboard.openDataset')}
      </button>
    </JobActions>
  )
}
