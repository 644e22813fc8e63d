import { setMaxListeners } from 'node:events'
import { WorkbenchError, type KeyedMessage } from '@shared/errors'
import type { Fenced } from './db/ownership'
import { log } from './logger'
import { ownerIsGone } from './processOwner'

/**
 * pause: the job waits for the user; cancel: it ends for good; shutdown: the process is closing and the job resumes at
 * next open.
 */
export type StopMode = 'pause' | 'cancel' | 'shutdown'

/** Why a job stops here: asked to, or 'lost': another process took it over (this one slept past the stale limit). */
export type StopReason = StopMode | 'lost'

/** A job this process drives: its signal aborts when it is stopped, and `stopping` says why. */
export interface OwnedJob {
  readonly signal: AbortSignal
  readonly stopping: StopReason | null
  /** Settles once the job has ended here and its row is released. */
  readonly done: Promise<void>
  /**
   * Every write of the job goes through here: the LLM calls logged so far are stored first,
   * then `write` runs in one BEGIN IMMEDIATE transaction that checks this process still holds
   * the job. When it does not, nothing is written, the job stops here ('lost') and
   * JobLostError is thrown.
   */
  write<T>(write: () => T): T
}

/** Thrown by a fenced write of a job another process has taken over; the job ends quietly. */
export class JobLostError extends Error {
  constructor(noun: string, id: string) {
    super(`${noun} ${id} was taken over by another workbench process; it stopped here.`)
    this.name = 'JobLostError'
  }
}

/** The owner and heartbeat columns of the job's row (db/ownership.ts). */
export interface JobOwnership {
  claim(id: string, owner: string, staleMs: number): boolean
  /** False when the row has another owner now. */
  heartbeat(id: string, owner: string): boolean
  release(id: string, owner: string): void
  fenced<T>(id: string, owner: string, write: () => T): Fenced<T>
}

/**
 * How often a driven job's heartbeat is beaten, and how old a heartbeat must be before another process takes the job
 * over.
 */
export interface JobTiming {
  heartbeatMs: number
  staleMs: number
}

export const DEFAULT_JOB_TIMING: JobTiming = { heartbeatMs: 5000, staleMs: 20000 }

/**
 * The timing from SIMPSY_JOB_HEARTBEAT_MS and SIMPSY_JOB_STALE_MS (tests shorten them to
 * take a job over from a process they froze); the defaults where they are unset.
 */
export function jobTimingFromEnv(env: NodeJS.ProcessEnv = process.env): JobTiming {
  const read = (name: string, fallback: number) => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const ms = Number(raw)
    if (!Number.isInteger(ms) || ms < 10)
      throw new Error(`${name} must be a whole number of milliseconds (at least 10), got "${raw}".`)
    return ms
  }
  const timing = {
    heartbeatMs: read('SIMPSY_JOB_HEARTBEAT_MS', DEFAULT_JOB_TIMING.heartbeatMs),
    staleMs: read('SIMPSY_JOB_STALE_MS', DEFAULT_JOB_TIMING.staleMs),
  }
  if (timing.staleMs <= timing.heartbeatMs) {
    throw new Error(
      `SIMPSY_JOB_STALE_MS (${timing.staleMs}) must be longer than SIMPSY_JOB_HEARTBEAT_MS (${timing.heartbeatMs}).`,
    )
  }
  return timing
}

/**
 * The runs, evaluations or arenas this process drives (one kind per instance). A job's
 * row is claimed before it starts: at once when the process that owned it is gone (see
 * processOwner.ts), else only once its heartbeat is stale. While the job runs its
 * heartbeat is beaten; when it ends, however it ends, the row is released.
 * `S` is the runner's own state per job, kept on the job.
 */
export function ownedJobs<S extends object>(deps: {
  noun: string
  rows: JobOwnership
  owner: string
  timing?: JobTiming
  /** Stores what must be committed before (or with) the job's own rows: the batched LLM call log. */
  beforeWrite?: () => void
}) {
  type Job = OwnedJob & S
  type Entry = { job: Job & { stopping: StopReason | null; done: Promise<void> }; controller: AbortController }
  const active = new Map<string, Entry>()
  const timing = deps.timing ?? DEFAULT_JOB_TIMING

  /** Another process holds the job now: stop here without touching its rows. */
  const lose = (entry: Entry) => {
    if (entry.job.stopping === 'lost') return
    entry.job.stopping = 'lost'
    entry.controller.abort()
  }

  const jobs = {
    get: (id: string): Job | undefined => active.get(id)?.job,
    has: (id: string) => active.has(id),
    /** Resolves when the job is not (or no longer) driven here. */
    waitFor: (id: string): Promise<void> => active.get(id)?.job.done ?? Promise.resolve(),

    /**
     * Claims `row` and runs `work` (from its first line on, before this returns). An error
     * from `work` is logged and handed to `failed` (in a fenced write); `ended` comes last,
     * after the release. A job another process took over ends without `failed`: its rows
     * are that process's now. Throws a conflict with the message `busy` while another live
     * process holds the row.
     */
    start(
      row: { id: string; owner: string | null },
      spec: {
        busy: string | KeyedMessage
        state: S
        work: (job: Job) => Promise<void>
        failed: (error: unknown) => void
        ended: () => void
      },
    ): Job {
      const { id } = row
      if (!deps.rows.claim(id, deps.owner, ownerIsGone(row.owner) ? 0 : timing.staleMs))
        throw new WorkbenchError('conflict', spec.busy)
      const controller = new AbortController()
      // Every in-flight call listens to the job's signal; hundreds at once are expected.
      setMaxListeners(0, controller.signal)
      const write = <T>(fn: () => T): T => {
        if (entry.job.stopping === 'lost') throw new JobLostError(deps.noun, id)
        deps.beforeWrite?.()
        const result = deps.rows.fenced(id, deps.owner, fn)
        if (result.held) return result.value
        lose(entry)
        throw new JobLostError(deps.noun, id)
      }
      const job = Object.assign(spec.state, {
        signal: controller.signal,
        stopping: null as StopReason | null,
        done: Promise.resolve(),
        write,
      })
      const entry: Entry = { job, controller }
      active.set(id, entry)
      log.info(`${deps.noun} ${id} started in this process`)
      // A timer must never end the process: a failed beat (the database busy for longer than
      // its timeout) is logged and tried again at the next one.
      const heartbeat = setInterval(() => {
        try {
          if (!deps.rows.heartbeat(id, deps.owner)) lose(entry)
        } catch (error) {
          log.warn(`${deps.noun} ${id}: heartbeat not stored (will retry)`, error)
        }
      }, timing.heartbeatMs)
      heartbeat.unref()
      const quietly = (what: string, fn: () => void) => {
        try {
          fn()
        } catch (error) {
          if (!(error instanceof JobLostError)) log.error(`${deps.noun} ${id}: ${what}`, error)
        }
      }
      job.done = (async () => {
        try {
          await spec.work(job)
        } catch (error) {
          if (job.stopping !== 'lost') {
            log.error(`${deps.noun} ${id} failed`, error)
            quietly('storing the failure', () => write(() => spec.failed(error)))
          }
        } finally {
          clearInterval(heartbeat)
          if (job.stopping === 'lost')
            log.warn(
              `${deps.noun} ${id} was taken over by another workbench process (this one was paused or asleep too long); it stopped here and continues there.`,
            )
          else quietly('releasing', () => deps.rows.release(id, deps.owner))
          log.info(`${deps.noun} ${id} ended in this process${job.stopping ? ` (${job.stopping})` : ''}`)
          active.delete(id)
          quietly('after it ended', spec.ended)
        }
      })()
      return job
    },

    /** Stops a job driven here and waits until it has ended; false when this process does not drive it. */
    async stop(id: string, how: StopMode): Promise<boolean> {
      const entry = active.get(id)
      if (!entry) return false
      if (entry.job.stopping !== 'lost') entry.job.stopping = how
      entry.controller.abort()
      await entry.job.done
      return true
    },

    /**
     * Starts each job (left running by a process that crashed or was killed) not driven here yet; one another process
     * holds is logged and left.
     */
    resume(ids: string[], drive: (id: string) => void): string[] {
      const resumed: string[] = []
      for (const id of ids) {
        if (active.has(id)) continue
        try {
          drive(id)
          resumed.push(id)
          log.info(`${deps.noun} ${id} resumed (an earlier process left it running)`)
        } catch (error) {
          log.warn(`not resuming ${deps.noun} ${id}`, error)
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
    // Also called from a timer: a failed read must not end the process.
    try {
      send(id)
    } catch (error) {
      log.warn(`progress of ${id} not sent`, error)
    }
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
