import { afterEach, describe, expect, it } from 'vitest'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { startMockOpenAI } from '../support/mockOpenAI'
import { addMethodDatasets } from '../support/studyFixture'
import { client, tempWorkspace } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

describe('endpointHealth', () => {
  it('says how each endpoint this process has called is doing, whatever job called it: here throttled by its server', async () => {
    // A server that answers but says no requests remain: the gateway lowers the endpoint's requests at once.
    const mock = await startMockOpenAI({
      reply: () => 'empathy: 4',
      answerHeaders: () => ({ 'x-ratelimit-remaining-requests': '0' }),
    })
    closers.push(mock.close)
    ws = tempWorkspace({ gateway: (calls) => createLlmGateway({ calls }) })
    const app = ws.open()
    const api = client(app)
    addMethodDatasets(app, 1)
    const endpoint = await api.saveEndpoint({ name: 'judge', baseURL: mock.baseURL, model: 'm', maxConcurrency: 8 })
    // Not called yet: nothing to say.
    expect(await api.endpointHealth()).toEqual([])
    const study = await api.createStudy({
      name: 'one pair of dialogues',
      design: 'rubric',
      sources: [
        { datasetId: 'ds-m', sampleSize: 1 },
        { datasetId: 'ds-t', sampleSize: 1 },
      ],
      raters: ['Ann'],
      ratersPerDialogue: 1,
      items: [
        { key: 'empathy', name: { en: 'Empathy' }, question: { en: 'How empathic?' }, scale: { min: 1, max: 5 } },
      ],
      guidelines: { en: 'Rate.' },
    })
    const judge = await api.startStudyJudge({ studyId: study.id, endpointId: endpoint.id })
    await app.studyJudges.waitFor(judge.id)
    const [live] = await api.endpointHealth()
    expect(live).toMatchObject({ endpointId: endpoint.id, state: 'up', lastError: null, waiting: 0 })
    expect(live.replicas).toHaveLength(1)
    expect(live.replicas[0]).toMatchObject({ baseURL: mock.baseURL, maxConcurrency: 8, inFlight: 0, state: 'in' })
    expect(live.replicas[0].effectiveConcurrency).toBeLessThan(8)
    expect(JSON.stringify(live)).not.toMatch(/apiKey/)
  })
})
