import { useTranslation } from 'react-i18next'
import type { Bilingual } from '@shared/study'
import { Field } from '../../../components/Field'

interface BilingualFieldsProps {
  label: string
  value: Bilingual
  onChange: (value: Bilingual) => void
  error?: string
  hint?: string
  multiline?: boolean
  rows?: number
  /** Keep the labels for assistive technology only (a row under one with visible labels). */
  hideLabel?: boolean
  /** The boxes' test ids: `<testId>-en`, `<testId>-zh`. */
  testId: string
}

/** One text in English and Chinese side by side (either may stay empty: the other is shown). */
export function BilingualFields({
  label,
  value,
  onChange,
  error,
  hint,
  multiline,
  rows = 3,
  hideLabel,
  testId,
}: BilingualFieldsProps) {
  const { t } = useTranslation()
  return (
    <div className="study-bilingual">
      {(['en', 'zh'] as const).map((language) => (
        <Field
          key={language}
          label={t('studies.form.inLanguage', { label, language: t(`studies.languages.${language}`) })}
          error={language === 'en' ? error : undefined}
          hint={language === 'en' ? hint : undefined}
          hideLabel={hideLabel}
        >
          {(control) =>
            multiline ? (
              <textarea
                {...control}
                aria-invalid={error ? true : undefined}
                rows={rows}
                value={value[language]}
                lang={language}
                onChange={(event) => onChange({ ...value, [language]: event.target.value })}
                data-testid={`${testId}-${language}`}
              />
            ) : (
              <input
                {...control}
                aria-invalid={error ? true : undefined}
                type="text"
                value={value[language]}
                lang={language}
                onChange={(event) => onChange({ ...value, [language]: event.target.value })}
                data-testid={`${testId}-${language}`}
              />
            )
          }
        </Field>
      ))}
    </div>
  )
}
