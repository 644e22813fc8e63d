import { useEffect, useState } from 'react'
import type { JobProgress } from '@shared/api'
import { useWorkbenchEvent } from './useWorkbenchEvent'

/** The latest progress of a running job of this kind, while `active`; null when none has arrived. */
export function useJobProgress(kindIncludes: string, active: boolean): JobProgress | null {
  const [progress, setProgress] = useState<JobProgress | null>(null)
  useEffect(() => {
    if (!active) setProgress(null)
  }, [active])
  useWorkbenchEvent('job.progress', (event) => {
    if (active && event.kind.toLowerCase().includes(kindIncludes)) setProgress(event)
  })
  return progress
}
