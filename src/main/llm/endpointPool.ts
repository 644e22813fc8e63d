import OpenAI from 'openai'
import { log } from '../logger'
import type { EndpointSecret } from './endpointService'
import { keepAliveFetch } from './keepAliveFetch'
import { rateWindow, type RateWindow } from './rateWindow'
import { retryDelay, type RetryPolicy } from './retryPolicy'

const MAX_CLIENTS = 64

/** One base URL of an endpoint as the run page shows it: its configured and effective concurrency, in or out. */
export interface ReplicaView {
  baseURL: string
  /** The configured limit. */
  maxConcurrency: number
  /** The limit now: lowered by 429s and rate-limit headers, raised again by answers (AIMD), never above the maximum. */
  effectiveConcurrency: number
  inFlight: number
  /** out: it kept failing, gets no calls and is probed back now and then (while another one answers). */
  state: 'in' | 'out'
}

/** What an attempt met, for the replica that sent it. */
export type ReplicaReport =
  | { ok: true; headers?: Headers; tokens: number | null }
  | { ok: false; retryable: true; rateLimited: boolean; error: string; headers?: Headers }
  | { ok: false; retryable: false }

/** A slot on one replica, held while one attempt is under way. */
export interface Slot {
  replica: { index: number; baseURL: string; apiKey: string }
  /** This attempt probes a replica that was taken out. */
  probe: boolean
  /**
   * Gives the slot back; says whether every replica of the endpoint is out now (the endpoint is down), and whether a
   * 429 was absorbed by lowering the concurrency (then it is no failure: neither the replica's nor the call's). A probe
   * of a down endpoint may not absorb one: the endpoint stays down and honours the server's Retry-After.
   */
  release(
    report: ReplicaReport,
    mayAbsorb?: boolean,
  ): { allOut: boolean; absorbed: boolean; error: string | null; headers?: Headers }
}

interface Replica {
  key: string
  index: number
  baseURL: string
  apiKey: string
  max: number
  /** The AIMD limit (fractional; the effective concurrency is its floor, at least 1). */
  limit: number
  active: number
  out: boolean
  failuresInARow: number
  /** Probes failed since it went out; when the next one may go; whether one is on its way. */
  outRound: number
  probeAt: number
  probing: boolean
  /** Attempts started up to this number met the last decrease already: one decrease per window. */
  decreasedAt: number
  lastError: string | null
  lastHeaders?: Headers
}

interface Waiter {
  signal?: AbortSignal
  tokens: number
  resolve: (slot: Slot) => void
  reject: (reason: unknown) => void
}

interface Pool {
  id: string
  name: string
  replicas: Replica[]
  waiters: Waiter[]
  /** Attempts started, numbered (AIMD windows). */
  seq: number
  rate: RateWindow
  rateTimer: NodeJS.Timeout | null
  /** The last view sent to listeners (a change is told once). */
  told: string
}

export interface PoolOptions {
  /** Retryable failures in a row on one replica that take it out. */
  downAfter: number
  policy: RetryPolicy
  random: () => number
  now?: () => number
  /** Called when a replica goes out or in, or an effective concurrency changes. */
  onChange?: (endpointId: string) => void
}

const effective = (r: Replica) => Math.max(1, Math.floor(r.limit))
const rateLimitedNow = (headers: Headers | undefined) =>
  headers?.get('x-ratelimit-remaining-requests')?.trim() === '0' ||
  headers?.get('x-ratelimit-remaining-tokens')?.trim() === '0'

/**
 * What the gateway keeps per endpoint: one SDK client per (base URL, key), so keep-alive connections are reused, and
 * a pool of the endpoint's base URLs (its own and its replicas), each with its own concurrency.
 *
 * An attempt goes to the least busy replica that is in (in flight over effective limit), waiting in line when all are
 * full. A replica whose attempts fail `downAfter` times in a row is taken out: it gets no calls, and once its backoff
 * has passed the next attempt probes it; an answer brings it back. When every replica is out, the endpoint is down
 * (the gateway's endpoint health takes over and sends its probes here, to the replica longest out).
 *
 * Adaptive concurrency (AIMD): a 429, or an answer saying no requests or tokens remain, halves a replica's limit (once
 * per window: attempts started before the last decrease do not decrease it again); each answer adds 1/limit, so a
 * window of answers raises it by one, up to the configured maximum. Requests and tokens per minute, when the endpoint
 * sets them, hold attempts back over all its replicas.
 */
export function endpointPool(options: PoolOptions) {
  const now = options.now ?? Date.now
  const clients = new Map<string, OpenAI>()
  const pools = new Map<string, Pool>()

  function client(baseURL: string, apiKey: string): OpenAI {
    const key = `${baseURL}\n${apiKey}`
    let found = clients.get(key)
    if (!found) {
      if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value!)
      found = new OpenAI({
        baseURL,
        // Local servers (vLLM, Ollama) accept any key; the SDK insists on one.
        apiKey: apiKey || 'no-key',
        maxRetries: 0,
        fetch: keepAliveFetch,
        // Not from the environment: the endpoint says everything that is sent.
        organization: null,
        project: null,
      })
      clients.set(key, found)
    }
    return found
  }

  /** The endpoint's pool, brought in line with its settings (replicas kept by base URL and key, with their state). */
  function poolOf(endpoint: EndpointSecret): Pool {
    let pool = pools.get(endpoint.id)
    if (!pool) {
      pool = {
        id: endpoint.id,
        name: endpoint.name,
        replicas: [],
        waiters: [],
        seq: 0,
        rate: rateWindow(),
        rateTimer: null,
        told: '',
      }
      pools.set(endpoint.id, pool)
    }
    pool.name = endpoint.name
    const wanted = [
      { baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, maxConcurrency: endpoint.maxConcurrency },
      ...(endpoint.replicas ?? []),
    ]
    const keys = wanted.map((w) => `${w.baseURL}\n${w.apiKey}`)
    const same =
      keys.length === pool.replicas.length &&
      keys.every((k, i) => pool!.replicas[i].key === k && pool!.replicas[i].max === wanted[i].maxConcurrency)
    if (!same) {
      const before = new Map(pool.replicas.map((r) => [r.key, r]))
      pool.replicas = wanted.map((w, index) => {
        const key = keys[index]
        const kept = before.get(key)
        if (kept) {
          // A new maximum: a limit at the old maximum follows it; a lowered one stays lowered.
          const limit = kept.limit >= kept.max ? w.maxConcurrency : Math.min(kept.limit, w.maxConcurrency)
          return Object.assign(kept, { index, max: w.maxConcurrency, limit })
        }
        return {
          key,
          index,
          baseURL: w.baseURL,
          apiKey: w.apiKey,
          max: w.maxConcurrency,
          limit: w.maxConcurrency,
          active: 0,
          out: false,
          failuresInARow: 0,
          outRound: 0,
          probeAt: 0,
          probing: false,
          decreasedAt: 0,
          lastError: null,
        }
      })
      // One base URL is never taken out: the endpoint's health (down, probed) covers it.
      if (pool.replicas.length === 1) pool.replicas[0].out = false
      // Calls already on a dropped replica finish there; new ones go by the new list.
      queueMicrotask(() => dispatch(pool!))
    }
    return pool
  }

  /** The replica for the next attempt, or null when every one that may take it is full. */
  function pick(pool: Pool): { replica: Replica; probe: boolean } | null {
    const t = now()
    const inReplicas = pool.replicas.filter((r) => !r.out)
    if (inReplicas.length === 0) {
      // The endpoint is down: its health lets probes (and calls already on their way) through; the one longest out.
      const free = pool.replicas.filter((r) => r.active < effective(r))
      if (free.length === 0) return null
      return { replica: free.reduce((a, b) => (b.probeAt < a.probeAt ? b : a)), probe: true }
    }
    const due = pool.replicas.find((r) => r.out && !r.probing && r.probeAt <= t)
    if (due) return { replica: due, probe: true }
    let best: Replica | null = null
    for (const r of inReplicas) {
      if (r.active >= effective(r)) continue
      if (!best || r.active * effective(best) < best.active * effective(r)) best = r
      else if (r.active * effective(best) === best.active * effective(r) && effective(r) > effective(best)) best = r
    }
    return best ? { replica: best, probe: false } : null
  }

  /** Hands free slots to waiting attempts, first come first served. */
  function dispatch(pool: Pool) {
    while (pool.waiters.length > 0) {
      const waiter = pool.waiters[0]
      const wait = pool.rate.delay(now(), rpmOf(pool), tpmOf(pool), waiter.tokens)
      if (wait > 0) {
        pool.rateTimer ??= setTimeout(() => {
          pool.rateTimer = null
          dispatch(pool)
        }, wait)
        return
      }
      const chosen = pick(pool)
      if (!chosen) return
      pool.waiters.shift()
      waiter.resolve(take(pool, chosen.replica, chosen.probe, waiter.tokens))
    }
  }

  const limits = new Map<string, { rpm: number | null; tpm: number | null }>()
  const rpmOf = (pool: Pool) => limits.get(pool.id)?.rpm ?? null
  const tpmOf = (pool: Pool) => limits.get(pool.id)?.tpm ?? null

  function take(pool: Pool, r: Replica, probe: boolean, tokens: number): Slot {
    r.active++
    if (probe) r.probing = true
    const seq = ++pool.seq
    const entry = pool.rate.start(now(), tokens)
    let released = false
    return {
      replica: { index: r.index, baseURL: r.baseURL, apiKey: r.apiKey },
      probe,
      release(report, mayAbsorb = true) {
        if (released) return { allOut: false, absorbed: false, error: null }
        released = true
        r.active--
        if (probe) r.probing = false
        pool.rate.settle(entry, report.ok ? report.tokens : null)
        const before = describe(pool)
        // A 429 while the limit can still go down (or one the last decrease already answered) only lowers it.
        const absorbed =
          mayAbsorb &&
          !report.ok &&
          report.retryable &&
          report.rateLimited &&
          (seq <= r.decreasedAt || effective(r) > 1)
        if (report.ok) answered(pool, r)
        else if (report.retryable && !absorbed) failed(pool, r, report, probe)
        if (report.ok ? rateLimitedNow(report.headers) : report.retryable && report.rateLimited) decrease(pool, r, seq)
        else if (report.ok) increase(r)
        const allOut = pool.replicas.every((x) => x.out)
        if (describe(pool) !== before) tell(pool)
        dispatch(pool)
        return { allOut, absorbed, error: r.lastError, headers: r.lastHeaders }
      },
    }
  }

  function answered(pool: Pool, r: Replica) {
    r.failuresInARow = 0
    if (r.out) {
      r.out = false
      r.outRound = 0
      r.lastError = null
      r.lastHeaders = undefined
      if (pool.replicas.length > 1) log.info(`endpoint ${pool.name}: ${r.baseURL} answers again`)
    }
  }

  function failed(pool: Pool, r: Replica, report: Extract<ReplicaReport, { retryable: true }>, probe: boolean) {
    r.failuresInARow++
    r.lastError = report.error
    r.lastHeaders = report.headers
    if (!r.out && pool.replicas.length > 1 && r.failuresInARow >= options.downAfter) {
      r.out = true
      r.outRound = 1
      r.probeAt = now() + retryDelay(options.policy, 1, options.random, report.headers)
      if (pool.replicas.length > 1)
        log.warn(`endpoint ${pool.name}: ${r.baseURL} taken out after ${r.failuresInARow} failures (${report.error})`)
    } else if (r.out && probe) {
      r.outRound++
      r.probeAt = now() + retryDelay(options.policy, r.outRound, options.random, report.headers)
    }
  }

  function decrease(pool: Pool, r: Replica, seq: number) {
    if (seq <= r.decreasedAt) return
    r.limit = Math.max(1, r.limit / 2)
    r.decreasedAt = pool.seq
  }

  function increase(r: Replica) {
    if (r.limit < r.max) r.limit = Math.min(r.max, r.limit + 1 / effective(r))
  }

  const replicaViews = (pool: Pool): ReplicaView[] =>
    pool.replicas.map((r) => ({
      baseURL: r.baseURL,
      maxConcurrency: r.max,
      effectiveConcurrency: effective(r),
      inFlight: r.active,
      state: r.out ? 'out' : 'in',
    }))
  /** What listeners are told about: in or out, and effective limits (not in-flight counts, which always change). */
  const describe = (pool: Pool) => pool.replicas.map((r) => `${r.out ? 'o' : 'i'}${effective(r)}`).join(',')
  function tell(pool: Pool) {
    const now = describe(pool)
    if (now === pool.told) return
    pool.told = now
    options.onChange?.(pool.id)
  }

  /**
   * A slot on the endpoint's least busy replica that is in, once one is free (and the endpoint's per-minute limits
   * allow). `tokens`: an estimate of the attempt's prompt tokens, for the tokens-per-minute limit. Rejects with the
   * signal's reason as soon as it aborts.
   */
  function acquire(endpoint: EndpointSecret, tokens: number, signal?: AbortSignal): Promise<Slot> {
    const pool = poolOf(endpoint)
    limits.set(pool.id, { rpm: endpoint.rpm ?? null, tpm: endpoint.tpm ?? null })
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<Slot>((resolve, reject) => {
      const onAbort = () => {
        const at = pool.waiters.indexOf(waiter)
        if (at >= 0) pool.waiters.splice(at, 1)
        reject(signal!.reason)
        dispatch(pool)
      }
      const waiter: Waiter = {
        signal,
        tokens,
        resolve: (slot) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(slot)
        },
        reject,
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      pool.waiters.push(waiter)
      dispatch(pool)
    })
  }

  return {
    client,
    acquire,
    /** Requests holding a slot on any of the endpoint's replicas right now. */
    inFlight: (endpointId: string) => pools.get(endpointId)?.replicas.reduce((n, r) => n + r.active, 0) ?? 0,
    /** The endpoint's replicas (its own base URL first); null before its first call. */
    view: (endpointId: string): ReplicaView[] | null => {
      const pool = pools.get(endpointId)
      return pool ? replicaViews(pool) : null
    },
  }
}
export type EndpointPool = ReturnType<typeof endpointPool>

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {})
    return Promise.reject(signal.reason)
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error) => (signal.removeEventListener('abort', onAbort), reject(error)),
    )
  })
}
