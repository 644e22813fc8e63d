import { createHash } from 'node:crypto'
import type { MethodName } from '@shared/api'

/**
 * What a limited access link may do (an annotator's link in serve mode): call
 * only the listed methods, each with the given input fields fixed whatever
 * the caller sends.
 */
export type LimitedGrant = Partial<Record<MethodName, Record<string, unknown>>>

export type LimitedAccess = (token: string) => LimitedGrant | null

/** How a link's token is stored and looked up (annotator and rater links): its SHA-256, never the token itself. */
export const hashLinkToken = (token: string) => createHash('sha256').update(token).digest('hex')
