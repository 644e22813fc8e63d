import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from './Field'

/** The words and test ids of one use of the name form (the arena's annotators, a study's raters). */
export interface NameFormText {
  title: string
  body: string
  label: string
  hint: string
  required: string
  start: string
  leave: string
}

/** Asks a person's name before they vote or rate: their answers are stored under it. At most 80 characters. */
export function NameForm({
  text,
  className,
  testIds,
  initial,
  onName,
  onLeave,
}: {
  text: NameFormText
  className: string
  testIds: { form: string; input: string; start: string; leave: string }
  initial: string
  onName: (name: string) => void
  onLeave: () => void
}) {
  const { t } = useTranslation()
  const [name, setName] = useState(initial)
  const [touched, setTouched] = useState(false)
  const trimmed = name.trim()
  const error =
    touched && !trimmed ? text.required : trimmed.length > 80 ? t('validation.maxChars', { max: 80 }) : undefined
  return (
    <form
      className={className}
      onSubmit={(event) => {
        event.preventDefault()
        setTouched(true)
        if (trimmed && trimmed.length <= 80) onName(trimmed)
      }}
      data-testid={testIds.form}
    >
      <h2>{text.title}</h2>
      <p className="muted">{text.body}</p>
      <Field label={text.label} hint={text.hint} error={error}>
        {(control) => (
          <input
            {...control}
            type="text"
            autoFocus
            value={name}
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
            data-testid={testIds.input}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" data-testid={testIds.start}>
          {text.start}
        </button>
        <button type="button" className="button" onClick={onLeave} data-testid={testIds.leave}>
          {text.leave}
        </button>
      </div>
    </form>
  )
}
