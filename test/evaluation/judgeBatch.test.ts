import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EVALUATIONS, JUDGED_KINDS, type WaiEvaluationResult } from '@shared/evaluation'
import type { AppOptions } from '../../src/main/app'
import { WORKSPACE_FILE } from '../../src/main/paths'
import { PANAS_FEELING_TEXTS } from '../../src/main/evaluation/panas/feelings'
import { batchClient } from '../../src/main/llm/batchClient'
import { finished, judgedWorkspace } from '../support/judgedWorkspace'
import { client } from '../support/workspace'
import type { ChatRequest, MockBatchOptions } from '../support/mockOpenAI'
import { sessionsJsonl } from '../support/sessionsFixture'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Every item 5, item 4 gets 2 (reverse-scored: 6); the dialogue about late rent answers garbage on item 12. */
const judge = (request: ChatRequest) => {
  const user = request.messages[1].content
  // PANAS (no item): every feeling rated 3.
  if (!user.includes('## Item')) return PANAS_FEELING_TEXTS.map((f) => `${f.label.en}: 3`).join('\n')
  const item = Number(user.match(/## Item (\d+)/)![1])
  if (item === 12 && user.includes('rent is late')) return 'I cannot say.'
  return `Reasoning in one sentence.\nFinal score: ${item === 4 ? 2 : 5}`
}
const itemOf = (body: ChatRequest) => Number(body.messages[1].content.match(/## Item (\d+)/)![1])

async function setup(batch: MockBatchOptions, options: Partial<AppOptions> = {}) {
  const w = await judgedWorkspace(
    { reply: judge, batch },
    [{ fileName: 'sessions.jsonl', content: sessionsJsonl() }],
    { batchPollMs: 1, ...options },
    { priceInput: 1, priceOutput: 2 },
  )
  cleanups.push(w.mock.close, w.ws.cleanup)
  const config = {
    endpointId: w.endpointId,
    rounds: 2,
    parseRetries: 1,
    delivery: 'batch' as const,
  }
  return { ...w, config, datasetId: w.datasetIds[0] }
}

/** A WAI analysis of the workspace's dataset with its batch config, run to its end: all 96 units, 2 garbage. */
async function judgedOnce(w: Awaited<ReturnType<typeof setup>>) {
  const done = await finished(
    w.app,
    w.api,
    await w.api.startEvaluation({ kind: 'wai', datasetIds: [w.datasetId], config: w.config }),
  )
  expect(done.status, done.error ?? '').toBe('completed')
  expect(done.progress).toMatchObject({ done: 96, total: 96, failures: 2 })
  return done
}

const count = (w: { app: { db: import('../../src/main/db/connection').Db } }, sql: string, ...args: unknown[]) =>
  (w.app.db.prepare(sql).get(...args) as { n: number }).n
/** What `check` gives once it is not null (checked every few milliseconds; the test's timeout bounds it). */
async function until<T>(check: () => Promise<T | null>): Promise<T> {
  for (;;) {
    const found = await check()
    if (found !== null) return found
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
const settled = () => new Promise((resolve) => setImmediate(resolve))

describe('judge jobs sent as provider batches', () => {
  it('judges WAI through one batch, logs each answer at the batch price, and asks unreadable answers live', async () => {
    const w = await setup({})
    const estimate = await w.api.estimateEvaluation({ kind: 'wai', datasetIds: [w.datasetId], config: w.config })
    expect(estimate.batchCost).toBeCloseTo(estimate.cost! * 0.5)

    const done = await judgedOnce(w)
    const wai = (done.result as WaiEvaluationResult).datasets[0]
    expect(wai.items[4]).toBe(6)
    expect(wai.factors.task.mean).toBe(5)
    expect(wai.failures).toBe(2)

    // One batch of 96 distinct requests; only the two garbage units went live (twice each: parseRetries 1).
    expect(w.mock.batches).toHaveLength(1)
    expect(w.mock.batches[0].lines).toHaveLength(96)
    expect(w.mock.batches[0].lines[0].body).toMatchObject({ model: 'judge-model', temperature: 0.7 })
    expect(w.mock.requests).toHaveLength(4)
    expect(done.batches).toEqual([expect.objectContaining({ status: 'completed', total: 96, imported: true })])

    await settled()
    const batchCalls = w.app.db
      .prepare("SELECT cost, prompt_tokens AS p FROM llm_calls WHERE purpose = 'judge:wai' AND latency_ms = 0")
      .all() as { cost: number; p: number }[]
    expect(batchCalls).toHaveLength(96)
    expect(batchCalls[0].cost).toBeCloseTo(((10 * 1 + 5 * 2) / 1e6) * 0.5)
    expect(count(w, "SELECT count(*) AS n FROM llm_calls WHERE purpose = 'judge:wai'")).toBe(100)
    // Every stored unit has its call logged, batch and live alike.
    const stored = count(
      w,
      "SELECT count(*) AS n FROM evaluation_items WHERE evaluation_id = ? AND status = 'ok'",
      done.id,
    )
    expect(stored).toBe(94)
    // Its lines are forgotten once every unit is stored; the batch stays listed.
    expect(count(w, 'SELECT count(*) AS n FROM judge_batch_lines')).toBe(0)
  })

  it('stores a unit answered twice once, and asks failed lines live', async () => {
    const w = await setup({
      duplicate: () => true,
      lineError: (_id, body) => (itemOf(body) === 3 ? { status: 500, message: 'server error' } : null),
    })
    const done = await judgedOnce(w)
    await settled()
    // 8 lines of item 3 failed (4 dialogues × 2 rounds): asked live, with the 2 × 2 garbage asks.
    const liveItems = w.mock.requests.map(itemOf)
    expect(liveItems.filter((i) => i === 3)).toHaveLength(8)
    expect(w.mock.requests).toHaveLength(12)
    // Each answer line came twice; its call is logged once and its units stored once.
    expect(count(w, "SELECT count(*) AS n FROM llm_calls WHERE purpose = 'judge:wai' AND latency_ms = 0")).toBe(88)
    expect(count(w, 'SELECT count(*) AS n FROM evaluation_items WHERE evaluation_id = ?', done.id)).toBe(96)
    const wai = (done.result as WaiEvaluationResult).datasets[0]
    expect(wai.items[3]).toBe(5)
  })

  it('sends a kind with its own units (PANAS: before and after per card) the same way', async () => {
    const w = await setup({})
    const started = await w.api.startEvaluation({
      kind: 'panas',
      datasetIds: [w.datasetId],
      config: { ...w.config, rounds: 1 },
    })
    const done = await finished(w.app, w.api, started)
    expect(done.status, done.error ?? '').toBe('completed')
    expect(done.progress).toMatchObject({ done: 8, total: 8, failures: 0 })
    expect(w.mock.batches[0].lines).toHaveLength(8)
    expect(w.mock.requests).toHaveLength(0)
    const exported = await w.api.exportEvaluationBatch({
      kind: 'panas',
      datasetIds: [w.datasetId],
      config: { ...w.config, rounds: 1 },
    })
    expect(
      exported.content
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).custom_id),
    ).toEqual(w.mock.batches[0].lines.map((l) => l.custom_id))
  })

  it('asks the lines an expired batch left unanswered live', async () => {
    const w = await setup({ expire: (_id, body) => itemOf(body) === 7 })
    const done = await judgedOnce(w)
    expect(done.batches).toEqual([expect.objectContaining({ status: 'expired', completed: 88, failed: 8 })])
    expect(w.mock.requests.map(itemOf).filter((i) => i === 7)).toHaveLength(8)
    expect((done.result as WaiEvaluationResult).datasets[0].items[7]).toBe(5)
  })

  it('fails with what to do when the endpoint has no batch API, and asks nothing live', async () => {
    const w = await setup({ off: true })
    const started = await w.api.startEvaluation({ kind: 'wai', datasetIds: [w.datasetId], config: w.config })
    const done = await finished(w.app, w.api, started)
    expect(done.status).toBe('failed')
    expect(done.error).toMatch(
      /judge \(http:\/\/127\.0\.0\.1:\d+\/v1\) did not take the batch \(POST \/files\).*live calls/,
    )
    expect(w.mock.requests).toHaveLength(0)
  })

  it('splits a large job into several batch files, no more open at once than allowed', async () => {
    const w = await setup({}, { batchLimits: { lines: 40, bytes: 1e9, open: 1 } })
    const done = await judgedOnce(w)
    expect(w.mock.batches.map((b) => b.lines.length)).toEqual([40, 40, 16])
    // One at a time: each batch was made after the one before had ended.
    expect(w.mock.batches.map((b) => b.openAtCreate)).toEqual([0, 0, 0])
    expect(done.batches!.every((b) => b.imported && b.status === 'completed')).toBe(true)
    const ids = w.mock.batches.flatMap((b) => b.lines.map((l) => l.custom_id))
    expect(new Set(ids).size).toBe(96)
    expect(count(w, 'SELECT count(*) AS n FROM evaluation_items WHERE evaluation_id = ?', done.id)).toBe(96)

    // A byte limit splits too: two lines' worth per file.
    const bytes = Buffer.byteLength(JSON.stringify(w.mock.batches[0].lines[0])) * 2 + 200
    const v = await setup({}, { batchLimits: { lines: 1000, bytes } })
    await judgedOnce(v)
    expect(v.mock.batches.length).toBeGreaterThanOrEqual(32)
    expect(v.mock.batches.every((b) => b.lines.length <= 2)).toBe(true)
    // Up to 8 open at once by default.
    expect(Math.max(...v.mock.batches.map((b) => b.openAtCreate))).toBe(7)
  })

  it('resumes polling its batch after a restart without sending it again, and cancels it with the analysis', async () => {
    const batch: MockBatchOptions = { pollsPerStep: 1_000_000 }
    const w = await setup(batch)
    const started = await w.api.startEvaluation({ kind: 'wai', datasetIds: [w.datasetId], config: w.config })
    // Wait until the batch exists and its id is stored.
    const view = await until(async () => {
      const v = await w.api.getEvaluation({ id: started.id })
      return v.batches?.[0]?.remoteId ? v : null
    })
    expect(view.batches![0]).toMatchObject({ status: 'validating', total: 96, imported: false })
    // The process ends with the job running (as a kill leaves it); a new one takes the job over. As if it had been
    // killed between making the batch and storing its id: the new one finds the batch by its metadata.
    await w.app.close()
    const { openDatabase } = await import('../../src/main/db/connection')
    const db = openDatabase(join(w.ws.dataDir, WORKSPACE_FILE))
    db.prepare("UPDATE judge_batches SET remote_id = NULL, status = 'submitting'").run()
    db.close()
    batch.pollsPerStep = 1
    const app = w.ws.open({ batchPollMs: 1, resumeInterruptedRuns: true })
    const api = client(app)
    const done = await until(async () => {
      const v = await api.getEvaluation({ id: started.id })
      return v.status === 'running' ? null : v
    })
    expect(done.status, done.error ?? '').toBe('completed')
    expect(done.progress).toMatchObject({ done: 96, failures: 2 })
    expect(w.mock.batches).toHaveLength(1)
    expect(w.mock.requests).toHaveLength(4)

    // A second analysis cancelled while its batch runs cancels the batch at the provider.
    batch.pollsPerStep = 1_000_000
    const second = await api.startEvaluation({
      kind: 'wai',
      datasetIds: [w.datasetId],
      config: { ...w.config, cache: false },
    })
    await until(async () => ((await api.getEvaluation({ id: second.id })).batches?.[0]?.remoteId ? true : null))
    const cancelled = await api.cancelEvaluation({ id: second.id })
    expect(cancelled.status).toBe('cancelled')
    expect(w.mock.batches[1].status).toBe('cancelled')
    expect(cancelled.batches![0].status).toBe('cancelled')
  })
})

describe('a batch file for vllm run-batch', () => {
  it('exports each request once, imports its output idempotently, and the analysis is answered from it', async () => {
    const w = await setup({})
    const config = { ...w.config, delivery: 'live' as const }
    const file = await w.api.exportEvaluationBatch({ kind: 'wai', datasetIds: [w.datasetId], config })
    expect(file.count).toBe(96)
    const requests = file.content
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { custom_id: string; url: string; body: ChatRequest })
    expect(new Set(requests.map((r) => r.custom_id)).size).toBe(96)
    expect(requests[0]).toMatchObject({ url: '/v1/chat/completions', body: { model: 'judge-model' } })
    expect(w.mock.requests).toHaveLength(0)

    // What `vllm run-batch` writes: one answer per line, plus one line that failed.
    const output = requests
      .map((r, i) =>
        JSON.stringify({
          id: `vllm-${i}`,
          custom_id: r.custom_id,
          response:
            i === 0
              ? { status_code: 500, body: { error: 'oom' } }
              : {
                  status_code: 200,
                  body: {
                    model: 'judge-model',
                    choices: [{ message: { role: 'assistant', content: judge(r.body) }, finish_reason: 'stop' }],
                    usage: { prompt_tokens: 10, completion_tokens: 5 },
                  },
                },
          error: null,
        }),
      )
      .join('\n')
    const input = {
      endpointId: w.endpointId,
      fileName: 'out.jsonl',
      contentBase64: Buffer.from(output).toString('base64'),
    }
    expect(await w.api.importEvaluationBatch(input)).toEqual({ lines: 96, stored: 95, already: 0, failed: 1 })
    expect(await w.api.importEvaluationBatch(input)).toEqual({ lines: 96, stored: 0, already: 95, failed: 1 })
    await settled()
    expect(count(w, "SELECT count(*) AS n FROM llm_calls WHERE purpose = 'judge:batch-import'")).toBe(95)
    await expect(
      w.api.importEvaluationBatch({ ...input, contentBase64: Buffer.from('{"custom_id":"x"}').toString('base64') }),
    ).rejects.toThrow(/line 1: custom_id/)

    const done = await finished(
      w.app,
      w.api,
      await w.api.startEvaluation({ kind: 'wai', datasetIds: [w.datasetId], config }),
    )
    expect(done.progress).toMatchObject({ done: 96, failures: 2 })
    // Live calls: the failed line's unit once, the two garbage answers twice each (parse retries); the rest cached.
    expect(w.mock.requests).toHaveLength(5)
  })
})

describe('the CLI options of batch delivery', () => {
  it('every judged kind takes --batch and --batch-price-factor into its settings, live without them', () => {
    for (const kind of JUDGED_KINDS) {
      const info = EVALUATIONS[kind]
      expect(info.cli.options.map((o) => o.flags)).toEqual(
        expect.arrayContaining(['--batch', '--batch-price-factor <f>']),
      )
      const config = info.config!.parse({ endpointId: 'e', ...info.cli.config({ batch: true, batchPriceFactor: 0.3 }) })
      expect(config).toMatchObject({ delivery: 'batch', batchPriceFactor: 0.3 })
      expect(info.config!.parse({ endpointId: 'e', ...info.cli.config({}) })).toMatchObject({
        delivery: 'live',
        batchPriceFactor: 0.5,
      })
    }
  })
})

describe("the mock's files and batches API", () => {
  it('takes a JSONL upload, moves a batch through its states, and writes output and error files', async () => {
    const { startMockOpenAI } = await import('../support/mockOpenAI')
    const mock = await startMockOpenAI({
      reply: (r) => `echo ${r.messages[0].content}`,
      batch: { pollsPerStep: 2, lineError: (id) => (id === 'b' ? { status: 400, message: 'bad' } : null) },
    })
    cleanups.push(mock.close)
    const api = batchClient({ baseURL: mock.baseURL, apiKey: '', timeoutMs: 5000 })
    const line = (id: string, text: string) =>
      JSON.stringify({
        custom_id: id,
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: 'm', messages: [{ role: 'user', content: text }] },
      })
    const fileId = await api.upload(Buffer.from(`${line('a', '你好')}\n${line('b', 'x')}\n`), 'in.jsonl')
    expect(mock.files.get(fileId)).toMatchObject({ purpose: 'batch', filename: 'in.jsonl' })
    const created = await api.create(fileId, { simpsy_batch: 'k1' })
    expect(created.status).toBe('validating')
    const seen = [created.status]
    while (!['completed', 'failed'].includes(seen.at(-1)!)) seen.push((await api.retrieve(created.id)).status)
    expect([...new Set(seen)]).toEqual(['validating', 'in_progress', 'finalizing', 'completed'])
    const final = await api.retrieve(created.id)
    expect(final).toMatchObject({ completed: 1, failed: 1 })
    const out = []
    for await (const l of api.lines(final.outputFileId!)) out.push(JSON.parse(l))
    expect(out).toEqual([
      expect.objectContaining({
        custom_id: 'a',
        response: expect.objectContaining({
          status_code: 200,
          body: expect.objectContaining({
            choices: [expect.objectContaining({ message: { role: 'assistant', content: 'echo 你好' } })],
          }),
        }),
      }),
    ])
    const errors = []
    for await (const l of api.lines(final.errorFileId!)) errors.push(JSON.parse(l))
    expect(errors).toEqual([
      expect.objectContaining({ custom_id: 'b', response: expect.objectContaining({ status_code: 400 }) }),
    ])
    expect((await api.findByMetadata('simpsy_batch', 'k1'))?.id).toBe(created.id)
    expect(await api.findByMetadata('simpsy_batch', 'nope')).toBeNull()

    // Duplicate custom_ids are refused; a running batch can be cancelled, with its lines in the error file.
    const dup = await api.upload(Buffer.from(`${line('a', '1')}\n${line('a', '2')}\n`), 'dup.jsonl')
    await expect(api.create(dup, {})).rejects.toThrow(/unique/)
    const running = await api.create(fileId, {})
    expect((await api.cancel(running.id)).status).toBe('cancelled')
  })
})
