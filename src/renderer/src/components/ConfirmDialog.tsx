import { useTranslation } from 'react-i18next'
import { Modal } from './Modal'

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

export function ConfirmDialog({ title, body, confirmLabel, danger, busy, onConfirm, onCancel, testId }: ConfirmDialogProps) {
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
