import type { JobProgress } from '@shared/api'

/** Determinate when job progress has arrived, indeterminate before. */
export function ProgressBar({
  label,
  progress,
  detail,
}: {
  label: string
  progress: Pick<JobProgress, 'done' | 'total'> | null
  detail?: string
}) {
  const determinate = progress !== null && progress.total > 0
  const percent = determinate ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : undefined
  return (
    <div className="progress" role="status" data-testid="progress">
      <div className="progress-label">
        <span>{label}</span>
        {detail && <span className="muted">{detail}</span>}
      </div>
      <div
        className={`progress-track${determinate ? '' : ' progress-indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="progress-fill" style={determinate ? { width: `${percent}%` } : undefined} />
      </div>
    </div>
  )
}
