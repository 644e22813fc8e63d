import type { ReactNode } from 'react'

/** A titled card of a form with a one-line explanation. */
export function FormSection({
  title,
  help,
  children,
  testId,
}: {
  title: string
  help?: string
  children: ReactNode
  testId?: string
}) {
  return (
    <section className="form-section" data-testid={testId}>
      <h3>{title}</h3>
      {help && <p className="muted small section-help">{help}</p>}
      {children}
    </section>
  )
}
