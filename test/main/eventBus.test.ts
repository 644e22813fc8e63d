import { afterEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../src/main/events'
import { log } from '../../src/main/logger'
import { jobTimingFromEnv } from '../../src/main/ownedJobs'

afterEach(() => vi.restoreAllMocks())

describe('the event bus', () => {
  it('a listener that throws is logged and reaches neither the emitter (a job, a timer) nor the other listeners', () => {
    const logs: string[] = []
    vi.spyOn(log, 'error').mockImplementation((message, error) => void logs.push(`${message}: ${error}`))
    const events = new EventBus()
    const seen: string[] = []
    events.subscribe(() => {
      throw new Error('the browser went away')
    })
    const off = events.subscribe((e) => seen.push(e.name))
    expect(() => events.emit('datasets.changed', {})).not.toThrow()
    expect(seen).toEqual(['datasets.changed'])
    expect(logs.join('\n')).toMatch(/a listener of datasets\.changed failed: Error: the browser went away/)
    off()
    events.emit('datasets.changed', {})
    expect(seen).toHaveLength(1)
  })
})

describe('job heartbeat and takeover limits', () => {
  it('come from the environment, with the defaults when unset', () => {
    expect(jobTimingFromEnv({})).toEqual({ heartbeatMs: 5000, staleMs: 20000 })
    expect(jobTimingFromEnv({ SIMPSY_JOB_HEARTBEAT_MS: '100', SIMPSY_JOB_STALE_MS: '600' })).toEqual({
      heartbeatMs: 100,
      staleMs: 600,
    })
  })

  it('refuse a value that is not a whole number of milliseconds, or a stale limit within one heartbeat, saying which', () => {
    expect(() => jobTimingFromEnv({ SIMPSY_JOB_STALE_MS: '2s' })).toThrow(
      /SIMPSY_JOB_STALE_MS must be a whole number of milliseconds.*"2s"/,
    )
    expect(() => jobTimingFromEnv({ SIMPSY_JOB_HEARTBEAT_MS: '500', SIMPSY_JOB_STALE_MS: '400' })).toThrow(
      /SIMPSY_JOB_STALE_MS \(400\) must be longer than SIMPSY_JOB_HEARTBEAT_MS \(500\)/,
    )
  })
})
