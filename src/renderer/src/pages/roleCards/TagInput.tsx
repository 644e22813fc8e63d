import { useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ControlProps } from '../../components/Field'

interface TagInputProps extends ControlProps {
  tags: string[]
  onChange: (tags: string[]) => void
  suggestions?: string[]
  placeholder?: string
  removeLabel?: (tag: string) => string
  testId?: string
}

/** Chips for the tags; a new tag is committed with Enter or a comma (ASCII or full-width). */
export function TagInput({
  tags,
  onChange,
  suggestions = [],
  placeholder,
  removeLabel,
  testId = 'editor-tags-input',
  ...control
}: TagInputProps) {
  const { t } = useTranslation()
  const removeText = removeLabel ?? ((tag: string) => t('editor.removeTag', { tag }))
  const [draft, setDraft] = useState('')
  const listId = `${control.id}-suggestions`

  const commit = (text: string) => {
    const fresh = text
      .split(/[,，]/)
      .map((tag) => tag.trim())
      .filter((tag) => tag && !tags.includes(tag))
    if (fresh.length) onChange([...tags, ...new Set(fresh)])
    setDraft('')
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',' || event.key === '，') {
      event.preventDefault()
      commit(draft)
    } else if (event.key === 'Backspace' && draft === '' && tags.length) {
      onChange(tags.slice(0, -1))
    }
  }

  return (
    <div className="tag-input">
      {tags.map((tag) => (
        <span key={tag} className="chip">
          {tag}
          <button
            type="button"
            className="chip-remove"
            aria-label={removeText(tag)}
            title={removeText(tag)}
            onClick={() => onChange(tags.filter((other) => other !== tag))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        {...control}
        value={draft}
        list={suggestions.length ? listId : undefined}
        placeholder={placeholder ?? t('editor.placeholders.tags')}
        onChange={(event) => {
          const value = event.target.value
          if (/[,，]/.test(value)) commit(value)
          else setDraft(value)
        }}
        onKeyDown={onKeyDown}
        onBlur={() => draft.trim() && commit(draft)}
        data-testid={testId}
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions
            .filter((tag) => !tags.includes(tag))
            .map((tag) => (
              <option key={tag} value={tag} />
            ))}
        </datalist>
      )}
    </div>
  )
}
