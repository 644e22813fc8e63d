import { isModKey, isTypingTarget, useWindowKeyDown } from '../../lib/keyboard'

interface PageShortcuts {
  onSave: () => void
  onNew: () => void
  onSearch: () => void
}

/** Ctrl/Cmd+S, Ctrl/Cmd+N and "/" anywhere on the page, except while a dialog is open. */
export function usePageShortcuts(shortcuts: PageShortcuts): void {
  useWindowKeyDown((event) => {
    if (document.querySelector('dialog[open]')) return
    const key = event.key.toLowerCase()
    if (isModKey(event) && !event.altKey && key === 's') {
      event.preventDefault()
      shortcuts.onSave()
    } else if (isModKey(event) && !event.altKey && key === 'n') {
      event.preventDefault()
      shortcuts.onNew()
    } else if (event.key === '/' && !isModKey(event) && !isTypingTarget(event.target)) {
      event.preventDefault()
      shortcuts.onSearch()
    }
  })
}
