import { describe, expect, it } from 'vitest'
import { EndpointInputSchema } from '@shared/endpoint'
import {
  draftFromView,
  draftToInput,
  invalidNumbers,
  newDraft,
  newReplica,
} from '../../../src/renderer/src/pages/settings/endpointDraft'
import { endpointView } from '../endpoints'

describe('the endpoint form: replicas, per-minute limits, cached price', () => {
  const saved = endpointView('e1', {
    rpm: 600,
    tpm: null,
    priceCachedInput: 0.1,
    replicas: [
      { baseURL: 'http://10.0.0.2:8000/v1', maxConcurrency: 4, hasKey: false },
      { baseURL: 'https://p.example/v1', maxConcurrency: 2, hasKey: true },
    ],
  })

  it('keeps each replica’s stored key unless a new one is typed or the shared key is chosen', () => {
    const draft = draftFromView(saved)
    expect(draft.replicas.map((r) => [r.baseURL, r.maxConcurrency, r.apiKey, r.hasStoredKey])).toEqual([
      ['http://10.0.0.2:8000/v1', '4', '', false],
      ['https://p.example/v1', '2', '', true],
    ])
    expect(draftToInput(draft).replicas).toEqual([
      { baseURL: 'http://10.0.0.2:8000/v1', maxConcurrency: 4, apiKey: undefined },
      { baseURL: 'https://p.example/v1', maxConcurrency: 2, apiKey: undefined },
    ])
    const [first, second] = draft.replicas
    const edited = {
      ...draft,
      replicas: [
        { ...first, apiKey: ' sk-own ' },
        { ...second, removeKey: true },
      ],
    }
    expect(draftToInput(edited).replicas?.map((r) => r.apiKey)).toEqual(['sk-own', ''])
  })

  it('sends empty limits and an empty cached price as none, and a new row as a valid replica once filled', () => {
    const draft = draftFromView(saved)
    expect(draft).toMatchObject({ rpm: '600', tpm: '', priceCachedInput: '0.1' })
    const input = draftToInput({
      ...draft,
      rpm: '',
      tpm: '90000',
      priceCachedInput: '',
      replicas: [...draft.replicas, { ...newReplica('3'), baseURL: 'http://10.0.0.9:8000/v1' }],
    })
    expect(input).toMatchObject({ rpm: null, tpm: 90000, priceCachedInput: null })
    expect(input.replicas?.[2]).toEqual({ baseURL: 'http://10.0.0.9:8000/v1', maxConcurrency: 3, apiKey: undefined })
    expect(EndpointInputSchema.safeParse(input).success).toBe(true)
  })

  it('names the replicas when a concurrency is not a number, and the limits when they are not', () => {
    expect(invalidNumbers({ ...newDraft(), replicas: [{ ...newReplica(), maxConcurrency: '' }] })).toEqual(['replicas'])
    expect(invalidNumbers({ ...newDraft(), rpm: 'many', priceCachedInput: 'x' })).toEqual(['priceCachedInput', 'rpm'])
  })
})
