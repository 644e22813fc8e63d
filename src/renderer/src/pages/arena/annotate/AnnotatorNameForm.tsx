import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../../components/Field'

/** Asks who is annotating: votes are stored under this name, and it is remembered in this browser. */
export function AnnotatorNameForm({
  initial,
  onName,
  onLeave,
}: {
  initial: string
  onName: (name: string) => void
  onLeave: () => void
}) {
  const { t } = useTranslation()
  const [name, setName] = useState(initial)
  const [touched, setTouched] = useState(false)
  const trimmed = name.trim()
  const error =
    touched && !trimmed
      ? t('arena.annotate.nameRequired')
      : trimmed.length > 80
        ? t('validation.maxChars', { max: 80 })
        : undefined
  return (
    <form
      className="annotation-card annotation-name"
      onSubmit={(event) => {
        event.preventDefault()
        setTouched(true)
        if (trimmed && trimmed.length <= 80) onName(trimmed)
      }}
      data-testid="annotator-name-form"
    >
      <h2>{t('arena.annotate.welcomeTitle')}</h2>
      <p>{t('arena.annotate.welcomeBody')}</p>
      <Field label={t('arena.annotate.nameLabel')} hint={t('arena.annotate.nameHint')} error={error}>
        {(control) => (
          <input
            {...control}
            type="text"
            autoFocus
            value={name}
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
            data-testid="annotator-name"
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" data-testid="annotator-start">
          {t('arena.annotate.start')}
        </button>
        <button type="button" className="button" onClick={onLeave} data-testid="annotation-leave">
          {t('arena.annotate.leave')}
        </button>
      </div>
    </form>
  )
}
