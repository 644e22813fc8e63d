import { useTranslation } from 'react-i18next'
import type { ArenaDialogueStatus } from '@shared/arena'
import type { DialogueStatus } from '@shared/dialogue'
import type { RunStatus } from '@shared/simulation'

export type AnyStatus = RunStatus | DialogueStatus | ArenaDialogueStatus

const TONE: Record<AnyStatus, string> = {
  running: 'badge-running',
  paused: 'badge-warning',
  completed: 'badge-success',
  cancelled: 'badge-neutral',
  failed: 'badge-danger',
  pending: 'badge-neutral',
  awaiting_vote: 'badge-warning',
}

/** The status of a run, an arena or a dialogue, coloured by what it means. */
export function StatusBadge({ status, testId }: { status: AnyStatus; testId?: string }) {
  const { t } = useTranslation()
  return (
    <span className={`badge ${TONE[status]}`} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </span>
  )
}
