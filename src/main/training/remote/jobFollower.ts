import { log } from '../../logger'

/**
 * Reads every running job on its server every `intervalMs` (the first time at once, so
 * jobs left running by an earlier session are picked up when the workbench opens).
 * A failed read leaves the job running and is logged once per distinct message.
 */
export function jobFollower(p: {
  /** What the log calls these jobs (default: training). */
  label?: string
  intervalMs: number
  running: () => string[]
  refresh: (id: string) => Promise<unknown>
}) {
  let timer: NodeJS.Timeout | null = null
  let tick: Promise<void> | null = null
  let stopped = false
  const lastError = new Map<string, string>()

  const once = async () => {
    let running: string[]
    try {
      running = p.running()
    } catch (error) {
      // A timer must never end the process: the jobs are read again at the next tick.
      log.warn(`[${p.label ?? 'training'}] listing running jobs failed (will retry)`, error)
      return
    }
    await Promise.all(
      running.map(async (id) => {
        try {
          await p.refresh(id)
          lastError.delete(id)
        } catch (error) {
          const message = (error as Error).message
          if (lastError.get(id) !== message)
            log.warn(`[${p.label ?? 'training'}] reading job ${id} failed (will retry)`, error)
          lastError.set(id, message)
        }
      }),
    )
  }
  const schedule = (delay: number) => {
    if (stopped) return
    timer = setTimeout(() => {
      tick = once().finally(() => {
        tick = null
        schedule(p.intervalMs)
      })
    }, delay)
    timer.unref()
  }

  return {
    start: () => schedule(0),
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await tick
    },
  }
}
