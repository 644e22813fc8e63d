import { useCallback, useEffect, useState } from 'react'

const PREFIX = '#/annotate/'

/** The arena id of an annotation link's hash (`#/annotate/<arenaId>`), or null. */
function annotationArenaId(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null
  try {
    return decodeURIComponent(hash.slice(PREFIX.length)).trim() || null
  } catch {
    return null
  }
}

const annotationHash = (arenaId: string) => `${PREFIX}${encodeURIComponent(arenaId)}`

/**
 * The annotation view lives in the URL hash, so an annotator's link opens it
 * directly and the browser's Back button leaves it.
 */
export function useAnnotationRoute(): { arenaId: string | null; open: (arenaId: string) => void; close: () => void } {
  const [arenaId, setArenaId] = useState(() => annotationArenaId(window.location.hash))
  useEffect(() => {
    const follow = () => setArenaId(annotationArenaId(window.location.hash))
    window.addEventListener('hashchange', follow)
    return () => window.removeEventListener('hashchange', follow)
  }, [])
  const open = useCallback((id: string) => {
    window.location.hash = annotationHash(id).slice(1)
  }, [])
  const close = useCallback(() => {
    window.history.pushState(null, '', window.location.pathname + window.location.search)
    setArenaId(null)
  }, [])
  return { arenaId, open, close }
}
