import { setMaxListeners } from 'node:events'
import { WorkbenchError } from '@shared/errors'
import { ownerIsGone } from './processOwner'

/** pause: the job waits for the user; cancel: it ends for good; shutdown: the process is closing and the job resumes at next open. */
export type StopMode = 'pause' | 'cancel' | 'shutdown'

/** A job this process drives: its signal aborts when it is stopped, and `stopping` says why. */
export interface OwnedJob {
  readonly signal: AbortSignal
  readonly stopping: StopMode | null
  /** Settles once the job has ended here and its row is released. */
  readonly done: Promise<void>
}

/** The owner and heartbeat columns of the job's row (db/ownership.ts). */
export interface JobOwnership {
  claim(id: string, owner: string, staleMs: number): boolean
  heartbeat(id: string, owner: string): void
  release(id: string, owner: string): void
}

const HEARTBEAT_MS = 5000
const STALE_MS = 20000

/**
 * The runs, evaluations or arenas this process drives (one kind per instance). A job's
 * row is claimed before it starts: at once when the process that owned it is gone (see
 * processOwner.ts), else only once its heartbeat is stale. While the job runs its
 * heartbeat is beaten; when it ends, however it ends, the row is released.
 * `S` is the runner's own state per job, kept on the job.
 */
export function ownedJobs<S extends object>(deps: { noun: string; rows: JobOwnership; owner: string; log?: (line: string) => void }) {
  type Job = OwnedJob & S
  const active = new Map<string, { job: Job & { stopping: StopMode | null; done: Promise<void> }; controller: AbortController }>()

  const jobs = {
    get: (id: string): Job | undefined => active.get(id)?.job,
    has: (id: string) => active.has(id),
    /** Resolves when the job is not (or no longer) driven here. */
    waitFor: (id: string): Promise<void> => active.get(id)?.job.done ?? Promise.resolve(),

    /**
     * Claims `row` and runs `work` (from its first line on, before this returns). An error
     * from `work` is logged and handed to `failed`; `ended` comes last, after the release.
     * Throws a conflict with the message `busy` while another live process holds the row.
     */
    start(
      row: { id: string; owner: string | null },
      spec: { busy: string; state: S; work: (job: Job) => Promise<void>; failed: (error: unknown) => void; ended: () => void },
    ): Job {
      const { id } = row
      if (!deps.rows.claim(id, deps.owner, ownerIsGone(row.owner) ? 0 : STALE_MS)) throw new WorkbenchError('conflict', spec.busy)
      const controller = new AbortController()
      // Every in-flight call listens to the job's signal; hundreds at once are expected.
      setMaxListeners(0, controller.signal)
      const job = Object.assign(spec.state, { signal: controller.signal, stopping: null as StopMode | null, done: Promise.resolve() })
      active.set(id, { job, controller })
      const heartbeat = setInterval(() => deps.rows.heartbeat(id, deps.owner), HEARTBEAT_MS)
      heartbeat.unref()
      job.done = (async () => {
        try {
          await spec.work(job)
        } catch (error) {
          deps.log?.(`${deps.noun} ${id}: ${(error as Error).stack ?? error}`)
          spec.failed(error)
        } finally {
          clearInterval(heartbeat)
          deps.rows.release(id, deps.owner)
          active.delete(id)
          spec.ended()
        }
      })()
      return job
    },

    /** Stops a job driven here and waits until it has ended; false when this process does not drive it. */
    async stop(id: string, how: StopMode): Promise<boolean> {
      const entry = active.get(id)
      if (!entry) return false
      entry.job.stopping = how
      entry.controller.abort()
      await entry.job.done
      return true
    },

    /** Starts each job (left running by a process that crashed or was killed) not driven here yet; one another process holds is logged and left. */
    resume(ids: string[], drive: (id: string) => void): string[] {
      const resumed: string[] = []
      for (const id of ids) {
        if (active.has(id)) continue
        try {
          drive(id)
          resumed.push(id)
        } catch (error) {
          deps.log?.(`not resuming ${deps.noun} ${id}: ${(error as Error).message}`)
        }
      }
      return resumed
    },

    /** Before the process exits: every job stops and resumes at next open. */
    async shutdown() {
      await Promise.all([...active.keys()].map((id) => jobs.stop(id, 'shutdown')))
    },
  }
  return jobs
}

/**
 * Progress events for one kind of job: at most one per job every `ms` (forced ones
 * at once), and always one after the last change of a burst. `send` reads and emits.
 */
export function progressThrottle(send: (id: string) => void, ms = 300) {
  const last = new Map<string, number>()
  const trailing = new Map<string, NodeJS.Timeout>()
  const emit = (id: string, force = false) => {
    const wait = ms - (Date.now() - (last.get(id) ?? 0))
    if (!force && wait > 0) {
      if (!trailing.has(id)) trailing.set(id, setTimeout(() => emit(id, true), wait).unref())
      return
    }
    clearTimeout(trailing.get(id))
    trailing.delete(id)
    last.set(id, Date.now())
    send(id)
  }
  return {
    emit,
    /** Drops pending trailing events (before the database closes). */
    clear() {
      for (const timer of trailing.values()) clearTimeout(timer)
      trailing.clear()
    },
  }
}
