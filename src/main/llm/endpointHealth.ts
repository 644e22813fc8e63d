import { log } from '../logger'
import { retryDelay, type RetryPolicy } from './retryPolicy'

/** What the gateway knows of an endpoint's health, for the run page ("waiting for <endpoint>: <last error>"). */
export interface EndpointHealthView {
  endpointId: string
  name: string
  /** down: it kept failing; calls wait for one shared probe instead of each spending attempts. */
  state: 'up' | 'down'
  /** The last failure, as the call log says it ("HTTP 503: overloaded"); null while up. */
  lastError: string | null
  /** When it went down (ISO); null while up. */
  since: string | null
  /** Calls waiting for it to answer again. */
  waiting: number
}

/**
 * The outcome of one attempt, for the health state: an answer, a retryable failure, or neither (a refusal such as 401,
 * a cancel).
 */
export type HealthReport =
  { ok: true } | { ok: false; retryable: true; error: string; headers?: Headers } | { ok: false; retryable: false }

export interface HealthOptions {
  /** Retryable failures in a row, over all calls, that mark the endpoint down. */
  downAfter: number
  policy: RetryPolicy
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  random: () => number
  onChange?: (view: EndpointHealthView) => void
}

interface Waiter {
  go: (probe: boolean) => void
}

interface State {
  id: string
  name: string
  failuresInARow: number
  down: boolean
  lastError: string | null
  lastHeaders?: Headers
  since: string | null
  waiters: Waiter[]
  /** The probe loop while down (it ends once the endpoint is up). */
  probing: Promise<void> | null
  /** The probe loop's waits: for someone to probe with, for the probe's outcome. */
  onWaiter: (() => void) | null
  onProbe: (() => void) | null
}

const fire = (s: State, key: 'onWaiter' | 'onProbe') => {
  const wake = s[key]
  s[key] = null
  wake?.()
}

/**
 * Per-endpoint health. While an endpoint answers, calls go straight through. After
 * `downAfter` retryable failures in a row it is down: calls wait in line, and one
 * probe loop lets the first waiter through after a capped exponential backoff
 * (the server's Retry-After when it sent one). The first answer, from a probe or
 * from a call that was already on its way, brings it up and every waiter goes.
 */
export function endpointHealth(options: HealthOptions) {
  const states = new Map<string, State>()

  const state = (id: string, name: string): State => {
    let s = states.get(id)
    if (!s) {
      s = {
        id,
        name,
        failuresInARow: 0,
        down: false,
        lastError: null,
        since: null,
        waiters: [],
        probing: null,
        onWaiter: null,
        onProbe: null,
      }
      states.set(id, s)
    }
    s.name = name
    return s
  }

  const view = (s: State): EndpointHealthView => ({
    endpointId: s.id,
    name: s.name,
    state: s.down ? 'down' : 'up',
    lastError: s.down ? s.lastError : null,
    since: s.down ? s.since : null,
    waiting: s.waiters.length,
  })
  const changed = (s: State) => options.onChange?.(view(s))

  async function probeLoop(s: State) {
    try {
      for (let round = 1; s.down; round++) {
        await options.sleep(retryDelay(options.policy, round, options.random, s.lastHeaders))
        while (s.down && s.waiters.length === 0) await new Promise<void>((resolve) => (s.onWaiter = resolve))
        if (!s.down) return
        const waiter = s.waiters.shift()!
        const done = new Promise<void>((resolve) => (s.onProbe = resolve))
        waiter.go(true)
        changed(s)
        await done
      }
    } finally {
      // In the same step as the last look at `down`: a new outage starts a new loop.
      s.probing = null
    }
  }

  return {
    /**
     * Before each attempt: at once while the endpoint is up; while it is down, once it is
     * up again (then `false`) or this call is let through as the probe (then `true`).
     * Rejects with the signal's reason as soon as it aborts.
     */
    admit(id: string, name: string, signal?: AbortSignal): Promise<boolean> {
      const s = state(id, name)
      if (!s.down) return Promise.resolve(false)
      if (signal?.aborted) return Promise.reject(signal.reason)
      return new Promise<boolean>((resolve, reject) => {
        const onAbort = () => {
          s.waiters = s.waiters.filter((w) => w !== waiter)
          changed(s)
          reject(signal!.reason)
        }
        const waiter: Waiter = {
          go: (probe) => {
            signal?.removeEventListener('abort', onAbort)
            resolve(probe)
          },
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        s.waiters.push(waiter)
        fire(s, 'onWaiter')
        changed(s)
      })
    },

    /** After each attempt that `admit` let through (`probe` as it said). */
    report(id: string, name: string, outcome: HealthReport, probe: boolean) {
      const s = state(id, name)
      if (outcome.ok) {
        s.failuresInARow = 0
        if (s.down) {
          s.down = false
          s.lastHeaders = undefined
          for (const w of s.waiters.splice(0)) w.go(false)
          fire(s, 'onWaiter')
          changed(s)
          log.info(`endpoint ${name} answers again`)
        }
      } else if (outcome.retryable) {
        s.failuresInARow++
        s.lastError = outcome.error
        s.lastHeaders = outcome.headers
        if (!s.down && s.failuresInARow >= options.downAfter) {
          s.down = true
          s.since = new Date().toISOString()
          if (!s.probing) s.probing = probeLoop(s)
          changed(s)
          log.warn(
            `endpoint ${name} is down after ${s.failuresInARow} failures in a row (${outcome.error}); calls wait until it answers again`,
          )
        } else if (s.down) changed(s)
      }
      if (probe || !s.down) fire(s, 'onProbe')
    },

    /**
     * Down at once (every base URL of the endpoint was taken out, each after its own failures in a row), with the
     * last failure; the probe loop starts as after `downAfter` failures.
     */
    markDown(id: string, name: string, error: string, headers?: Headers) {
      const s = state(id, name)
      s.lastError = error
      s.lastHeaders = headers
      if (s.down) return
      s.down = true
      s.since = new Date().toISOString()
      if (!s.probing) s.probing = probeLoop(s)
      changed(s)
      log.warn(`endpoint ${name} is down (${error}); calls wait until it answers again`)
    },

    isDown: (id: string) => states.get(id)?.down ?? false,
    view: (id: string): EndpointHealthView | null => {
      const s = states.get(id)
      return s ? view(s) : null
    },
  }
}
export type EndpointHealth = ReturnType<typeof endpointHealth>
