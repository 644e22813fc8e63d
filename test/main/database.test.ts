import { describe, expect, it, afterEach } from 'vitest'
import Database from 'better-sqlite3'
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../../src/main/db/connection'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/db/migrations'
import { SimulationConfigSchema } from '@shared/simulation'
import { tempWorkspace, client } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace>

/** A workspace file as a version that knew the schema only up to `version` left it, with rows that version wrote. */
function oldWorkspace(dataDir: string, version: number, fill: (raw: Database.Database) => void) {
  const raw = new Database(join(dataDir, 'workspace.sqlite'))
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) raw.exec(migration.sql)
  raw.pragma(`user_version = ${version}`)
  fill(raw)
  raw.close()
}

const STAMP = '2024-05-01T09:30:00.000Z'

/** Schema 7 rows: a finished run of two dialogues, one said 'complete' (the old name), one failed. */
function schema7Run(raw: Database.Database) {
  const config = SimulationConfigSchema.parse({
    client: { endpointId: 'ep-1', templateId: 'client' },
    counselor: { endpointId: 'ep-1', templateId: 'counselor' },
  })
  raw.prepare(`INSERT INTO datasets (id, name, kind, created_at) VALUES ('ds-1', 'Old run', 'run', ?)`).run(STAMP)
  raw
    .prepare(
      `INSERT INTO runs (id, name, dataset_id, status, config, templates, created_at, started_at, finished_at) VALUES ('run-1', 'Old run', 'ds-1', 'completed', ?, ?, ?, ?, ?)`,
    )
    .run(JSON.stringify(config), JSON.stringify({ client: [], counselor: [] }), STAMP, STAMP, STAMP)
  const dialogue = raw.prepare(
    `INSERT INTO dialogues (id, dataset_id, run_id, position, language, status, end_reason, turns, message_count, created_at, updated_at) VALUES (?, 'ds-1', 'run-1', ?, 'en', ?, ?, 1, 2, ?, ?)`,
  )
  dialogue.run(
    'dlg-done',
    0,
    'complete',
    JSON.stringify({ kind: 'keyword', keyword: 'take care', turn: 1 }),
    STAMP,
    STAMP,
  )
  dialogue.run(
    'dlg-failed',
    1,
    'failed',
    JSON.stringify({ kind: 'error', message: 'endpoint timed out' }),
    STAMP,
    STAMP,
  )
  const message = raw.prepare(
    `INSERT INTO messages (dialogue_id, idx, speaker, content, created_at) VALUES (?, ?, ?, ?, ?)`,
  )
  message.run('dlg-done', 0, 'counselor', 'Hello', STAMP)
  message.run('dlg-done', 1, 'client', 'Take care.', STAMP)
}

/** Schema 7 call log: run_id held run, evaluation, arena and agreement-check ids alike. */
const OLD_CALLS = [
  ['run-1', 'dlg-done', 'counselor', null],
  ['run-1', 'dlg-done', 'client', 'server'],
  ['eval-1', 'dlg-done', 'judge:wai', null],
  ['arena-1', 'arena-dlg', 'referee', null],
  ['agreement:arena-1', 'arena-dlg', 'referee', null],
] as const

function schema7Calls(raw: Database.Database) {
  const insert = raw.prepare(
    `INSERT INTO llm_calls (run_id, dialogue_id, purpose, endpoint_id, model, request, response, latency_ms, prompt_tokens, completion_tokens, error_kind, attempt, created_at)
     VALUES (?, ?, ?, 'ep-1', 'm', '{}', 'ok', 10, 7, 3, ?, 1, ?)`,
  )
  for (const [job, dialogue, purpose, errorKind] of OLD_CALLS) insert.run(job, dialogue, purpose, errorKind, STAMP)
}

afterEach(async () => {
  await ws?.cleanup()
})

describe('workspace database', () => {
  it('is created with WAL, foreign keys and every migration applied', () => {
    ws = tempWorkspace()
    const app = ws.open()
    expect(app.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(app.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(app.info.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
  })

  it('refuses a workspace written by a newer version and leaves the file untouched', () => {
    ws = tempWorkspace()
    const file = join(ws.dataDir, 'future.sqlite')
    const raw = new Database(file)
    raw.exec('CREATE TABLE something_new (x)')
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    raw.close()
    const before = readFileSync(file)
    expect(() => openDatabase(file)).toThrow(/newer SimPsy Workbench \(schema \d+; this version knows up to \d+\)/)
    expect(readFileSync(file).equals(before)).toBe(true)
    expect(statSync(file).size).toBe(before.length)
  })

  it('keeps research data private: new folders 0700, the database and its -wal/-shm files 0600', async () => {
    ws = tempWorkspace()
    const dataDir = join(ws.dataDir, 'new', 'workspace')
    const app = ws.open({ dataDir })
    await client(app).createRoleCard({ language: 'en', complaint: { title: 'Sleep', body: 'I cannot sleep.' } })
    const mode = (path: string) => statSync(path).mode & 0o777
    expect(mode(join(ws.dataDir, 'new'))).toBe(0o700)
    expect(mode(dataDir)).toBe(0o700)
    const file = join(dataDir, 'workspace.sqlite')
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect(existsSync(f), f).toBe(true)
      expect(mode(f), f).toBe(0o600)
    }
    await app.close()
    // A workspace made by an earlier version (0644) is tightened when opened.
    chmodSync(file, 0o644)
    ws.open({ dataDir })
    expect(mode(file)).toBe(0o600)
  })

  it('opens a schema 7 workspace and shows its dialogues that said "complete" as completed', async () => {
    ws = tempWorkspace()
    oldWorkspace(ws.dataDir, 7, schema7Run)
    const app = ws.open()
    expect(app.info.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    const api = client(app)
    const list = await api.listDialogues({ runId: 'run-1' })
    expect(list.items.map((d) => [d.id, d.status])).toEqual([
      ['dlg-done', 'completed'],
      ['dlg-failed', 'failed'],
    ])
    expect((await api.getDialogue({ id: 'dlg-done' })).status).toBe('completed')
    expect((await api.listDialogues({ status: 'completed' })).items.map((d) => d.id)).toEqual(['dlg-done'])
    expect((await api.getRun({ id: 'run-1' })).counts).toMatchObject({ total: 2, completed: 1, failed: 1 })
    expect(app.db.prepare(`SELECT count(*) AS n FROM dialogues WHERE status = 'complete'`).get()).toEqual({ n: 0 })
  })

  it('still filters by the old name "complete"', async () => {
    ws = tempWorkspace()
    oldWorkspace(ws.dataDir, 7, schema7Run)
    const api = client(ws.open())
    expect((await api.listDialogues({ status: 'complete' })).items.map((d) => [d.id, d.status])).toEqual([
      ['dlg-done', 'completed'],
    ])
  })

  it('opens a schema 7 workspace with its call log under job_id: every row keeps its id, the indexes follow', async () => {
    ws = tempWorkspace()
    oldWorkspace(ws.dataDir, 7, (raw) => {
      schema7Run(raw)
      schema7Calls(raw)
    })
    const app = ws.open()
    const rows = app.db
      .prepare('SELECT job_id AS jobId, dialogue_id AS dialogueId, purpose FROM llm_calls ORDER BY id')
      .all()
    expect(rows).toEqual(OLD_CALLS.map(([jobId, dialogueId, purpose]) => ({ jobId, dialogueId, purpose })))
    const columns = app.db.prepare(`SELECT name FROM pragma_table_info('llm_calls')`).pluck().all() as string[]
    expect(columns).toContain('job_id')
    expect(columns).not.toContain('run_id')
    // A run's usage is read by its id from the renamed column.
    expect((await client(app).getRun({ id: 'run-1' })).usage).toMatchObject({
      calls: 2,
      promptTokens: 14,
      completionTokens: 6,
      errors: { server: 1 },
    })
    expect((await client(app).getDialogue({ id: 'dlg-done' })).calls.map((c) => c.purpose)).toEqual([
      'counselor',
      'client',
      'judge:wai',
    ])
    // The indexes (the partial one of schema 6 too) are on job_id, and the per-minute progress read still uses the
    // partial one, as it did on run_id.
    const indexes = app.db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'llm_calls' AND sql IS NOT NULL ORDER BY name`,
      )
      .all()
    expect(indexes).toEqual([
      { name: 'llm_calls_dialogue', sql: expect.stringContaining('(dialogue_id)') },
      { name: 'llm_calls_job', sql: expect.stringContaining('(job_id, created_at)') },
      { name: 'llm_calls_job_ok', sql: expect.stringMatching(/\(job_id, created_at\) WHERE error_kind IS NULL$/) },
    ])
    const plan = (query: string) =>
      (app.db.prepare(`EXPLAIN QUERY PLAN ${query}`).all('run-1', STAMP, STAMP) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n')
    expect(
      plan(
        'SELECT COUNT(*) FROM llm_calls WHERE job_id = ? AND created_at > ? AND created_at <= ? AND error_kind IS NULL',
      ),
    ).toBe('SEARCH llm_calls USING INDEX llm_calls_job_ok (job_id=? AND created_at>? AND created_at<?)')
  })

  it('keeps data across reopening', async () => {
    ws = tempWorkspace()
    const first = client(ws.open())
    const card = await first.createRoleCard({ language: 'en', complaint: { title: 'Sleep', body: 'I cannot sleep.' } })
    const reopened = client(ws.open())
    expect((await reopened.getRoleCard({ id: card.id })).complaint.body).toBe('I cannot sleep.')
  })

  it('seeds a new workspace with the bundled example cards, once', async () => {
    ws = tempWorkspace({ seedExamples: true })
    const api = client(ws.open())
    const page = await api.listRoleCards({})
    expect(page.total).toBeGreaterThanOrEqual(12)
    expect(page.items.every((c) => c.example)).toBe(true)
    expect(page.items.filter((c) => c.language === 'zh').length).toBeGreaterThanOrEqual(6)
    expect(page.items.filter((c) => c.language === 'en').length).toBeGreaterThanOrEqual(6)
    await api.deleteRoleCards({ ids: [page.items[0].id] })
    const again = client(ws.open())
    expect((await again.listRoleCards({})).total).toBe(page.total - 1)
  })
})
