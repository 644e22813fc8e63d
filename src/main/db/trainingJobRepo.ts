import { WorkbenchError } from '@shared/errors'
import type { TrainConfig } from '@shared/trainConfig'
import type { TrainingJobStatus, TrainingJobView, TrainingSummary } from '@shared/training'
import { nowIso, type Db } from './connection'
import type { JobReading } from '../training/remote/jobProbe'

export interface JobRow {
  id: string
  name: string
  profile_id: string
  profile_name: string
  status: TrainingJobStatus
  remote_dir: string
  output_dir: string
  pid: number | null
  pgid: number | null
  exit_code: number | null
  failure_reason: string | null
  config: string
  export_summary: string
  log_tail: string
  log_offset: number
  created_at: string
  started_at: string | null
  finished_at: string | null
  checked_at: string | null
  served_endpoint_id: string | null
  serve_pgid: number | null
}

interface PointRow {
  step: number
  total_steps: number | null
  epoch: number | null
  loss: number | null
  eval_loss: number | null
  learning_rate: number | null
  elapsed_seconds: number | null
  remaining_seconds: number | null
}

export const ACTIVE_STATUSES: readonly TrainingJobStatus[] = ['uploading', 'running']

export interface NewJob {
  id: string
  name: string
  profileId: string
  profileName: string
  remoteDir: string
  outputDir: string
  config: TrainConfig
  exportSummary: TrainingSummary
}

/** Training jobs and their trainer-log points (one per step). */
export function trainingJobRepo(db: Db) {
  const byId = db.prepare<[string], JobRow & { current_profile_name: string | null }>(
    'SELECT j.*, p.name AS current_profile_name FROM training_jobs j LEFT JOIN ssh_profiles p ON p.id = j.profile_id WHERE j.id = ?',
  )
  const pointsOf = db.prepare<[string], PointRow>('SELECT * FROM training_job_points WHERE job_id = ? ORDER BY step')
  // Training and evaluation records of a step come as separate lines: a later line fills in, never blanks out.
  const upsertPoint = db.prepare(
    `INSERT INTO training_job_points (job_id, step, total_steps, epoch, loss, eval_loss, learning_rate, elapsed_seconds, remaining_seconds)
     VALUES (@jobId, @step, @totalSteps, @epoch, @loss, @evalLoss, @learningRate, @elapsedSeconds, @remainingSeconds)
     ON CONFLICT(job_id, step) DO UPDATE SET
       total_steps = COALESCE(excluded.total_steps, total_steps), epoch = COALESCE(excluded.epoch, epoch),
       loss = COALESCE(excluded.loss, loss), eval_loss = COALESCE(excluded.eval_loss, eval_loss),
       learning_rate = COALESCE(excluded.learning_rate, learning_rate),
       elapsed_seconds = COALESCE(excluded.elapsed_seconds, elapsed_seconds),
       remaining_seconds = COALESCE(excluded.remaining_seconds, remaining_seconds)`,
  )

  const row = (id: string) => {
    const found = byId.get(id)
    if (!found) throw new WorkbenchError('not_found', { key: 'training.jobNotFound', params: { id } })
    return found
  }

  const view = (id: string): TrainingJobView => {
    const r = row(id)
    return {
      id: r.id,
      name: r.name,
      profileId: r.profile_id,
      profileName: r.current_profile_name ?? r.profile_name,
      status: r.status,
      remoteDir: r.remote_dir,
      outputDir: r.output_dir,
      pid: r.pid,
      exitCode: r.exit_code,
      failureReason: r.failure_reason,
      createdAt: r.created_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      points: pointsOf.all(id).map((p) => ({
        step: p.step,
        totalSteps: p.total_steps,
        epoch: p.epoch,
        loss: p.loss,
        evalLoss: p.eval_loss,
        learningRate: p.learning_rate,
        elapsedSeconds: p.elapsed_seconds,
        remainingSeconds: p.remaining_seconds,
      })),
      logTail: r.log_tail,
      checkedAt: r.checked_at,
      config: JSON.parse(r.config) as TrainConfig,
      exportSummary: JSON.parse(r.export_summary) as TrainingSummary,
      servedEndpointId: r.served_endpoint_id,
    }
  }

  return {
    row,
    view,
    list: (): TrainingJobView[] =>
      (db.prepare('SELECT id FROM training_jobs ORDER BY created_at DESC').all() as { id: string }[]).map((r) =>
        view(r.id),
      ),
    withStatus: (statuses: readonly TrainingJobStatus[]): JobRow[] =>
      db
        .prepare(
          `SELECT * FROM training_jobs WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY created_at`,
        )
        .all(...statuses) as JobRow[],
    onProfile: (profileId: string, statuses: readonly TrainingJobStatus[]): JobRow[] =>
      db
        .prepare(
          `SELECT * FROM training_jobs WHERE profile_id = ? AND status IN (${statuses.map(() => '?').join(', ')})`,
        )
        .all(profileId, ...statuses) as JobRow[],
    insert(job: NewJob) {
      db.prepare(
        `INSERT INTO training_jobs (id, name, profile_id, profile_name, status, remote_dir, output_dir, config, export_summary, created_at)
         VALUES (?, ?, ?, ?, 'uploading', ?, ?, ?, ?, ?)`,
      ).run(
        job.id,
        job.name,
        job.profileId,
        job.profileName,
        job.remoteDir,
        job.outputDir,
        JSON.stringify(job.config),
        JSON.stringify(job.exportSummary),
        nowIso(),
      )
    },
    started(id: string, pid: number) {
      const now = nowIso()
      db.prepare(
        "UPDATE training_jobs SET status = 'running', pid = ?, pgid = ?, started_at = ?, checked_at = ? WHERE id = ?",
      ).run(pid, pid, now, now, id)
    },
    /** Ends a job (unless it already ended): failed, cancelled, lost or completed. */
    finish(
      id: string,
      status: Exclude<TrainingJobStatus, 'uploading' | 'running'>,
      exitCode: number | null,
      failureReason: string | null,
    ) {
      db.prepare(
        `UPDATE training_jobs SET status = ?, exit_code = ?, failure_reason = ?, finished_at = ? WHERE id = ? AND status IN ('uploading', 'running', 'lost')`,
      ).run(status, exitCode, failureReason, nowIso(), id)
    },
    /** Stores a reading; returns whether anything a UI shows changed (not only checkedAt). */
    applyReading(id: string, reading: Omit<JobReading, 'outcome'>): boolean {
      return db
        .transaction(() => {
          const before = row(id)
          if (reading.resetPoints) db.prepare('DELETE FROM training_job_points WHERE job_id = ?').run(id)
          for (const p of reading.points) upsertPoint.run({ jobId: id, ...p })
          db.prepare('UPDATE training_jobs SET log_tail = ?, log_offset = ?, checked_at = ? WHERE id = ?').run(
            reading.logTail,
            reading.logOffset,
            nowIso(),
            id,
          )
          return reading.resetPoints || reading.points.length > 0 || before.log_tail !== reading.logTail
        })
        .immediate()
    },
    served(id: string, endpointId: string, pgid: number) {
      db.prepare('UPDATE training_jobs SET served_endpoint_id = ?, serve_pgid = ? WHERE id = ?').run(
        endpointId,
        pgid,
        id,
      )
    },
    delete: (id: string): boolean => db.prepare('DELETE FROM training_jobs WHERE id = ?').run(id).changes > 0,
  }
}
export type TrainingJobRepo = ReturnType<typeof trainingJobRepo>
