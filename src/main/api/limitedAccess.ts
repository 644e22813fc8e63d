import type { MethodName } from '@shared/api'

/**
 * What a limited access link may do (an annotator's link in serve mode): call
 * only these methods, with these input fields fixed whatever the caller sends.
 */
export interface LimitedGrant {
  methods: readonly MethodName[]
  fixed: Record<string, unknown>
}

export type LimitedAccess = (token: string) => LimitedGrant | null
