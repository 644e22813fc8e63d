import { useTranslation } from 'react-i18next'
import type { ArenaSummary } from '@shared/arena'
import { Field } from '../../../components/Field'
import { CheckField } from '../../../components/CheckField'

interface RatingControlsProps {
  referee: 'llm' | 'human'
  onReferee: (referee: 'llm' | 'human') => void
  annotator: string | null
  annotators: string[]
  onAnnotator: (annotator: string | null) => void
  /** Other arenas with the same contestants, which can be pooled with this one. */
  poolable: ArenaSummary[]
  pooled: string[]
  onPooled: (ids: string[]) => void
}

/** Whose decisions the ratings use (LLM referee or people, one annotator or all) and which arenas are pooled. */
export function RatingControls({
  referee,
  onReferee,
  annotator,
  annotators,
  onAnnotator,
  poolable,
  pooled,
  onPooled,
}: RatingControlsProps) {
  const { t } = useTranslation()
  return (
    <div className="arena-rating-controls">
      <div className="field">
        <span className="field-label" id="arena-referee-switch-label">
          {t('arena.ratings.referee')}
        </span>
        <div
          className="segmented"
          role="group"
          aria-labelledby="arena-referee-switch-label"
          data-testid="arena-ratings-referee"
        >
          {(['llm', 'human'] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              className="segmented-option"
              aria-pressed={referee === kind}
              onClick={() => onReferee(kind)}
              data-testid={`arena-ratings-referee-${kind}`}
            >
              {t(`arena.refereeKinds.${kind}`)}
            </button>
          ))}
        </div>
      </div>
      {referee === 'human' && (
        <Field
          label={t('arena.ratings.annotator')}
          hint={annotators.length === 0 ? t('arena.ratings.noAnnotators') : undefined}
        >
          {(control) => (
            <select
              {...control}
              value={annotator ?? ''}
              onChange={(event) => onAnnotator(event.target.value || null)}
              data-testid="arena-ratings-annotator"
            >
              <option value="">{t('arena.ratings.allAnnotators')}</option>
              {annotators.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {poolable.length > 0 && (
        <fieldset className="arena-pool-choice" data-testid="arena-ratings-pool">
          <legend className="field-label">{t('arena.ratings.poolWith')}</legend>
          {poolable.map((other) => (
            <CheckField
              key={other.id}
              label={other.name}
              checked={pooled.includes(other.id)}
              onChange={(checked) => onPooled(checked ? [...pooled, other.id] : pooled.filter((id) => id !== other.id))}
            />
          ))}
        </fieldset>
      )}
    </div>
  )
}
