import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EndpointSave } from '../src/shared/endpoint'
import type { ApiClient } from '../src/shared/api'
import type { RunSummary, SimulationConfigInput } from '../src/shared/simulation'
import { createApp, type App } from '../src/main/app'
import { keyFileSecretBox } from '../src/main/secrets/secretBox'
import { createClient } from '../src/shared/client'

/**
 * One simulation run in a throwaway workspace: `posts` become role cards, the endpoint is both agents,
 * and the run goes to its end. `watch` sees the app before the run starts (to follow its events).
 * Returns the wall time from start to end and the run's final summary; the workspace is deleted.
 */
export async function simulateToEnd(options: {
  name: string
  posts: string[]
  endpoint: Omit<EndpointSave, 'name' | 'model'>
  concurrency: number
  watch?: (app: App) => void
  /** Other cards than posts: a file to import (its format detected), or cards when `ready` finds it wanting. */
  cards?: { fileName: string; content: string; ready?: (api: ApiClient) => Promise<boolean>; otherwise?: string }
  /** Run settings over the defaults (the counselor method, the session preset…), given the endpoint's id. */
  config?: (endpointId: string, api: ApiClient) => Promise<Partial<SimulationConfigInput>>
}): Promise<{ seconds: number; summary: RunSummary }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'simpsy-bench-'))
  const app = createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir, {}), seedExamples: false })
  const api = createClient(app.dispatch)
  try {
    const cards = options.cards
    if (cards) {
      await api.importRoleCards({
        fileName: cards.fileName,
        contentBase64: Buffer.from(cards.content).toString('base64'),
      })
      if (cards.ready && !(await cards.ready(api)) && cards.otherwise) {
        await api.deleteRoleCards({ ids: (await api.listRoleCards({})).items.map((c) => c.id) })
        await api.importRoleCards({
          fileName: 'cards.json',
          contentBase64: Buffer.from(cards.otherwise).toString('base64'),
        })
      }
    } else
      await api.importRoleCards({
        fileName: 'posts.json',
        contentBase64: Buffer.from(JSON.stringify(options.posts)).toString('base64'),
        format: 'posts',
      })
    const endpoint = await api.saveEndpoint({ name: 'mock', model: 'mock', ...options.endpoint })
    const defaults = await api.simulationDefaults()
    const extra = await options.config?.(endpoint.id, api)
    options.watch?.(app)
    const started = performance.now()
    const run = await api.startRun({
      name: options.name,
      cards: { query: {} },
      config: {
        ...defaults,
        client: { ...defaults.client, endpointId: endpoint.id },
        counselor: { ...defaults.counselor, endpointId: endpoint.id },
        concurrency: options.concurrency,
        ...extra,
      },
    })
    await app.runner.waitFor(run.id)
    const seconds = (performance.now() - started) / 1000
    return { seconds, summary: await api.getRun({ id: run.id }) }
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
