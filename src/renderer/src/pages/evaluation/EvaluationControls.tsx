import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvaluationSummary } from '@shared/evaluation'
import { api } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useToast } from '../../components/Toasts'
import { errorMessage } from '../../lib/errors'

type Action = 'pause' | 'resume' | 'cancel' | 'delete'

interface ControlsProps {
  evaluation: EvaluationSummary
  onUpdate: (evaluation: EvaluationSummary) => void
  onDeleted: (id: string) => void
}

/** Pause / Resume / Cancel / Delete; cancel and delete ask first. */
export function EvaluationControls({ evaluation, onUpdate, onDeleted }: ControlsProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const [busy, setBusy] = useState<Action | null>(null)
  const [confirming, setConfirming] = useState<'cancel' | 'delete' | null>(null)

  const act = async (action: Action) => {
    setBusy(action)
    try {
      if (action === 'delete') {
        await api.deleteEvaluation({ id: evaluation.id })
        toast({ kind: 'success', message: t('evaluations.deletedToast', { name: evaluation.name }) })
        onDeleted(evaluation.id)
        return
      }
      const call = action === 'pause' ? api.pauseEvaluation : action === 'resume' ? api.resumeEvaluation : api.cancelEvaluation
      onUpdate(await call({ id: evaluation.id }))
    } catch (error) {
      toast({ kind: 'error', message: t(`evaluations.${action}Failed`, { message: errorMessage(error) }) })
    } finally {
      setBusy(null)
      setConfirming(null)
    }
  }

  const { status } = evaluation
  const canPause = status === 'running'
  const canResume = status === 'paused' || status === 'failed'
  const canCancel = status === 'running' || status === 'paused' || status === 'failed'
  const statusReason = t('evaluations.statusReason', { status: t(`status.${status}`) })
  const reason = (allowed: boolean, hint: string) => (busy ? t('common.working') : allowed ? hint : statusReason)

  return (
    <div className="button-row">
      {canResume ? (
        <button type="button" className="button button-primary" onClick={() => void act('resume')} disabled={busy !== null} title={reason(true, t('evaluations.resumeHint'))} data-testid="evaluation-resume">
          {busy === 'resume' ? t('common.working') : t('evaluations.resume')}
        </button>
      ) : (
        <button type="button" className="button" onClick={() => void act('pause')} disabled={!canPause || busy !== null} title={reason(canPause, t('evaluations.pauseHint'))} data-testid="evaluation-pause">
          {busy === 'pause' ? t('evaluations.pausing') : t('evaluations.pause')}
        </button>
      )}
      <button type="button" className="button button-danger-outline" onClick={() => setConfirming('cancel')} disabled={!canCancel || busy !== null} title={reason(canCancel, t('evaluations.cancelHint'))} data-testid="evaluation-cancel">
        {t('evaluations.cancel')}
      </button>
      <button type="button" className="button button-danger-outline" onClick={() => setConfirming('delete')} disabled={busy !== null} title={busy ? t('common.working') : t('evaluations.deleteHint')} data-testid="evaluation-delete">
        {t('common.delete')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t(confirming === 'cancel' ? 'evaluations.confirmCancelTitle' : 'evaluations.confirmDeleteTitle', { name: evaluation.name })}
          body={
            confirming === 'cancel'
              ? `${t('evaluations.confirmCancelBody')}${evaluation.kind === 'topics' || evaluation.kind === 'wai' ? ` ${t('evaluations.confirmCancelCached')}` : ''}`
              : status === 'running'
                ? t('evaluations.confirmDeleteRunningBody')
                : t('evaluations.confirmDeleteBody')
          }
          confirmLabel={confirming === 'cancel' ? t('evaluations.confirmCancel') : t('common.delete')}
          danger
          busy={busy === confirming}
          onConfirm={() => void act(confirming)}
          onCancel={() => setConfirming(null)}
          testId={`evaluation-${confirming}-dialog`}
        />
      )}
    </div>
  )
}
