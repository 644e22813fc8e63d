import { useTranslation } from 'react-i18next'

interface DialogFooterProps {
  onCancel: () => void
  confirmLabel: string
  onConfirm: () => void
  confirmDisabled?: boolean
  /** Tooltip of the confirm button, usually why it is disabled. */
  confirmTitle?: string
  confirmTestId: string
}

/** Cancel and one primary action, the footer of a form dialog. */
export function DialogFooter({
  onCancel,
  confirmLabel,
  onConfirm,
  confirmDisabled,
  confirmTitle,
  confirmTestId,
}: DialogFooterProps) {
  const { t } = useTranslation()
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button
        type="button"
        className="button button-primary"
        onClick={onConfirm}
        disabled={confirmDisabled}
        title={confirmTitle}
        data-testid={confirmTestId}
      >
        {confirmLabel}
      </button>
    </>
  )
}
