import { useCallback } from 'react'
import { useHashLocation } from 'wouter/use-hash-location'
import { formatAddress, goToAddress } from '../../lib/address'

const PREFIX = '/rate/'

/** The study id (and the rater, `?as=<name>` in the desktop app) of a rating address (`#/rate/<studyId>`), or null. */
export function rateAddress(path: string): { studyId: string; rater: string | null } | null {
  if (!path.startsWith(PREFIX)) return null
  const [idPart, query = ''] = path.slice(PREFIX.length).split('?')
  try {
    const studyId = decodeURIComponent(idPart).trim()
    if (!studyId) return null
    const rater = new URLSearchParams(query).get('as')
    return { studyId, rater: rater?.trim() || null }
  } catch {
    return null
  }
}

/**
 * The rating view lives in the address, so a rater's link opens it directly, Back leaves it, and leaving it lands on
 * the study's page.
 */
export function useRateRoute(): {
  route: { studyId: string; rater: string | null } | null
  open: (studyId: string, rater?: string) => void
  close: () => void
} {
  const [path] = useHashLocation()
  const route = rateAddress(path)
  const open = useCallback((id: string, rater?: string) => {
    const path = `${PREFIX}${encodeURIComponent(id)}`
    if (!rater) return goToAddress(path)
    // Set on the hash itself: wouter's navigate would move "?as=" out of the hash into the page's query, where the
    // rater is not read and Back (a change of query and hash) fires no hashchange, so the page would not follow.
    window.location.hash = `${path}?as=${encodeURIComponent(rater)}`
  }, [])
  const studyId = route?.studyId
  const close = useCallback(
    () => goToAddress(studyId ? formatAddress('studies', studyId) : formatAddress('studies')),
    [studyId],
  )
  return { route, open, close }
}
