import { afterEach, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempWorkspace } from '../support/workspace'
import { runCli } from '../support/cliProcess'
import { addMethodDatasets } from '../support/studyFixture'

let ws: ReturnType<typeof tempWorkspace>
afterEach(async () => {
  await ws?.cleanup()
})

describe('study commands', () => {
  it('make a study with a built-in rubric from a short JSON file, and explain a sample that is too large', async () => {
    ws = tempWorkspace()
    const app = ws.open()
    addMethodDatasets(app, 5)
    await app.close()
    const file = join(ws.dataDir, 'study.json')
    const write = (size: number) =>
      writeFileSync(
        file,
        JSON.stringify({
          name: 'CTRS by experts',
          design: 'rubric',
          rubric: 'ctrs',
          sources: [
            { datasetId: 'ds-m', sampleSize: size, label: 'MAGneT' },
            { datasetId: 'ds-t', sampleSize: size },
          ],
          raters: ['Ann', 'Bo', 'Cy'],
        }),
      )
    write(9)
    const refused = await runCli(ws.dataDir, ['study', 'create', file])
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toMatch(/dataset "MAGneT" has 5 complete dialogues; the sample asks for 9/)
    write(5)
    const made = await runCli(ws.dataDir, ['study', 'create', file])
    expect(made.stderr).toBe('')
    expect(made.stdout).toMatch(/"CTRS by experts": 10 dialogues, 3 raters \(3 per unit\)/)
    const id = /^Study (\S+)/.exec(made.stdout)![1]
    const exported = await runCli(ws.dataDir, ['study', 'export', id, '--what', 'means', '--format', 'markdown'])
    expect(exported.stdout).toMatch(/\| Understanding \| MAGneT \| 0 \|/)
    // Three CLI processes on a busy two-core machine.
  }, 90_000)
})
