import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../../components/Field'

/** Who is rating (desktop, opened without a name): answers are stored under this name, a rater of the study. */
export function RaterNameForm({
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
      ? t('rate.nameRequired')
      : trimmed.length > 80
        ? t('validation.maxChars', { max: 80 })
        : undefined
  return (
    <form
      className="rate-card rate-name"
      onSubmit={(event) => {
        event.preventDefault()
        setTouched(true)
        if (trimmed && trimmed.length <= 80) onName(trimmed)
      }}
      data-testid="rate-name-form"
    >
      <h2>{t('rate.nameTitle')}</h2>
      <p className="muted">{t('rate.nameBody')}</p>
      <Field label={t('rate.nameLabel')} hint={t('rate.nameHint')} error={error}>
        {(control) => (
          <input
            {...control}
            type="text"
            autoFocus
            value={name}
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
            data-testid="rate-name"
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" data-testid="rate-name-start">
          {t('rate.nameStart')}
        </button>
        <button type="button" className="button" onClick={onLeave} data-testid="rate-leave">
          {t('rate.leave')}
        </button>
      </div>
    </form>
  )
}
