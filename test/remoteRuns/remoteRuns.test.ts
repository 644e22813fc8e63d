import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiClient } from '@shared/api'
import type { RemoteRunView } from '@shared/remoteRun'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'
import { client, tempWorkspace } from '../support/workspace'
import { groupAlive, startSshd, type TestSshd } from '../support/sshd'
import { trustedProfile, until } from '../support/remoteTraining'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'

/**
 * Runs next to the GPUs (issue 14 §6), end to end: a real sshd on loopback is the GPU server, the workbench's own
 * command line (bin/simpsy.mjs of this checkout) runs there detached in a workspace of its own, and calls the suite's
 * mock model server; the desktop's app follows it, cancels and resumes it, and pulls the result back.
 */

const ROOT = resolve(import.meta.dirname, '..', '..')
const WORKBENCH = `'${process.execPath}' '${join(ROOT, 'bin', 'simpsy.mjs')}'`
const KEY = 'sk-remote-secret-0123456789'

let sshd: TestSshd
let mock: Awaited<ReturnType<typeof startMockOpenAI>>
let ws: ReturnType<typeof tempWorkspace>
let app: ReturnType<ReturnType<typeof tempWorkspace>['open']>
let api: ApiClient
/** The loopback server with this checkout's workbench as its command. */
let profileId: string
/** Chat requests wait while this is set (the remote run holds mid-way, whatever the machine's speed). */
let gate: { promise: Promise<void>; open: () => void } | null = null
const closeGate = () => {
  let open = () => {}
  const promise = new Promise<void>((done) => (open = done))
  gate = { promise, open }
}
const openGate = () => {
  gate?.open()
  gate = null
}

beforeAll(async () => {
  sshd = await startSshd()
  mock = await startMockOpenAI({
    apiKey: KEY,
    reply: scriptedCounseling({ closeAtTurn: () => 3 }),
    hold: () => gate?.promise ?? null,
  })
  ws = tempWorkspace({
    training: { follow: true, pollMs: 200, cancelGraceMs: 8000 },
    gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 20 } }),
  })
  app = ws.open()
  api = client(app)
  profileId = (await trustedProfile(api, sshd, { name: 'gpu', workbenchCommand: WORKBENCH })).id
})
afterAll(async () => {
  openGate()
  await ws?.cleanup()
  await mock?.close()
  await sshd?.stop()
}, 60000)

async function setup(cards: number) {
  const endpoint = await api.saveEndpoint({
    name: `vllm ${Date.now()}`,
    baseURL: mock.baseURL,
    model: 'm',
    apiKey: KEY,
  })
  const tag = `remote-${Date.now()}`
  for (let i = 0; i < cards; i++)
    await api.createRoleCard({ language: 'en', name: `Remote ${i}`, complaint: { body: `Problem ${i}` }, tags: [tag] })
  const defaults = await api.simulationDefaults()
  const config = {
    ...defaults,
    maxTurns: 6,
    concurrency: 2,
    client: { ...defaults.client, endpointId: endpoint.id },
    counselor: { ...defaults.counselor, endpointId: endpoint.id },
  }
  return { endpoint, tag, config }
}

const ended = (r: RemoteRunView) => !['uploading', 'running'].includes(r.status)

describe('remote runs over SSH, with the workbench on the server', () => {
  it('refuses a server whose workbench command does not run, saying how to set it, and records nothing', async () => {
    const profile = await trustedProfile(api, sshd, { name: 'no workbench', workbenchCommand: 'no-such-simpsy' })
    const { tag, config } = await setup(1)
    await expect(
      api.launchRemoteRun({ name: 'x', profileId: profile.id, run: { name: 'x', cards: { query: { tag } }, config } }),
    ).rejects.toThrow(/workbench command "no-such-simpsy" did not run on .*Install SimPsy Workbench there/)
    // A workbench of another schema there could not bring the run back: refused before anything is uploaded.
    const older = await trustedProfile(api, sshd, {
      name: 'older workbench',
      workbenchCommand: "printf '%s\\n' '0.0.9 (schema 5)'; true",
    })
    await expect(
      api.launchRemoteRun({ name: 'x', profileId: older.id, run: { name: 'x', cards: { query: { tag } }, config } }),
    ).rejects.toThrow(/is 0\.0\.9 \(workspace schema 5\); this one is .* Bring both to the same version/)
    expect(await api.listRemoteRuns()).toEqual([])
  })

  it('simulates on the server, follows its progress, and pulls the run back with where it ran', async () => {
    const { endpoint, tag, config } = await setup(3)
    const seen: RemoteRunView[] = []
    app.events.subscribe((e) => e.name === 'remoteRun.changed' && seen.push(e.payload as RemoteRunView))
    closeGate()
    const launched = await api.launchRemoteRun({
      name: 'next to the GPUs',
      profileId,
      run: { name: 'remote sim', cards: { query: { tag } }, config },
    })
    expect(launched).toMatchObject({
      status: 'running',
      kind: 'simulation',
      remoteDir: join(sshd.remoteBase, launched.id),
    })
    expect(launched.remoteVersion).toBe(app.info.version)
    expect(launched.endpoints).toEqual([{ id: endpoint.id, name: endpoint.name, url: mock.baseURL }])

    // Held mid-way by the mock: the desktop sees it running there with its total.
    const running = await until(
      () => api.getRemoteRun({ id: launched.id }),
      (r) => r.progress?.phase === 'running' && r.progress.total === 3,
      60000,
    )
    expect(running.status).toBe('running')
    const dir = launched.remoteDir
    // The key went in a file only the account reads, was sealed in the server's workspace and the file removed; the
    // job file and the log never hold it.
    await until(
      () => existsSync(join(dir, 'secrets.json')),
      (present) => !present,
    )
    expect(readFileSync(join(dir, 'job.json'), 'utf8')).not.toContain(KEY)
    // Its server's profile cannot go while it runs there.
    await expect(api.deleteSshProfile({ id: profileId })).rejects.toThrow(
      /in use by the running job "next to the GPUs"/,
    )
    openGate()

    const done = await until(
      () => api.getRemoteRun({ id: launched.id }),
      (r) => r.pulled !== null,
      90000,
    )
    expect(done).toMatchObject({ status: 'completed', exitCode: 0 })
    expect(done.progress).toMatchObject({ done: 3, total: 3, failed: 0 })
    expect(readFileSync(join(dir, 'run.log'), 'utf8')).not.toContain(KEY)
    expect(seen.some((v) => v.id === launched.id && v.status === 'running' && v.progress?.phase === 'running')).toBe(
      true,
    )

    // The run is this workspace's now: its dialogues, messages and call log, with where it ran.
    const run = await api.getRun({ id: done.pulled!.id })
    expect(run).toMatchObject({ name: 'remote sim', status: 'completed', counts: { total: 3, completed: 3 } })
    const dataset = (await api.listDatasets()).find((d) => d.id === done.pulled!.datasetId)!
    expect(dataset).toMatchObject({ kind: 'run', runId: run.id, dialogueCount: 3 })
    expect(dataset.ranOn).toMatchObject({ remoteRunId: launched.id, profileName: 'gpu', remoteDir: dir })
    expect(dataset.ranOn!.target).toBe(`${sshd.username}@127.0.0.1:${sshd.port}`)
    const dialogues = (await api.listDialogues({ datasetId: dataset.id })).items
    const detail = await api.getDialogue({ id: dialogues[0].id })
    expect(detail.messages.length).toBeGreaterThan(2)
    expect(detail.calls.length).toBeGreaterThan(0)
    expect(detail.calls.every((c) => c.errorKind === null)).toBe(true)

    // Pulling again replaces what came: nothing doubles, and what came again is found by a search.
    const messages = detail.messages.length
    const words = detail.messages[1].content.slice(0, 12)
    const found = async () => (await api.listDialogues({ datasetId: dataset.id, text: words })).items.map((d) => d.id)
    const before = await found()
    expect(before.length).toBeGreaterThan(0)
    dialogueRepo(app.db).syncSearchIndex()
    expect(dialogueRepo(app.db).searchBehind()).toBe(0)
    await api.pullRemoteRun({ id: launched.id })
    expect(await found()).toEqual(before)
    const again = await api.getDialogue({ id: dialogues[0].id })
    expect(again.messages).toHaveLength(messages)
    expect(again.calls).toHaveLength(detail.calls.length)
    expect((await api.listDatasets()).filter((d) => d.ranOn?.remoteRunId === launched.id)).toHaveLength(1)
  }, 180000)

  it('cancels a run there, pulls what it finished (paused here), resumes it there and pulls the rest', async () => {
    const { tag, config } = await setup(4)
    // One dialogue at a time; the mock holds the second dialogue's requests so the cancel meets a run mid-way.
    closeGate()
    const launched = await api.launchRemoteRun({
      name: 'to cancel',
      profileId,
      run: { name: 'cancelled sim', cards: { query: { tag } }, config: { ...config, concurrency: 1 } },
      autoPull: false,
    })
    await until(
      () => api.getRemoteRun({ id: launched.id }),
      (r) => r.progress?.phase === 'running',
      60000,
    )
    const pgid = (await api.getRemoteRun({ id: launched.id })).pgid!
    const cancelling = api.cancelRemoteRun({ id: launched.id })
    // Requests held by the mock are let go once the cancel is on its way, so the command line can stop cleanly.
    setTimeout(openGate, 300)
    const cancelled = await cancelling
    expect(cancelled.status).toBe('cancelled')
    expect(groupAlive(pgid)).toBe(false)

    const partial = await api.pullRemoteRun({ id: launched.id })
    const run = await api.getRun({ id: partial.pulled!.id })
    expect(run.status).toBe('paused')
    expect(run.counts.total).toBe(4)
    expect(run.counts.completed).toBeLessThan(4)

    const resumed = await api.resumeRemoteRun({ id: launched.id })
    expect(resumed.status).toBe('running')
    const finished = await until(() => api.getRemoteRun({ id: launched.id }), ended, 90000)
    expect(finished.status, `${finished.failureReason}\n${finished.logTail}`).toBe('completed')
    await api.pullRemoteRun({ id: launched.id })
    const whole = await api.getRun({ id: partial.pulled!.id })
    expect(whole).toMatchObject({ status: 'completed', counts: { total: 4, completed: 4 } })
  }, 180000)

  it('sees a run killed there (kill -9) as lost, and still pulls what it finished', async () => {
    const { tag, config } = await setup(2)
    closeGate()
    const launched = await api.launchRemoteRun({
      name: 'to kill',
      profileId,
      run: { name: 'killed sim', cards: { query: { tag } }, config: { ...config, concurrency: 1 } },
    })
    const running = await until(
      () => api.getRemoteRun({ id: launched.id }),
      (r) => r.progress?.phase === 'running',
      60000,
    )
    process.kill(-running.pgid!, 'SIGKILL')
    openGate()
    const lost = await until(() => api.getRemoteRun({ id: launched.id }), ended, 30000)
    expect(lost.status).toBe('lost')
    expect(lost.failureReason).toMatch(/ended without an exit code.*can still be pulled, or it can be resumed there/)
    // No result file was written there: the pull asks the workbench there to write it from the workspace first.
    expect(existsSync(join(launched.remoteDir, 'result.sqlite'))).toBe(false)
    const pulled = await api.pullRemoteRun({ id: launched.id })
    const run = await api.getRun({ id: pulled.pulled!.id })
    expect(run).toMatchObject({ name: 'killed sim', status: 'paused', counts: { total: 2 } })
  }, 180000)

  it('says why a pull failed, on the run, when its folder is gone from the server', async () => {
    const { tag, config } = await setup(1)
    const launched = await api.launchRemoteRun({
      name: 'folder removed',
      profileId,
      run: { name: 'gone', cards: { query: { tag } }, config },
      autoPull: false,
    })
    await until(() => api.getRemoteRun({ id: launched.id }), ended, 90000)
    rmSync(launched.remoteDir, { recursive: true, force: true })
    await expect(api.pullRemoteRun({ id: launched.id })).rejects.toThrow(/is gone from .*nothing left to pull/)
    const after = await api.getRemoteRun({ id: launched.id })
    expect(after).toMatchObject({ status: 'completed', pulled: null })
    expect(after.pullError).toMatch(/is gone from .*nothing left to pull/)
  }, 180000)

  it("runs an analysis there on this workspace's dataset and brings back the same result", async () => {
    const sims = (await api.listDatasets()).filter((d) => d.kind === 'run')
    const datasetId = sims[0].id
    const local = await api.startEvaluation({ kind: 'stats', name: 'here', datasetIds: [datasetId] })
    await app.evaluations.waitFor(local.id)
    const launched = await api.launchRemoteRun({
      name: 'stats there',
      profileId,
      evaluation: { kind: 'stats', name: 'there', datasetIds: [datasetId] },
    })
    const done = await until(
      () => api.getRemoteRun({ id: launched.id }),
      (r) => r.pulled !== null || (ended(r) && r.status !== 'completed'),
      90000,
    )
    expect(done.status).toBe('completed')
    const there = await api.getEvaluation({ id: done.pulled!.id })
    const here = await api.getEvaluation({ id: local.id })
    expect(there).toMatchObject({ status: 'completed', name: 'there', datasetIds: [datasetId] })
    expect(there.result).toEqual(here.result)
  }, 180000)
})
