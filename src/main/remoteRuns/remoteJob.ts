import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ApiClient } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import type { EvaluationSummary } from '@shared/evaluation'
import type { RemoteProgress } from '@shared/remoteRun'
import type { RunSummary } from '@shared/simulation'
import type { App } from '../app'
import { openDatabase } from '../db/connection'
import { INPUT_MERGE_PARTS, mergeBundle, resultBundleParts, writeBundle } from '../db/workspaceBundle'
import { WORKSPACE_FILE } from '../paths'
import { REMOTE_FILES, type RemoteJobFile, type RemoteJobSecrets } from './jobFiles'

/**
 * The server's side of a remote run: the workbench's command line, started detached in the run's folder by the
 * desktop, runs what job.json asks in the folder's own workspace, reports progress.json as it goes, and leaves the
 * result as a bundle for the desktop to pull. Started again on the same folder, it resumes instead of starting anew.
 */

const PROGRESS_EVERY_MS = 1000

export function readProgress(jobDir: string): RemoteProgress | null {
  const file = join(jobDir, REMOTE_FILES.progress)
  if (!existsSync(file)) return null
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RemoteProgress
  } catch {
    return null
  }
}

/** Replaces progress.json whole: a reader never sees half of it. */
export function writeProgress(jobDir: string, progress: Omit<RemoteProgress, 'updatedAt'>) {
  const file = join(jobDir, REMOTE_FILES.progress)
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...progress, updatedAt: new Date().toISOString() }))
  renameSync(`${file}.tmp`, file)
}

function readJob(jobDir: string): { job: RemoteJobFile; secrets: RemoteJobSecrets } {
  const file = join(jobDir, REMOTE_FILES.job)
  let job: RemoteJobFile
  try {
    job = JSON.parse(readFileSync(file, 'utf8')) as RemoteJobFile
  } catch (error) {
    throw new WorkbenchError('invalid_input', `${file}: not a readable job file (${(error as Error).message}).`)
  }
  if (job.format !== 1 || (job.kind !== 'simulation' && job.kind !== 'evaluation'))
    throw new WorkbenchError(
      'invalid_input',
      `${file}: format ${job.format} / kind ${job.kind} is not one this workbench runs.`,
    )
  const secretsFile = join(jobDir, REMOTE_FILES.secrets)
  let secrets: RemoteJobSecrets = {}
  if (existsSync(secretsFile)) {
    secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as RemoteJobSecrets
    // The keys now live sealed in the workspace (like any workspace's); the clear copy goes at once.
    rmSync(secretsFile, { force: true })
  }
  return { job, secrets }
}

const runProgress = (s: RunSummary): Omit<RemoteProgress, 'updatedAt' | 'phase'> => ({
  jobId: s.id,
  done: s.counts.completed + s.counts.failed + s.counts.cancelled,
  failed: s.counts.failed,
  total: s.counts.total,
  etaSeconds: s.rate.etaSeconds,
  status: s.status,
  lastError: s.waiting.map((w) => `waiting for ${w.endpointName}: ${w.lastError}`).join('; ') || null,
})

const evaluationProgress = (s: EvaluationSummary): Omit<RemoteProgress, 'updatedAt' | 'phase'> => ({
  jobId: s.id,
  done: s.progress.done,
  failed: s.progress.failures,
  total: s.progress.total,
  etaSeconds: s.progress.rate?.etaSeconds ?? null,
  status: s.status,
  lastError: s.error,
})

/**
 * Runs (or resumes) the folder's job in the open workspace until it stops; returns its final status there. SIGTERM
 * (a cancel from the desktop) stops it the way Ctrl+C does: resumable, what it finished kept.
 */
export async function runRemoteJob(jobDir: string, app: App, api: ApiClient): Promise<string> {
  const { job, secrets } = readJob(jobDir)
  const before = readProgress(jobDir)
  const idle = { done: 0, failed: 0, total: 0, etaSeconds: null, status: null, lastError: null }
  writeProgress(jobDir, { phase: 'preparing', jobId: before?.jobId ?? null, ...idle })
  console.log(`SimPsy Workbench remote ${job.kind} "${job.name}" (${job.id}), launched by ${job.launchedBy.version}`)

  for (const e of job.endpoints) {
    const keys = secrets[e.id]
    const { id, replicas, ...settings } = e
    app.endpoints.save(
      {
        ...settings,
        apiKey: keys?.apiKey ?? undefined,
        replicas: replicas.map((r) => ({ ...r, apiKey: keys?.replicas[r.baseURL] })),
      },
      { newId: id },
    )
  }

  let jobId = before?.jobId ?? null
  let first: RunSummary | EvaluationSummary
  if (!jobId) {
    const input = join(jobDir, REMOTE_FILES.input)
    if (existsSync(input)) {
      const merged = mergeBundle(app.db, input, INPUT_MERGE_PARTS)
      console.log(`Uploaded data merged: ${JSON.stringify(merged)}`)
    }
    first = job.run ? await api.startRun(job.run) : await api.startEvaluation(job.evaluation!)
    jobId = first.id
  } else if (job.kind === 'simulation') {
    const run = await api.getRun({ id: jobId })
    first =
      run.status === 'completed' || run.status === 'failed'
        ? run.counts.failed > 0
          ? await api.retryFailedDialogues({ id: jobId })
          : run
        : await api.resumeRun({ id: jobId })
  } else {
    const evaluation = await api.getEvaluation({ id: jobId })
    first =
      evaluation.status === 'paused' || evaluation.status === 'running'
        ? await api.resumeEvaluation({ id: jobId })
        : evaluation
  }
  console.log(`${job.kind === 'simulation' ? 'Run' : 'Evaluation'} ${jobId}`)

  const summarize = (s: RunSummary | EvaluationSummary) =>
    job.kind === 'simulation' ? runProgress(s as RunSummary) : evaluationProgress(s as EvaluationSummary)
  let latest = summarize(first)
  let written = 0
  const report = (force = false) => {
    if (!force && Date.now() - written < PROGRESS_EVERY_MS) return
    written = Date.now()
    writeProgress(jobDir, { phase: 'running', ...latest })
  }
  report(true)
  const event = job.kind === 'simulation' ? 'run.progress' : 'evaluation.progress'
  const off = app.events.subscribe((e) => {
    const payload = e.payload as { id?: string }
    if (e.name !== event || payload.id !== jobId) return
    latest = summarize(e.payload as RunSummary | EvaluationSummary)
    report()
  })
  let stopped = false
  const stop = () => {
    stopped = true
    console.log('Stopping (SIGTERM): what is finished is kept; the run can be resumed.')
    void app.close()
  }
  process.once('SIGTERM', stop)
  try {
    await (job.kind === 'simulation' ? app.runner.waitFor(jobId) : app.evaluations.waitFor(jobId))
  } finally {
    off()
    process.off('SIGTERM', stop)
  }
  if (stopped) {
    writeProgress(jobDir, { phase: 'bundling', ...latest, etaSeconds: null, status: 'stopped' })
    return 'stopped'
  }
  const final = job.kind === 'simulation' ? app.runner.summary(jobId) : await api.getEvaluation({ id: jobId })
  latest = summarize(final)
  writeProgress(jobDir, { phase: 'bundling', ...latest })
  console.log(`Stopped: ${final.status}`)
  return final.status
}

/**
 * Writes result.sqlite from the folder's workspace (a fresh connection: the job's app is closed, or was killed and
 * its write-ahead log is recovered here), and marks the progress ended.
 */
export function bundleRemoteResult(jobDir: string): Record<string, number> | null {
  const progress = readProgress(jobDir)
  if (!progress?.jobId) return null
  const db = openDatabase(join(jobDir, REMOTE_FILES.workspace, WORKSPACE_FILE))
  try {
    const counts = writeBundle(db, join(jobDir, REMOTE_FILES.result), resultBundleParts(db, progress.jobId))
    writeProgress(jobDir, { ...progress, phase: 'ended' })
    return counts
  } finally {
    db.close()
  }
}
