import type { RefObject } from 'react'
import { isModKey, isTypingTarget, useWindowKeyDown } from '../../../lib/keyboard'

export interface RatingKeyActions {
  /** A key that answers the current item (a digit, + / −, a / b / t); true when it did. */
  answer: (key: string) => boolean
  clear: () => void
  move: (step: 1 | -1) => void
  advance: () => void
}

const MOVES: Record<string, 1 | -1> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }

/**
 * The rating keys, anywhere on the page but in text fields and open dialogs: the answer keys, ↑/↓ or ←/→ between
 * items, Enter to go on, Delete to clear (G or ? for the guidelines belong to the session). Enter and the arrows keep
 * their own meaning on controls outside the rating panel (the task list, the header's buttons) and in a transcript
 * being scrolled.
 */
export function useRatingKeys(panel: RefObject<HTMLElement | null>, actions: RatingKeyActions | null): void {
  useWindowKeyDown((event) => {
    if (
      !actions ||
      event.defaultPrevented ||
      event.altKey ||
      isModKey(event) ||
      isTypingTarget(event.target) ||
      document.querySelector('dialog[open]')
    )
      return
    const target = event.target instanceof HTMLElement ? event.target : null
    const onPage = target === null || target === document.body
    const inPanel = onPage || (panel.current?.contains(target) ?? false)
    const control = target?.closest('button, a, select, [role="log"]') ?? null
    if (event.key in MOVES) {
      if (control && !inPanel) return
      event.preventDefault()
      actions.move(MOVES[event.key])
    } else if (event.key === 'Enter') {
      if (control && !inPanel) return
      event.preventDefault()
      actions.advance()
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault()
      actions.clear()
    } else if (event.key.length === 1 && actions.answer(event.key)) {
      event.preventDefault()
    }
  })
}
