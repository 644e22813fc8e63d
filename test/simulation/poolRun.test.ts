import { describe, expect, it } from 'vitest'
import type { RunSummary } from '@shared/simulation'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'
import { simulationFixture } from '../support/simulationFixture'

const setup = simulationFixture({ maxConcurrency: 2, timeoutMs: 5000 })

const until = async (check: () => Promise<boolean> | boolean) => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10))
}

describe('a run on an endpoint pool', () => {
  it('spreads its calls over the replicas, shows their concurrency, and completes every dialogue when one dies', async () => {
    const { app, api, mock, config } = await setup(6, 4, { latencyMs: 5 })
    const second = await startMockOpenAI({ reply: scriptedCounseling({ closeAtTurn: () => 4 }), latencyMs: 5 })
    const endpoint = (await api.listEndpoints())[0]
    await api.saveEndpoint({ ...endpoint, replicas: [{ baseURL: second.baseURL, maxConcurrency: 2 }] })
    const progress: RunSummary[] = []
    app.events.subscribe((e) => e.name === 'run.progress' && progress.push(e.payload as RunSummary))
    const run = await api.startRun({ name: 'pool', cards: { query: {} }, config: { ...config, concurrency: 6 } })
    await until(() => second.stats.calls >= 8)
    await second.close()
    await app.runner.waitFor(run.id)
    const done = await api.getRun({ id: run.id })
    expect(done).toMatchObject({ status: 'completed', counts: { total: 6, completed: 6, failed: 0 } })
    expect(mock.stats.maxServing).toBeLessThanOrEqual(2)
    // While it ran, the run said how its two base URLs were doing, and that the dead one was taken out.
    const shown = progress.flatMap((p) => p.concurrency)
    expect(shown.some((c) => c.replicas.length === 2)).toBe(true)
    expect(shown.some((c) => c.replicas[1]?.state === 'out')).toBe(true)
    expect(shown[0].replicas[0]).toMatchObject({ baseURL: endpoint.baseURL, maxConcurrency: 2 })
    // Each logged call names the base URL that answered; both did.
    const calls = (
      await Promise.all((await api.listDialogues({ runId: run.id })).items.map((d) => api.getDialogue({ id: d.id })))
    ).flatMap((d) => d.calls)
    const answeredBy = new Set(calls.filter((c) => c.errorKind === null).map((c) => c.replica))
    expect(answeredBy).toEqual(new Set([endpoint.baseURL, second.baseURL]))
  })
})
