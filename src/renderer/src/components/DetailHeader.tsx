import type { ReactNode } from 'react'
import { ErrorBanner } from './ErrorBanner'

interface DetailHeaderProps {
  name: string
  nameTestId: string
  /** Status and kind badges. */
  badges: ReactNode
  /** "Created …", "finished …" (null for what has not happened), joined with " · ". */
  times: (string | null)[]
  /** The actions. */
  children: ReactNode
}

/** The top of a run's, evaluation's, arena's or training job's page: its name, badges and dates, and its actions. */
export function DetailHeader({ name, nameTestId, badges, times, children }: DetailHeaderProps) {
  return (
    <header className="detail-header">
      <div className="editor-title">
        <h2 data-testid={nameTestId}>{name}</h2>
        <div className="editor-meta">
          {badges}
          <span className="muted">{times.filter(Boolean).join(' · ')}</span>
        </div>
      </div>
      {children}
    </header>
  )
}

/** Why a job failed (its error, selectable for copying) and what to do next. */
export function JobFailedBanner({
  title,
  error,
  hint,
  testId,
}: {
  title: string
  error: string
  hint: string
  testId: string
}) {
  return (
    <ErrorBanner testId={testId}>
      <strong>{title}</strong>
      <div className="selectable evaluation-error-message">{error}</div>
      <div>{hint}</div>
    </ErrorBanner>
  )
}
