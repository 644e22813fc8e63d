import { describe, expect, it } from 'vitest'
import { EndpointInputSchema, LOCAL_BASE_URL } from '@shared/endpoint'
import {
  draftFromView,
  draftToInput,
  invalidNumbers,
  newDraft,
  withKind,
} from '../../../src/renderer/src/pages/settings/endpointDraft'
import { endpointView } from '../endpoints'

describe('the endpoint form: a local GGUF model', () => {
  it('sends the file and its settings, no base URL, key or replicas, and names the model after the file', () => {
    const draft = {
      ...withKind(newDraft(), 'local'),
      name: 'offline',
      modelPath: ' /models/Qwen2.5-3B-Instruct-Q4_K_M.gguf ',
      threads: '',
      apiKey: 'sk-typed-before-switching',
    }
    // A local model serves one request at a time unless told otherwise.
    expect(draft.maxConcurrency).toBe('1')
    const input = draftToInput(draft)
    expect(input).toMatchObject({
      kind: 'local',
      baseURL: LOCAL_BASE_URL,
      model: 'Qwen2.5-3B-Instruct-Q4_K_M',
      maxConcurrency: 1,
      local: { modelPath: '/models/Qwen2.5-3B-Instruct-Q4_K_M.gguf', contextSize: 4096, threads: null, gpuLayers: 0 },
    })
    expect(input).not.toHaveProperty('apiKey')
    expect(input).not.toHaveProperty('replicas')
    expect(EndpointInputSchema.safeParse(input).success).toBe(true)
  })

  it('checks the local numbers, round-trips a saved local endpoint, and switches back to an API server', () => {
    const bad = { ...withKind(newDraft(), 'local'), contextSize: 'big', threads: 'x', gpuLayers: '' }
    expect(invalidNumbers(bad)).toEqual(
      expect.arrayContaining(['local.contextSize', 'local.threads', 'local.gpuLayers']),
    )
    // An API draft is not held to the local fields.
    expect(invalidNumbers({ ...bad, kind: 'api' })).toEqual([])

    const local = { modelPath: '/m/tiny.gguf', contextSize: 2048, threads: 2, gpuLayers: 10 }
    const saved = endpointView('l1', { kind: 'local', local, baseURL: LOCAL_BASE_URL, maxConcurrency: 1 })
    const draft = draftFromView(saved)
    expect(draft).toMatchObject({
      kind: 'local',
      modelPath: '/m/tiny.gguf',
      threads: '2',
      gpuLayers: '10',
      baseURL: '',
    })
    expect(draftToInput(draft).local).toEqual(local)
    const api = withKind(draft, 'api')
    expect(api.maxConcurrency).toBe('8')
    expect(draftToInput({ ...api, baseURL: 'http://localhost:8000/v1' })).toMatchObject({ kind: 'api' })
  })
})
