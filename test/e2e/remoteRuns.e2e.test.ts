import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { EndpointView } from '@shared/endpoint'
import type { HostKeyCheck, SshProfileView } from '@shared/training'
import type { RemoteRunView } from '@shared/remoteRun'
import { launchBrowser } from '../support/browser'
import { ownerApi, startServe } from '../support/serveProcess'
import { startSshd, type TestSshd } from '../support/sshd'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'

/**
 * Remote runs in the browser (serve mode), with nothing mocked between the page and the server's workbench: the
 * loopback sshd is the GPU server, this checkout's bin/simpsy.mjs its workbench, the suite's mock the vLLM server
 * beside it. A researcher chooses the server under "Where it runs" in a new run, follows it on Remote runs, and opens
 * the pulled dataset, which says where it ran.
 */
const ROOT = resolve(import.meta.dirname, '..', '..')
const WORKBENCH = `'${process.execPath}' '${join(ROOT, 'bin', 'simpsy.mjs')}'`

let browser: Browser
let sshd: TestSshd
let mock: Awaited<ReturnType<typeof startMockOpenAI>>
let dataDir: string
let server: Awaited<ReturnType<typeof startServe>>
let call: ReturnType<typeof ownerApi>

beforeAll(async () => {
  sshd = await startSshd()
  mock = await startMockOpenAI({ reply: scriptedCounseling({ closeAtTurn: () => 3 }) })
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-remote-'))
  // Running remote runs are read every SIMPSY_TRAINING_POLL_MS (src/main/serve.ts), shortened here.
  server = await startServe(dataDir, ['--allow-path', dirname(sshd.keyPath)], { SIMPSY_TRAINING_POLL_MS: '250' })
  call = ownerApi(server)
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
  await mock?.close()
  await sshd?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

async function shot(page: Page, name: string) {
  await page.mouse.move(1, 1)
  await page.screenshot({ path: join(tmpdir(), `remote-runs-${name}.png`), fullPage: false })
}

describe('remote runs in the browser', () => {
  it('launches a simulation on the server from the new-run form, follows it and opens the pulled dataset', async () => {
    const endpoint = await call<EndpointView>('saveEndpoint', {
      name: 'vllm beside the GPUs',
      baseURL: mock.baseURL,
      model: 'm',
    })
    for (const name of ['Remote A', 'Remote B'])
      await call('createRoleCard', { language: 'en', name, complaint: { body: `${name} cannot sleep` }, tags: ['gpu'] })
    const saved = await call<SshProfileView>(
      'saveSshProfile',
      sshd.profile({ name: 'gpu box', workbenchCommand: WORKBENCH }),
    )
    const key = await call<HostKeyCheck>('checkHostKey', { id: saved.id })
    await call('acceptHostKey', { id: saved.id, fingerprint: key.fingerprint })

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      await page.goto(server.url)
      // The page says what it is for before there is anything on it, and leads to the form.
      await page.getByTestId('nav-remote').click()
      await page.getByTestId('remote-empty').waitFor()
      await shot(page, 'empty-en')
      await page.getByTestId('remote-empty-new-run').click()

      await page.getByTestId('new-run-form').waitFor()
      await page.getByTestId('run-name').fill('beside the GPUs')
      await page.getByTestId('run-cards-text').fill('cannot sleep')
      await expect
        .poll(async () => Number(await page.getByTestId('run-cards-count').first().getAttribute('data-count')))
        .toBe(2)
      await page.getByTestId('run-client-endpointId').selectOption(endpoint.id)
      await page.getByTestId('run-counselor-endpointId').selectOption(endpoint.id)
      await page.getByTestId('run-place-select').selectOption(saved.id)
      // The server's URL for each endpoint the run calls, empty = the same as here.
      await expect.poll(() => page.getByTestId('run-server-url').count()).toBe(1)
      expect(await page.getByTestId('run-server-url').getAttribute('placeholder')).toBe(mock.baseURL)
      await expect.poll(() => page.getByTestId('run-form-submit').textContent()).toBe('Launch on the server')
      await page.getByTestId('run-place').scrollIntoViewIfNeeded()
      await shot(page, 'form-place-en')
      await page.getByTestId('run-form-submit').click()

      // The remote run's page: it runs there, then comes back, pulled.
      const detail = page.getByTestId('remote-detail')
      await detail.waitFor({ timeout: 30000 })
      const id = (await detail.getAttribute('data-remote-id'))!
      await page.locator(`[data-testid="remote-detail"][data-status="completed"]`).waitFor({ timeout: 90000 })
      await page.getByTestId('remote-pulled').waitFor({ timeout: 30000 })
      await expect.poll(() => page.getByTestId('remote-row-progress').first().textContent()).toContain('2 / 2')
      await shot(page, 'detail-en')
      const view = await call<RemoteRunView>('getRemoteRun', { id })
      expect(view).toMatchObject({ status: 'completed', kind: 'simulation', profileName: 'gpu box' })

      // The pulled run is a run here, and says where it ran.
      await page.getByTestId('remote-open-run').click()
      await page.locator(`[data-testid="run-dashboard"][data-run-id="${view.pulled!.id}"]`).waitFor()
      await expect.poll(() => page.getByTestId('run-ran-on').textContent()).toContain('Ran on ')
      await shot(page, 'run-en')
      await page.goBack()
      await page.getByTestId('remote-open-dataset').click()
      await page.getByTestId('dialogue-row').first().waitFor()
      await expect.poll(() => page.getByTestId('dialogue-row').count()).toBe(2)
      await page.goto(server.url.replace(/#.*$/, '') + '#/datasets')
      const ranOn = page.getByTestId('dataset-ran-on')
      await expect.poll(() => ranOn.textContent()).toContain(`Ran on ${sshd.username}@127.0.0.1:${sshd.port} (gpu box)`)
      await shot(page, 'datasets-en')

      // An analysis of the pulled dataset, run there too, comes back as an analysis here.
      const datasetId = view.pulled!.datasetId!
      await page.getByTestId('nav-evaluation').click()
      await page.getByTestId('new-analysis').first().click()
      await page.getByTestId('analysis-kind-stats').click()
      await page.locator(`[data-testid="analysis-dataset"][data-dataset-id="${datasetId}"]`).check()
      await page.getByTestId('analysis-place-select').selectOption(saved.id)
      await expect.poll(() => page.getByTestId('analysis-form-submit').textContent()).toBe('Launch on the server')
      await page.getByTestId('analysis-place').scrollIntoViewIfNeeded()
      await shot(page, 'analysis-place-en')
      await page.getByTestId('analysis-form-submit').click()
      const analysisRun = page.locator('[data-testid="remote-detail"]', {
        has: page.getByTestId('remote-name').getByText('Dataset statistics', { exact: false }),
      })
      await analysisRun.waitFor({ timeout: 30000 })
      await page.getByTestId('remote-open-analysis').waitFor({ timeout: 90000 })
      await page.getByTestId('remote-open-analysis').click()
      await page.locator('[data-testid="evaluation-detail"]').waitFor()
      const analysisId = (await page.getByTestId('evaluation-detail').getAttribute('data-evaluation-id'))!
      expect(await call<{ status: string; datasetIds: string[] }>('getEvaluation', { id: analysisId })).toMatchObject({
        status: 'completed',
        datasetIds: [datasetId],
      })

      // The same in Chinese.
      await call('setPreferences', { uiLanguage: 'zh' })
      await page.goto(server.url.replace(/#.*$/, '') + `#/remote/${id}`)
      await page.getByTestId('remote-detail').waitFor()
      await expect.poll(() => page.getByTestId('remote-status').textContent()).toBe('已完成')
      await shot(page, 'detail-zh')
      expect(errors).toEqual([])
    } finally {
      await page.close()
    }
  }, 240000)
})
