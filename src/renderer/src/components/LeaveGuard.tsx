import { createContext, useContext, useEffect, useRef } from 'react'

/** Asked before the app leaves the current page; resolves false to stay. */
export type LeaveGuard = () => Promise<boolean>

export interface LeaveGuardRegistry {
  set(guard: LeaveGuard | null): void
}

export const LeaveGuardContext = createContext<LeaveGuardRegistry>({ set: () => {} })

/** Registers the page's guard while it is mounted; the latest function is always used. */
export function useLeaveGuard(guard: LeaveGuard): void {
  const registry = useContext(LeaveGuardContext)
  const latest = useRef(guard)
  latest.current = guard
  useEffect(() => {
    registry.set(() => latest.current())
    return () => registry.set(null)
  }, [registry])
}
