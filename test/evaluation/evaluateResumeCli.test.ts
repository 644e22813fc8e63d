import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockOpenAI } from '../support/mockOpenAI'
import { runCli, spawnCli } from '../support/cliProcess'
import { storedUnits } from '../support/readWorkspace'
import { sessionsJsonl } from '../support/sessionsFixture'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

const ITEMS = 4 * 12 * 3 // dialogues × WAI items × rounds

describe('CLI evaluation survives kill -9', () => {
  it('evaluate resume drives the newest interrupted evaluation to the end with its progress bar and prints the table', async () => {
    const mock = await startMockOpenAI({ reply: () => 'One sentence of reasoning.\nFinal score: 5', latencyMs: 40 })
    closers.push(mock.close)
    dir = mkdtempSync(join(tmpdir(), 'simpsy-eval-kill-'))
    const sessions = join(dir, 'sessions.jsonl')
    writeFileSync(sessions, sessionsJsonl())
    expect(
      (await runCli(dir, ['endpoints', 'save', '--name', 'judge', '--base-url', mock.baseURL, '--model', 'm'])).status,
    ).toBe(0)
    const imported = await runCli(dir, ['datasets', 'import', sessions])
    const datasetId = imported.stdout.match(/-> dataset (\S+)/)![1]

    const child = spawnCli(dir, ['evaluate', 'wai', '-d', datasetId, '--endpoint', 'judge', '-y'])
    let output = ''
    child.stdout!.on('data', (c) => (output += c))
    child.stderr!.on('data', (c) => (output += c))
    const stored = () => storedUnits(dir)
    const deadline = Date.now() + 60000
    while (stored() < 20) {
      await new Promise((r) => setTimeout(r, 50))
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`evaluate did not make progress:\n${output}`)
    }
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    const before = stored()
    expect(before).toBeLessThan(ITEMS)
    const callsBefore = mock.requests.length

    const resumed = await runCli(dir, ['evaluate', 'resume'])
    expect(resumed.status, resumed.stderr + resumed.stdout).toBe(0)
    expect(resumed.stdout).toMatch(new RegExp(`Resuming "wai: .*" at ${before}/${ITEMS}\\.`))
    expect(resumed.stdout).toMatch(/Goal/) // the result table
    expect(stored()).toBe(ITEMS)
    // Only what was not stored was asked again (plus at most the requests in flight at the kill).
    expect(mock.requests.length - callsBefore).toBeLessThanOrEqual(ITEMS - before + 8)

    const list = JSON.parse((await runCli(dir, ['call', 'listEvaluations'])).stdout) as {
      id: string
      status: string
      progress: { done: number; total: number }
    }[]
    expect(list).toMatchObject([{ status: 'completed', progress: { done: ITEMS, total: ITEMS } }])

    // Every dialogue's results were stored once, whichever attempt judged its units.
    const scores = await runCli(dir, ['evaluate', 'scores', list[0].id, '--metric', 'bond', '-n', '2'])
    expect(scores.status, scores.stderr).toBe(0)
    expect(scores.stdout).toMatch(/^4 dialogues by bond \(lowest first\):/)
    expect(scores.stdout.trim().split('\n').slice(1)).toHaveLength(2)
    const csvFile = join(dir, 'per-dialogue.csv')
    expect((await runCli(dir, ['evaluate', 'scores', list[0].id, '--csv', csvFile])).status).toBe(0)
    const csv = readFileSync(csvFile, 'utf8').trim().split(/\r?\n/)
    expect(csv[0]).toMatch(/^dialogue_id,source_id,dataset,position,goal,task,bond,item 1,/)
    expect(csv).toHaveLength(1 + 4)
    expect(csv.slice(1).every((line) => /,5,5,5,/.test(line))).toBe(true)
    const wrong = await runCli(dir, ['evaluate', 'scores', list[0].id, '--metric', 'warmth'])
    expect(wrong.stderr).toMatch(/no per-dialogue "warmth" \(it has: goal, task, bond, item 1/)
    const again = await runCli(dir, ['evaluate', 'resume'])
    expect(again.status).toBe(1)
    expect(again.stderr.trim()).toBe(
      'Error: No interrupted or paused evaluation to resume (see: call listEvaluations).',
    )
  }, 120_000)
})
