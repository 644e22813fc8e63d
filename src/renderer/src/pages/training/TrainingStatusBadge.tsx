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

/** A training job's status, coloured like the other pages' badges (training has its own states: uploading, lost). */
export function TrainingStatusBadge({ status, testId }: { status: TrainingJobStatus; testId?: string }) {
  const { t } = useTranslation()
  return (
    <span
      className={`badge ${TONE[status]}`}
      data-testid={testId}
      data-status={status}
      title={t(`training.statusHints.${status}`)}
    >
      {t(`training.status.${status}`)}
    </span>
  )
}
