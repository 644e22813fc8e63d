import { useCallback, useEffect, useRef, useState } from 'react'
import { setPath } from '../lib/dottedPath'
import { hasErrorCode } from '../lib/errors'
import { fieldErrorsOf, type FieldErrors } from '../lib/fieldErrors'

/**
 * Keeps a form's draft while the app runs, so a trip to Settings (to add an endpoint) or to an item does not lose it.
 */
export interface DraftMemory<S> {
  draft: S | null
}
export const draftMemory = <S>(): DraftMemory<S> => ({ draft: null })

/** Messages by dotted field path ("config.maxTurns"). */
type Problems = Record<string, string>

interface StartFormConfig<S, R> {
  memory: DraftMemory<S>
  start: (state: S) => Promise<R>
  /** The fields the server's messages are placed at; `structured: false` places them by the message text. */
  fieldPaths: (state: S) => string[]
  structured?: boolean
  onStarted: (result: R) => void
}

/**
 * The state of a form that starts a run or an arena: its draft (null until its defaults are in), the messages its
 * fields show,
 * and `submit`, which stops at the form's own problems, else starts and places what the server refuses next to the
 * fields.
 */
export function useStartForm<S, R>({ memory, start, fieldPaths, structured, onStarted }: StartFormConfig<S, R>) {
  const [state, setState] = useState<S | null>(memory.draft)
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<FieldErrors | null>(null)
  const [starting, setStarting] = useState(false)
  const bodyRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    memory.draft = state
  }, [memory, state])

  /** What the fields show: the server's last messages and, once a start was tried, the form's own `problems`. */
  const shownErrors = (problems: Problems): Problems =>
    submitted ? { ...serverErrors?.byField, ...problems } : (serverErrors?.byField ?? {})

  /** A change by the user: the server's last word no longer applies. */
  const update = useCallback((change: (current: S) => S) => {
    setServerErrors(null)
    setState((current) => (current ? change(current) : current))
  }, [])
  const set = useCallback(
    (path: string, value: unknown) => update((current) => setPath(current, path, value)),
    [update],
  )

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      bodyRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .cards-match-error')?.focus(),
    )

  /** `problems`: the form's own check of the current state (the way the server will check it). */
  const submit = async (problems: Problems) => {
    if (!state) return
    setSubmitted(true)
    setServerErrors(null)
    if (Object.keys(problems).length > 0) return focusFirstError()
    setStarting(true)
    try {
      const result = await start(state)
      memory.draft = null
      onStarted(result)
    } catch (error) {
      setServerErrors(fieldErrorsOf(error, fieldPaths(state), { structured }))
      if (hasErrorCode(error, 'invalid_input')) focusFirstError()
    } finally {
      setStarting(false)
    }
  }

  return { state, setState, update, set, shownErrors, submitted, serverErrors, starting, submit, bodyRef }
}
