import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../support/browser'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { startServe } from '../support/serveProcess'
import { sessionsJsonl } from '../support/sessionsFixture'

/** A researcher sends a WAI judge as a provider batch from the form, and round-trips a vLLM batch file. */
let browser: Browser
let dataDir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-batch-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const reply = (request: ChatRequest) => `Reasoning.\nFinal score: ${request.messages[1].content.length % 7 || 7}`

describe('judge batches in the browser', () => {
  it('exports and imports a vLLM batch file, then runs a WAI judge as a provider batch', async () => {
    const batch = { pollsPerStep: 1_000_000 }
    const mock = await startMockOpenAI({ reply, batch })
    const server = await startServe(dataDir, [], { SIMPSY_BATCH_POLL_MS: '20' })
    const token = new URL(server.url).searchParams.get('token')
    const call = async (method: string, body: unknown) => {
      const r = (await fetch(`${server.origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((x) => x.json())) as { ok: boolean; value: Record<string, unknown> }
      expect(r.ok).toBe(true)
      return r.value
    }
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1440, height: 1100 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      const { datasetId } = await call('importDataset', {
        fileName: 'sessions.jsonl',
        contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
      })
      const endpoint = await call('saveEndpoint', { name: 'judge', baseURL: mock.baseURL, model: 'judge-model' })

      await page.goto(server.url)
      await page.getByTestId('nav-evaluation').click()
      await page.getByTestId('new-analysis').first().click()
      await page.getByTestId('analysis-kind-wai').click()
      await page.locator(`[data-testid="analysis-dataset"][data-dataset-id="${String(datasetId)}"]`).check()
      await page.getByTestId('analysis-endpointId').selectOption(String(endpoint.id))
      await page.getByTestId('analysis-rounds').fill('1')

      // The requests as a file for vllm run-batch: 4 dialogues × 12 items.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('analysis-batch-export').click(),
      ])
      const lines = readFileSync((await download.path())!, 'utf8')
        .trim()
        .split('\n')
      expect(lines).toHaveLength(48)
      // What vllm run-batch would write back.
      const output = join(dataDir, 'answers.jsonl')
      writeFileSync(
        output,
        lines
          .map((l) => JSON.parse(l) as { custom_id: string; body: ChatRequest })
          .map((r) =>
            JSON.stringify({
              custom_id: r.custom_id,
              response: { status_code: 200, body: { choices: [{ message: { content: reply(r.body) } }] } },
            }),
          )
          .join('\n'),
      )
      await page.getByTestId('analysis-batch-import-input').setInputFiles(output)
      await expect.poll(() => page.getByTestId('toast').last().textContent()).toMatch(/48 answers stored/)

      // Live delivery now asks nothing: every answer is in the cache.
      await page.getByTestId('analysis-form-submit').click()
      await expect.poll(() => page.getByTestId('analysis-estimate-summary').textContent()).toMatch(/48 answers/)
      await page.getByTestId('analysis-estimate-cancel').click()

      // As a provider batch (cache off, so it is sent): the progress lists the batch while it runs.
      await page.getByTestId('analysis-cache').uncheck()
      await page.getByTestId('analysis-delivery').selectOption('batch')
      await page.getByTestId('analysis-form-submit').click()
      await page.getByTestId('analysis-estimate-batch-cost').waitFor()
      await page.getByTestId('analysis-estimate-confirm').click()
      const item = page.getByTestId('evaluation-batch').first()
      await item.waitFor({ timeout: 20000 })
      await expect.poll(() => item.getAttribute('data-status')).toBe('validating')
      batch.pollsPerStep = 1
      // Done: the result replaces the progress; the analysis keeps its batch.
      await page.locator('[data-testid="figure"][data-kind="wai"]').waitFor({ timeout: 20000 })
      const [summary] = (await call('listEvaluations', {})) as unknown as { id: string }[]
      const done = await call('getEvaluation', { id: summary.id })
      expect(done).toMatchObject({ status: 'completed', config: { delivery: 'batch' } })
      expect(done.batches).toEqual([expect.objectContaining({ status: 'completed', total: 48, completed: 48 })])
      expect(mock.batches).toHaveLength(1)
      expect(mock.requests).toHaveLength(0)
      expect(errors).toEqual([])
    } finally {
      await page.close()
      await server.stop()
      await mock.close()
    }
  }, 120_000)
})
