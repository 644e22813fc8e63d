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

  it('writes seed-context samples with --samples seed-context and says where their context came from', async () => {
    const workspace = join(dir, 'ws-magnet')
    const zip = resolve(import.meta.dirname, '..', 'fixtures', 'datasets', 'magnet.zip')
    const imported = await runCli(workspace, ['datasets', 'import', zip, '--name', 'magnet'])
    expect(imported.status, imported.stderr).toBe(0)
    const datasetId = imported.stdout.match(/-> dataset (\S+)/)![1]

    const out = join(dir, 'run2')
    const exported = await runCli(workspace, ['train-export', datasetId, out, '--samples', 'seed-context'])
    expect(exported.status, exported.stderr).toBe(0)
    const data = JSON.parse(readFileSync(join(out, 'data', 'data.json'), 'utf8'))
    expect(exported.stdout).toContain(`${data.length} seed-context samples`)
    expect(exported.stdout).toContain('from 2 dialogues')
    expect(exported.stdout).toContain('from the seed in 2 dialogues')
    expect(Object.keys(data[0])).toEqual(['instruction', 'input', 'output'])
    const info = JSON.parse(readFileSync(join(out, 'data', 'dataset_info.json'), 'utf8'))
    expect(info.simpsy.formatting).toBe('alpaca')

    const wrong = await runCli(workspace, ['train-export', datasetId, join(dir, 'run3'), '--samples', 'turns'])
    expect(wrong.status).not.toBe(0)
    expect(wrong.stderr).toMatch(/--samples.*system-prompt, seed-context/)
  })
})
