import { useTranslation } from 'react-i18next'
import { EVALUATION_KINDS, type EvaluationKind } from '@shared/evaluation'

/** The five analyses of the paper, each with a one-line explanation. */
export function KindPicker({ kind, onChange }: { kind: EvaluationKind; onChange: (kind: EvaluationKind) => void }) {
  const { t } = useTranslation()
  return (
    <fieldset className="radio-group kind-picker" data-testid="analysis-kind">
      <legend>{t('analysisForm.kind')}</legend>
      {EVALUATION_KINDS.map((option) => (
        <label
          key={option}
          className={`radio radio-described kind-option${option === kind ? ' kind-option-selected' : ''}`}
        >
          <input
            type="radio"
            name="analysis-kind"
            value={option}
            checked={kind === option}
            onChange={() => onChange(option)}
            data-testid={`analysis-kind-${option}`}
          />
          <span>
            <span className="check-label">{t(`evaluations.kinds.${option}`)}</span>
            <span className="field-hint">{t(`analysisForm.kindHints.${option}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
