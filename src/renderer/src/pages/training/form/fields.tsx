import { pathFields } from '../../../components/pathFields'
import { getPath } from '../../../lib/dottedPath'
import { trainingTestId, type TrainingBinding } from './trainingFormState'

/** The training form's fields: inputs named "training-<path>", text without spell checking (model names, paths). */
export const { NumberField, TextField, SelectField, CheckField } = pathFields(trainingTestId, { spellCheck: false })

interface ChoiceFieldProps<V extends string> {
  bind: TrainingBinding
  /** Dotted path in the form state: "config.finetuning_type". */
  path: string
  label: string
  hint?: string
  options: readonly { value: V; label: string }[]
}

/** Radio buttons in a row under one label, with one hint (or the error) below them. */
export function ChoiceField<V extends string>({ bind, path, label, hint, options }: ChoiceFieldProps<V>) {
  const value = getPath(bind.state, path) as V
  const error = bind.errors[path]
  return (
    <fieldset
      className={`radio-group training-choice${error ? ' field-invalid' : ''}`}
      data-testid={trainingTestId(path)}
    >
      <legend className="field-label">{label}</legend>
      <div className="training-choice-options">
        {options.map((option) => (
          <label key={option.value} className="radio">
            <input
              type="radio"
              name={path}
              value={option.value}
              checked={value === option.value}
              onChange={() => bind.set(path, option.value)}
              data-testid={`${trainingTestId(path)}-${option.value}`}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {error ? <p className="field-error">{error}</p> : hint && <p className="field-hint">{hint}</p>}
    </fieldset>
  )
}
