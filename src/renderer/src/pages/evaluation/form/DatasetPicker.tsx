import { useTranslation } from 'react-i18next'
import type { Dataset } from '@shared/dialogue'
import { formatNumber } from '../../../lib/format'

interface DatasetPickerProps {
  datasets: Dataset[]
  selected: string[]
  max: number
  error?: string
  onChange: (ids: string[]) => void
}

const LETTERS = 'ABCDEFGH'

/** Datasets to analyse, in the order chosen (A, B… in tables and comparisons). */
export function DatasetPicker({ datasets, selected, max, error, onChange }: DatasetPickerProps) {
  const { t } = useTranslation()
  const full = selected.length >= max
  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? [...selected, id] : selected.filter((x) => x !== id))
  return (
    <fieldset
      className={`radio-group dataset-picker${error ? ' field-invalid' : ''}`}
      aria-describedby="analysis-datasets-help"
      data-testid="analysis-datasets"
    >
      <legend>{t('analysisForm.datasets')}</legend>
      <p className="field-hint" id="analysis-datasets-help">
        {max > 2 ? t('analysisForm.datasetsHintMany', { max }) : t('analysisForm.datasetsHintTwo')}
      </p>
      <ul className="dataset-choices">
        {datasets.map((dataset) => {
          const index = selected.indexOf(dataset.id)
          const checked = index >= 0
          const blocked = !checked && full
          return (
            <li key={dataset.id}>
              <label
                className={`dataset-choice${checked ? ' dataset-choice-checked' : ''}${blocked ? ' dataset-choice-blocked' : ''}`}
                title={blocked ? t('analysisForm.datasetsFullReason', { max }) : undefined}
              >
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={blocked}
                  onChange={(event) => toggle(dataset.id, event.target.checked)}
                  data-testid="analysis-dataset"
                  data-dataset-id={dataset.id}
                />
                <span className="dataset-choice-order" aria-hidden="true">
                  {checked && selected.length > 1 ? LETTERS[index] : ''}
                </span>
                <span className="dataset-choice-name">{dataset.name}</span>
                <span className="muted small">
                  {t('analysisForm.datasetMeta', {
                    count: dataset.dialogueCount,
                    formatted: formatNumber(dataset.dialogueCount),
                    kind: t(`datasets.kinds.${dataset.kind}`),
                    language:
                      dataset.language === 'mixed'
                        ? t('datasets.mixed')
                        : t(`editor.cardLanguages.${dataset.language}`),
                  })}
                </span>
              </label>
            </li>
          )
        })}
      </ul>
      {error && (
        <p className="field-error" role="alert" data-testid="analysis-datasets-error">
          {error}
        </p>
      )}
    </fieldset>
  )
}
