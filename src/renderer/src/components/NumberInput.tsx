import { useEffect, useState, type InputHTMLAttributes } from 'react'
import type { ControlProps } from './Field'

interface NumberInputProps
  extends
    ControlProps,
    Omit<
      InputHTMLAttributes<HTMLInputElement>,
      'value' | 'onChange' | 'type' | 'id' | 'aria-invalid' | 'aria-describedby'
    > {
  value: number | null
  /**
   * null when the box is emptied (only with `nullable`); NaN when the text is not a number, so validation can say so.
   */
  onChange: (value: number | null) => void
  nullable?: boolean
}

const parse = (text: string, nullable: boolean): number | null => {
  const trimmed = text.trim().replace(',', '.')
  if (trimmed === '') return nullable ? null : Number.NaN
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : Number.NaN
}

const same = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Number.isNaN(a) && Number.isNaN(b))

/** A number box that keeps what the user typed while it is being edited, and follows outside changes (e.g. a reset). */
export function NumberInput({ value, onChange, nullable = false, ...rest }: NumberInputProps) {
  const [text, setText] = useState(value === null || Number.isNaN(value) ? '' : String(value))
  useEffect(() => {
    setText((current) =>
      same(parse(current, nullable), value) ? current : value === null || Number.isNaN(value) ? '' : String(value),
    )
  }, [value, nullable])
  return (
    <input
      {...rest}
      type="text"
      inputMode="decimal"
      value={text}
      onChange={(event) => {
        setText(event.target.value)
        onChange(parse(event.target.value, nullable))
      }}
    />
  )
}
