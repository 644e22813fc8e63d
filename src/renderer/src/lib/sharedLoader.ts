import { useEffect, useState } from 'react'

/**
 * A hook for a value that does not change while the app runs (app info, the evaluation vocabulary): the first component
 * that asks fetches it, every other one shares that answer; a failure is forgotten, so the next one asks again.
 */
export function sharedLoader<T>(load: () => Promise<T>): () => { value: T | null; error: unknown } {
  let cached: Promise<T> | null = null
  return function useShared() {
    const [value, setValue] = useState<T | null>(null)
    const [error, setError] = useState<unknown>(null)
    useEffect(() => {
      cached ??= load()
      let live = true
      cached.then(
        (loaded) => live && setValue(loaded),
        (failure) => {
          cached = null
          if (live) setError(failure)
        },
      )
      return () => {
        live = false
      }
    }, [])
    return { value, error }
  }
}
