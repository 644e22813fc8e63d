import { log } from '../logger'

/**
 * Keeps the search indexes up to date: every `everyMs`, messages stored since the last tick (a run's) are indexed by
 * `sync` (the workspace worker's task), one sync at a time. A timer must never end the process: when another process
 * holds the database past the busy timeout, the index is brought up to date at a later tick (searches also read what
 * is not indexed yet); a failure is logged once per distinct message.
 */
export function searchIndexer(p: { behind: () => number; sync: () => Promise<unknown>; everyMs?: number }) {
  let lastError = ''
  let indexing = false
  const timer = setInterval(() => {
    if (indexing || p.behind() === 0) return
    indexing = true
    p.sync()
      .then(() => (lastError = ''))
      .catch((error: Error) => {
        if (error.message !== lastError) log.warn('search index not updated (will retry)', error)
        lastError = error.message
      })
      .finally(() => (indexing = false))
  }, p.everyMs ?? 2000)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
