import { useCallback, useRef, useState, type ReactNode } from 'react'
import { UnsavedChangesDialog, type UnsavedChoice } from './UnsavedChangesDialog'

/** `ask()` shows the Save / Discard / Cancel dialog and resolves with the choice; render `dialog`. */
export function useUnsavedPrompt(body?: string): { ask: () => Promise<UnsavedChoice>; dialog: ReactNode } {
  const [open, setOpen] = useState(false)
  const resolver = useRef<((choice: UnsavedChoice) => void) | null>(null)

  const ask = useCallback(
    () =>
      new Promise<UnsavedChoice>((resolve) => {
        resolver.current?.('cancel')
        resolver.current = resolve
        setOpen(true)
      }),
    [],
  )

  const choose = useCallback((choice: UnsavedChoice) => {
    setOpen(false)
    resolver.current?.(choice)
    resolver.current = null
  }, [])

  return { ask, dialog: open ? <UnsavedChangesDialog onChoose={choose} body={body} /> : null }
}
