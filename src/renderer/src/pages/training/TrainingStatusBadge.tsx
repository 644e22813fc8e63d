import { useTranslation } from 'react-i18next'
import type { TrainingJobStatus } from '@shared/training'

const TONE: Record<TrainingJobStatus, string> = {
  uploading: 'badge-running',
  running: 'badge-running',
  completed: 'badge-success',
  failed: 'badge-danger',
  cancelled: 'badge-neutral',
  lost: 'badge-warning',
}

/**
 * A training job's (or a remote run's, `area` 'remote': the same states, its own hints) status, coloured like the other
 * pages' badges (jobs on a server have their own states: uploading, lost).
 */
export function TrainingStatusBadge({
  status,
  testId,
  area = 'training',
}: {
  status: TrainingJobStatus
  testId?: string
  area?: 'training' | 'remote'
}) {
  const { t } = useTranslation()
  return (
    <span
      className={`badge ${TONE[status]}`}
      data-testid={testId}
      data-status={status}
      title={t(`${area}.statusHints.${status}`)}
    >
      {t(`training.status.${status}`)}
    </span>
  )
}
