import { describe, expect, it } from 'vitest'
import type { RunSummary } from '@shared/simulation'
import { isCounselorRequest } from '../support/scriptedCounseling'
import { simulationFixture } from '../support/simulationFixture'

const setup = simulationFixture({ maxConcurrency: 8, timeoutMs: 5000 })

const until = async (check: () => Promise<boolean> | boolean) => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10))
}

describe('failed dialogues and endpoint outages', () => {
  it('retries failed dialogues from the message where they stopped, keeping their history', async () => {
    // The counselor's third turn is refused (a key problem, not retried) until the user fixes it.
    let refuse = true
    const { app, api, config } = await setup(3, 4, {
      fault: (r) =>
        refuse && isCounselorRequest(r) && r.messages.length >= 6
          ? { status: 403, body: JSON.stringify({ error: { message: 'quota exceeded' } }) }
          : null,
    })
    const run = await api.startRun({ name: 'refused', cards: { query: {} }, config: { ...config, concurrency: 3 } })
    await app.runner.waitFor(run.id)
    const failed = await api.getRun({ id: run.id })
    expect(failed).toMatchObject({ status: 'failed', counts: { total: 3, failed: 3, completed: 0 } })
    const before = await Promise.all(
      (await api.listDialogues({ runId: run.id })).items.map((d) => api.getDialogue({ id: d.id })),
    )
    for (const d of before) {
      expect(d.messages).toHaveLength(5)
      expect(d.endReason).toMatchObject({
        kind: 'error',
        message: expect.stringContaining('HTTP 403 after 1 attempt: quota exceeded'),
      })
    }

    refuse = false
    const retried = await api.retryFailedDialogues({ id: run.id })
    expect(retried.status).toBe('running')
    await app.runner.waitFor(run.id)
    const done = await api.getRun({ id: run.id })
    expect(done).toMatchObject({
      status: 'completed',
      counts: { total: 3, completed: 3, failed: 0 },
      finishedAt: expect.any(String),
    })
    for (const old of before) {
      const d = await api.getDialogue({ id: old.id })
      expect(d.status).toBe('completed')
      expect(d.endReason).toMatchObject({ kind: 'keyword', turn: 4 })
      // The five stored messages are kept as they were; the dialogue went on after them.
      expect(d.messages.slice(0, 5)).toEqual(old.messages)
      expect(d.messages.map((m) => m.index)).toEqual([...Array(8).keys()])
    }
  })

  it('refuses to retry when there is nothing to retry, changing nothing', async () => {
    const { app, api, config } = await setup(1, 2)
    const run = await api.startRun({ name: 'fine', cards: { query: {} }, config })
    await app.runner.waitFor(run.id)
    const before = await api.getRun({ id: run.id })
    await expect(api.retryFailedDialogues({ id: run.id })).rejects.toMatchObject({
      code: 'conflict',
      message: 'Run "fine" has no failed dialogues to retry.',
    })
    expect(await api.getRun({ id: run.id })).toEqual(before)
    await expect(api.retryFailedDialogues({ id: 'nope' })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('makes dialogues wait through an outage, says so on the run, and completes them all when the endpoint is back', async () => {
    const { app, api, mock, config } = await setup(6, 4, { latencyMs: 5 })
    const progress: RunSummary[] = []
    app.events.subscribe((e) => e.name === 'run.progress' && progress.push(e.payload as RunSummary))
    const run = await api.startRun({ name: 'outage', cards: { query: {} }, config: { ...config, concurrency: 6 } })
    await until(() => mock.stats.calls >= 12)
    mock.setOutage({ status: 503, body: JSON.stringify({ error: { message: 'service unavailable' } }) })
    await until(async () => (await api.getRun({ id: run.id })).waiting.length > 0)
    const waiting = await api.getRun({ id: run.id })
    expect(waiting.status).toBe('running')
    expect(waiting.waiting).toEqual([
      {
        endpointId: config.client.endpointId,
        endpointName: 'mock',
        lastError: 'HTTP 503: service unavailable',
        since: expect.any(String),
      },
    ])
    expect(waiting.counts.failed).toBe(0)
    expect(progress.some((p) => p.waiting.length === 1)).toBe(true)
    // Far more probes than any call's budget of 11 attempts: the outage lasts.
    const atOutage = mock.stats.calls
    await until(() => mock.stats.calls >= atOutage + 40)

    mock.setOutage(null)
    await app.runner.waitFor(run.id)
    const done = await api.getRun({ id: run.id })
    expect(done).toMatchObject({ status: 'completed', counts: { total: 6, completed: 6, failed: 0 }, waiting: [] })
    expect(done.usage.errors.server).toBeGreaterThan(40)
    expect(progress.at(-1)?.waiting).toEqual([])
  })
})
