import { WorkbenchError } from '@shared/errors'
import type { RemoteProgress, RemoteRunKind, RemoteRunStatus, RemoteRunView } from '@shared/remoteRun'
import { nowIso, type Db } from './connection'

interface Row {
  id: string
  name: string
  kind: RemoteRunKind
  profile_id: string
  profile_name: string
  target: string
  status: RemoteRunStatus
  remote_dir: string
  request: string
  remote_version: string | null
  pgid: number | null
  exit_code: number | null
  failure_reason: string | null
  progress: string | null
  log_tail: string
  pulled_id: string | null
  pulled_dataset_id: string | null
  pulled_at: string | null
  pull_error: string | null
  created_at: string
  started_at: string | null
  finished_at: string | null
  checked_at: string | null
}

/** What a remote run was asked, as stored (the job file's settings; no keys). */
export interface RemoteRequest {
  autoPull: boolean
  endpoints: { id: string; name: string; url: string }[]
  run?: unknown
  evaluation?: unknown
}

const inList = (values: readonly unknown[]) => `(${values.map(() => '?').join(', ') || 'NULL'})`

export const ACTIVE_REMOTE: readonly RemoteRunStatus[] = ['uploading', 'running']

const toView = (r: Row): RemoteRunView => {
  const request = JSON.parse(r.request) as RemoteRequest
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    profileId: r.profile_id,
    profileName: r.profile_name,
    target: r.target,
    status: r.status,
    remoteDir: r.remote_dir,
    remoteVersion: r.remote_version,
    pgid: r.pgid,
    exitCode: r.exit_code,
    failureReason: r.failure_reason,
    progress: r.progress ? (JSON.parse(r.progress) as RemoteProgress) : null,
    logTail: r.log_tail,
    autoPull: request.autoPull,
    endpoints: request.endpoints,
    pulled: r.pulled_id && r.pulled_at ? { id: r.pulled_id, datasetId: r.pulled_dataset_id, at: r.pulled_at } : null,
    pullError: r.pull_error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    checkedAt: r.checked_at,
  }
}

/** Remote runs: what was launched where, what the server last said, what came back. */
export function remoteRunRepo(db: Db) {
  const byId = db.prepare<[string], Row>('SELECT * FROM remote_runs WHERE id = ?')
  const row = (id: string) => {
    const found = byId.get(id)
    if (!found) throw new WorkbenchError('not_found', { key: 'remoteRuns.notFound', params: { id } })
    return found
  }
  return {
    row,
    view: (id: string) => toView(row(id)),
    list: (): RemoteRunView[] =>
      (db.prepare('SELECT * FROM remote_runs ORDER BY created_at DESC').all() as Row[]).map(toView),
    withStatus: (statuses: readonly RemoteRunStatus[]): Row[] =>
      db.prepare(`SELECT * FROM remote_runs WHERE status IN ${inList(statuses)}`).all(...statuses) as Row[],
    onProfile: (profileId: string, statuses: readonly RemoteRunStatus[]): Row[] =>
      db
        .prepare(`SELECT * FROM remote_runs WHERE profile_id = ? AND status IN ${inList(statuses)}`)
        .all(profileId, ...statuses) as Row[],
    insert(p: {
      id: string
      name: string
      kind: RemoteRunKind
      profileId: string
      profileName: string
      target: string
      remoteDir: string
      request: RemoteRequest
      remoteVersion: string
    }) {
      db.prepare(
        `INSERT INTO remote_runs (id, name, kind, profile_id, profile_name, target, status, remote_dir, request, remote_version, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'uploading', ?, ?, ?, ?)`,
      ).run(
        p.id,
        p.name,
        p.kind,
        p.profileId,
        p.profileName,
        p.target,
        p.remoteDir,
        JSON.stringify(p.request),
        p.remoteVersion,
        nowIso(),
      )
    },
    started(id: string, pgid: number) {
      db.prepare(
        `UPDATE remote_runs SET status = 'running', pgid = ?, exit_code = NULL, failure_reason = NULL,
           started_at = COALESCE(started_at, ?), finished_at = NULL WHERE id = ?`,
      ).run(pgid, nowIso(), id)
    },
    /** Stores a reading; returns whether anything a UI shows changed. */
    applyReading(id: string, p: { progress: RemoteProgress | null; logTail: string }): boolean {
      const before = row(id)
      const progress = p.progress ? JSON.stringify(p.progress) : before.progress
      db.prepare('UPDATE remote_runs SET progress = ?, log_tail = ?, checked_at = ? WHERE id = ?').run(
        progress,
        p.logTail,
        nowIso(),
        id,
      )
      return progress !== before.progress || p.logTail !== before.log_tail
    },
    finish(id: string, status: RemoteRunStatus, exitCode: number | null, failureReason: string | null) {
      db.prepare(
        'UPDATE remote_runs SET status = ?, exit_code = ?, failure_reason = ?, finished_at = ? WHERE id = ?',
      ).run(status, exitCode, failureReason, nowIso(), id)
    },
    pulled(id: string, pulledId: string, datasetId: string | null) {
      db.prepare(
        'UPDATE remote_runs SET pulled_id = ?, pulled_dataset_id = ?, pulled_at = ?, pull_error = NULL WHERE id = ?',
      ).run(pulledId, datasetId, nowIso(), id)
    },
    pullFailed(id: string, message: string) {
      db.prepare('UPDATE remote_runs SET pull_error = ? WHERE id = ?').run(message, id)
    },
    delete: (id: string): boolean => db.prepare('DELETE FROM remote_runs WHERE id = ?').run(id).changes > 0,
  }
}
export type RemoteRunRepo = ReturnType<typeof remoteRunRepo>
