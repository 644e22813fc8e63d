import type { KeyboardEvent as ReactKeyboardEvent } from 'react'

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
