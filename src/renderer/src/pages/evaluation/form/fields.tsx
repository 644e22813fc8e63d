import { Field } from '../../../components/Field'
import { NumberInput } from '../../../components/NumberInput'
import { analysisTestId, currentConfig, type AnalysisBinding } from './analysisForm'

interface BaseProps {
  bind: AnalysisBinding
  /** A field of the current kind's settings. */
  field: string
  label: string
  hint: string
}

const valueOf = (bind: AnalysisBinding, field: string) => currentConfig(bind.state)?.[field]
const errorOf = (bind: AnalysisBinding, field: string) => bind.errors[`config.${field}`]

export function ConfigNumber({ bind, field, label, hint }: BaseProps) {
  return (
    <Field label={label} hint={hint} error={errorOf(bind, field)}>
      {(control) => <NumberInput {...control} value={valueOf(bind, field) as number} onChange={(value) => bind.setConfig(field, value)} data-testid={analysisTestId(field)} />}
    </Field>
  )
}

export function ConfigText({ bind, field, label, hint, placeholder, className }: BaseProps & { placeholder?: string; className?: string }) {
  return (
    <Field label={label} hint={hint} error={errorOf(bind, field)} className={className}>
      {(control) => (
        <input {...control} type="text" spellCheck={false} value={valueOf(bind, field) as string} placeholder={placeholder} onChange={(event) => bind.setConfig(field, event.target.value)} data-testid={analysisTestId(field)} />
      )}
    </Field>
  )
}

export function ConfigSelect({ bind, field, label, hint, options }: BaseProps & { options: { value: string; label: string }[] }) {
  return (
    <Field label={label} hint={hint} error={errorOf(bind, field)}>
      {(control) => (
        <select {...control} value={valueOf(bind, field) as string} onChange={(event) => bind.setConfig(field, event.target.value)} data-testid={analysisTestId(field)}>
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
export function ConfigCheck({ bind, field, label, hint }: BaseProps) {
  return (
    <label className="check-field">
      <input type="checkbox" checked={valueOf(bind, field) as boolean} onChange={(event) => bind.setConfig(field, event.target.checked)} data-testid={analysisTestId(field)} />
      <span>
        <span className="check-label">{label}</span>
        <span className="field-hint">{hint}</span>
      </span>
    </label>
  )
}
