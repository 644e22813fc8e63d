import type { AppInfo } from '@shared/api'
import { api } from '../api/client'
import { sharedLoader } from './sharedLoader'

const useAppInfoValue = sharedLoader(() => api.appInfo())

/**
 * App info does not change while the app runs: fetched once, shared by the top bar, Settings and the pages that need
 * it.
 */
export function useAppInfo(): { info: AppInfo | null; error: unknown } {
  const { value: info, error } = useAppInfoValue()
  return { info, error }
}

/** "SimPsy Workbench 0.1.0": what an exported figure names as its maker. */
export function useSoftwareName(): string {
  const { info } = useAppInfo()
  return `SimPsy Workbench ${info?.version ?? ''}`.trim()
}
