import { useCallback, useEffect, useState } from 'react'
import type { ArenaReport } from '@shared/arena'
import { api } from '../../../api/client'
import { useThrottledRefresh } from '../../../lib/useThrottledRefresh'
import type { ReportRequest } from './reportRequest'

/** The report for a request, fetched again when the request changes and (throttled) when the arena moves on. */
export function useArenaReport(
  request: ReportRequest,
  signal: string,
): { report: ArenaReport | null; error: unknown; loading: boolean; reload: () => void } {
  const [report, setReport] = useState<ArenaReport | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(false)
  const key = JSON.stringify(request)

  const load = useCallback(async () => {
    setLoading(true)
    try {
      setReport(await api.arenaReport(JSON.parse(key) as ReportRequest))
      setError(null)
    } catch (failure) {
      setError(failure)
    } finally {
      setLoading(false)
    }
  }, [key])
  useEffect(() => void load(), [load])
  useThrottledRefresh(signal, () => void load(), 3000)
  return { report, error, loading, reload: () => void load() }
}
