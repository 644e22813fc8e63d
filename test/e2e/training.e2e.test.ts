import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { EndpointView } from '@shared/endpoint'
import type { ErrorInfo } from '@shared/errors'
import type { HostKeyCheck, SshProfileView, TrainerLogPoint, TrainingJobView } from '@shared/training'
import { launchBrowser } from '../support/browser'
import { startServe } from '../support/serveProcess'
import { sessionsJsonl } from '../support/sessionsFixture'

/**
 * A researcher prepares a fine-tuning job: previews the export of a small dataset, downloads a file,
 * meets a validation message in the configuration, adds an SSH server and follows the job.
 *
 * The export, the preset and the YAML come from the real server. There is no SSH server here, so
 * the SSH and job methods are answered in the browser (page.route) with the contract's shapes.
 */
let browser: Browser
let dataDir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-training-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Screenshots of each state, for looking at the page (not compared). */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(tmpdir(), `training-${name}.png`), fullPage: false })

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; body: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()])
  return { name: file.suggestedFilename(), body: readFileSync((await file.path())!, 'utf8') }
}

/** An error answer, as the server's envelope carries it. */
class Refusal {
  constructor(readonly error: ErrorInfo) {}
}

/** Answers one API method in the browser; `answer` gets the request's input and returns the value (or a Refusal). */
async function mockApi(
  page: Page,
  method: string,
  answer: (input: Record<string, unknown>) => unknown,
  calls?: Record<string, unknown>[],
) {
  await page.route(`**/api/${method}`, async (route) => {
    const input = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>
    calls?.push(input)
    const value = answer(input)
    const envelope = value instanceof Refusal ? { ok: false, error: value.error } : { ok: true, value }
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(envelope) })
  })
}

const NOW = '2025-05-01T10:00:00.000Z'

function profile(hostKey: SshProfileView['hostKey']): SshProfileView {
  return {
    id: 'p1',
    name: 'Lab A100',
    host: 'gpu01.example.edu',
    port: 22,
    username: 'researcher',
    auth: 'key',
    privateKeyPath: '~/.ssh/id_ed25519',
    hasPassphrase: true,
    remoteDir: '~/simpsy-training',
    setupCommand: 'source ~/miniconda3/bin/activate llamafactory',
    gpus: 4,
    workbenchCommand: 'simpsy',
    hostKey,
    createdAt: NOW,
    updatedAt: NOW,
  }
}

function points(upTo: number, total: number): TrainerLogPoint[] {
  const list: TrainerLogPoint[] = []
  for (let step = 10; step <= upTo; step += 10) {
    list.push({
      step,
      totalSteps: total,
      epoch: (2 * step) / total,
      loss: 2.4 * Math.exp(-step / 180) + 0.55 + 0.04 * Math.sin(step / 7),
      evalLoss: step % 100 === 0 ? 2.2 * Math.exp(-step / 200) + 0.7 : null,
      learningRate: 1e-5 * Math.cos((Math.PI / 2) * (step / total)),
      elapsedSeconds: step * 6,
      remainingSeconds: (total - step) * 6,
    })
  }
  return list
}

function job(
  status: TrainingJobView['status'],
  config: TrainingJobView['config'],
  extra: Partial<TrainingJobView> = {},
): TrainingJobView {
  const running = status === 'running'
  return {
    id: 'job-1',
    name: 'Qwen2 on four sessions',
    profileId: 'p1',
    profileName: 'Lab A100',
    status,
    remoteDir: '~/simpsy-training/job-1',
    outputDir: config.output_dir,
    pid: 4242,
    exitCode: running ? null : status === 'completed' ? 0 : 1,
    failureReason: null,
    createdAt: NOW,
    startedAt: '2025-05-01T10:01:00.000Z',
    finishedAt: running ? null : '2025-05-01T10:41:00.000Z',
    points: points(running ? 260 : 400, 400),
    logTail: Array.from(
      { length: 30 },
      (_, i) => `{'loss': ${(2 - i * 0.03).toFixed(4)}, 'learning_rate': 9.9e-06, 'epoch': ${(i * 0.05).toFixed(2)}}`,
    ).join('\n'),
    checkedAt: '2025-05-01T10:27:00.000Z',
    config,
    exportSummary: {
      dialogues: 4,
      samples: 4,
      trainSamples: 4,
      validationSamples: 0,
      counselorTurns: 8,
      estimatedTokens: 180,
      filtered: {},
      systemPrompt: null,
    },
    servedEndpointId: null,
    ...extra,
  }
}

describe('training in the browser', () => {
  it('previews the export, validates the configuration, adds a server, launches and follows a job', async () => {
    const server = await startServe(dataDir)
    const token = new URL(server.url).searchParams.get('token')
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1440, height: 1000 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      const imported = await fetch(`${server.origin}/api/importDataset`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          fileName: 'sessions.jsonl',
          contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
          name: 'Four sessions',
        }),
      }).then((r) => r.json() as Promise<{ ok: boolean; value: { datasetId: string } }>)
      expect(imported.ok).toBe(true)

      // The SSH and job side, answered in the browser (no SSH server in tests).
      let profiles: SshProfileView[] = []
      const firstKey: HostKeyCheck = {
        status: 'unknown',
        type: 'ssh-ed25519',
        fingerprint: 'SHA256:2vQ4Yd0mHn3pT8x1l9uKf0aRz5cBq7wE6sJgN4hVtXo',
        expected: null,
      }
      const changedKey: HostKeyCheck = {
        status: 'changed',
        type: 'ssh-ed25519',
        fingerprint: 'SHA256:Zz9kP0wq1Rr7yTe3UuI8oO2aSd6fGh4jKl5ZxCvBnM0',
        expected: firstKey.fingerprint,
      }
      let hostKeyAnswer = firstKey
      let jobs: TrainingJobView[] = []
      let nextJob: TrainingJobView | null = null
      const launches: Record<string, unknown>[] = []
      await mockApi(page, 'listSshProfiles', () => profiles)
      await mockApi(page, 'saveSshProfile', () => (profiles = [profile(null)])[0])
      await mockApi(page, 'checkHostKey', () => hostKeyAnswer)
      await mockApi(
        page,
        'acceptHostKey',
        (input) =>
          (profiles = [profile({ type: 'ssh-ed25519', fingerprint: String(input.fingerprint), acceptedAt: NOW })])[0],
      )
      await mockApi(page, 'testSshProfile', () => ({
        ok: true,
        details: ['Python 3.11.8', 'llamafactory-cli 0.9.2', '4 × NVIDIA A100-SXM4-80GB'],
      }))
      await mockApi(page, 'listTrainingJobs', () => jobs)
      await mockApi(page, 'getTrainingJob', () => jobs[0])
      await mockApi(page, 'refreshTrainingJob', () => (jobs = [nextJob ?? jobs[0]])[0])
      // The first launch meets a changed host key (the server refuses, as the real backend does); the second goes
      // through.
      await mockApi(
        page,
        'launchTraining',
        (input) =>
          launches.length === 1
            ? new Refusal({
                code: 'unauthorized',
                message: 'The host key of gpu01.example.edu:22 has CHANGED since you accepted it.',
                details: { ssh: 'host_key_changed', profileId: 'p1', hostKey: changedKey },
              })
            : (jobs = [job('running', input.config as TrainingJobView['config'], { name: String(input.name) })])[0],
        launches,
      )

      await page.goto(server.url)
      await page.getByTestId('nav-training').click()
      await page.getByTestId('training-empty').waitFor()
      await shot(page, 'empty')

      // Step 1: data and the export preview, from the real server.
      await page.getByTestId('training-empty-new').click()
      await page.getByTestId('training-step-data').waitFor()
      await page.getByTestId('training-preview-run').click()
      expect(await page.getByTestId('training-data-datasetId').getAttribute('aria-invalid')).toBe('true')
      await page.getByTestId('training-data-datasetId').selectOption(imported.value.datasetId)
      await page.getByTestId('training-preview-run').click()
      const summary = page.getByTestId('training-preview-summary')
      await summary.waitFor()
      expect(await summary.getAttribute('data-samples')).toBe('4')
      expect(await page.getByTestId('training-preview-nothing-filtered').count()).toBe(1)
      await page.getByTestId('training-preview-summary').scrollIntoViewIfNeeded()
      await shot(page, 'form-data')

      const data = await download(page, () =>
        page
          .locator(
            '[data-testid="training-preview-file"][data-file="data.json"] [data-testid="training-preview-download"]',
          )
          .click(),
      )
      expect(data.name).toBe('data.json')
      const samples = JSON.parse(data.body) as { messages: { role: string; content: string }[] }[]
      expect(samples).toHaveLength(4)
      expect(samples[0].messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
      const info = JSON.parse(
        (
          await download(page, () =>
            page
              .locator(
                '[data-testid="training-preview-file"][data-file="dataset_info.json"] [data-testid="training-preview-download"]',
              )
              .click(),
          )
        ).body,
      )
      expect(info.simpsy.file_name).toBe('data.json')

      // A filter that leaves nothing: the summary says why.
      await page.getByTestId('training-data-minTurns').fill('50')
      expect(await page.getByTestId('training-preview-stale').count()).toBe(1)
      await page.getByTestId('training-preview-run').click()
      await page.getByTestId('training-preview-error').waitFor()
      expect(
        await page.locator('[data-testid="training-preview-filtered-reason"][data-reason="min_turns"]').count(),
      ).toBe(1)
      await page.getByTestId('training-data-minTurns').fill('')
      await page.getByTestId('training-preview-run').click()
      await page.locator('[data-testid="training-preview-summary"][data-samples="4"]').waitFor()

      // MAGneT's samples: one per counselor turn, the context derived from the role cards (they have no seed).
      expect(await page.getByTestId('training-preview-style').getAttribute('data-style')).toBe('system-prompt')
      await page.getByTestId('training-data-sampleStyle-seed-context').check()
      await page.getByTestId('training-preview-run').click()
      await page.locator('[data-testid="training-preview-summary"][data-samples="8"]').waitFor()
      const style = page.getByTestId('training-preview-style')
      expect(await style.getAttribute('data-style')).toBe('seed-context')
      expect(await style.textContent()).toBe(
        '8 seed-context samples from 4 dialogues. Client information and reason for counseling: from the seed in 0, derived from the role card in 4, missing (no role card) in 0.',
      )
      await page.getByTestId('training-data-sampleStyle-auto').check()
      await page.getByTestId('training-preview-run').click()
      await page.locator('[data-testid="training-preview-summary"][data-samples="4"]').waitFor()

      // Step 2: the configuration, its live YAML and a field message from the server.
      await page.getByTestId('training-step-config-tab').click()
      const yaml = page.getByTestId('training-yaml-text')
      await expect.poll(() => yaml.textContent()).toContain('model_name_or_path: Qwen/Qwen2-7B-Instruct')
      expect(await yaml.textContent()).toMatch(/learning_rate: (1\.0e-5|0\.00001)\n/)
      await page.getByTestId('training-config-learning_rate').fill('0')
      const lrField = page.locator('.field', { has: page.getByTestId('training-config-learning_rate') })
      await expect.poll(() => lrField.locator('.field-error').textContent()).toBe('must be greater than 0')
      await page.getByTestId('training-yaml-invalid').waitFor()
      expect(
        await page.getByTestId('training-step-config-tab').getByTestId('training-step-problems').textContent(),
      ).toContain('1')
      await shot(page, 'form-config-error')
      await page.getByTestId('training-config-learning_rate').fill('2e-5')
      await expect
        .poll(() => page.locator('[data-testid="training-yaml-text"][data-valid="true"]').textContent())
        .toMatch(/learning_rate: (2\.0e-5|0\.00002)\n/)
      expect(await lrField.locator('.field-error').count()).toBe(0)
      await page.getByTestId('training-config-finetuning_type-lora').check()
      await page.getByTestId('training-lora-fields').waitFor()
      await expect.poll(() => yaml.textContent()).toContain('lora_rank: 8')
      await page.getByTestId('training-data-model').selectOption('deepseek-llm-7b-chat')
      await expect.poll(() => yaml.textContent()).toContain('deepseek-ai/deepseek-llm-7b-chat')
      await shot(page, 'form-config')

      // Step 3: a server, its host key (first contact, then trusted) and a connection test.
      await page.getByTestId('training-step-next').click()
      await page.getByTestId('ssh-profiles-empty').waitFor()
      await page.getByTestId('ssh-add').click()
      await page.getByTestId('ssh-name').fill('Lab A100')
      await page.getByTestId('ssh-host').fill('gpu01.example.edu')
      await page.getByTestId('ssh-username').fill('researcher')
      await page.getByTestId('ssh-passphrase').fill('secret words')
      await shot(page, 'ssh-dialog')
      await page.getByTestId('ssh-save').click()
      await page.getByTestId('host-key-panel').waitFor()
      await page.getByTestId('host-key-check').click()
      await page.locator('[data-testid="host-key-result"][data-status="unknown"]').waitFor()
      await shot(page, 'server-unknown-key')
      await page.getByTestId('host-key-trust').click()
      await page.locator('[data-testid="host-key-panel"][data-trusted="true"]').waitFor()
      await page.getByTestId('connection-test').click()
      await page.getByTestId('connection-result').waitFor()

      // Step 4: the server refuses the launch because its key changed: back on the Server step, loudly.
      await page.getByTestId('training-step-launch-tab').click()
      await page.getByTestId('training-step-launch').waitFor()
      await page.getByTestId('training-name').fill('Qwen2 on four sessions')
      await page.getByTestId('training-launch').click()
      await page.locator('[data-testid="host-key-result"][data-status="changed"]').waitFor()
      expect(await page.getByTestId('training-form-error').textContent()).toContain('CHANGED')
      await shot(page, 'server-changed-key')
      hostKeyAnswer = changedKey
      await page.getByTestId('training-step-launch-tab').click()
      expect(
        await page.locator('[data-testid="training-launch-check"][data-check="hostKey"]').getAttribute('data-ok'),
      ).toBe('false')
      await page
        .locator('[data-testid="training-launch-check"][data-check="hostKey"] [data-testid="training-launch-check-go"]')
        .click()
      await page.getByTestId('host-key-trust-changed').click()
      await page.getByTestId('confirm-dialog-confirm').click()
      await page.locator('[data-testid="host-key-result"][data-status="trusted"]').waitFor()
      await page.getByTestId('training-step-next').click()
      expect(
        await page.locator('[data-testid="training-launch-check"][data-check="hostKey"]').getAttribute('data-ok'),
      ).toBe('true')
      await shot(page, 'form-launch')

      // Launch (Ctrl+Enter) and land on the job.
      await page.getByTestId('training-name').press('Control+Enter')
      const detail = page.getByTestId('training-detail')
      await detail.waitFor()
      expect(launches).toHaveLength(2)
      const sent = launches[1] as {
        profileId: string
        export: { datasetId: string; model: string }
        config: { learning_rate: number; finetuning_type: string; lora_rank: number; template: string }
      }
      expect(sent.profileId).toBe('p1')
      expect(sent.export.datasetId).toBe(imported.value.datasetId)
      expect(sent.export.model).toBe('deepseek-llm-7b-chat')
      expect(sent.config).toMatchObject({
        learning_rate: 2e-5,
        finetuning_type: 'lora',
        lora_rank: 8,
        template: 'deepseek',
      })
      expect(await detail.getAttribute('data-status')).toBe('running')
      await page.locator('[data-testid="figure"][data-kind="training-loss"]').waitFor()
      expect(await page.getByTestId('training-progress').getAttribute('data-step')).toBe('260')
      const csv = await download(page, () => page.getByTestId('figure-export-csv').click())
      expect(csv.body.split('\n')[0]).toMatch(/^# /)
      expect(csv.body).toContain('model: deepseek-ai/deepseek-llm-7b-chat')
      expect(csv.body).toContain('step,total_steps,epoch,loss,eval_loss')
      const svg = await download(page, () => page.getByTestId('figure-export-svg').click())
      expect(svg.body).toContain('<metadata')
      await shot(page, 'job-running')

      // A failure is shown prominently; Refresh reads the job again.
      const failedConfig = jobs[0].config
      nextJob = job('failed', failedConfig, {
        failureReason:
          'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 79.15 GiB total capacity)',
      })
      await page.getByTestId('training-refresh').click()
      await page.getByTestId('training-failure').waitFor()
      expect(await page.getByTestId('training-failure-reason').textContent()).toContain('CUDA out of memory')
      expect(await page.getByTestId('training-cancel').isDisabled()).toBe(true)
      await shot(page, 'job-failed')

      // Completed: the summary and "Serve as endpoint".
      nextJob = job('completed', failedConfig)
      await page.getByTestId('training-refresh').click()
      await page.getByTestId('training-summary').waitFor()
      const endpoint: EndpointView = {
        id: 'e9',
        name: 'Qwen2 on four sessions (trained)',
        baseURL: 'http://gpu01.example.edu:8000/v1',
        model: failedConfig.output_dir,
      } as EndpointView
      await mockApi(page, 'serveTrainedModel', () => endpoint)
      await page.getByTestId('training-serve-start').click()
      await page.getByTestId('training-serve-result').waitFor()
      await page.getByTestId('training-summary').scrollIntoViewIfNeeded()
      await shot(page, 'job-completed')

      // The same in Chinese.
      await page.getByTestId('language-switch-zh').click()
      await expect.poll(() => page.getByTestId('training-refresh').textContent()).toBe('刷新')
      await shot(page, 'job-completed-zh')
      await page.getByTestId('new-training').click()
      await page.getByTestId('training-step-config-tab').click()
      await page.getByTestId('training-config-num_train_epochs').fill('0')
      const epochsField = page.locator('.field', { has: page.getByTestId('training-config-num_train_epochs') })
      await expect.poll(() => epochsField.locator('.field-error').textContent()).toBe('必须大于 0')
      await shot(page, 'form-config-zh')
      await page.getByTestId('training-config-num_train_epochs').fill('2')
      await page.getByTestId('training-step-data-tab').click()
      await shot(page, 'form-data-zh')
      await page.getByTestId('training-step-server-tab').click()
      await shot(page, 'form-server-zh')
      await page.getByTestId('training-step-launch-tab').click()
      await shot(page, 'form-launch-zh')

      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-training-failure.png') })
      throw error
    } finally {
      await page.close()
      await server.stop()
    }
  }, 180_000)
})
