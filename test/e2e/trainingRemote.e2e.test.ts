import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { TrainingJobView } from '@shared/training'
import { launchBrowser } from '../support/browser'
import { startServe } from '../support/serveProcess'
import { sessionsJsonl } from '../support/sessionsFixture'
import { groupAlive, startSshd, type TestSshd } from '../support/sshd'
import { resumeTrainer } from '../support/remoteTraining'

/**
 * The Training page against the real loopback sshd (test/support/sshd.ts) and the stand-in
 * llamafactory-cli (test/fixtures/remote-bin): nothing is mocked between the browser and the
 * trainer. A researcher exports a dataset, adds the server through the UI (host key checked and
 * trusted, connection tested), launches with the paper preset and follows the job to the end with
 * its loss chart; a second job fails (the stand-in fails for a model named "…fail…") and a third,
 * slow one is cancelled.
 *
 * Serve mode reads running jobs every SIMPSY_TRAINING_POLL_MS (src/main/serve.ts), shortened here.
 */
const POLL_MS = 250
// Sixteen short steps; the stand-in holds after step HOLD until the test resumes it, so the page is seen
// following a running job however loaded the machine (the failing model fails before it gets there).
const STEPS = 16
const HOLD = 4
const TRAINER_ENV = `FAKE_TRAINER_STEPS=${STEPS} FAKE_TRAINER_STEP_MS=40 FAKE_TRAINER_HOLD_AFTER_STEP=${HOLD}`

let browser: Browser
let sshd: TestSshd
let dataDir: string
let server: Awaited<ReturnType<typeof startServe>>
let token: string

beforeAll(async () => {
  sshd = await startSshd()
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-training-remote-'))
  const before = process.env.SIMPSY_TRAINING_POLL_MS
  process.env.SIMPSY_TRAINING_POLL_MS = String(POLL_MS)
  try {
    // The test key is outside the data folder: the person starting the server allows its folder.
    server = await startServe(dataDir, ['--allow-path', dirname(sshd.keyPath)])
  } finally {
    if (before === undefined) delete process.env.SIMPSY_TRAINING_POLL_MS
    else process.env.SIMPSY_TRAINING_POLL_MS = before
  }
  token = new URL(server.url).searchParams.get('token')!
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
  await sshd?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

/** Calls the serve-mode API as the page does. */
async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const envelope = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } }
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
  return envelope.value
}

/** Screenshots for looking at the page (not compared); the mouse is moved away so no tooltip covers the chart. */
async function shot(page: Page, name: string) {
  await page.mouse.move(1, 1)
  await page.screenshot({ path: join(tmpdir(), `training-remote-${name}.png`), fullPage: false })
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; body: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()])
  return { name: file.suggestedFilename(), body: readFileSync((await file.path())!, 'utf8') }
}

/**
 * Steps 1–2 of a new training: the dataset with a preview of its export, then the model (the preset's unless given).
 */
async function prepare(page: Page, datasetId: string, model?: string) {
  await page.getByTestId('training-step-data').waitFor()
  await page.getByTestId('training-data-datasetId').selectOption(datasetId)
  await page.getByTestId('training-preview-run').click()
  await page.locator('[data-testid="training-preview-summary"][data-samples="4"]').waitFor()
  await page.getByTestId('training-step-config-tab').click()
  const yaml = page.getByTestId('training-yaml-text')
  await expect.poll(() => yaml.textContent()).toContain('model_name_or_path: Qwen/Qwen2-7B-Instruct')
  if (model) {
    await page.getByTestId('training-config-model_name_or_path').fill(model)
    await expect
      .poll(() => page.locator('[data-testid="training-yaml-text"][data-valid="true"]').textContent())
      .toContain(`model_name_or_path: ${model}`)
  }
}

/** Step 4: a name and the launch; returns the job the page lands on. */
async function launch(page: Page, name: string): Promise<string> {
  await page.getByTestId('training-step-launch-tab').click()
  await page.getByTestId('training-step-launch').waitFor()
  for (const check of ['dataset', 'data', 'preview', 'config', 'server', 'hostKey']) {
    expect(
      await page.locator(`[data-testid="training-launch-check"][data-check="${check}"]`).getAttribute('data-ok'),
      check,
    ).toBe('true')
  }
  await page.getByTestId('training-name').fill(name)
  await page.getByTestId('training-launch').click()
  const detail = page.locator('[data-testid="training-detail"]', {
    has: page.getByTestId('training-job-name').getByText(name, { exact: true }),
  })
  await detail.waitFor({ timeout: 20000 })
  return (await detail.getAttribute('data-job-id'))!
}

const status = (page: Page, jobId: string, value: TrainingJobView['status']) =>
  page.locator(`[data-testid="training-detail"][data-job-id="${jobId}"][data-status="${value}"]`)

describe('training on the loopback SSH server, from the browser', () => {
  it('exports a dataset, adds and trusts the server, launches, follows the job to the end, fails and cancels', async () => {
    const started = Date.now()
    const timings: Record<string, number> = {}
    const lap = (name: string) => (timings[name] = Date.now() - started)
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1440, height: 1000 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      // The dataset, through the API in the workbench's own JSONL.
      const imported = await call<{ datasetId: string }>('importDataset', {
        fileName: 'sessions.jsonl',
        contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
        name: 'Four sessions',
      })

      await page.goto(server.url)
      await page.getByTestId('nav-training').click()
      await page.getByTestId('training-empty').waitFor()
      await page.getByTestId('training-empty-new').click()

      // Step 1: the export preview and its data file.
      await prepare(page, imported.datasetId)
      await page.getByTestId('training-step-data-tab').click()
      const data = await download(page, () =>
        page
          .locator(
            '[data-testid="training-preview-file"][data-file="data.json"] [data-testid="training-preview-download"]',
          )
          .click(),
      )
      expect(data.name).toBe('data.json')
      expect((JSON.parse(data.body) as unknown[]).length).toBeGreaterThan(0)

      // Step 3: the server, added through the dialog, exactly as remoteJobs.test.ts builds its profile.
      await page.getByTestId('training-step-server-tab').click()
      await page.getByTestId('ssh-profiles-empty').waitFor()
      await page.getByTestId('ssh-add').click()
      await page.getByTestId('ssh-name').fill('Loopback')
      await page.getByTestId('ssh-host').fill(sshd.host)
      await page.getByTestId('ssh-port').fill(String(sshd.port))
      await page.getByTestId('ssh-username').fill(sshd.username)
      await page.getByTestId('ssh-auth-key').check()
      await page.getByTestId('ssh-remoteDir').fill(sshd.remoteBase)
      await page.getByTestId('ssh-gpus').fill('1')
      await page.getByTestId('ssh-setupCommand').fill(`${sshd.setupCommand} ${TRAINER_ENV}`)
      // A file outside the folders the server allows is refused next to the field, whether or not it exists.
      await page.getByTestId('ssh-privateKeyPath').fill('/etc/shadow')
      await page.getByTestId('ssh-save').click()
      const keyError = page.locator('.field:has([data-testid="ssh-privateKeyPath"]) .field-error')
      await expect
        .poll(() => keyError.textContent())
        .toBe(
          `/etc/shadow is outside the folders the server lets a browser use (${dataDir}, ${dirname(sshd.keyPath)}). Copy the file into one of them, or start the server with --allow-path <folder>.`,
        )
      expect(await call('listSshProfiles')).toEqual([])
      await page.getByTestId('ssh-privateKeyPath').fill(sshd.keyPath)
      await page.getByTestId('ssh-save').click()
      await page.locator('[data-testid="ssh-profile"] [data-testid="ssh-profile-choose"]:checked').waitFor()
      await page.locator('[data-testid="host-key-panel"][data-trusted="false"]').waitFor()

      // Testing before the key is trusted: the server's refusal names the key, and the panel shows it.
      await page.getByTestId('connection-test').click()
      await page.getByTestId('connection-error').waitFor({ timeout: 20000 })
      await page.locator('[data-testid="host-key-result"][data-status="unknown"]').waitFor()
      expect(await page.getByTestId('host-key-fingerprint').textContent()).toBe(`ssh-ed25519 ${sshd.hostFingerprint()}`)

      // The host key: the one the server presents is the one ssh-keygen shows; trusted by a click.
      await page.getByTestId('host-key-check').click()
      await page.locator('[data-testid="host-key-result"][data-status="unknown"]').waitFor()
      expect(await page.getByTestId('host-key-fingerprint').textContent()).toBe(`ssh-ed25519 ${sshd.hostFingerprint()}`)
      await shot(page, 'host-key')
      await page.getByTestId('host-key-trust').click()
      await page.locator('[data-testid="host-key-panel"][data-trusted="true"]').waitFor()
      expect(await page.getByTestId('host-key-accepted-fingerprint').textContent()).toContain(sshd.hostFingerprint())
      // The refusal from before the trust is no longer shown.
      expect(await page.getByTestId('connection-error').count()).toBe(0)

      // The connection test finds the stand-in trainer and GPU.
      await page.getByTestId('connection-test').click()
      const connection = page.getByTestId('connection-result')
      await connection.waitFor({ timeout: 20000 })
      expect(await connection.getAttribute('data-ok')).toBe('true')
      expect(await connection.textContent()).toContain('0.9.9.fake')
      await shot(page, 'server')
      lap('server ready')

      // Launch with the paper preset, and follow the job while it runs…
      const jobId = await launch(page, 'Qwen2 on four sessions')
      lap('launched')
      const progress = page.getByTestId('training-progress')
      await expect
        .poll(async () => Number(await progress.getAttribute('data-step')), { timeout: 20000 })
        .toBeGreaterThan(0)
      const seen = {
        status: await page.getByTestId('training-detail').getAttribute('data-status'),
        step: Number(await progress.getAttribute('data-step')),
      }
      // Halfway: the bar part-full, the curve growing, the ETA from the trainer.
      expect(seen.status, `first seen ${JSON.stringify(seen)}`).toBe('running')
      expect(seen.step).toBeLessThan(STEPS)
      expect(Number(await progress.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeLessThan(100)
      expect(await page.getByTestId('training-cancel').isDisabled()).toBe(false)
      await shot(page, 'running')
      resumeTrainer(join(sshd.remoteBase, jobId))

      // …to the end: Completed, the bar full, the loss chart with every step, the log tail.
      await status(page, jobId, 'completed').waitFor({ timeout: 30000 })
      lap('completed')
      expect(await page.getByTestId('training-status').getAttribute('data-status')).toBe('completed')
      expect(await progress.getAttribute('data-step')).toBe(String(STEPS))
      expect(await progress.getAttribute('data-total')).toBe(String(STEPS))
      expect(await progress.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
      const figure = page.locator('[data-testid="figure"][data-kind="training-loss"]')
      await figure.waitFor()
      const lossLine = figure.locator('.recharts-line path.recharts-curve').first()
      await lossLine.waitFor()
      // One segment per logged step.
      expect(((await lossLine.getAttribute('d')) ?? '').match(/L/g)?.length).toBe(STEPS - 1)
      // The stand-in evaluates every third step.
      expect(await figure.locator('.recharts-line-dot').count()).toBe(Math.floor(STEPS / 3))
      const log = await page.getByTestId('training-log-text').textContent()
      expect(log).toContain('Running training')
      expect(log).toContain('***** train metrics *****')
      // The tqdm bar as its last redraw.
      expect(log).toContain(`100%|${'█'.repeat(STEPS)}| ${STEPS}/${STEPS}`)
      expect(await page.getByTestId('training-summary-output').textContent()).toBe(
        join(sshd.remoteBase, jobId, 'saves/simpsy-counselor'),
      )
      expect(await page.getByTestId('training-cancel').isDisabled()).toBe(true)

      // The chart's data and figure, with where they came from.
      const csv = await download(page, () => figure.getByTestId('figure-export-csv').click())
      expect(csv.name).toMatch(/\.csv$/)
      expect(csv.body).toContain('model: Qwen/Qwen2-7B-Instruct')
      expect(csv.body).toContain(`training job: Qwen2 on four sessions (id ${jobId}, completed)`)
      const rows = csv.body.split(/\r?\n/).filter((line) => line && !line.startsWith('#'))
      expect(rows[0]).toBe('step,total_steps,epoch,loss,eval_loss,learning_rate,elapsed_seconds')
      expect(rows.slice(1).map((row) => Number(row.split(',')[0]))).toEqual(
        Array.from({ length: STEPS }, (_, i) => i + 1),
      )
      const firstLoss = Number(rows[1].split(',')[3])
      const lastLoss = Number(rows[STEPS].split(',')[3])
      expect(firstLoss).toBeCloseTo(2 / 1.5, 3)
      expect(lastLoss).toBeLessThan(firstLoss)
      const svg = await download(page, () => figure.getByTestId('figure-export-svg').click())
      expect(svg.name).toMatch(/\.svg$/)
      expect(svg.body).toContain('<svg')
      expect(svg.body).toContain('<metadata')
      expect(svg.body).toContain(jobId)
      expect(svg.body).toMatch(/recharts-curve/)

      // The page and the server agree.
      const done = await call<TrainingJobView>('getTrainingJob', { id: jobId })
      expect(done).toMatchObject({ status: 'completed', exitCode: 0, failureReason: null })
      expect(done.points).toHaveLength(STEPS)
      await page.getByTestId('training-progress').scrollIntoViewIfNeeded()
      await shot(page, 'completed')
      await figure.scrollIntoViewIfNeeded()
      await shot(page, 'completed-chart')
      await page.getByTestId('training-log').scrollIntoViewIfNeeded()
      await shot(page, 'completed-log')

      // A failing run: the reason from the trainer's traceback, on the page.
      await page.getByTestId('new-training').click()
      await prepare(page, imported.datasetId, 'fake/fail-model')
      const failedId = await launch(page, 'Fails on purpose')
      await status(page, failedId, 'failed').waitFor({ timeout: 30000 })
      lap('failed')
      await page.getByTestId('training-failure').waitFor()
      expect(await page.getByTestId('training-failure-reason').textContent()).toBe(
        'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 23.65 GiB of which 1.02 GiB is free. (exit code 1)',
      )
      // The reason carries the exit code; the banner does not repeat it.
      expect(await page.getByTestId('training-failure-exit-code').count()).toBe(0)
      expect(await page.getByTestId('training-log-text').textContent()).toContain('Traceback (most recent call last)')
      expect(await progress.getAttribute('data-step')).toBe('2')
      expect(await page.getByTestId('training-cancel').isDisabled()).toBe(true)
      await shot(page, 'failed')
      await page.getByTestId('training-log').scrollIntoViewIfNeeded()
      await shot(page, 'failed-log')

      // A slow run, cancelled from the page: its whole process group on the server is gone.
      await page.getByTestId('new-training').click()
      await prepare(page, imported.datasetId, 'fake/slow-model')
      const slowId = await launch(page, 'Cancelled on purpose')
      await status(page, slowId, 'running').waitFor()
      await expect
        .poll(async () => Number(await progress.getAttribute('data-step')), { timeout: 20000 })
        .toBeGreaterThan(0)
      const running = await call<TrainingJobView>('getTrainingJob', { id: slowId })
      expect(groupAlive(running.pid!)).toBe(true)
      await page.getByTestId('training-cancel').click()
      await page.getByTestId('confirm-dialog-confirm').click()
      await status(page, slowId, 'cancelled').waitFor({ timeout: 20000 })
      lap('cancelled')
      expect(groupAlive(running.pid!)).toBe(false)
      expect(await page.getByTestId('training-cancel').isDisabled()).toBe(true)
      // The follower does not turn it into "lost" later: a read queues behind any of its reads still under way, then
      // finds nothing to change.
      expect((await call<TrainingJobView>('refreshTrainingJob', { id: slowId })).status).toBe('cancelled')
      expect((await call<TrainingJobView>('getTrainingJob', { id: slowId })).status).toBe('cancelled')
      expect(await page.getByTestId('training-detail').getAttribute('data-status')).toBe('cancelled')
      await shot(page, 'cancelled')

      // The list holds all three, each with its status.
      const statuses = await page
        .locator('[data-testid="training-row"] [data-testid="training-row-status"]')
        .evaluateAll((badges) => badges.map((b) => b.getAttribute('data-status')))
      expect(statuses).toEqual(['cancelled', 'failed', 'completed'])
      expect(existsSync(join(sshd.remoteBase, jobId, 'train.yaml'))).toBe(true)
      expect(errors).toEqual([])
      console.log(`[trainingRemote] timings (ms since start): ${JSON.stringify(timings)}`)
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'training-remote-failure.png') })
      throw error
    } finally {
      await page.close()
    }
  }, 180_000)
})
