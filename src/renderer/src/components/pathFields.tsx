import { getPath, type PathBinding } from '../lib/dottedPath'
import { Field } from './Field'
import { NumberInput } from './NumberInput'
import { CheckField } from './CheckField'

export type { PathBinding } from '../lib/dottedPath'

interface BaseProps {
  bind: PathBinding
  /** Dotted path in the form state: "config.maxTurns". */
  path: string
  label: string
  hint?: string
  className?: string
  disabled?: boolean
}

/**
 * Number, text, select and check fields bound to a path of a form's state. Each form names its inputs its own way
 * (`testIdFor`: "run-maxTurns", "training-config-learning_rate"); `spellCheck: false` for text that is code or a path.
 */
export function pathFields(testIdFor: (path: string) => string, text: { spellCheck?: boolean } = {}) {
  function NumberField({
    bind,
    path,
    label,
    hint,
    className,
    nullable,
    placeholder,
    disabled,
  }: BaseProps & { nullable?: boolean; placeholder?: string }) {
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
            data-testid={testIdFor(path)}
          />
        )}
      </Field>
    )
  }

  function TextField({
    bind,
    path,
    label,
    hint,
    className,
    placeholder,
    disabled,
  }: BaseProps & { placeholder?: string }) {
    return (
      <Field label={label} hint={hint} error={bind.errors[path]} className={className}>
        {(control) => (
          <input
            {...control}
            type="text"
            spellCheck={text.spellCheck}
            value={getPath(bind.state, path) as string}
            placeholder={placeholder}
            disabled={disabled}
            onChange={(event) => bind.set(path, event.target.value)}
            data-testid={testIdFor(path)}
          />
        )}
      </Field>
    )
  }

  function SelectField({
    bind,
    path,
    label,
    hint,
    className,
    options,
  }: BaseProps & { options: readonly { value: string; label: string }[] }) {
    return (
      <Field label={label} hint={hint} error={bind.errors[path]} className={className}>
        {(control) => (
          <select
            {...control}
            value={getPath(bind.state, path) as string}
            onChange={(event) => bind.set(path, event.target.value)}
            data-testid={testIdFor(path)}
          >
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
  function BoundCheckField({
    bind,
    path,
    label,
    hint,
    disabled,
    disabledReason,
  }: Omit<BaseProps, 'className'> & { disabledReason?: string }) {
    return (
      <CheckField
        label={label}
        hint={hint}
        checked={getPath(bind.state, path) as boolean}
        onChange={(checked) => bind.set(path, checked)}
        disabled={disabled}
        title={disabled ? disabledReason : undefined}
        testId={testIdFor(path)}
      />
    )
  }

  return { NumberField, TextField, SelectField, CheckField: BoundCheckField }
}
