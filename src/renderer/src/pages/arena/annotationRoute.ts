import { useCallback } from 'react'
import { useHashLocation } from 'wouter/use-hash-location'
import { formatAddress, goToAddress } from '../../lib/address'

const PREFIX = '/annotate/'

/** The arena id of an annotation link's address (`#/annotate/<arenaId>`), or null. */
function annotationArenaId(path: string): string | null {
  if (!path.startsWith(PREFIX)) return null
  try {
    return decodeURIComponent(path.slice(PREFIX.length)).trim() || null
  } catch {
    return null
  }
}

/**
 * The annotation view lives in the address, so an annotator's link opens it directly, Back leaves it, and leaving it
 * (or the nav rail) lands on the arena's page in the workbench.
 */
export function useAnnotationRoute(): { arenaId: string | null; open: (arenaId: string) => void; close: () => void } {
  const [path] = useHashLocation()
  const arenaId = annotationArenaId(path)
  const open = useCallback((id: string) => goToAddress(`${PREFIX}${encodeURIComponent(id)}`), [])
  const close = useCallback(
    () => goToAddress(arenaId ? formatAddress('arena', arenaId) : formatAddress('arena')),
    [arenaId],
  )
  return { arenaId, open, close }
}
