import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react'

/** Ctrl on Windows/Linux, Cmd on macOS. */
export function isModKey(event: KeyboardEvent | ReactKeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey
}

/** True when the key press belongs to a text field and must not trigger page shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  const type = (target as HTMLInputElement).type
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(type)
}

/**
 * ↑/↓ in a list of row buttons (matched by `rowSelector`): moves focus to the
 * next or previous row and selects it, as a click would.
 */
export function selectRowWithArrows(rowSelector: string) {
  return (event: ReactKeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>(rowSelector))
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))]
    if (!next) return
    event.preventDefault()
    next.focus()
    next.click()
  }
}

/**
 * Listens to key presses anywhere in the window while the component is mounted; the latest listener is always called.
 */
export function useWindowKeyDown(listener: (event: KeyboardEvent) => void): void {
  const latest = useRef(listener)
  latest.current = listener
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => latest.current(event)
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
