import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../lib/format'
import type { CardEditor } from './useCardEditor'

interface EditorHeaderProps {
  editor: CardEditor
  onSave: () => void
  onDuplicate: () => void
  onDelete: () => void
  onTestDrive: () => void
}

export function EditorHeader({ editor, onSave, onDuplicate, onDelete, onTestDrive }: EditorHeaderProps) {
  const { t } = useTranslation()
  const { form, card, mode, dirty, saving } = editor
  const title =
    form.complaintTitle.trim() ||
    form.name.trim() ||
    (mode === 'new' ? t('editor.newCardTitle') : t('roleCards.untitled'))
  const canSave = (dirty || mode === 'new' || editor.gone) && !saving
  const saveReason = saving ? t('editor.saving') : canSave ? t('editor.saveHint') : t('editor.noChangesReason')
  const savedOnlyReason = mode === 'new' ? t('editor.saveNewFirstReason') : undefined

  return (
    <header className="editor-header">
      <div className="editor-title">
        <h2 data-testid="editor-title">{title}</h2>
        <div className="editor-meta">
          {form.example && <span className="badge badge-example">{t('roleCards.exampleBadge')}</span>}
          {dirty && (
            <span className="badge badge-warning" data-testid="editor-unsaved">
              {t('editor.unsavedBadge')}
            </span>
          )}
          {card && (
            <span className="muted mono" title={t('editor.idLabel')}>
              {card.id}
            </span>
          )}
          {card && <span className="muted">{t('editor.updatedAt', { when: formatDateTime(card.updatedAt) })}</span>}
        </div>
      </div>
      <div className="editor-actions">
        <button
          type="button"
          className="button"
          onClick={onTestDrive}
          disabled={mode !== 'existing' || saving}
          title={mode !== 'existing' ? t('testDrive.saveFirst') : t('testDrive.openHint')}
          data-testid="editor-test-drive"
        >
          {t('testDrive.open')}
        </button>
        <button
          type="button"
          className="button"
          onClick={editor.revert}
          disabled={!dirty || saving}
          title={dirty ? t('editor.revertHint') : t('editor.noChangesReason')}
          data-testid="editor-revert"
        >
          {t('editor.revert')}
        </button>
        <button
          type="button"
          className="button"
          onClick={onDuplicate}
          disabled={mode !== 'existing' || saving}
          title={savedOnlyReason ?? t('editor.duplicateHint')}
          data-testid="editor-duplicate"
        >
          {t('editor.duplicate')}
        </button>
        <button
          type="button"
          className="button button-danger-outline"
          onClick={onDelete}
          disabled={mode !== 'existing' || saving}
          title={savedOnlyReason ?? t('editor.deleteHint')}
          data-testid="editor-delete"
        >
          {t('editor.delete')}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={onSave}
          disabled={!canSave}
          title={saveReason}
          data-testid="editor-save"
        >
          {saving ? t('editor.saving') : t('editor.save')}
        </button>
      </div>
    </header>
  )
}
