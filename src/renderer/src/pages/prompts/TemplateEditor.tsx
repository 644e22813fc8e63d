import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { PromptTemplateView } from '@shared/promptApi'
import { LANGUAGES, type Language } from '@shared/roleCard'
import { Field } from '../../components/Field'
import { isModKey } from '../../lib/keyboard'
import { formatDateTime } from '../../lib/format'
import { PlaceholderHelp } from './PlaceholderHelp'
import {
  expectedPlaceholders,
  templateName,
  usesPlaceholder,
  type Placeholder,
  type TemplateGroup,
} from './templateGroups'

export interface TemplateDraft {
  text: string
  note: string
}

interface TemplateEditorProps {
  group: TemplateGroup
  language: Language
  view: PromptTemplateView
  draft: TemplateDraft
  dirty: boolean
  saving: boolean
  onLanguage: (language: Language) => void
  onChange: (draft: TemplateDraft) => void
  onSave: () => void
  onRevert: () => void
}

/** One template in one language: a plain textarea, a note for the version, and Save (which adds a version). */
export function TemplateEditor({
  group,
  language,
  view,
  draft,
  dirty,
  saving,
  onLanguage,
  onChange,
  onSave,
  onRevert,
}: TemplateEditorProps) {
  const { t } = useTranslation()
  const textRef = useRef<HTMLTextAreaElement>(null)
  const empty = draft.text.trim() === ''
  const missing = expectedPlaceholders(group.kind).filter((name) => !usesPlaceholder(draft.text, name))
  const saveReason = saving
    ? t('editor.saving')
    : empty
      ? t('prompts.emptyReason')
      : !dirty
        ? t('editor.noChangesReason')
        : t('prompts.saveHint')

  const insert = (name: Placeholder) => {
    const area = textRef.current
    const token = `{{${name}}}`
    const start = area?.selectionStart ?? draft.text.length
    const end = area?.selectionEnd ?? draft.text.length
    onChange({ ...draft, text: draft.text.slice(0, start) + token + draft.text.slice(end) })
    requestAnimationFrame(() => {
      area?.focus()
      area?.setSelectionRange(start + token.length, start + token.length)
    })
  }

  return (
    <div
      className="template-editor"
      data-testid="prompt-editor"
      onKeyDown={(event) => {
        if (isModKey(event) && event.key.toLowerCase() === 's') {
          event.preventDefault()
          if (dirty && !empty && !saving) onSave()
        }
      }}
    >
      <header className="detail-header">
        <div className="editor-title">
          <h2 data-testid="prompt-title">{templateName(group.id, group.name)}</h2>
          <div className="editor-meta">
            <span className="mono muted">{group.id}</span>
            <span className="badge badge-neutral">
              {t(`prompts.kinds.${group.kind}`, { defaultValue: group.kind })}
            </span>
            <span className="muted" data-testid="prompt-current-version">
              {t('prompts.currentVersion', { version: view.version, when: formatDateTime(view.createdAt) })}
            </span>
            {dirty && <span className="badge badge-warning">{t('editor.unsavedBadge')}</span>}
          </div>
        </div>
        <div className="button-row">
          <div className="segmented" role="group" aria-label={t('prompts.language')}>
            {LANGUAGES.filter((l) => group.byLanguage[l]).map((option) => (
              <button
                key={option}
                type="button"
                className="segmented-option"
                aria-pressed={language === option}
                onClick={() => onLanguage(option)}
                data-testid={`prompt-language-${option}`}
              >
                {t(`editor.cardLanguages.${option}`)}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="button"
            onClick={onRevert}
            disabled={!dirty || saving}
            title={dirty ? t('editor.revertHint') : t('editor.noChangesReason')}
            data-testid="prompt-revert"
          >
            {t('editor.revert')}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={onSave}
            disabled={!dirty || empty || saving}
            title={saveReason}
            data-testid="prompt-save"
          >
            {saving ? t('editor.saving') : t('prompts.save')}
          </button>
        </div>
      </header>
      <div className="template-body">
        <div className="template-main">
          {missing.length > 0 && (
            <p className="banner banner-warning" role="status" data-testid="prompt-missing-placeholder">
              {t('prompts.missingPlaceholder', { names: missing.map((name) => `{{${name}}}`).join(', ') })}
            </p>
          )}
          <Field
            label={t('prompts.text', { language: t(`editor.cardLanguages.${language}`) })}
            error={empty ? t('validation.notEmpty') : undefined}
            className="template-text-field"
          >
            {(control) => (
              <textarea
                {...control}
                ref={textRef}
                value={draft.text}
                spellCheck={false}
                onChange={(event) => onChange({ ...draft, text: event.target.value })}
                data-testid="prompt-text"
              />
            )}
          </Field>
          <Field label={t('prompts.note')} hint={t('prompts.noteHint')}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={draft.note}
                maxLength={500}
                placeholder={t('prompts.notePlaceholder')}
                onChange={(event) => onChange({ ...draft, note: event.target.value })}
                data-testid="prompt-note"
              />
            )}
          </Field>
        </div>
        <PlaceholderHelp kind={group.kind} onInsert={insert} />
      </div>
    </div>
  )
}
