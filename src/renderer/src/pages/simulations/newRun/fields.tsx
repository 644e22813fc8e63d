import type { ReactNode } from 'react'
import { pathFields } from '../../../components/pathFields'
import { testIdFor } from './runFormState'

/** The run form's fields (the arena form shares them): inputs named "run-<path without config.>". */
export const { NumberField, TextField, CheckField } = pathFields(testIdFor)

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
