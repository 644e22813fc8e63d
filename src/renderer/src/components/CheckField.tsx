import type { ReactNode } from 'react'

interface CheckFieldProps {
  label: ReactNode
  hint?: ReactNode
  checked: boolean
  onChange: (checked: boolean) => void
  disabled?: boolean
  /** Shown as the tooltip (e.g. why the box is disabled). */
  title?: string
  className?: string
  testId?: string
  /** More data-* attributes for tests (e.g. { 'data-pool': pool }). */
  data?: Record<`data-${string}`, string>
}

/** A checkbox with its label (and hint) beside it: the whole label is clickable. */
export function CheckField({
  label,
  hint,
  checked,
  onChange,
  disabled,
  title,
  className,
  testId,
  data,
}: CheckFieldProps) {
  return (
    <label className={className ? `check-field ${className}` : 'check-field'} title={title}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        data-testid={testId}
        {...data}
      />
      {hint ? (
        <span>
          <span className="check-label">{label}</span>
          <span className="field-hint">{hint}</span>
        </span>
      ) : (
        <span className="check-label">{label}</span>
      )}
    </label>
  )
}
