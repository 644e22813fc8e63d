import { useTranslation } from 'react-i18next'
import { Modal } from './Modal'

export type UnsavedChoice = 'save' | 'discard' | 'cancel'

export function UnsavedChangesDialog({ onChoose, body }: { onChoose: (choice: UnsavedChoice) => void; body?: string }) {
  const { t } = useTranslation()
  return (
    <Modal
      title={t('unsaved.title')}
      onClose={() => onChoose('cancel')}
      size="small"
      alert
      testId="unsaved-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={() => onChoose('cancel')} data-testid="unsaved-cancel">
            {t('unsaved.cancel')}
          </button>
          <button
            type="button"
            className="button button-danger-outline"
            onClick={() => onChoose('discard')}
            data-testid="unsaved-discard"
          >
            {t('unsaved.discard')}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => onChoose('save')}
            data-autofocus
            data-testid="unsaved-save"
          >
            {t('unsaved.save')}
          </button>
        </>
      }
    >
      <p>{body ?? t('unsaved.body')}</p>
    </Modal>
  )
}
