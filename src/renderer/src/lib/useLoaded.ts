import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type DependencyList,
  type Dispatch,
  type SetStateAction,
} from 'react'

export interface Loaded<T> {
  /** Null until the first answer. */
  value: T | null
  /** The last failure, cleared by the next success. */
  error: unknown
  reload: () => Promise<void>
  /** Puts a fresher value in place (e.g. one an action returned) without asking again. */
  set: Dispatch<SetStateAction<T | null>>
}

/**
 * A value fetched on mount and again when `deps` change (or on reload). Only the latest request's
 * answer is kept: one that was overtaken (the deps changed, or reload was called again) is dropped.
 */
export function useLoaded<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [value, setValue] = useState<T | null>(null)
  const [error, setError] = useState<unknown>(null)
  const latest = useRef(0)
  const reload = useCallback(async () => {
    const request = ++latest.current
    try {
      const next = await load()
      if (request !== latest.current) return
      setValue(next)
      setError(null)
    } catch (failure) {
      if (request === latest.current) setError(failure)
    }
    // `load` is a fresh closure on every render; the caller's deps say when it asks for something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  useEffect(() => void reload(), [reload])
  return { value, error, reload, set: setValue }
}
