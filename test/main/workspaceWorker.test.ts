import { Worker } from 'node:worker_threads'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DatasetProgress } from '@shared/dialogue'
import { openDatabase } from '../../src/main/db/connection'
import { WORKSPACE_FILE } from '../../src/main/paths'
import { mixedLine, prng } from '../support/corpus'
import { sessionsJsonl } from '../support/sessionsFixture'
import { client, tempWorkspace } from '../support/workspace'

/** An OpenAI-format JSONL file of `n` generated dialogues of `turns` messages. */
function corpus(n: number, seed = 1, turns = 6) {
  const random = prng(seed)
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      id: `d${seed}-${i}`,
      messages: Array.from({ length: turns }, (_, k) => ({
        role: k % 2 ? 'assistant' : 'user',
        content: mixedLine(random, 20),
      })),
    }),
  )
  return Buffer.from(lines.join('\n'))
}

/**
 * Counts the turns of this thread's event loop while `work` is pending: a task done in this thread (the old import,
 * export and delete) lets none through until it returns.
 */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0
  let pending = true
  const tick = () => {
    if (!pending) return
    turns++
    setTimeout(tick, 1)
  }
  setTimeout(tick, 1)
  const value = await work()
  pending = false
  return { value, turns }
}

let ws: ReturnType<typeof tempWorkspace>
afterEach(async () => {
  await ws?.cleanup()
})

describe('heavy dataset operations off the main thread (the workspace worker)', () => {
  it('import, export, estimate, statistics and delete leave the event loop free and report progress', async () => {
    ws = tempWorkspace()
    const app = ws.open()
    const api = client(app)
    const progress: DatasetProgress[] = []
    app.events.subscribe((e) => {
      if (e.name === 'datasets.progress') progress.push(e.payload as DatasetProgress)
    })
    const file = corpus(3000, 1, 8)
    const imported = await turnsDuring(() =>
      api.importDataset({ fileName: 'big.jsonl', contentBase64: file.toString('base64'), name: 'big' }),
    )
    expect(imported.value.imported).toBe(3000)
    expect(imported.turns).toBeGreaterThan(5)
    const importProgress = progress.filter((p) => p.operation === 'import')
    expect(importProgress.at(-1)).toMatchObject({ done: 3000, total: 3000, datasetId: null })
    const datasetId = imported.value.datasetId!
    expect(await api.listDatasets()).toMatchObject([{ id: datasetId, dialogueCount: 3000 }])

    const exported = await turnsDuring(() => api.exportDataset({ id: datasetId, format: 'jsonl' }))
    expect(exported.value.count).toBe(3000)
    expect(exported.value.content.trim().split('\n').length).toBeGreaterThanOrEqual(3000)
    expect(exported.turns).toBeGreaterThan(0)

    const stats = await turnsDuring(async () => {
      const started = await api.startEvaluation({ kind: 'stats', datasetIds: [datasetId] })
      await expect
        .poll(async () => (await api.getEvaluation({ id: started.id })).status, { timeout: 60000 })
        .toBe('completed')
      return api.getEvaluation({ id: started.id })
    })
    expect(stats.value.result).toMatchObject({ kind: 'stats', datasets: [{ datasetId, conversations: 3000 }] })
    // Its per-dialogue scores were stored (by the worker) and drill down as before.
    const scores = await api.listEvaluationScores({ id: stats.value.id, limit: 5 })
    expect(scores.total).toBe(3000)

    const deleted = await turnsDuring(() => api.deleteDataset({ id: datasetId }))
    expect(deleted.value).toEqual({ deleted: true })
    expect(deleted.turns).toBeGreaterThan(0)
    expect(progress.filter((p) => p.operation === 'delete').at(-1)).toMatchObject({ done: 3000, total: 3000 })
    expect(await api.listDatasets()).toEqual([])
    expect(app.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0)
    expect(app.db.prepare('SELECT count(*) FROM datasets').pluck().get()).toBe(0)
  }, 120000)

  it("keeps an import's error as it was (code, message key, report) and stores nothing", async () => {
    ws = tempWorkspace()
    const app = ws.open()
    const api = client(app)
    const broken = Buffer.from(`${corpus(3).toString()}\n{"messages": "not a list"}\n`)
    const error = await api
      .importDataset({ fileName: 'broken.jsonl', contentBase64: broken.toString('base64') })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'import_failed',
      key: 'files.importProblems',
      details: { imported: 3, errors: [{ row: 4 }] },
    })
    expect(await api.listDatasets()).toEqual([])
    expect(app.db.prepare('SELECT count(*) FROM dialogues').pluck().get()).toBe(0)
  })

  it('hides a half-written dataset, and the next process clears one whose process died', async () => {
    ws = tempWorkspace()
    let app = ws.open()
    const api = client(app)
    const { datasetId } = await api.importDataset({
      fileName: 'a.jsonl',
      contentBase64: corpus(40).toString('base64'),
    })
    // As a process that died halfway through an import leaves it (its pid no longer runs on this host).
    app.db
      .prepare("UPDATE datasets SET pending = 'importing', pending_owner = ? WHERE id = ?")
      .run(`${(await import('node:os')).hostname()}:2147483646:dead`, datasetId)
    expect(await api.listDatasets()).toEqual([])
    expect(await api.listDialogues({ datasetId: datasetId!, limit: 10, offset: 0 })).toMatchObject({ total: 0 })
    expect(await api.listDialogues({ limit: 10, offset: 0 })).toMatchObject({ total: 0 })
    await app.close()
    app = ws.open()
    await expect.poll(() => app.db.prepare('SELECT count(*) FROM dialogues').pluck().get(), { timeout: 30000 }).toBe(0)
    expect(app.db.prepare('SELECT count(*) FROM datasets').pluck().get()).toBe(0)
  })
})

describe('the built workspace worker (out/main, as the desktop app loads it)', () => {
  it('runs tasks on its own connection, overlap with its tokenize threads included', async () => {
    ws = tempWorkspace()
    const app = ws.open()
    const api = client(app)
    const { datasetId } = await api.importDataset({
      fileName: 'sessions.jsonl',
      contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
    })
    // An overlap analysis done by the workspace worker from the sources; the built one does it again below.
    const started = await api.startEvaluation({ kind: 'overlap', datasetIds: [datasetId!] })
    await expect.poll(async () => (await api.getEvaluation({ id: started.id })).status).toBe('completed')
    await app.close()
    const built = resolve(import.meta.dirname, '..', '..', 'out', 'main', 'workspaceWorker.js')
    const worker = new Worker(built, {
      workerData: { file: `${ws.dataDir}/${WORKSPACE_FILE}`, owner: 'test:1:x', tokenizeThreads: 2 },
    })
    const ask = (task: string, input: unknown) =>
      new Promise<{ type: string; value?: unknown; message?: string }>((done) => {
        const id = Math.floor(Math.random() * 1e9)
        const listener = (reply: { id: number; type: string }) => {
          if (reply.id !== id || reply.type === 'progress') return
          worker.off('message', listener)
          done(reply)
        }
        worker.on('message', listener)
        worker.postMessage({ type: 'run', id, task, input })
      })
    try {
      const sizes = await ask('dialogueSizes', {
        datasetIds: [datasetId],
        only: { [datasetId!]: null },
        completeOnly: false,
        withCards: true,
      })
      expect(sizes).toMatchObject({ type: 'done', value: { length: 4 } })
      const db = openDatabase(`${ws.dataDir}/${WORKSPACE_FILE}`)
      const [dataset] = db.prepare('SELECT id, name FROM datasets').all() as { id: string; name: string }[]
      db.close()
      const overlap = await ask('evaluationJob', {
        kind: 'overlap',
        evaluationId: started.id,
        config: { cardText: 'field-values', removeStopWords: false, test: 'welch', seed: 42 },
        datasets: [{ ...dataset, dialogueCount: 4 }],
        only: { [datasetId!]: null },
        completeOnly: false,
      })
      expect(overlap).toMatchObject({ type: 'done', value: { kind: 'overlap', datasets: [{ datasetId, skipped: 0 }] } })
      expect((overlap.value as { datasets: { mapping: number[] }[] }).datasets[0].mapping).toHaveLength(4)
    } finally {
      await worker.terminate()
    }
  })
})
