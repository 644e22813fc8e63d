import { useEffect, useState } from 'react'
import type { AppInfo } from '@shared/api'
import { api } from '../api/client'

let cached: Promise<AppInfo> | null = null

/** App info does not change while the app runs: fetched once, shared by the top bar and Settings. */
export function useAppInfo(): { info: AppInfo | null; error: unknown } {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    cached ??= api.appInfo()
    let live = true
    cached.then(
      (value) => live && setInfo(value),
      (failure) => {
        cached = null
        if (live) setError(failure)
      },
    )
    return () => {
      live = false
    }
  }, [])
  return { info, error }
}

/** "SimPsy Workbench 0.1.0": what an exported figure names as its maker. */
export function useSoftwareName(): string {
  const { info } = useAppInfo()
  return `SimPsy Workbench ${info?.version ?? ''}`.trim()
}
