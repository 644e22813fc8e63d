import { isModKey, isTypingTarget, useWindowKeyDown } from '../../../lib/keyboard'

interface BrowserShortcuts {
  onSearch: () => void
  onMove: (delta: number) => void
}

/**
 * Anywhere on the page (not while typing or in a dialog): "/" search,
 * J/K next/previous, "[" / "]" and Alt+←/→ previous/next dialogue.
 */
export function useBrowserShortcuts({ onSearch, onMove }: BrowserShortcuts): void {
  useWindowKeyDown((event) => {
    if (event.defaultPrevented || document.querySelector('dialog[open]')) return
    if (event.altKey && !isModKey(event) && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault()
      onMove(event.key === 'ArrowLeft' ? -1 : 1)
      return
    }
    if (isModKey(event) || event.altKey || isTypingTarget(event.target)) return
    const action: Record<string, () => void> = {
      '/': onSearch,
      j: () => onMove(1),
      k: () => onMove(-1),
      ']': () => onMove(1),
      '[': () => onMove(-1),
    }
    const run = action[event.key.length === 1 ? event.key.toLowerCase() : event.key]
    if (!run) return
    event.preventDefault()
    run()
  })
}
