import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import type { TurnTrace } from '@shared/dialogue'
import { launchBrowser } from '../support/browser'
import { startServe, type ServeHandle } from '../support/serveProcess'

/** Counselor methods in the browser: a MAGneT run form, and a transcript that shows how a reply was made. */
let browser: Browser
let dataDir: string
let server: ServeHandle
let call: <T>(method: string, body: unknown) => Promise<{ ok: boolean; value: T; error?: { message: string } }>

beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-methods-'))
  server = await startServe(dataDir)
  const token = new URL(server.url).searchParams.get('token')
  call = (method, body) =>
    fetch(`${server.origin}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json() as never)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

async function withPage(name: string, body: (page: Page, errors: string[]) => Promise<void>) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  try {
    await body(page, errors)
    expect(errors).toEqual([])
  } catch (error) {
    await page.screenshot({ path: join(tmpdir(), `simpsy-e2e-methods-${name}-failure.png`), fullPage: true })
    throw error
  } finally {
    await page.close()
  }
}

describe('counselor methods in the browser', () => {
  it('starts a MAGneT run with per-agent settings and the CACTUS/MAGneT session settings', async () => {
    // Nothing is called: the request that reaches the server is what is checked.
    const main = await call<{ id: string }>('saveEndpoint', {
      name: 'main',
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'm',
    })
    const mini = await call<{ id: string }>('saveEndpoint', {
      name: 'mini',
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'n',
    })
    await withPage('run-form', async (page) => {
      await page.goto(server.url)
      await page.getByTestId('nav-simulations').click()
      await page.getByTestId('new-run').first().click()
      await page.getByTestId('run-counselor-endpointId').selectOption(main.value.id)
      await page.getByTestId('run-counselor-temperature').fill('0.7')

      const estimate = page.getByTestId('run-call-estimate')
      // Three-stage, 50 turns: 50 counselor calls and 49 client replies.
      expect(await estimate.getAttribute('data-total')).toBe('99')
      await page.getByTestId('run-counselor-kind').selectOption('magnet')
      // Switching keeps the counselor's endpoint and sampling.
      expect(await page.getByTestId('run-counselor-endpointId').inputValue()).toBe(main.value.id)
      expect(await page.getByTestId('run-counselor-temperature').inputValue()).toBe('0.7')
      expect(await estimate.getAttribute('data-per-turn')).toBe('7')
      expect(await estimate.getAttribute('data-total')).toBe(String(1 + 50 * 7 + 49))

      // The technique agent starts at temperature 0, and says which model the release used.
      expect(await page.getByTestId('run-counselor-agents-technique-temperature').inputValue()).toBe('0')
      expect(await page.getByTestId('technique-release-note').textContent()).toContain('GPT-4o-mini')
      // Inherited values are shown greyed as placeholders.
      expect(await page.getByTestId('run-counselor-agents-composer-temperature').getAttribute('placeholder')).toBe(
        '0.7',
      )
      await page.getByTestId('run-counselor-agents-technique-endpointId').selectOption(mini.value.id)
      await page.getByTestId('run-counselor-agents-reflection-maxTokens').fill('120')
      await page.getByTestId('run-counselor-techniqueAgent').uncheck()
      expect(await estimate.getAttribute('data-per-turn')).toBe('6')
      await page.getByTestId('run-counselor-techniqueAgent').check()

      await page.getByTestId('run-seed-preset').click()
      expect(await page.getByTestId('run-seed-preset').isDisabled()).toBe(true)
      expect(await page.getByTestId('run-opening').inputValue()).toBe('seed')
      expect(await page.getByTestId('run-endToken').inputValue()).toBe('[/END]')
      expect(await page.getByTestId('run-client-templateId').inputValue()).toBe('client.cactus')
      // The seed's first counselor line is no call: 20 MAGneT turns and 20 client replies.
      expect(await estimate.getAttribute('data-total')).toBe(String(1 + 20 * 7 + 20))

      const sent = page.waitForRequest((r) => r.url().endsWith('/api/startRun'))
      await page.getByTestId('run-form-submit').click()
      const input = (await sent).postDataJSON() as { config: Record<string, unknown> }
      expect(input.config.counselor).toEqual({
        kind: 'magnet',
        endpointId: main.value.id,
        temperature: 0.7,
        topP: null,
        maxTokens: null,
        techniqueAgent: true,
        cbtPlan: true,
        cleanDrafts: true,
        agents: { technique: { temperature: 0, endpointId: mini.value.id }, reflection: { maxTokens: 120 } },
      })
      expect(input.config).toMatchObject({ opening: 'seed', endToken: '[/END]', minTurns: 20, maxTurns: 21 })
      expect(input.config.termination).toEqual({ zh: [], en: [] })
    })
  }, 120_000)

  it('shows the session’s plan, and for a MAGneT reply the candidates, the techniques and the composed reply', async () => {
    const line = {
      language: 'en',
      status: 'completed',
      endReason: { kind: 'imported' },
      meta: { cbt_technique: 'Decatastrophizing', cbt_plan: '1. Name the feared outcome.\n2. Weigh how likely it is.' },
      messages: [
        { speaker: 'counselor', content: 'Hi Sam, what brings you here today?' },
        { speaker: 'client', content: 'I panic before every presentation.' },
        { speaker: 'counselor', content: 'That sounds exhausting. What do you fear will happen?' },
        { speaker: 'client', content: 'That everyone will laugh. Thanks, I think that is all for today.' },
      ],
    }
    const imported = await call<{ datasetId: string }>('importDataset', {
      fileName: 'magnet.jsonl',
      contentBase64: Buffer.from(`${JSON.stringify(line)}\n`).toString('base64'),
      name: 'MAGneT session',
    })
    expect(imported.ok).toBe(true)

    // The engines are not built on this branch: the trace a MAGneT turn stores is written as the repository would.
    const step = (agent: string, content: string, latencyMs: number, parsed?: string[]) => ({
      agent,
      content,
      model: 'gpt-test',
      latencyMs,
      promptTokens: 100 + latencyMs,
      completionTokens: 20,
      ...(parsed ? { parsed } : {}),
    })
    const trace: TurnTrace = {
      method: 'magnet',
      steps: [
        step('reflection', 'It sounds like presentations bring up a lot of fear.', 301),
        step('questioning', 'What do you picture happening when you stand up?', 302),
        step('solutions', 'We could try a small rehearsal.', 303),
        step('normalization', 'Many people feel this way before speaking.', 304),
        step('psychoeducation', 'Anxiety often peaks right before we start.', 305),
        step('technique', 'Decatastrophizing, Evidence-Based Questioning', 306, [
          'Decatastrophizing',
          'Evidence-Based Questioning',
        ]),
        step('composer', 'That sounds exhausting. What do you fear will happen?', 307),
      ],
    }
    const db = new Database(join(dataDir, 'workspace.sqlite'))
    try {
      db.pragma('busy_timeout = 5000')
      const dialogue = db
        .prepare<[string], { id: string }>('SELECT id FROM dialogues WHERE dataset_id = ?')
        .get(imported.value.datasetId)!
      const setTrace = db.prepare('UPDATE messages SET trace = ? WHERE dialogue_id = ? AND idx = ?')
      setTrace.run(JSON.stringify(trace), dialogue.id, 2)
      setTrace.run(JSON.stringify({ endToken: { token: '[/END]', counted: true } }), dialogue.id, 3)
      // The composer's call in the call log, so its step links there.
      db.prepare(
        `INSERT INTO llm_calls (dialogue_id, purpose, model, request, latency_ms, prompt_tokens, completion_tokens,
           attempt, created_at) VALUES (?, 'counselor', 'gpt-test', '{}', 307, 407, 20, 1, '2026-01-01T00:00:00.000Z')`,
      ).run(dialogue.id)
    } finally {
      db.close()
    }

    await withPage('transcript', async (page) => {
      await page.goto(server.url)
      await page.getByTestId('nav-datasets').click()
      await page
        .locator(`[data-testid="dataset-row"][data-dataset-id="${imported.value.datasetId}"]`)
        .getByTestId('dataset-open')
        .click()
      await page.getByTestId('dialogue-row').first().click()
      const view = page.getByTestId('transcript-view')
      await expect.poll(() => view.getByTestId('transcript-message').count()).toBe(4)

      // The session's technique and plan, once above the transcript.
      const plan = view.getByTestId('transcript-session-plan')
      expect(await plan.getByTestId('session-plan-technique').textContent()).toBe('Decatastrophizing')
      expect(await plan.getByTestId('session-plan-text').textContent()).toContain('Weigh how likely it is.')

      // Only the traced counselor reply offers the panel; the client's last reply shows it ended the session.
      expect(await view.getByTestId('trace-toggle').count()).toBe(1)
      const ended = view.getByTestId('end-token-badge')
      expect(await ended.textContent()).toBe('ended with [/END]')
      const toggle = view.getByTestId('trace-toggle')
      await toggle.focus()
      await page.keyboard.press('Enter')
      expect(await toggle.getAttribute('aria-expanded')).toBe('true')
      const panel = view.getByTestId('trace-panel')
      const candidates = panel.getByTestId('trace-candidate')
      expect(await candidates.count()).toBe(5)
      expect(await candidates.first().textContent()).toContain('Reflection specialist')
      expect(await candidates.first().textContent()).toContain('presentations bring up a lot of fear')
      expect(await panel.getByTestId('trace-selected').textContent()).toBe(
        'DecatastrophizingEvidence-Based Questioning',
      )
      const composer = panel.locator('[data-testid="trace-step"][data-agent="composer"]')
      expect(await composer.textContent()).toContain('Composed reply')
      expect(await composer.textContent()).toContain('307 ms')

      // The composer's step opens its entry in the call log; steps without an entry offer no link.
      expect(await panel.getByTestId('trace-call-link').count()).toBe(1)
      await composer.getByTestId('trace-call-link').click()
      const focused = page.locator('[data-testid="transcript-call"][data-focused="true"]')
      await focused.waitFor()
      expect(await page.getByTestId('transcript-tab-calls').getAttribute('aria-selected')).toBe('true')
    })
  }, 120_000)
})
