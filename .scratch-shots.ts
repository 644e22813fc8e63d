import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchBrowser } from './test/support/browser'
import { startServe } from './test/support/serveProcess'
import { startMockOpenAI } from './test/support/mockOpenAI'
import { scriptedCounseling } from './test/support/scriptedCounseling'

const OUT = '/work/notes/shots'
const dataDir = mkdtempSync(join(tmpdir(), 'simpsy-shots-'))
const mock = await startMockOpenAI({ reply: scriptedCounseling({ closeAtTurn: () => 4 }), latencyMs: 100 })
const server = await startServe(dataDir)
const token = new URL(server.url).searchParams.get('token')
const call = (method: string, body: unknown) =>
  fetch(`${server.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ ok: boolean; value: any; error?: any }>)
const ok = await call('saveEndpoint', { name: 'mock', baseURL: mock.baseURL, model: 'mock-model' })
const bad = await call('saveEndpoint', { name: 'flaky', baseURL: mock.baseURL, model: 'mock-model' })
const defaults = (await call('simulationDefaults', {})).value
// A run whose counselor endpoint goes down: dialogues wait, then fail after the outage is made permanent-ish? Use a 401 instead: failed dialogues.
mock.setOutage({ status: 503, body: JSON.stringify({ error: { message: 'service unavailable' } }) })
const run = await call('startRun', { name: 'outage demo', cards: { query: { language: 'en' } }, config: { ...defaults, client: { ...defaults.client, endpointId: bad.value.id }, counselor: { ...defaults.counselor, endpointId: bad.value.id }, concurrency: 3 } })
if (!run.ok) console.log(run)
const browser = await launchBrowser()
for (const lang of ['en', 'zh']) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(server.url)
  await call('setPreferences', { uiLanguage: lang })
  await page.reload()
  await page.getByTestId('nav-simulations').click()
  await page.getByTestId('run-waiting').waitFor({ timeout: 30000 })
  await page.screenshot({ path: `${OUT}/run-waiting-${lang}.png` })
  await page.close()
}
mock.setOutage(null)
// Endpoint form with the stream settings
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
await call('setPreferences', { uiLanguage: 'en' })
await page.goto(server.url)
await page.getByTestId('nav-settings').click().catch(() => {})
await page.waitForTimeout(1000)
await page.screenshot({ path: `${OUT}/settings.png`, fullPage: true })
await page.getByTestId('nav-simulations').click()
await page.waitForTimeout(8000)
await page.screenshot({ path: `${OUT}/run-after.png` })
await browser.close()
await server.stop()
await mock.close()
console.log('done', dataDir)
