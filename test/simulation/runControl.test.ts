import { describe, expect, it } from 'vitest'
import type { ApiClient } from '@shared/api'
import type { App } from '../../src/main/app'
import { simulationFixture } from '../support/simulationFixture'
import { client } from '../support/workspace'

const setup = simulationFixture({ maxConcurrency: 32, timeoutMs: 2000 })

/** Every dialogue of the run: complete, alternating from the greeting, indexes 0..n-1 without gaps or repeats. */
async function expectWholeDialogues(api: ApiClient, runId: string, messagesEach: number) {
  const { items } = await api.listDialogues({ runId })
  for (const summary of items) {
    const d = await api.getDialogue({ id: summary.id })
    expect(d.status).toBe('completed')
    expect(d.messages.map((m) => m.index)).toEqual([...Array(messagesEach).keys()])
    expect(d.messages.every((m, i) => m.speaker === (i % 2 === 0 ? 'client' : 'counselor'))).toBe(true)
    expect(d.messageCount).toBe(messagesEach)
  }
  return items
}

const until = async (check: () => Promise<boolean> | boolean, ms = 10000) => {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('run control and resilience', () => {
  it('completes every dialogue when 30% of calls fail (500, 503, 429, resets, malformed bodies)', async () => {
    const { app, api, config } = await setup(8, 5, { faultRate: 0.3, seed: 7 })
    const run = await api.startRun({ name: 'faulty', cards: { query: {} }, config: { ...config, concurrency: 8 } })
    await app.runner.waitFor(run.id)
    const done = await api.getRun({ id: run.id })
    expect(done.counts).toMatchObject({ total: 8, completed: 8, failed: 0 })
    await expectWholeDialogues(api, run.id, 10)
    const failures = Object.values(done.usage.errors).reduce((a, b) => a + b, 0)
    expect(failures / done.usage.calls).toBeGreaterThan(0.15)
  })

  it('pauses without losing a message and resumes where each dialogue stopped', async () => {
    const { app, api, config } = await setup(4, 8, { latencyMs: 15 })
    const run = await api.startRun({ name: 'pausable', cards: { query: {} }, config: { ...config, concurrency: 2 } })
    await until(async () => (await api.getRun({ id: run.id })).usage.calls >= 6)
    const paused = await api.pauseRun({ id: run.id })
    expect(paused.status).toBe('paused')
    expect(paused.counts.running).toBe(0)
    expect(paused.counts.completed).toBeLessThan(4)
    const partial = (await api.listDialogues({ runId: run.id })).items.filter(
      (d) => d.status === 'pending' && d.messageCount > 0,
    )
    expect(partial.length).toBeGreaterThan(0)

    await api.resumeRun({ id: run.id })
    await app.runner.waitFor(run.id)
    expect((await api.getRun({ id: run.id })).status).toBe('completed')
    await expectWholeDialogues(api, run.id, 16)
  })

  it('cancels: unfinished dialogues are marked cancelled and never counted complete', async () => {
    const { app, api, config } = await setup(4, 8, { latencyMs: 15 })
    const run = await api.startRun({ name: 'cancel me', cards: { query: {} }, config: { ...config, concurrency: 2 } })
    await until(async () => (await api.getRun({ id: run.id })).usage.calls >= 4)
    const cancelled = await api.cancelRun({ id: run.id })
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.counts.cancelled + cancelled.counts.completed).toBe(4)
    expect(cancelled.counts.cancelled).toBeGreaterThan(0)
    const { items } = await api.listDialogues({ runId: run.id, status: 'cancelled' })
    expect(items.every((d) => d.endReason?.kind === 'cancelled')).toBe(true)
    await expect(api.resumeRun({ id: run.id })).rejects.toMatchObject({ code: 'conflict' })
    await app.runner.waitFor(run.id)
  })

  it('resumes runs left running when the workspace is reopened', async () => {
    const { app, api, config, reopen } = await setup(3, 6, { latencyMs: 15 })
    const run = await api.startRun({ name: 'reopen', cards: { query: {} }, config: { ...config, concurrency: 3 } })
    await until(async () => (await api.getRun({ id: run.id })).usage.calls >= 4)
    await app.close() // a clean shutdown leaves the run 'running' so the next start continues it
    const reopened: App = reopen({ resumeInterruptedRuns: true })
    await reopened.runner.waitFor(run.id)
    const again = client(reopened)
    expect((await again.getRun({ id: run.id })).status).toBe('completed')
    await expectWholeDialogues(again, run.id, 12)
  })

  it('resumes a run stored before counselor methods existed (no method kind, opening, end token or minimum)', async () => {
    const { app, api, config } = await setup(2, 5, { latencyMs: 15 })
    const run = await api.startRun({ name: 'older', cards: { query: {} }, config: { ...config, concurrency: 2 } })
    await until(async () => (await api.getRun({ id: run.id })).usage.calls >= 2)
    await api.pauseRun({ id: run.id })
    // The configuration as a workspace of schema version 9 stored it.
    const { opening: _o, endToken: _e, minTurns: _m, ...older } = (await api.getRun({ id: run.id })).config
    const { kind: _k, ...counselor } = older.counselor
    app.db.prepare('UPDATE runs SET config = ? WHERE id = ?').run(JSON.stringify({ ...older, counselor }), run.id)

    const shown = await api.getRun({ id: run.id })
    expect(shown.config).toMatchObject({ opening: 'greeting', endToken: null, minTurns: 0 })
    expect(shown.config.counselor.kind).toBe('three-stage')
    await api.resumeRun({ id: run.id })
    await app.runner.waitFor(run.id)
    expect((await api.getRun({ id: run.id })).counts).toMatchObject({ completed: 2, failed: 0 })
    await expectWholeDialogues(api, run.id, 10)
  })
})
