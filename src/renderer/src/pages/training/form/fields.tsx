import { Field } from '../../../components/Field'
import { pathFields } from '../../../components/pathFields'
import { getPath } from '../../../lib/dottedPath'
import { trainingTestId, type TrainingBinding } from './trainingFormState'

/** The training form's fields: inputs named "training-<path>", text without spell checking (model names, paths). */
export const { NumberField, TextField, CheckField } = pathFields(trainingTestId, { spellCheck: false })

interface BaseProps {
  bind: TrainingBinding
  /** Dotted path in the form state: "config.learning_rate". */
  path: string
  label: string
  hint?: string
  className?: string
}

export function SelectField({ bind, path, label, hint, className, options }: BaseProps & { options: readonly { value: string; label: string }[] }) {
  return (
    <Field label={label} hint={hint} error={bind.errors[path]} className={className}>
      {(control) => (
        <select {...control} value={getPath(bind.state, path) as string} onChange={(event) => bind.set(path, event.target.value)} data-testid={trainingTestId(path)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** Radio buttons in a row under one label, with one hint (or the error) below them. */
export function ChoiceField<V extends string>({ bind, path, label, hint, options }: Omit<BaseProps, 'className'> & { options: readonly { value: V; label: string }[] }) {
  const value = getPath(bind.state, path) as V
  const error = bind.errors[path]
  return (
    <fieldset className={`radio-group training-choice${error ? ' field-invalid' : ''}`} data-testid={trainingTestId(path)}>
      <legend className="field-label">{label}</legend>
      <div className="training-choice-options">
        {options.map((option) => (
          <label key={option.value} className="radio">
            <input type="radio" name={path} value={option.value} checked={value === option.value} onChange={() => bind.set(path, option.value)} data-testid={`${trainingTestId(path)}-${option.value}`} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {error ? <p className="field-error">{error}</p> : hint && <p className="field-hint">{hint}</p>}
    </fieldset>
  )
}
