import { storedRunConfig, type RunStatus, type RunSummary, type SimulationConfig } from '@shared/simulation'
import { ownership } from './ownership'
import { nowIso, type Db } from './connection'

interface RunRow {
  id: string
  name: string
  dataset_id: string
  status: RunStatus
  config: string
  templates: string
  effective: string | null
  cards: string | null
  created_at: string
  started_at: string | null
  finished_at: string | null
  owner: string | null
  heartbeat_at: string | null
}

export type RunRecord = Omit<RunSummary, 'counts' | 'usage' | 'rate' | 'waiting' | 'concurrency'> & {
  owner: string | null
  heartbeatAt: string | null
}

const toRecord = (r: RunRow): RunRecord => ({
  id: r.id,
  name: r.name,
  datasetId: r.dataset_id,
  status: r.status,
  config: storedRunConfig(JSON.parse(r.config) as SimulationConfig),
  templates: JSON.parse(r.templates),
  effective: r.effective ? JSON.parse(r.effective) : null,
  cards: r.cards ? JSON.parse(r.cards) : null,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  owner: r.owner,
  heartbeatAt: r.heartbeat_at,
})

export function runRepo(db: Db) {
  const select = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?')
  const insert = db.prepare(
    `INSERT INTO runs (id, name, dataset_id, status, config, templates, effective, cards, created_at, started_at)
     VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)`,
  )
  const updateStatus = db.prepare(
    'UPDATE runs SET status = ?, finished_at = ?, owner = CASE WHEN ? THEN NULL ELSE owner END WHERE id = ?',
  )
  const statusCounts = db.prepare<[string], { status: string; n: number; f: number | null }>(
    'SELECT status, count(*) AS n, sum(flagged) AS f FROM dialogues WHERE run_id = ? GROUP BY status',
  )
  const failed = db
    .prepare<[string], string>(`SELECT id FROM dialogues WHERE run_id = ? AND status = 'failed' ORDER BY position`)
    .pluck()
  const unfinished = db
    .prepare<[string], string>(
      `SELECT id FROM dialogues WHERE run_id = ? AND status IN ('running', 'pending') ORDER BY status = 'pending', position`,
    )
    .pluck()
  return {
    insert(run: {
      id: string
      name: string
      datasetId: string
      config: SimulationConfig
      templates: RunSummary['templates']
      effective: RunSummary['effective']
      /** How its cards were chosen (absent: not recorded). */
      cards?: RunSummary['cards']
    }) {
      insert.run(
        run.id,
        run.name,
        run.datasetId,
        JSON.stringify(run.config),
        JSON.stringify(run.templates),
        run.effective ? JSON.stringify(run.effective) : null,
        run.cards ? JSON.stringify(run.cards) : null,
        nowIso(),
        nowIso(),
      )
    },
    get: (id: string): RunRecord | null => {
      const row = select.get(id)
      return row ? toRecord(row) : null
    },
    list: (): RunRecord[] =>
      (db.prepare('SELECT * FROM runs ORDER BY created_at DESC').all() as RunRow[]).map(toRecord),
    setStatus(id: string, status: RunStatus) {
      const finished = status === 'completed' || status === 'cancelled' || status === 'failed'
      updateStatus.run(status, finished ? nowIso() : null, finished ? 1 : 0, id)
    },
    ...ownership(db, 'runs'),
    counts(id: string): RunSummary['counts'] {
      const counts = { total: 0, pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0, flagged: 0 }
      for (const r of statusCounts.all(id)) {
        counts[r.status as keyof typeof counts] = r.n
        counts.total += r.n
        counts.flagged += r.f ?? 0
      }
      return counts
    },
    /** Dialogues still to run, in order: those interrupted mid-way first. */
    unfinishedDialogues: (id: string): string[] => unfinished.all(id),
    /** Dialogues that ended with an error, in order. */
    failedDialogues: (id: string): string[] => failed.all(id),
  }
}
export type RunRepo = ReturnType<typeof runRepo>
