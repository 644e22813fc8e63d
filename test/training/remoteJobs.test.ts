import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { ApiClient } from '@shared/api'
import type { TrainingJobView } from '@shared/training'
import { client, tempWorkspace } from '../support/workspace'
import { groupAlive, groupProcesses, startSshd, type TestSshd } from '../support/sshd'
import { importSessions, resumeTrainer, trustedProfile, until } from '../support/remoteTraining'

let sshd: TestSshd
let ws: ReturnType<typeof tempWorkspace>
// One app for the file (the close-and-reopen test has a workspace of its own), so only one follower reads the server.
let app: ReturnType<ReturnType<typeof tempWorkspace>['open']>
let api: ApiClient
// Follow in the background as the desktop app does (tempWorkspace opens apps in CLI mode).
const fast = { follow: true, pollMs: 200, cancelGraceMs: 1000 }

beforeAll(async () => {
  sshd = await startSshd()
  ws = tempWorkspace({ training: fast })
  app = ws.open()
  api = client(app)
})
afterAll(async () => {
  await ws?.cleanup()
  await sshd?.stop()
})

const ended = (job: TrainingJobView) => !['uploading', 'running'].includes(job.status)

async function launch(
  api: ApiClient,
  profileId: string,
  datasetId: string,
  model = 'Qwen/Qwen2-7B-Instruct',
  extra: { validationShare?: number } = {},
) {
  const config = await api.trainingConfigDefaults({ model: 'qwen2-7b-instruct' })
  return api.launchTraining({
    name: `job ${model}`,
    profileId,
    export: { datasetId, systemPrompt: 'You are a counselor.', ...extra },
    config: { ...config, model_name_or_path: model, logging_steps: 1 },
  })
}

describe('remote training jobs on a real sshd', () => {
  let completed: TrainingJobView

  it('uploads the export and a valid YAML, starts llamafactory-cli detached, and follows it to completion', async () => {
    const events: TrainingJobView[] = []
    app.events.subscribe((e) => e.name === 'training.job' && events.push(e.payload as TrainingJobView))
    // The stand-in holds after step 3 until told to go on, so the follower sees the job halfway whatever the machine's
    // load.
    const profile = await trustedProfile(api, sshd, {
      setupCommand: `${sshd.setupCommand} FAKE_TRAINER_HOLD_AFTER_STEP=3`,
    })
    const datasetId = await importSessions(api)

    const job = await launch(api, profile.id, datasetId, 'Qwen/Qwen2-7B-Instruct', { validationShare: 0.25 })
    expect(job).toMatchObject({
      status: 'running',
      profileName: 'loopback',
      remoteDir: join(sshd.remoteBase, job.id),
      outputDir: join(sshd.remoteBase, job.id, 'saves/simpsy-counselor'),
    })
    expect(job.pid).toBeGreaterThan(1)
    expect(job.exportSummary).toMatchObject({
      samples: 4,
      trainSamples: 3,
      validationSamples: 1,
      systemPrompt: 'You are a counselor.',
    })

    // What was uploaded: the export's data folder and the YAML pointing at it with absolute paths.
    const dir = job.remoteDir
    expect(JSON.parse(readFileSync(join(dir, 'data', 'data.json'), 'utf8'))).toHaveLength(3)
    expect(JSON.parse(readFileSync(join(dir, 'data', 'validation.json'), 'utf8'))).toHaveLength(1)
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'data', 'dataset_info.json'), 'utf8')))).toEqual([
      'simpsy',
      'simpsy_validation',
    ])
    const yaml = parse(readFileSync(join(dir, 'train.yaml'), 'utf8'))
    expect(yaml).toMatchObject({
      model_name_or_path: 'Qwen/Qwen2-7B-Instruct',
      stage: 'sft',
      dataset: 'simpsy',
      eval_dataset: 'simpsy_validation',
      val_size: 0,
      dataset_dir: join(dir, 'data'),
      output_dir: job.outputDir,
      learning_rate: 1e-5,
      bf16: true,
    })
    expect(job.config).toMatchObject({ dataset_dir: join(dir, 'data'), output_dir: job.outputDir })

    const halfway = (e: TrainingJobView) => e.status === 'running' && e.points.length > 0 && e.points.length < 6
    await until(() => events.some(halfway), Boolean)
    resumeTrainer(dir)
    const done = await until(() => api.getTrainingJob({ id: job.id }), ended)
    expect(done).toMatchObject({ status: 'completed', exitCode: 0, failureReason: null })
    expect(done.finishedAt).not.toBeNull()
    expect(done.checkedAt).not.toBeNull()
    expect(done.points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6])
    expect(
      done.points.every(
        (p) => p.loss !== null && p.totalSteps === 6 && p.learningRate !== null && p.elapsedSeconds !== null,
      ),
    ).toBe(true)
    expect(done.points.filter((p) => p.evalLoss !== null).map((p) => p.step)).toEqual([3, 6])
    expect(done.points[5].epoch).toBe(2)
    expect(done.logTail).toContain('***** train metrics *****')
    // Progress bars are shown as their last redraw.
    expect(done.logTail).toMatch(/100%\|█+\| 6\/6/)
    expect(JSON.parse(readFileSync(join(done.outputDir, 'fake_env.json'), 'utf8'))).toMatchObject({
      cwd: dir,
      CUDA_VISIBLE_DEVICES: '0',
      FORCE_TORCHRUN: null,
    })

    // The UI was told as the job went: growing points, then the end.
    expect(events.length).toBeGreaterThanOrEqual(3)
    expect(events[0].status).toBe('uploading')
    expect(events.at(-1)).toMatchObject({ id: job.id, status: 'completed' })
    expect(events.some(halfway)).toBe(true)
    expect((await api.listTrainingJobs()).map((j) => j.id)).toContain(job.id)
    completed = done
  })

  it('serves the trained model detached in the job folder and adds its endpoint', async () => {
    const endpoint = await api.serveTrainedModel({
      id: completed.id,
      command: 'echo {model} {port} > served.txt',
      port: 8123,
    })
    expect(endpoint).toMatchObject({
      model: completed.outputDir,
      baseURL: 'http://127.0.0.1:8123/v1',
      name: `${completed.name} (trained)`,
    })
    expect((await api.getTrainingJob({ id: completed.id })).servedEndpointId).toBe(endpoint.id)
    expect((await api.listEndpoints()).map((e) => e.id)).toContain(endpoint.id)
    const served = join(completed.remoteDir, 'served.txt')
    await until(
      () => existsSync(served) && readFileSync(served, 'utf8'),
      (text) => Boolean(text),
    )
    expect(readFileSync(served, 'utf8').trim()).toBe(`${completed.outputDir} 8123`)
  })

  it('keeps following a job after the app is closed and opened again', async () => {
    // A workspace of its own: no other app's follower reads this job, so only the reopened app can bring it to its end.
    const own = tempWorkspace({ training: fast })
    try {
      const first = own.open()
      const firstApi = client(first)
      // The stand-in holds after step 2 until resumed: the job cannot end before the check below, however slow the
      // machine.
      const profile = await trustedProfile(firstApi, sshd, {
        name: 'longer',
        setupCommand: `${sshd.setupCommand} FAKE_TRAINER_STEPS=16 FAKE_TRAINER_HOLD_AFTER_STEP=2`,
      })
      const datasetId = await importSessions(firstApi)
      const job = await launch(firstApi, profile.id, datasetId)
      await until(
        () => firstApi.getTrainingJob({ id: job.id }),
        (j) => j.points.length >= 2,
      )
      await first.close()
      // The connection is gone; the training is not.
      expect(groupAlive(job.pid!)).toBe(true)
      resumeTrainer(job.remoteDir)

      const again = client(own.open())
      const done = await until(() => again.getTrainingJob({ id: job.id }), ended)
      expect(done.status).toBe('completed')
      expect(done.points.map((p) => p.step)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1))
    } finally {
      await own.cleanup()
    }
  })

  it('cancels: the whole remote process group is gone, and the job says cancelled', async () => {
    const profile = (await api.listSshProfiles()).find((p) => p.name === 'loopback')!
    const datasetId = (await api.listDatasets())[0].id
    const job = await launch(api, profile.id, datasetId, 'fake/slow-model')
    // The slow trainer has a child process in its group (like a dataloader worker).
    await until(
      () => groupProcesses(job.pid!),
      (n) => n >= 3,
    )

    const cancelled = await api.cancelTrainingJob({ id: job.id })
    expect(cancelled).toMatchObject({ status: 'cancelled', failureReason: null })
    expect(cancelled.finishedAt).not.toBeNull()
    expect(groupProcesses(job.pid!)).toBe(0)
    await expect(api.cancelTrainingJob({ id: job.id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is cancelled'),
    })
    // The follower does not turn it into "lost" later: a read queues behind any of its reads still under way, then
    // finds nothing to change.
    expect((await api.refreshTrainingJob({ id: job.id })).status).toBe('cancelled')
    expect((await api.getTrainingJob({ id: job.id })).status).toBe('cancelled')

    await expect(api.serveTrainedModel({ id: job.id })).rejects.toMatchObject({ code: 'conflict' })
    expect(await api.deleteTrainingJob({ id: job.id })).toEqual({ deleted: true })
    expect(existsSync(job.remoteDir)).toBe(true)
  })

  it('reports a failure with the reason from the log, and a killed process as lost', async () => {
    const profile = await trustedProfile(api, sshd, { name: 'two-gpus', gpus: 2 })
    const datasetId = (await api.listDatasets())[0].id
    const failing = await launch(api, profile.id, datasetId, 'fake/fail-model')
    const failed = await until(() => api.getTrainingJob({ id: failing.id }), ended)
    expect(failed).toMatchObject({ status: 'failed', exitCode: 1 })
    expect(failed.failureReason).toBe(
      'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 23.65 GiB of which 1.02 GiB is free. (exit code 1)',
    )
    expect(failed.points.map((p) => p.step)).toEqual([1, 2])
    expect(failed.logTail).toContain('Traceback (most recent call last)')
    expect(JSON.parse(readFileSync(join(failed.outputDir, 'fake_env.json'), 'utf8'))).toMatchObject({
      CUDA_VISIBLE_DEVICES: '0,1',
      FORCE_TORCHRUN: '1',
      NPROC_PER_NODE: '2',
    })

    const victim = await launch(api, profile.id, datasetId, 'fake/slow-model')
    await until(
      () => api.getTrainingJob({ id: victim.id }),
      (j) => j.logTail.includes('Running training'),
    )
    process.kill(-victim.pid!, 'SIGKILL')
    const lost = await until(() => api.getTrainingJob({ id: victim.id }), ended)
    expect(lost.status).toBe('lost')
    expect(lost.failureReason).toContain(`ended without writing an exit code`)
    await expect(api.deleteSshProfile({ id: profile.id })).resolves.toEqual({ deleted: true })
    expect((await api.getTrainingJob({ id: victim.id })).profileName).toBe('two-gpus')
  })
})
