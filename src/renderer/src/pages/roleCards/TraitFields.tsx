import { useTranslation } from 'react-i18next'
import { LEVELS, type Level } from '@shared/roleCard'
import { Field } from '../../components/Field'
import type { TraitForm } from './cardForm'

interface TraitFieldsProps {
  /** The trait's name, shown as a row heading. */
  label: string
  value: TraitForm
  onChange: (value: TraitForm) => void
  levelError?: string
  descriptionError?: string
  descriptionPlaceholder: string
  testId: string
  /** When a section heading already names the trait. */
  hideLegend?: boolean
  /** Field labels are shown once as column headings above a group of rows. */
  hideFieldLabels?: boolean
}

/** One trait: a level select (low … high, or unspecified) and a free description. */
export function TraitFields({
  label,
  value,
  onChange,
  levelError,
  descriptionError,
  descriptionPlaceholder,
  testId,
  hideLegend,
  hideFieldLabels,
}: TraitFieldsProps) {
  const { t } = useTranslation()
  return (
    <fieldset className="trait-row" data-testid={testId}>
      <legend className={hideLegend ? 'visually-hidden' : undefined}>{label}</legend>
      <Field
        label={hideFieldLabels ? `${label}: ${t('editor.fields.level')}` : t('editor.fields.level')}
        error={levelError}
        className="trait-level"
        hideLabel={hideFieldLabels}
      >
        {(control) => (
          <select
            {...control}
            value={value.level ?? ''}
            onChange={(event) => onChange({ ...value, level: (event.target.value || null) as Level | null })}
          >
            <option value="">{t('editor.levels.unspecified')}</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`editor.levels.${level}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={hideFieldLabels ? `${label}: ${t('editor.fields.description')}` : t('editor.fields.description')}
        error={descriptionError}
        className="trait-description"
        hideLabel={hideFieldLabels}
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={value.description}
            placeholder={descriptionPlaceholder}
            onChange={(event) => onChange({ ...value, description: event.target.value })}
          />
        )}
      </Field>
    </fieldset>
  )
}
