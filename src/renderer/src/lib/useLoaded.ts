import { useCallback, useEffect, useState, type DependencyList } from 'react'

/**
 * A value fetched on mount and again when `deps` change (or on reload): null until the first answer;
 * `error` is the last failure, cleared by the next success.
 */
export function useLoaded<T>(load: () => Promise<T>, deps: DependencyList): { value: T | null; error: unknown; reload: () => Promise<void> } {
  const [value, setValue] = useState<T | null>(null)
  const [error, setError] = useState<unknown>(null)
  const reload = useCallback(async () => {
    try {
      setValue(await load())
      setError(null)
    } catch (failure) {
      setError(failure)
    }
    // `load` is a fresh closure on every render; the caller's deps say when it asks for something else.
  }, deps)
  useEffect(() => void reload(), [reload])
  return { value, error, reload }
}
