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

/** Whether the URL holds an annotation link's hash. */
export const inAnnotationRoute = (): boolean => window.location.hash.startsWith(PREFIX)

/**
 * Drops the annotation hash when the user leaves by the nav rail, so Arena (and a reload) opens the arenas again
 * rather than the annotation view. The history entry is replaced, not added; the hashchange event tells a mounted
 * Arena page to follow.
 */
export function leaveAnnotationRoute(): void {
  if (!inAnnotationRoute()) return
  window.history.replaceState(null, '', window.location.pathname + window.location.search)
  window.dispatchEvent(new HashChangeEvent('hashchange'))
}

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
