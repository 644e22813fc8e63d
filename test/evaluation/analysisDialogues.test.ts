import { afterEach, describe, expect, it } from 'vitest'
import type { ApiClient } from '@shared/api'
import type { EvaluationSummary } from '@shared/evaluation'
import type { App } from '../../src/main/app'
import { tempWorkspace, client } from '../support/workspace'
import { runCli } from '../support/cliProcess'
import { sessionsJsonl } from '../support/sessionsFixture'

let ws: ReturnType<typeof tempWorkspace>
afterEach(async () => {
  await ws?.cleanup()
})

/** The four fixture sessions, d1's second counselor reply flagged (kept though it broke a rule), d2 failed. */
function withFlaggedAndFailed(): string {
  const [header, ...lines] = sessionsJsonl().split('\n')
  const rows = lines.map((l) => JSON.parse(l))
  rows[1].messages[3] = { ...rows[1].messages[3], flagged: true }
  rows[2] = { ...rows[2], status: 'failed', endReason: { kind: 'error', message: 'endpoint down' } }
  return [header, ...rows.map((r) => JSON.stringify(r))].join('\n')
}

async function setup() {
  ws = tempWorkspace()
  const app = ws.open()
  const api = client(app)
  const { datasetId } = await api.importDataset({
    fileName: 'sessions.jsonl',
    contentBase64: Buffer.from(withFlaggedAndFailed()).toString('base64'),
    format: 'jsonl',
  })
  return { app, api, datasetId: datasetId! }
}

async function finished(app: App, api: ApiClient, started: EvaluationSummary) {
  await app.evaluations.waitFor(started.id)
  return api.getEvaluation({ id: started.id })
}

describe('which dialogues an analysis reads', () => {
  it('leaves out flagged and unfinished dialogues by default, counts them in every table, and reads all when asked', async () => {
    const { app, api, datasetId } = await setup()
    const complete = await finished(app, api, await api.startEvaluation({ kind: 'stats', datasetIds: [datasetId] }))
    expect(complete.dialogues).toBe('complete')
    expect(complete.result).toMatchObject({ kind: 'stats', datasets: [{ conversations: 2 }] })
    expect(complete.leftOut).toEqual([{ datasetId, flagged: 1, unfinished: 1 }])
    expect(complete.progress).toMatchObject({ done: 1, total: 1 })
    const table = await api.exportEvaluationTable({ id: complete.id, format: 'markdown' })
    expect(table.content).toContain(
      'dialogues: complete only (ended by a rule, none flagged); left out: sessions.jsonl: 1 flagged, 1 unfinished',
    )
    // Per-dialogue results hold only the dialogues read.
    expect((await api.listEvaluationScores({ id: complete.id, metric: 'turns' })).total).toBe(2)

    const all = await finished(
      app,
      api,
      await api.startEvaluation({ kind: 'stats', datasetIds: [datasetId], dialogues: 'all' }),
    )
    expect(all.result).toMatchObject({ kind: 'stats', datasets: [{ conversations: 4 }] })
    expect((await api.exportEvaluationTable({ id: all.id, format: 'csv' })).content).toContain(
      'dialogues: all (flagged and unfinished ones included)',
    )
  })

  it('estimates a judged analysis over the dialogues it will read', async () => {
    const { api, datasetId } = await setup()
    const endpoint = await api.saveEndpoint({ name: 'judge', baseURL: 'http://127.0.0.1:9/v1', model: 'm' })
    const config = { endpointId: endpoint.id, rounds: 1 }
    const complete = await api.estimateEvaluation({ kind: 'wai', datasetIds: [datasetId], config })
    const all = await api.estimateEvaluation({ kind: 'wai', datasetIds: [datasetId], config, dialogues: 'all' })
    expect(complete.calls).toBe(2 * 12)
    expect(all.calls).toBe(4 * 12)
  })

  it('takes --all-dialogues in the CLI', async () => {
    const { app, datasetId } = await setup()
    await app.close()
    const out = await runCli(ws.dataDir, ['evaluate', 'stats', '-d', datasetId, '--all-dialogues'])
    expect(out.status, out.stderr).toBe(0)
    expect(out.stdout).toContain('dialogues: all (flagged and unfinished ones included)')
    const defaults = await runCli(ws.dataDir, ['evaluate', 'stats', '-d', datasetId])
    expect(defaults.stdout).toContain('left out: sessions.jsonl: 1 flagged, 1 unfinished')
  })
})
