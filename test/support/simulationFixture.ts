import { afterEach } from 'vitest'
import { createLlmGateway } from '../../src/main/llm/gateway'
import type { App } from '../../src/main/app'
import { client, tempWorkspace } from './workspace'
import { startMockOpenAI, type MockOptions } from './mockOpenAI'
import { scriptedCounseling } from './scriptedCounseling'

const FAST_RETRIES = { maxRetries: 10, baseDelayMs: 2, maxDelayMs: 20 }

/**
 * A workspace with a scripted mock endpoint, `cards` English role cards and a run config that uses the
 * endpoint for both agents (retries fast). Closed after each test. `reopen` opens the same workspace again.
 */
export function simulationFixture(endpointSettings: { maxConcurrency: number; timeoutMs: number }) {
  let ws: ReturnType<typeof tempWorkspace> | undefined
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    await ws?.cleanup()
    for (const close of closers.splice(0)) await close()
  })
  return async function setup(cards: number, closeAtTurn: number, mockOptions: MockOptions = {}) {
    const mock = await startMockOpenAI({
      reply: scriptedCounseling({ closeAtTurn: () => closeAtTurn }),
      ...mockOptions,
    })
    closers.push(mock.close)
    const workspace = tempWorkspace({ gateway: (calls) => createLlmGateway({ calls, retry: FAST_RETRIES }) })
    ws = workspace
    const app = workspace.open()
    const api = client(app)
    const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'm', ...endpointSettings })
    for (let i = 0; i < cards; i++)
      await api.createRoleCard({ language: 'en', name: `P${i}`, complaint: { body: `Problem ${i}` } })
    const defaults = await api.simulationDefaults()
    const config = {
      ...defaults,
      client: { ...defaults.client, endpointId: endpoint.id },
      counselor: { ...defaults.counselor, endpointId: endpoint.id },
    }
    return {
      app,
      api,
      mock,
      config,
      reopen: (options: Parameters<typeof workspace.open>[0]): App => workspace.open(options),
    }
  }
}
