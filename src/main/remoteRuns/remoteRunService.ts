import { randomBytes, randomUUID } from 'node:crypto'
import { serialById } from '../serialById'
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import { WorkbenchError } from '@shared/errors'
import {
  endpointIdsIn,
  type LaunchRemoteRunSchema,
  type RemoteProgress,
  type RemoteProvenance,
  type RemotePullProgress,
  type RemoteRunView,
} from '@shared/remoteRun'
import { ACTIVE_REMOTE, type RemoteRunRepo } from '../db/remoteRunRepo'
import type { EndpointService } from '../llm/endpointService'
import { log } from '../logger'
import { jobFollower } from '../training/remote/jobFollower'
import { probeSections } from '../training/remote/jobProbe'
import { cancelScript, LOG_TAIL_BYTES } from '../training/remote/remoteScripts'
import { quote, quotePath, remoteJoin } from '../training/remote/shellQuote'
import { sshError } from '../training/remote/sshErrors'
import { serverPreflight, startDetached } from '../training/remote/jobLaunch'
import { describeTarget, type SshSession } from '../training/remote/sshSession'
import type { SshPool } from '../training/remote/sshPool'
import type { SshProfileRepo } from '../db/sshProfileRepo'
import type { SshTarget } from '../training/remote/sshSession'
import { logTail } from '../training/remote/trainLogText'
import type { WorkspaceWorker } from '../workspaceWorker'
import {
  REMOTE_FILES,
  REMOTE_JOB_EXIT,
  type RemoteEndpoint,
  type RemoteJobFile,
  type RemoteJobSecrets,
} from './jobFiles'
import { bundleScript, remoteProbeScript, remoteRunScript, workbenchCheck } from './remoteRunScripts'

type LaunchInput = z.output<typeof LaunchRemoteRunSchema>

export interface RemoteRunDeps {
  repo: RemoteRunRepo
  profiles: SshProfileRepo
  pool: SshPool
  target(profileId: string): SshTarget
  worker: WorkspaceWorker
  endpoints: EndpointService
  /** This workbench's version and schema: the server's must match for the result to come back. */
  version: string
  schema: number
  /** A run's role cards (its selection resolved here) and every endpoint it calls. */
  runNeeds(run: NonNullable<LaunchInput['run']>): { cardIds: string[]; endpointIds: string[] }
  /** Where pulled files wait to be merged (under the data folder). */
  pullDir: string
  emit(view: RemoteRunView & { deleted?: boolean }): void
  pullProgress(progress: RemotePullProgress): void
  /** A pull added or replaced a dataset (a simulation's) or an analysis. */
  pulledChanged(pulled: { kind: 'simulation' | 'evaluation'; id: string }): void
  cancelGraceMs: number
}

/** `--version` prints "<version> (schema <n>)". */
const parseVersion = (line: string) => {
  const m = /^(\S+) \(schema (\d+)\)$/.exec(line.trim())
  return m ? { version: m[1], schema: Number(m[2]) } : null
}

/** Launching, following, cancelling and pulling remote runs; one operation at a time per run. */
export function remoteRunService(deps: RemoteRunDeps) {
  const { repo, profiles, pool } = deps
  const serial = serialById()
  const emit = (id: string) => deps.emit(repo.view(id))
  const profileOf = (profileId: string) => profiles.get(profileId)

  /** Checks the server can take a run (setup, setsid, a writable folder) and that its workbench has this schema. */
  async function preflight(session: SshSession, profileId: string) {
    const profile = profileOf(profileId)
    const where = describeTarget(profile)
    const checked = await serverPreflight(session, profile, {
      check: workbenchCheck(profile.workbenchCommand),
      missing: (said) =>
        sshError(
          'remote_command',
          `The workbench command "${profile.workbenchCommand}" did not run on ${where}${said ? ` (${said})` : ''}. Install SimPsy Workbench there (clone it, npm ci, npm link) or set the profile's workbench command, e.g. npm --prefix ~/simpsy-workbench run cli --.`,
          { profileId },
        ),
    })
    const remote = parseVersion(checked.tool)
    if (!remote)
      throw sshError(
        'remote_command',
        `The workbench command "${profile.workbenchCommand}" on ${where} did not say its version (it said "${checked.tool}").`,
        { profileId },
      )
    if (remote.schema !== deps.schema)
      throw sshError(
        'remote_command',
        `The workbench on ${where} is ${remote.version} (workspace schema ${remote.schema}); this one is ${deps.version} (schema ${deps.schema}). Bring both to the same version (git pull && npm ci there) so the run's data can travel both ways.`,
        { profileId },
      )
    return { profile, baseDir: checked.baseDir, remoteVersion: remote.version }
  }

  /** The endpoints as the server gets them (its URLs), and their keys apart. */
  function endpointsFor(ids: string[], serverURLs: Record<string, string>) {
    const endpoints: RemoteEndpoint[] = []
    const secrets: RemoteJobSecrets = {}
    for (const id of ids) {
      const e = deps.endpoints.resolve(id)
      if (e.kind === 'local')
        throw new WorkbenchError(
          'invalid_input',
          `Endpoint "${e.name}" runs a model file on this computer; a remote run needs endpoints the server can reach (e.g. the vLLM server beside the GPUs).`,
        )
      const url = serverURLs[id]
      const replicas = url ? [] : (e.replicas ?? [])
      const { apiKey, replicas: _r, ...settings } = e
      endpoints.push({
        ...settings,
        kind: 'api',
        local: null,
        baseURL: url ?? e.baseURL,
        replicas: replicas.map((r) => ({ baseURL: r.baseURL, maxConcurrency: r.maxConcurrency })),
      })
      secrets[id] = { apiKey, replicas: Object.fromEntries(replicas.map((r) => [r.baseURL, r.apiKey])) }
    }
    return { endpoints, secrets }
  }

  /** Reads the run's folder and stores what changed (an ended run's outcome too). */
  async function read(session: SshSession, id: string) {
    const run = repo.row(id)
    const marker = `@@simpsy-${randomBytes(6).toString('hex')}`
    const out = await session.run(
      'Reading the remote run',
      remoteProbeScript({ jobDir: run.remote_dir, pgid: run.pgid, marker }),
    )
    const sections = probeSections(out, marker)
    if (sections.has('nofolder')) {
      if (run.status === 'running')
        repo.finish(id, 'lost', null, `The run's folder ${run.remote_dir} is gone from ${run.target}.`)
      return { status: repo.row(id).status, resultBytes: 0, folderGone: true }
    }
    if (!sections.has('end')) throw new Error('The run files were read only in part (the output ended early).')
    let progress: RemoteProgress | null = null
    try {
      const text = sections.get('progress')?.body.trim()
      progress = text ? (JSON.parse(text) as RemoteProgress) : null
    } catch {
      // Half a file cannot happen (it is renamed into place); an unreadable one is read again next time.
    }
    const log = sections.get('log')
    const logText = log?.body ?? ''
    repo.applyReading(id, {
      progress,
      logTail: logTail(logText, { cutStart: Number(log?.values[0] ?? 0) > LOG_TAIL_BYTES }),
    })
    const alive = sections.get('alive')?.values[0] === '1'
    const exit = sections.get('exit')?.values[0]
    const exitCode = exit && /^-?\d+$/.test(exit) ? Number(exit) : null
    const resultBytes = Number(sections.get('result')?.values[0] ?? 0)
    if (run.status !== 'running') return { status: run.status, resultBytes, folderGone: false }
    if (exitCode === 0) repo.finish(id, 'completed', 0, null)
    else if (exitCode === REMOTE_JOB_EXIT.stopped) repo.finish(id, 'cancelled', exitCode, null)
    else if (exitCode !== null)
      repo.finish(id, 'failed', exitCode, lastLines(logText) || `The workbench there ended with exit code ${exitCode}.`)
    else if (!alive)
      repo.finish(
        id,
        'lost',
        null,
        `The run's processes (group ${run.pgid}) on ${run.target} ended without an exit code: killed (out of memory, a reboot) or stopped outside the workbench. What it finished can still be pulled, or it can be resumed there.`,
      )
    return { status: repo.row(id).status, resultBytes, folderGone: false }
  }

  const refresh = (id: string): Promise<RemoteRunView> =>
    serial(id, async () => {
      const run = repo.row(id)
      if (run.status === 'running' && run.pgid) {
        const before = JSON.stringify(repo.view(id))
        const { status } = await pool.use(deps.target(run.profile_id), (s) => read(s, id))
        if (JSON.stringify(repo.view(id)) !== before) emit(id)
        if (status !== 'running' && repo.view(id).autoPull && status !== 'lost')
          void pull(id).catch((error) => log.warn(`[remote] pulling ${id} after it ended failed`, error))
      }
      return repo.view(id)
    })

  /** Brings the result file down (bundling it there first when the run could not) and merges it here. */
  const pull = (id: string): Promise<RemoteRunView> =>
    serial(id, async () => {
      try {
        return await pullNow(id)
      } catch (error) {
        // Kept on the run, so the page says why it is not here yet (a pull after it ended runs unattended).
        if (!(error instanceof WorkbenchError && error.code === 'conflict')) {
          repo.pullFailed(id, (error as Error).message)
          emit(id)
        }
        throw error
      }
    })

  async function pullNow(id: string): Promise<RemoteRunView> {
    const run = repo.row(id)
    if (ACTIVE_REMOTE.includes(run.status))
      throw new WorkbenchError('conflict', { key: 'remoteRuns.stillRunning', params: { name: run.name } })
    const profile = profileOf(run.profile_id)
    const local = join(deps.pullDir, `${id}.sqlite`)
    mkdirSync(deps.pullDir, { recursive: true, mode: 0o700 })
    const report = (phase: RemotePullProgress['phase'], bytes = 0, totalBytes = 0) =>
      deps.pullProgress({ id, phase, bytes, totalBytes })
    await pool.use(deps.target(run.profile_id), async (s) => {
      const { resultBytes, folderGone } = await read(s, id)
      if (folderGone)
        throw new WorkbenchError(
          'not_found',
          `The run's folder ${run.remote_dir} is gone from ${run.target}: there is nothing left to pull.`,
        )
      if (!resultBytes) {
        report('bundling')
        await s.run(
          'Writing the result file',
          bundleScript({ jobDir: run.remote_dir, setup: profile.setupCommand, workbench: profile.workbenchCommand }),
        )
      }
      let last = 0
      await s.download(remoteJoin(run.remote_dir, REMOTE_FILES.result), local, (done, total) => {
        if (Date.now() - last < 250 && done < total) return
        last = Date.now()
        report('downloading', done, total)
      })
    })
    report('merging', statSync(local).size, statSync(local).size)
    const view = repo.view(id)
    const provenance: RemoteProvenance = {
      remoteRunId: id,
      profileName: run.profile_name,
      target: run.target,
      remoteDir: run.remote_dir,
      remoteVersion: run.remote_version,
      startedAt: view.startedAt,
      finishedAt: view.finishedAt,
      pulledAt: new Date().toISOString(),
    }
    try {
      const merged = await deps.worker.run('mergeRemoteResult', { file: local, provenance })
      repo.pulled(id, merged.id, merged.datasetId)
    } finally {
      rmSync(local, { force: true })
    }
    report('done')
    deps.pulledChanged({ kind: run.kind, id: repo.row(id).pulled_id! })
    emit(id)
    return repo.view(id)
  }

  /** Starts run.sh detached in the run's folder; returns its process group. */
  const start = (session: SshSession, jobDir: string) =>
    startDetached(session, jobDir, REMOTE_FILES.run, REMOTE_FILES.pid, REMOTE_FILES.log)

  return {
    list: () => repo.list(),
    get: (id: string) => repo.view(id),
    refresh,
    pull,
    running: () => repo.withStatus(['running']).map((r) => r.id),
    /** Runs left 'uploading' by a closed workbench never started. */
    settleInterruptedUploads(olderThanMs: number) {
      for (const r of repo.withStatus(['uploading']))
        if (Date.now() - Date.parse(r.created_at) >= olderThanMs)
          repo.finish(
            r.id,
            'failed',
            null,
            'The upload was interrupted (the workbench closed before the run started). Launch it again.',
          )
    },

    async launch(input: LaunchInput): Promise<RemoteRunView> {
      const kind = input.run ? 'simulation' : 'evaluation'
      const needs = input.run ? deps.runNeeds(input.run) : { cardIds: [], endpointIds: endpointIdsIn(input.evaluation) }
      const datasetIds = input.evaluation ? input.evaluation.datasetIds : []
      for (const id of Object.keys(input.serverURLs))
        if (!needs.endpointIds.includes(id))
          throw new WorkbenchError('invalid_input', `serverURLs.${id}: the run does not call this endpoint.`)
      const { endpoints, secrets } = endpointsFor(needs.endpointIds, input.serverURLs)
      const target = deps.target(input.profileId)
      const checked = await pool.use(target, (s) => preflight(s, input.profileId))
      const id = randomUUID()
      const jobDir = remoteJoin(checked.baseDir, id)
      const job: RemoteJobFile = {
        format: 1,
        id,
        kind,
        name: input.name,
        endpoints,
        ...(input.run && { run: { ...input.run, cards: { ids: needs.cardIds } } }),
        ...(input.evaluation && { evaluation: input.evaluation }),
        launchedBy: { version: deps.version, schema: deps.schema },
      }
      repo.insert({
        id,
        name: input.name,
        kind,
        profileId: checked.profile.id,
        profileName: checked.profile.name,
        target: describeTarget(checked.profile),
        remoteDir: jobDir,
        remoteVersion: checked.remoteVersion,
        request: {
          autoPull: input.autoPull,
          endpoints: endpoints.map((e) => ({ id: e.id, name: e.name, url: e.baseURL })),
          run: input.run,
          evaluation: input.evaluation,
        },
      })
      emit(id)
      const inputFile = join(deps.pullDir, `${id}.input.sqlite`)
      try {
        mkdirSync(deps.pullDir, { recursive: true, mode: 0o700 })
        await deps.worker.run('writeRemoteInput', { file: inputFile, cardIds: needs.cardIds, datasetIds })
        const pgid = await pool.use(target, async (s) => {
          await s.run('Creating the run folder', `mkdir -p -- ${quote(jobDir)}`)
          await s.writeFiles([
            { path: remoteJoin(jobDir, REMOTE_FILES.job), content: JSON.stringify(job, null, 2) },
            // Keys only the account can read; the workbench there seals them in its workspace and removes this file.
            { path: remoteJoin(jobDir, REMOTE_FILES.secrets), content: JSON.stringify(secrets), mode: 0o600 },
            {
              path: remoteJoin(jobDir, REMOTE_FILES.run),
              content: remoteRunScript({
                runId: id,
                jobDir,
                setup: checked.profile.setupCommand,
                workbench: checked.profile.workbenchCommand,
              }),
              mode: 0o755,
            },
          ])
          await s.upload(inputFile, remoteJoin(jobDir, REMOTE_FILES.input))
          return start(s, jobDir)
        })
        repo.started(id, pgid)
      } catch (error) {
        repo.finish(id, 'failed', null, `The run could not be uploaded or started: ${(error as Error).message}`)
        emit(id)
        throw error
      } finally {
        rmSync(inputFile, { force: true })
      }
      emit(id)
      return repo.view(id)
    },

    /** Starts the workbench again on the run's folder: it resumes what was there. */
    resume: (id: string): Promise<RemoteRunView> =>
      serial(id, async () => {
        const run = repo.row(id)
        if (ACTIVE_REMOTE.includes(run.status))
          throw new WorkbenchError('conflict', { key: 'remoteRuns.stillRunning', params: { name: run.name } })
        const pgid = await pool.use(deps.target(run.profile_id), (s) => start(s, run.remote_dir))
        repo.started(id, pgid)
        emit(id)
        return repo.view(id)
      }),

    cancel: (id: string): Promise<RemoteRunView> =>
      serial(id, async () => {
        const run = repo.row(id)
        if (run.status !== 'running' || !run.pgid)
          throw new WorkbenchError('conflict', {
            key: 'remoteRuns.notRunning',
            params: { name: run.name, status: run.status },
          })
        await pool.use(deps.target(run.profile_id), async (s) => {
          if ((await read(s, id)).status !== 'running') return
          await s.run(`Stopping the remote run "${run.name}"`, cancelScript(run.pgid!, deps.cancelGraceMs))
          await read(s, id)
          if (repo.row(id).status === 'running' || repo.row(id).status === 'lost')
            repo.finish(id, 'cancelled', null, null)
        })
        emit(id)
        return repo.view(id)
      }),

    delete: (id: string, removeFromServer: boolean): Promise<{ deleted: boolean }> =>
      serial(id, async () => {
        const run = repo.row(id)
        if (ACTIVE_REMOTE.includes(run.status))
          throw new WorkbenchError('conflict', { key: 'remoteRuns.cancelFirst', params: { name: run.name } })
        if (removeFromServer)
          await pool.use(deps.target(run.profile_id), (s) =>
            s.run(`Removing ${run.remote_dir}`, `rm -rf -- ${quotePath(run.remote_dir)}`),
          )
        const view = repo.view(id)
        const deleted = repo.delete(id)
        deps.emit({ ...view, deleted: true })
        return { deleted }
      }),
  }
}
export type RemoteRunService = ReturnType<typeof remoteRunService>

/** The last few lines of a log, for a failure reason. */
function lastLines(text: string): string {
  return text
    .trim()
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('---'))
    .slice(-3)
    .join(' / ')
    .slice(0, 600)
}

/**
 * Remote runs as the app starts them: the service; runs left uploading by a closed workbench settled; running ones
 * read on their servers every `pollMs` when `follow` (the desktop app and serve mode; the CLI reads one when asked).
 */
export function startRemoteRuns(deps: RemoteRunDeps & { follow: boolean; pollMs: number }) {
  const service = remoteRunService(deps)
  service.settleInterruptedUploads(10 * 60 * 1000)
  const follower = jobFollower({
    label: 'remote run',
    intervalMs: deps.pollMs,
    running: service.running,
    refresh: service.refresh,
  })
  if (deps.follow) follower.start()
  return { ...service, close: () => follower.stop() }
}
