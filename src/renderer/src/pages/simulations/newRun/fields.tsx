import type { ReactNode } from 'react'
import { Field } from '../../../components/Field'
import { NumberInput } from '../../../components/NumberInput'
import { getPath, testIdFor, type FormBinding } from './runFormState'

interface BaseProps {
  /** Any form: the field reads and writes its own path. */
  bind: FormBinding<unknown>
  path: string
  label: string
  hint?: string
  className?: string
}

export function NumberField({ bind, path, label, hint, className, nullable, placeholder }: BaseProps & { nullable?: boolean; placeholder?: string }) {
  return (
    <Field label={label} hint={hint} error={bind.errors[path]} className={className}>
      {(control) => (
        <NumberInput
          {...control}
          value={getPath(bind.state, path) as number | null}
          nullable={nullable}
          placeholder={placeholder}
          onChange={(value) => bind.set(path, value)}
          data-testid={testIdFor(path)}
        />
      )}
    </Field>
  )
}

export function TextField({ bind, path, label, hint, className, placeholder }: BaseProps & { placeholder?: string }) {
  return (
    <Field label={label} hint={hint} error={bind.errors[path]} className={className}>
      {(control) => (
        <input {...control} type="text" value={getPath(bind.state, path) as string} placeholder={placeholder} onChange={(event) => bind.set(path, event.target.value)} data-testid={testIdFor(path)} />
      )}
    </Field>
  )
}

/** A checkbox with its label beside it and a short explanation under. */
export function CheckField({ bind, path, label, hint, disabled, disabledReason }: BaseProps & { disabled?: boolean; disabledReason?: string }) {
  return (
    <label className="check-field" title={disabled ? disabledReason : undefined}>
      <input type="checkbox" checked={getPath(bind.state, path) as boolean} disabled={disabled} onChange={(event) => bind.set(path, event.target.checked)} data-testid={testIdFor(path)} />
      <span>
        <span className="check-label">{label}</span>
        {hint && <span className="field-hint">{hint}</span>}
      </span>
    </label>
  )
}

/** A titled card of the form with a one-line explanation. */
export function FormSection({ title, help, children, testId }: { title: string; help?: string; children: ReactNode; testId?: string }) {
  return (
    <section className="form-section" data-testid={testId}>
      <h3>{title}</h3>
      {help && <p className="muted small section-help">{help}</p>}
      {children}
    </section>
  )
}
