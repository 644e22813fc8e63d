import { useEffect, useRef } from 'react'
import { isModKey, isTypingTarget } from '../../lib/keyboard'

interface PageShortcuts {
  onSave: () => void
  onNew: () => void
  onSearch: () => void
}

/** Ctrl/Cmd+S, Ctrl/Cmd+N and "/" anywhere on the page, except while a dialog is open. */
export function usePageShortcuts(shortcuts: PageShortcuts): void {
  const latest = useRef(shortcuts)
  latest.current = shortcuts
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return
      const key = event.key.toLowerCase()
      if (isModKey(event) && !event.altKey && key === 's') {
        event.preventDefault()
        latest.current.onSave()
      } else if (isModKey(event) && !event.altKey && key === 'n') {
        event.preventDefault()
        latest.current.onNew()
      } else if (event.key === '/' && !isModKey(event) && !isTypingTarget(event.target)) {
        event.preventDefault()
        latest.current.onSearch()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
