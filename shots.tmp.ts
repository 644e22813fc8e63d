import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureTinyGguf } from './scripts/tinyGguf'
import { startMockOpenAI } from './test/support/mockOpenAI'
import { startServe } from './test/support/serveProcess'
import { launchBrowser } from './test/support/browser'

const REPLIES = {
  en: "Honestly, I haven't slept properly since we moved. I lie awake going over everything I said at work.",
  zh: '说实话，搬家以后我就没睡好过。晚上躺着，脑子里一遍遍过白天在单位说过的话。',
}
const mock = await startMockOpenAI({
  reply: (r) => (JSON.stringify(r.messages).match(/[\u4e00-\u9fff]/) ? REPLIES.zh : REPLIES.en),
  chunkDelayMs: 400,
})
const dir = mkdtempSync(join(tmpdir(), 'shots-'))
const serve = await startServe(dir, ['--port', '0'])
const browser = await launchBrowser()
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } })
await page.goto(serve.url)
const call = (method: string, input: unknown) =>
  page.evaluate(
    async ([m, i]) => {
      const res = await fetch(`/api/${m}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(i) })
      return res.json()
    },
    [method, input] as const,
  )
const ep = await call('saveEndpoint', { name: 'Mock client model', baseURL: mock.baseURL, model: 'client-model' })
console.log(JSON.stringify(ep).slice(0, 200))
await call('saveEndpoint', {
  kind: 'local', name: 'Offline tiny model', baseURL: 'http://local-model.invalid/v1', model: 'tiny',
  local: { modelPath: ensureTinyGguf(), contextSize: 2048, threads: 1, gpuLayers: 0 },
})
const cards: Record<string, string> = {}
for (const language of ['en', 'zh'] as const) {
  const c = await call('createRoleCard', language === 'en'
    ? { language, name: 'Lin', complaint: { title: 'Cannot sleep since the move', body: 'Has slept badly for two months since moving cities for a new job.' } }
    : { language, name: '林', complaint: { title: '搬家后失眠', body: '为了新工作搬到另一个城市，两个月来一直睡不好。' } })
  cards[language] = (c as { value?: { id: string }; id?: string }).value?.id ?? (c as { id: string }).id
}
console.log(cards)
for (const lang of ['en', 'zh'] as const) {
  await call('setPreferences', { uiLanguage: lang })
  // Settings: a local endpoint's form.
  await page.goto(`${serve.origin}/#/settings`)
  await page.waitForTimeout(800)
  await page.getByTestId('endpoint-row').filter({ hasText: 'Offline' }).getByTestId('endpoint-row-edit').click()
  await page.waitForTimeout(400)
  await page.screenshot({ path: `/tmp/shot-settings-local-${lang}.png`, fullPage: true })
  await page.getByTestId('endpoint-test').click()
  await page.waitForTimeout(4000)
  await page.screenshot({ path: `/tmp/shot-settings-local-test-${lang}.png`, fullPage: true })
  // Test drive.
  await page.goto(`${serve.origin}/#/cards/${cards[lang]}`)
  await page.waitForTimeout(800)
  await page.screenshot({ path: `/tmp/shot-card-${lang}.png` })
  await page.getByTestId('editor-test-drive').click()
  await page.waitForTimeout(600)
  await page.getByTestId('test-drive-endpoint').selectOption({ label: 'Mock client model (client-model)' })
  await page.getByTestId('test-drive-start').click()
  await page.waitForTimeout(400)
  await page.getByTestId('test-drive-input').fill(lang === 'en' ? 'Hello, what brings you here today?' : '你好，今天是什么让你来到这里？')
  await page.keyboard.press('Enter')
  await page.waitForTimeout(1000)
  await page.screenshot({ path: `/tmp/shot-drive-streaming-${lang}.png` })
  try {
    await page.getByTestId('test-drive-send').waitFor({ timeout: 15000 })
  } catch (e) {
    await page.screenshot({ path: `/tmp/shot-debug-${lang}.png` })
    console.log('stats', mock.stats, mock.requests.length)
    throw e
  }
  await page.getByTestId('test-drive-prompt-toggle').click()
  await page.getByTestId('test-drive-save').click()
  await page.waitForTimeout(600)
  await page.screenshot({ path: `/tmp/shot-drive-${lang}.png`, fullPage: true })
  await page.getByTestId('test-drive-open-saved').click()
  await page.waitForTimeout(1200)
  await page.screenshot({ path: `/tmp/shot-drive-saved-${lang}.png` })
}
await browser.close()
await serve.stop()
await mock.close()
