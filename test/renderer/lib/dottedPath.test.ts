import { describe, expect, it } from 'vitest'
import { getPath, setPath } from '../../../src/renderer/src/lib/dottedPath'

describe('dotted paths of form state', () => {
  const state = {
    name: 'run',
    config: { client: { temperature: 0.7 }, termination: { zh: ['再见'], en: ['bye'] } },
    contestants: [{ name: 'A' }, { name: 'B' }],
  }

  it('reads nested fields and array items; a missing branch reads as undefined instead of throwing', () => {
    expect(getPath(state, 'config.client.temperature')).toBe(0.7)
    expect(getPath(state, 'contestants.1.name')).toBe('B')
    expect(getPath(state, 'config.termination.zh')).toEqual(['再见'])
    expect(getPath(state, 'config.counselor.temperature')).toBeUndefined()
    expect(getPath(state, 'nothing.here.at.all')).toBeUndefined()
  })

  it('sets a field without changing the original, sharing the branches it did not touch', () => {
    const next = setPath(state, 'config.client.temperature', 1.2)
    expect(next.config.client.temperature).toBe(1.2)
    expect(state.config.client.temperature).toBe(0.7)
    expect(next.config.termination).toBe(state.config.termination)
    expect(next.contestants).toBe(state.contestants)
  })

  it('keeps an array an array when a numeric key inside it is set', () => {
    const next = setPath(state, 'contestants.0.name', 'Alpha')
    expect(Array.isArray(next.contestants)).toBe(true)
    expect(next.contestants.map((c) => c.name)).toEqual(['Alpha', 'B'])
    expect(state.contestants[0].name).toBe('A')
    expect(next.contestants[1]).toBe(state.contestants[1])
  })

  it('creates a missing branch as an object', () => {
    const next = setPath({ config: {} } as Record<string, unknown>, 'config.refinement.maxResamples', 3)
    expect(getPath(next, 'config.refinement.maxResamples')).toBe(3)
  })
})
