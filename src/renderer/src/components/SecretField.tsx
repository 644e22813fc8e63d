import { Field } from './Field'

interface SecretFieldProps {
  label: string
  error?: string
  hint?: string
  /** What is typed now; the stored secret is never shown. */
  value: string
  /** A secret is stored already. */
  stored: boolean
  /** The stored secret will be removed on save. */
  removing: boolean
  /** Typing clears `removing`; the remove/keep button clears the value. */
  onChange: (value: string, removing: boolean) => void
  texts: { placeholderNew: string; placeholderStored: string; placeholderRemoved: string; remove: string; keep: string }
  testId: string
  removeTestId: string
}

/** A write-only secret (API key, key passphrase): typing replaces the stored one, a button removes it. */
export function SecretField({
  label,
  error,
  hint,
  value,
  stored,
  removing,
  onChange,
  texts,
  testId,
  removeTestId,
}: SecretFieldProps) {
  const placeholder = removing ? texts.placeholderRemoved : stored ? texts.placeholderStored : texts.placeholderNew
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <div className="input-with-button">
          <input
            {...control}
            type="password"
            autoComplete="off"
            value={value}
            placeholder={placeholder}
            onChange={(event) => onChange(event.target.value, false)}
            data-testid={testId}
          />
          {stored && (
            <button
              type="button"
              className="button button-small"
              onClick={() => onChange('', !removing)}
              aria-pressed={removing}
              data-testid={removeTestId}
            >
              {removing ? texts.keep : texts.remove}
            </button>
          )}
        </div>
      )}
    </Field>
  )
}
