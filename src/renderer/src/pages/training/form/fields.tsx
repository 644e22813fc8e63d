import { Field } from '../../../components/Field'
import { NumberInput } from '../../../components/NumberInput'
import { getPath, trainingTestId, type TrainingBinding } from './trainingFormState'

interface BaseProps {
  bind: TrainingBinding
  /** Dotted path in the form state: "config.learning_rate". */
  path: string
  label: string
  hint?: string
  className?: string
  disabled?: boolean
}

export function NumberField({ bind, path, label, hint, className, nullable, placeholder, disabled }: BaseProps & { nullable?: boolean; placeholder?: string }) {
  return (
    <Field label={label} hint={hint} error={bind.errors[path]} className={className}>
      {(control) => (
        <NumberInput
          {...control}
          value={getPath(bind.state, path) as number | null}
          nullable={nullable}
          placeholder={placeholder}
          disabled={disabled}
          onChange={(value) => bind.set(path, value)}
          data-testid={trainingTestId(path)}
        />
      )}
    </Field>
  )
}

export function TextField({ bind, path, label, hint, className, placeholder, disabled }: BaseProps & { placeholder?: string }) {
  return (
    <Field label={label} hint={hint} error={bind.errors[path]} className={className}>
      {(control) => (
        <input
          {...control}
          type="text"
          spellCheck={false}
          value={getPath(bind.state, path) as string}
          placeholder={placeholder}
          disabled={disabled}
          onChange={(event) => bind.set(path, event.target.value)}
          data-testid={trainingTestId(path)}
        />
      )}
    </Field>
  )
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

/** A checkbox with its label beside it and a short explanation under. */
export function CheckField({ bind, path, label, hint }: Omit<BaseProps, 'className' | 'disabled'>) {
  return (
    <label className="check-field">
      <input type="checkbox" checked={getPath(bind.state, path) as boolean} onChange={(event) => bind.set(path, event.target.checked)} data-testid={trainingTestId(path)} />
      <span>
        <span className="check-label">{label}</span>
        {hint && <span className="field-hint">{hint}</span>}
      </span>
    </label>
  )
}

/** Radio buttons in a row under one label, with one hint (or the error) below them. */
export function ChoiceField<V extends string>({ bind, path, label, hint, options }: Omit<BaseProps, 'className' | 'disabled'> & { options: readonly { value: V; label: string }[] }) {
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
