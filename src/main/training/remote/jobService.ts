import { randomUUID } from 'node:crypto'
import { serialById } from '../../serialById'
import type { z } from 'zod'
import type { EndpointView } from '@shared/endpoint'
import { WorkbenchError } from '@shared/errors'
import type { trainingApi } from '@shared/trainingApi'
import type { LaunchTrainingSchema, TrainingJobView } from '@shared/training'
import type { DialogueRepo } from '../../db/dialogueRepo'
import type { EndpointService } from '../../llm/endpointService'
import { buildTrainingFiles, type TrainingFiles } from '../exportFiles'
import { observeJob, readObservation, type JobReading, type ProbeTarget } from './jobProbe'
import { planJob, preflight, startDetached, uploadJob } from './jobLaunch'
import { ACTIVE_STATUSES, type JobRow } from '../../db/trainingJobRepo'
import type { RemoteContext } from './profileService'
import { cancelScript, JOB_FILES, serveScript } from './remoteScripts'
import { quote, remoteJoin } from './shellQuote'
import { describeTarget, type SshSession } from './sshSession'

type LaunchInput = z.output<typeof LaunchTrainingSchema>
type ServeInput = z.output<(typeof trainingApi)['serveTrainedModel']['input']>

export interface JobServiceDeps extends RemoteContext {
  dialogues: DialogueRepo
  /** Arena verdicts as preference pairs (a launch with `preferences`). */
  preferences: (input: NonNullable<LaunchInput['preferences']>) => TrainingFiles
  endpoints: EndpointService
  emit(view: TrainingJobView): void
  endpointsChanged(): void
  cancelGraceMs: number
}

/** Launching, reading, cancelling and serving remote jobs; one operation at a time per job. */
export function jobService(deps: JobServiceDeps) {
  const { jobs, profiles, pool } = deps
  const serial = serialById()
  const emit = (id: string) => deps.emit(jobs.view(id))
  const where = (job: JobRow) => {
    const p = profiles.list().find((x) => x.id === job.profile_id)
    return p ? describeTarget(p) : `the server of profile "${job.profile_name}"`
  }
  /** Reads the job's files on the server, from where the last reading stopped. */
  async function observe(session: SshSession, id: string): Promise<JobReading> {
    const job = jobs.row(id)
    const target: ProbeTarget = {
      jobDir: job.remote_dir,
      outputDir: job.output_dir,
      pgid: job.pgid,
      offset: job.log_offset,
    }
    return readObservation(await observeJob(session, target), { ...target, where: where(job) })
  }

  /**
   * Reads the job's files and stores what changed (an ended job's outcome too); returns whether a UI would see a
   * change.
   */
  async function read(session: SshSession, id: string): Promise<{ changed: boolean; outcome: JobReading['outcome'] }> {
    const job = jobs.row(id)
    const reading = await observe(session, id)
    let changed = jobs.applyReading(id, reading)
    const { outcome } = reading
    if (outcome.status !== 'running' && outcome.status !== job.status) {
      jobs.finish(id, outcome.status, outcome.exitCode, outcome.failureReason)
      changed = true
    }
    return { changed, outcome }
  }

  const refresh = (id: string): Promise<TrainingJobView> =>
    serial(id, async () => {
      const job = jobs.row(id)
      if ((job.status === 'running' || job.status === 'lost') && job.pgid) {
        const { changed } = await pool.use(deps.target(job.profile_id), (s) => read(s, id))
        if (changed) emit(id)
      }
      return jobs.view(id)
    })

  return {
    list: () => jobs.list(),
    get: (id: string) => jobs.view(id),
    refresh,
    /** Running jobs, for the follower. */
    running: () => jobs.withStatus(['running']).map((j) => j.id),
    /** Jobs still 'uploading' long after their launch were cut off by a closed workbench: they never started. */
    settleInterruptedUploads(olderThanMs: number) {
      for (const job of jobs.withStatus(['uploading'])) {
        if (Date.now() - Date.parse(job.created_at) < olderThanMs) continue
        jobs.finish(
          job.id,
          'failed',
          null,
          'The upload was interrupted (the workbench closed before the job started). Launch it again.',
        )
      }
    },

    async launch(input: LaunchInput): Promise<TrainingJobView> {
      const profile = profiles.get(input.profileId)
      const exported = input.preferences
        ? deps.preferences(input.preferences)
        : buildTrainingFiles(deps.dialogues, input.export!)
      const target = deps.target(profile.id)
      const places = await pool.use(target, (s) => preflight(s, profile))
      const id = randomUUID()
      const plan = planJob({ jobId: id, places, form: input.config, exported, profile })
      jobs.insert({
        id,
        name: input.name,
        profileId: profile.id,
        profileName: profile.name,
        remoteDir: plan.jobDir,
        outputDir: plan.outputDir,
        config: plan.config,
        exportSummary: exported.summary,
      })
      emit(id)
      try {
        const pid = await pool.use(target, async (s) => {
          await uploadJob(s, plan)
          return startDetached(s, plan.jobDir, JOB_FILES.run, JOB_FILES.pid)
        })
        jobs.started(id, pid)
      } catch (error) {
        jobs.finish(id, 'failed', null, `The job could not be uploaded or started: ${(error as Error).message}`)
        emit(id)
        throw error
      }
      emit(id)
      return jobs.view(id)
    },

    cancel: (id: string): Promise<TrainingJobView> =>
      serial(id, async () => {
        const job = jobs.row(id)
        if (job.status === 'uploading')
          throw new WorkbenchError('conflict', { key: 'training.stillUploading', params: { name: job.name } })
        if (job.status !== 'running' || !job.pgid)
          throw new WorkbenchError('conflict', {
            key: 'training.notRunning',
            params: { name: job.name, status: job.status },
          })
        await pool.use(deps.target(job.profile_id), async (s) => {
          // It may have ended since the last read: then that is its outcome.
          if ((await read(s, id)).outcome.status !== 'running') return
          await s.run(
            `Stopping the process group ${job.pgid} of job "${job.name}"`,
            cancelScript(job.pgid!, deps.cancelGraceMs),
          )
          jobs.applyReading(id, await observe(s, id))
          jobs.finish(id, 'cancelled', null, null)
        })
        emit(id)
        return jobs.view(id)
      }),

    delete: (id: string): Promise<{ deleted: boolean }> =>
      serial(id, async () => {
        const job = jobs.row(id)
        if (ACTIVE_STATUSES.includes(job.status))
          throw new WorkbenchError('conflict', {
            key: 'training.cancelFirst',
            params: { name: job.name, status: job.status },
          })
        return { deleted: jobs.delete(id) }
      }),

    /** Starts the serving command detached in the job folder and adds the endpoint that reaches it. */
    serve: (input: ServeInput): Promise<EndpointView> =>
      serial(input.id, async () => {
        const job = jobs.row(input.id)
        if (job.status !== 'completed')
          throw new WorkbenchError('conflict', {
            key: 'training.notCompleted',
            params: { name: job.name, status: job.status },
          })
        const profile = profiles.get(job.profile_id)
        const command = input.command
          .replaceAll('{model}', quote(job.output_dir))
          .replaceAll('{port}', String(input.port))
        const pgid = await pool.use(deps.target(profile.id), async (s) => {
          await s.writeFiles([
            {
              path: remoteJoin(job.remote_dir, JOB_FILES.serve),
              content: serveScript({
                jobDir: job.remote_dir,
                setup: profile.setupCommand,
                gpus: profile.gpus,
                command,
              }),
              mode: 0o755,
            },
          ])
          return startDetached(s, job.remote_dir, JOB_FILES.serve, JOB_FILES.servePid)
        })
        const host = profile.host.includes(':') ? `[${profile.host}]` : profile.host
        const taken = new Set(deps.endpoints.list().map((e) => e.name))
        const base = `${job.name.slice(0, 80)} (trained)`
        let name = base
        for (let n = 2; taken.has(name); n++) name = `${base} ${n}`
        const endpoint = deps.endpoints.save({
          name,
          baseURL: input.baseURL ?? `http://${host}:${input.port}/v1`,
          model: job.output_dir,
        })
        jobs.served(job.id, endpoint.id, pgid)
        deps.endpointsChanged()
        emit(job.id)
        return endpoint
      }),
  }
}
export type JobService = ReturnType<typeof jobService>
