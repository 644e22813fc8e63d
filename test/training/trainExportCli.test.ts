import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/cliProcess'

const FIXTURE = resolve(import.meta.dirname, '..', 'fixtures', 'datasets', 'sharegpt.json')

describe('train-export on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simpsy-train-export-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('names the dataset in dataset_info.json with --dataset-name, the option train launch takes', async () => {
    const workspace = join(dir, 'ws')
    const imported = await runCli(workspace, ['datasets', 'import', FIXTURE, '--name', 'corpus'])
    expect(imported.status, imported.stderr).toBe(0)
    const datasetId = imported.stdout.match(/-> dataset (\S+)/)![1]

    const out = join(dir, 'run1')
    const exported = await runCli(workspace, ['train-export', datasetId, out, '--dataset-name', 'study1'])
    expect(exported.status, exported.stderr).toBe(0)
    const info = JSON.parse(readFileSync(join(out, 'data', 'dataset_info.json'), 'utf8'))
    expect(Object.keys(info)).toEqual(['study1'])
    expect(readFileSync(join(out, 'train.yaml'), 'utf8')).toMatch(/dataset: study1/)
  })
})
