import { useTranslation } from 'react-i18next'
import type { RatingSettings } from '@shared/arena'
import { Field } from '../../../components/Field'
import { NumberInput } from '../../../components/NumberInput'
import { DEFAULT_RATING_SETTINGS, RATING_FIELDS, type RatingField } from './reportRequest'

interface RatingSettingsFieldsProps {
  draft: Record<RatingField, number>
  errors: Partial<Record<RatingField, string>>
  onChange: (draft: Record<RatingField, number>) => void
}

const isDefault = (draft: Record<RatingField, number>) =>
  RATING_FIELDS.every((field) => draft[field] === DEFAULT_RATING_SETTINGS[field])

/**
 * How the ratings are computed: Elo's K, starting value, scale and base; the bootstrap's rounds and seed. Applied as
 * typed.
 */
export function RatingSettingsFields({ draft, errors, onChange }: RatingSettingsFieldsProps) {
  const { t } = useTranslation()
  const changed = !isDefault(draft)
  return (
    <details className="run-config arena-rating-settings" data-testid="arena-rating-settings">
      <summary>
        <h3>{t('arena.ratings.settingsTitle')}</h3>
        {changed && <span className="badge badge-warning">{t('arena.ratings.settingsChanged')}</span>}
      </summary>
      <div className="run-config-body">
        <div className="form-grid arena-rating-grid">
          {RATING_FIELDS.map((field) => (
            <Field
              key={field}
              label={t(`arena.ratings.settings.${field}`)}
              hint={t(`arena.ratings.settingsHints.${field}`)}
              error={errors[field]}
            >
              {(control) => (
                <NumberInput
                  {...control}
                  value={draft[field]}
                  onChange={(value) => onChange({ ...draft, [field]: value ?? Number.NaN })}
                  data-testid={`arena-rating-${field}`}
                />
              )}
            </Field>
          ))}
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange(pick(DEFAULT_RATING_SETTINGS))}
            disabled={!changed}
            title={changed ? t('arena.ratings.settingsResetHint') : t('arena.ratings.settingsAlreadyDefault')}
            data-testid="arena-rating-reset"
          >
            {t('arena.ratings.settingsReset')}
          </button>
        </div>
      </div>
    </details>
  )
}

export const pick = (settings: RatingSettings): Record<RatingField, number> =>
  Object.fromEntries(RATING_FIELDS.map((field) => [field, settings[field]])) as Record<RatingField, number>
