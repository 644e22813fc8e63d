import type { AgreementReport, AgreementStatus, LlmReferee } from '@shared/arena'
import type { Language } from '@shared/roleCard'
import { nowIso, type Db } from './connection'
import { ownership } from './ownership'

/** The referee prompt per language, pinned when the check starts (a later template edit never changes it). */
export type AgreementPinned = { language: Language; text: string }[]

export interface AgreementRecord {
  id: string
  arenaId: string
  referee: LlmReferee
  pinned: AgreementPinned
  refereeEndpoint: string
  status: AgreementStatus
  result: AgreementReport | null
  error: string | null
  createdAt: string
  finishedAt: string | null
  owner: string | null
}

/** What the referee said about one voted turn. */
export interface AgreementTurnResult {
  dialogueId: string
  turn: number
  choice: string | null
  status: 'ok' | 'failed'
  raw: string | null
  error: string | null
  attempts: number
}

interface Row {
  id: string
  arena_id: string
  referee: string
  pinned: string
  referee_endpoint: string
  status: AgreementStatus
  result: string | null
  error: string | null
  created_at: string
  finished_at: string | null
  owner: string | null
}

const toRecord = (r: Row): AgreementRecord => ({
  id: r.id,
  arenaId: r.arena_id,
  referee: JSON.parse(r.referee),
  pinned: JSON.parse(r.pinned),
  refereeEndpoint: r.referee_endpoint,
  status: r.status,
  result: r.result === null ? null : JSON.parse(r.result),
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  owner: r.owner,
})

/** Judge–human agreement checks and the referee's answer per voted turn. */
export function agreementRepo(db: Db) {
  const sql = {
    insert: db.prepare(
      `INSERT INTO arena_agreements (id, arena_id, referee, pinned, referee_endpoint, status, created_at)
       VALUES (?, ?, ?, ?, ?, 'running', ?)`,
    ),
    get: db.prepare<[string], Row>('SELECT * FROM arena_agreements WHERE id = ?'),
    ofArena: db.prepare<[string], Row>('SELECT * FROM arena_agreements WHERE arena_id = ? ORDER BY created_at DESC'),
    withStatus: db.prepare<[string], Row>('SELECT * FROM arena_agreements WHERE status = ?'),
    finish: db.prepare('UPDATE arena_agreements SET status = ?, result = ?, error = ?, finished_at = ? WHERE id = ?'),
    restart: db.prepare(
      "UPDATE arena_agreements SET status = 'running', result = NULL, error = NULL, finished_at = NULL WHERE id = ?",
    ),
    record: db.prepare(
      `INSERT OR REPLACE INTO arena_agreement_turns (agreement_id, dialogue_id, turn, choice, status, raw, error, attempts, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    results: db.prepare<[string], AgreementTurnResult>(
      `SELECT dialogue_id AS dialogueId, turn, choice, status, raw, error, attempts FROM arena_agreement_turns
       WHERE agreement_id = ? ORDER BY dialogue_id, turn`,
    ),
    progress: db.prepare<[string], { done: number; failures: number }>(
      `SELECT count(*) AS done, coalesce(sum(status = 'failed'), 0) AS failures FROM arena_agreement_turns
       WHERE agreement_id = ?`,
    ),
  }
  return {
    ...ownership(db, 'arena_agreements'),
    insert(a: Pick<AgreementRecord, 'id' | 'arenaId' | 'referee' | 'pinned' | 'refereeEndpoint'>) {
      sql.insert.run(a.id, a.arenaId, JSON.stringify(a.referee), JSON.stringify(a.pinned), a.refereeEndpoint, nowIso())
    },
    get(id: string): AgreementRecord | undefined {
      const row = sql.get.get(id)
      return row && toRecord(row)
    },
    /** An arena's checks, newest first. */
    ofArena: (arenaId: string): AgreementRecord[] => sql.ofArena.all(arenaId).map(toRecord),
    running: (): AgreementRecord[] => sql.withStatus.all('running').map(toRecord),
    finish(
      id: string,
      status: Exclude<AgreementStatus, 'running'>,
      result: AgreementReport | null,
      error: string | null,
    ) {
      sql.finish.run(status, result === null ? null : JSON.stringify(result), error, nowIso(), id)
    },
    /** A cancelled or failed check runs again; the turns it judged are kept. */
    restart(id: string) {
      sql.restart.run(id)
    },
    record(id: string, r: AgreementTurnResult) {
      sql.record.run(id, r.dialogueId, r.turn, r.choice, r.status, r.raw, r.error, r.attempts, nowIso())
    },
    results: (id: string): AgreementTurnResult[] => sql.results.all(id),
    progress: (id: string) => sql.progress.get(id)!,
  }
}
export type AgreementRepo = ReturnType<typeof agreementRepo>
