import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorBanner } from '../../components/ErrorBanner'
import { errorMessage } from '../../lib/errors'
import { CardFormFields, type Suggestions } from './CardFormFields'
import { EditorHeader } from './EditorHeader'
import { CARD_FIELD_PATHS, cardFieldLabel } from './cardFieldPaths'
import { PreviewPanel } from './PreviewPanel'
import type { CardEditor as Editor } from './useCardEditor'

interface CardEditorProps {
  editor: Editor
  suggestions: Suggestions
  formRef: RefObject<HTMLFormElement | null>
  onSave: (overwrite?: boolean) => void
  onDuplicate: () => void
  onDelete: () => void
  /** Opens the test drive of the saved card. */
  onTestDrive: () => void
  /** Esc: back to the list. */
  onLeave: () => void
}

type Tab = 'edit' | 'preview'
const SHOWN_FIELDS = new Set(CARD_FIELD_PATHS.filter((path) => path !== 'id'))

export function CardEditor({
  editor,
  suggestions,
  formRef,
  onSave,
  onDuplicate,
  onDelete,
  onTestDrive,
  onLeave,
}: CardEditorProps) {
  const { t } = useTranslation()
  const [tab, setTab] = useState<Tab>('edit')
  const errors = editor.errors
  const bodyRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    bodyRef.current?.scrollTo(0, 0)
  }, [editor.session])

  // After a failed save, take the user to the first field that needs fixing.
  useEffect(() => {
    if (errors && Object.keys(errors.byField).length > 0)
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [errors, formRef])
  const unplaced = errors
    ? [
        ...errors.general,
        ...Object.entries(errors.byField)
          .filter(([field]) => !SHOWN_FIELDS.has(field))
          .map(([field, message]) => `${cardFieldLabel(field, t)}: ${message}`),
      ]
    : []

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault()
      onLeave()
    }
  }

  const tabButton = (id: Tab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`editor-tab-${id}`}
      aria-selected={tab === id}
      aria-controls={`editor-panel-${id}`}
      className="tab"
      onClick={() => setTab(id)}
      data-testid={`editor-tab-${id}`}
    >
      {label}
    </button>
  )

  return (
    <div
      className="editor"
      onKeyDown={onKeyDown}
      aria-label={t('editor.formLabel')}
      role="region"
      data-testid="card-editor"
    >
      <EditorHeader
        editor={editor}
        onSave={() => onSave()}
        onDuplicate={onDuplicate}
        onDelete={onDelete}
        onTestDrive={onTestDrive}
      />
      {editor.conflict && (
        <ErrorBanner
          testId="editor-conflict"
          actions={
            <>
              <button
                type="button"
                className="button"
                onClick={() => void editor.reloadLatest()}
                data-testid="editor-conflict-reload"
              >
                {t('editor.conflictReload')}
              </button>
              <button
                type="button"
                className="button button-danger-outline"
                onClick={() => onSave(true)}
                data-testid="editor-conflict-overwrite"
              >
                {t('editor.conflictOverwrite')}
              </button>
            </>
          }
        >
          <strong>{t('editor.conflictTitle')}</strong> {t('editor.conflictBody')}
        </ErrorBanner>
      )}
      {editor.gone && (
        <div className="banner banner-warning" role="alert" data-testid="editor-gone">
          <strong>{t('editor.goneTitle')}</strong> {t('editor.goneBody')}
        </div>
      )}
      {unplaced.length > 0 && (
        <ErrorBanner testId="editor-errors">
          <strong>{t('editor.errorsAtTop')}</strong>
          <ul>
            {unplaced.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </ErrorBanner>
      )}
      {editor.loadError != null && (
        <ErrorBanner>{t('common.unknownError', { message: errorMessage(editor.loadError) })}</ErrorBanner>
      )}
      <div className="tabs-row">
        <div className="tabs" role="tablist" aria-label={t('editor.formLabel')}>
          {tabButton('edit', t('editor.tabEdit'))}
          {tabButton('preview', t('editor.tabPreview'))}
        </div>
        <span className="muted small">{t('editor.escHint')}</span>
      </div>
      <div className="editor-body" aria-busy={editor.loading} ref={bodyRef}>
        {tab === 'edit' ? (
          <form
            ref={formRef}
            id="editor-panel-edit"
            role="tabpanel"
            aria-labelledby="editor-tab-edit"
            className="card-form"
            onSubmit={(event) => {
              event.preventDefault()
              onSave()
            }}
            data-testid="editor-form"
            noValidate
          >
            <CardFormFields
              form={editor.form}
              errors={errors?.byField ?? {}}
              suggestions={suggestions}
              onChange={editor.update}
            />
          </form>
        ) : (
          <div id="editor-panel-preview" role="tabpanel" aria-labelledby="editor-tab-preview">
            <PreviewPanel form={editor.form} />
          </div>
        )}
      </div>
    </div>
  )
}
