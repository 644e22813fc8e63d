import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../lib/errors'
import { ConfirmDialog } from './ConfirmDialog'
import { useToast } from './Toasts'

/** One button of a job's actions (pause, resume, refresh, cancel, delete …). */
export interface JobAction {
  /** Names the button (`<testIdPrefix>-<id>`), its dialog (`<testIdPrefix>-<id>-dialog`) and its failure message. */
  id: string
  label: string
  /** The label while the action runs; the label itself when not given. */
  busyLabel?: string
  /** The tooltip while the action can be used. */
  hint: string
  /** False: the job's status does not allow it (disabled, with the status reason as tooltip). Default true. */
  allowed?: boolean
  /** The tooltip while not allowed, when it is not the status (e.g. "No failed dialogues to retry"). */
  disabledReason?: string
  variant?: 'primary' | 'danger'
  /** Asks first, in a danger dialog. */
  confirm?: { title: string; body: string; confirmLabel: string }
  run: () => Promise<void>
}

interface JobActionsProps {
  actions: JobAction[]
  testIdPrefix: string
  /** The tooltip of a button the status does not allow ("Not possible: the run is completed"). */
  statusReason: string
  /** The toast when an action fails. */
  failedMessage: (id: string, message: string) => string
  /** Buttons shown before the actions. */
  children?: ReactNode
}

const VARIANT_CLASS = { primary: 'button button-primary', danger: 'button button-danger-outline' } as const

/** A job's action buttons: one runs at a time, the confirmed ones ask first, a failure is a toast. */
export function JobActions({ actions, testIdPrefix, statusReason, failedMessage, children }: JobActionsProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const [busy, setBusy] = useState<string | null>(null)
  const [confirmingId, setConfirmingId] = useState<string | null>(null)
  const confirming = actions.find((action) => action.id === confirmingId && action.confirm)

  const act = async (action: JobAction) => {
    setBusy(action.id)
    try {
      await action.run()
    } catch (error) {
      toast({ kind: 'error', message: failedMessage(action.id, errorMessage(error)) })
    } finally {
      setBusy(null)
      setConfirmingId(null)
    }
  }

  return (
    <div className="button-row">
      {children}
      {actions.map((action, index) => {
        const allowed = action.allowed ?? true
        return (
          // Keyed by place: a button that changes its action (Pause ↔ Resume) stays the same element and keeps the
          // focus.
          <button
            key={index}
            type="button"
            className={action.variant ? VARIANT_CLASS[action.variant] : 'button'}
            onClick={() => (action.confirm ? setConfirmingId(action.id) : void act(action))}
            disabled={!allowed || busy !== null}
            title={busy ? t('common.working') : allowed ? action.hint : (action.disabledReason ?? statusReason)}
            data-testid={`${testIdPrefix}-${action.id}`}
          >
            {busy === action.id && action.busyLabel ? action.busyLabel : action.label}
          </button>
        )
      })}
      {confirming?.confirm && (
        <ConfirmDialog
          title={confirming.confirm.title}
          body={confirming.confirm.body}
          confirmLabel={confirming.confirm.confirmLabel}
          danger
          busy={busy === confirming.id}
          onConfirm={() => void act(confirming)}
          onCancel={() => setConfirmingId(null)}
          testId={`${testIdPrefix}-${confirming.id}-dialog`}
        />
      )}
    </div>
  )
}

/**
 * What a pausable job (run, evaluation, arena) allows: pause while running, resume when paused or failed, cancel until
 * it has ended.
 */
export function pausableActions(status: string) {
  return {
    canPause: status === 'running',
    canResume: status === 'paused' || status === 'failed',
    canCancel: status === 'running' || status === 'paused' || status === 'failed',
    /** Ended for good: a page shows only what still applies (Delete), not Pause or Cancel. */
    finished: status === 'completed' || status === 'cancelled',
  }
}
