import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { api } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useNavigate } from '../../components/Navigation'
import { useToast } from '../../components/Toasts'
import { errorMessage } from '../../lib/errors'

type Action = 'pause' | 'resume' | 'cancel'

/** Pause / Resume / Cancel (cancel asks first), and the way to the run's dataset. */
export function RunControls({ run, onUpdate }: { run: RunSummary; onUpdate: (run: RunSummary) => void }) {
  const { t } = useTranslation()
  const toast = useToast()
  const navigate = useNavigate()
  const [busy, setBusy] = useState<Action | null>(null)
  const [confirming, setConfirming] = useState(false)

  const act = async (action: Action) => {
    setBusy(action)
    try {
      const call = action === 'pause' ? api.pauseRun : action === 'resume' ? api.resumeRun : api.cancelRun
      onUpdate(await call({ id: run.id }))
    } catch (error) {
      toast({ kind: 'error', message: t(`dashboard.${action}Failed`, { message: errorMessage(error) }) })
    } finally {
      setBusy(null)
      setConfirming(false)
    }
  }

  const canPause = run.status === 'running'
  const canResume = run.status === 'paused' || run.status === 'failed'
  const canCancel = run.status === 'running' || run.status === 'paused' || run.status === 'failed'
  const finishedReason = t('dashboard.finishedReason', { status: t(`status.${run.status}`) })
  const reason = (allowed: boolean, hint: string) => (busy ? t('common.working') : allowed ? hint : finishedReason)

  return (
    <div className="button-row">
      <button type="button" className="button" onClick={() => navigate('datasets', { datasetId: run.datasetId })} data-testid="run-open-dataset">
        {t('dashboard.openDataset')}
      </button>
      {canResume ? (
        <button type="button" className="button button-primary" onClick={() => void act('resume')} disabled={busy !== null} title={reason(true, t('dashboard.resumeHint'))} data-testid="run-resume">
          {busy === 'resume' ? t('common.working') : t('dashboard.resume')}
        </button>
      ) : (
        <button type="button" className="button" onClick={() => void act('pause')} disabled={!canPause || busy !== null} title={reason(canPause, t('dashboard.pauseHint'))} data-testid="run-pause">
          {busy === 'pause' ? t('dashboard.pausing') : t('dashboard.pause')}
        </button>
      )}
      <button type="button" className="button button-danger-outline" onClick={() => setConfirming(true)} disabled={!canCancel || busy !== null} title={reason(canCancel, t('dashboard.cancelHint'))} data-testid="run-cancel">
        {t('dashboard.cancel')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('dashboard.confirmCancelTitle', { name: run.name })}
          body={t('dashboard.confirmCancelBody', { count: run.counts.pending + run.counts.running })}
          confirmLabel={t('dashboard.confirmCancel')}
          danger
          busy={busy === 'cancel'}
          onConfirm={() => void act('cancel')}
          onCancel={() => setConfirming(false)}
          testId="run-cancel-dialog"
        />
      )}
    </div>
  )
}
