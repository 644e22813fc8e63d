import { useEffect, useRef } from 'react'
import { isModKey, isTypingTarget } from '../../../lib/keyboard'

interface BrowserShortcuts {
  onSearch: () => void
  onMove: (delta: number) => void
}

/**
 * Anywhere on the page (not while typing or in a dialog): "/" search,
 * J/K next/previous, "[" / "]" and Alt+←/→ previous/next dialogue.
 */
export function useBrowserShortcuts(shortcuts: BrowserShortcuts): void {
  const latest = useRef(shortcuts)
  latest.current = shortcuts
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return
      if (event.altKey && !isModKey(event) && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
        event.preventDefault()
        latest.current.onMove(event.key === 'ArrowLeft' ? -1 : 1)
        return
      }
      if (isModKey(event) || event.altKey || isTypingTarget(event.target)) return
      const action: Record<string, () => void> = {
        '/': latest.current.onSearch,
        j: () => latest.current.onMove(1),
        k: () => latest.current.onMove(-1),
        ']': () => latest.current.onMove(1),
        '[': () => latest.current.onMove(-1),
      }
      const run = action[event.key.length === 1 ? event.key.toLowerCase() : event.key]
      if (!run) return
      event.preventDefault()
      run()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
