import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../lib/errors'
import { Modal } from './Modal'
import { useToast } from './Toasts'

interface ConfirmDialogProps {
  title: string
  body: string
  confirmLabel: string
  danger?: boolean
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
  testId?: string
}

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  danger,
  busy,
  onConfirm,
  onCancel,
  testId,
}: ConfirmDialogProps) {
  const { t } = useTranslation()
  return (
    <Modal
      title={title}
      onClose={onCancel}
      size="small"
      alert
      testId={testId ?? 'confirm-dialog'}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={danger ? 'button button-danger' : 'button button-primary'}
            onClick={onConfirm}
            disabled={busy}
            data-autofocus
            data-testid="confirm-dialog-confirm"
          >
            {busy ? t('common.working') : confirmLabel}
          </button>
        </>
      }
    >
      <p>{body}</p>
    </Modal>
  )
}

interface ConfirmedAction<T> {
  /** The danger dialog's words for this item, and its test id. */
  dialog: (item: T) => { title: string; body: string; confirmLabel: string; testId: string }
  /** What confirming does (delete it, and whatever follows on the page). */
  run: (item: T) => Promise<void>
  /** The toast when `run` fails. */
  failedMessage: (message: string) => string
}

/**
 * `ask(item)` opens a danger dialog (render `dialog`); confirming runs the action, a failure is a toast, and the dialog
 * closes either way.
 */
export function useConfirmedAction<T>({ dialog, run, failedMessage }: ConfirmedAction<T>): {
  ask: (item: T) => void
  dialog: ReactNode
} {
  const toast = useToast()
  const [item, setItem] = useState<T | null>(null)
  const [busy, setBusy] = useState(false)
  const confirm = async (target: T) => {
    setBusy(true)
    try {
      await run(target)
    } catch (error) {
      toast({ kind: 'error', message: failedMessage(errorMessage(error)) })
    } finally {
      setBusy(false)
      setItem(null)
    }
  }
  return {
    ask: setItem,
    dialog: item !== null && (
      <ConfirmDialog
        {...dialog(item)}
        danger
        busy={busy}
        onConfirm={() => void confirm(item)}
        onCancel={() => setItem(null)}
      />
    ),
  }
}
