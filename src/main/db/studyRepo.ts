import type { Speaker } from '@shared/dialogue'
import type { JudgeStatus, StudyConfig, StudyDesign, StudySourceView } from '@shared/study'
import { nowIso, type Db } from './connection'
import { ownership } from './ownership'

export interface StudyRecord {
  id: string
  name: string
  design: StudyDesign
  config: StudyConfig
  sources: StudySourceView[]
  createdAt: string
}

export interface UnitDialogue {
  datasetId: string
  dialogueId: string
  sourceIndex: number
  title: string
  /** The id the dialogue had in the file it was imported from ('' when none). */
  sourceId: string
}

export interface UnitRecord {
  id: string
  studyId: string
  position: number
  code: string
  swapped: boolean
  dialogues: UnitDialogue[]
  language: string
}

export type Transcript = { messages: { speaker: Speaker; content: string }[] }

export interface NewUnit extends Omit<UnitRecord, 'studyId'> {
  transcripts: Transcript[]
}

export interface AnswerRow {
  unitId: string
  rater: string
  key: string
  value: number
  updatedAt: string
}

export interface JudgeRecord {
  id: string
  studyId: string
  rater: string
  endpointId: string
  endpoint: string
  temperature: number
  pinned: Record<string, string>
  status: JudgeStatus
  failed: number
  error: string | null
  createdAt: string
  finishedAt: string | null
  owner: string | null
}

interface UnitRow {
  id: string
  study_id: string
  position: number
  code: string
  swapped: number
  dialogues: string
  language: string
}
const toUnit = (r: UnitRow): UnitRecord => ({
  id: r.id,
  studyId: r.study_id,
  position: r.position,
  code: r.code,
  swapped: r.swapped === 1,
  dialogues: JSON.parse(r.dialogues),
  language: r.language,
})

interface JudgeRow {
  id: string
  study_id: string
  rater: string
  endpoint_id: string
  endpoint: string
  temperature: number
  pinned: string
  status: JudgeStatus
  failed: number
  error: string | null
  created_at: string
  finished_at: string | null
  owner: string | null
}
const toJudge = (r: JudgeRow): JudgeRecord => ({
  id: r.id,
  studyId: r.study_id,
  rater: r.rater,
  endpointId: r.endpoint_id,
  endpoint: r.endpoint,
  temperature: r.temperature,
  pinned: JSON.parse(r.pinned),
  status: r.status,
  failed: r.failed,
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  owner: r.owner,
})

/** Rating studies: units, raters, assignments, answers, comments and LLM judge runs. */
export function studyRepo(db: Db) {
  const sql = {
    insertStudy: db.prepare(
      'INSERT INTO studies (id, name, design, config, sources, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertUnit: db.prepare(
      `INSERT INTO study_units (id, study_id, position, code, swapped, dialogues, transcripts, language)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertRater: db.prepare(
      'INSERT INTO study_raters (study_id, name, kind, token_hash, created_at) VALUES (?, ?, ?, NULL, ?)',
    ),
    assign: db.prepare('INSERT INTO study_assignments (study_id, rater, unit_id, position) VALUES (?, ?, ?, ?)'),
    unassign: db.prepare('DELETE FROM study_assignments WHERE study_id = ? AND rater = ? AND unit_id = ?'),
    get: db.prepare<
      [string],
      { id: string; name: string; design: StudyDesign; config: string; sources: string; created_at: string }
    >('SELECT * FROM studies WHERE id = ?'),
    list: db.prepare<
      [],
      { id: string; name: string; design: StudyDesign; config: string; sources: string; created_at: string }
    >('SELECT * FROM studies ORDER BY created_at DESC, id'),
    remove: db.prepare('DELETE FROM studies WHERE id = ?'),
    units: db.prepare<[string, number, number], UnitRow>(
      `SELECT id, study_id, position, code, swapped, dialogues, language FROM study_units WHERE study_id = ?
       ORDER BY position LIMIT ? OFFSET ?`,
    ),
    unitCount: db.prepare<[string], number>('SELECT count(*) FROM study_units WHERE study_id = ?').pluck(),
    unit: db.prepare<[string, string], UnitRow>(
      'SELECT id, study_id, position, code, swapped, dialogues, language FROM study_units WHERE study_id = ? AND id = ?',
    ),
    transcripts: db.prepare<[string], string>('SELECT transcripts FROM study_units WHERE id = ?').pluck(),
    raters: db.prepare<[string], { name: string; kind: 'human' | 'llm'; token_hash: string | null }>(
      'SELECT name, kind, token_hash FROM study_raters WHERE study_id = ? ORDER BY created_at, name',
    ),
    rater: db.prepare<[string, string], { name: string; kind: 'human' | 'llm' }>(
      'SELECT name, kind FROM study_raters WHERE study_id = ? AND name = ?',
    ),
    setToken: db.prepare('UPDATE study_raters SET token_hash = ? WHERE study_id = ? AND name = ?'),
    byToken: db.prepare<[string], { study_id: string; name: string }>(
      "SELECT study_id, name FROM study_raters WHERE token_hash = ? AND kind = 'human'",
    ),
    assignments: db.prepare<[string], { rater: string; unit_id: string; position: number }>(
      'SELECT rater, unit_id, position FROM study_assignments WHERE study_id = ? ORDER BY rater, position',
    ),
    assigned: db
      .prepare<[string, string, string], number>(
        'SELECT count(*) FROM study_assignments WHERE study_id = ? AND rater = ? AND unit_id = ?',
      )
      .pluck(),
    raterUnits: db.prepare<[string, string], UnitRow>(
      `SELECT u.id, u.study_id, u.position, u.code, u.swapped, u.dialogues, u.language
       FROM study_assignments a JOIN study_units u ON u.id = a.unit_id
       WHERE a.study_id = ? AND a.rater = ? ORDER BY a.position`,
    ),
    maxPosition: db
      .prepare<[string, string], number | null>(
        'SELECT max(position) FROM study_assignments WHERE study_id = ? AND rater = ?',
      )
      .pluck(),
    saveAnswer: db.prepare(
      `INSERT INTO study_answers (study_id, unit_id, rater, key, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (study_id, unit_id, rater, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ),
    clearAnswer: db.prepare('DELETE FROM study_answers WHERE study_id = ? AND unit_id = ? AND rater = ? AND key = ?'),
    answers: db.prepare<[string], { unit_id: string; rater: string; key: string; value: number; updated_at: string }>(
      'SELECT unit_id, rater, key, value, updated_at FROM study_answers WHERE study_id = ? ORDER BY unit_id, rater, key',
    ),
    unitAnswers: db.prepare<[string, string, string], { key: string; value: number }>(
      'SELECT key, value FROM study_answers WHERE study_id = ? AND unit_id = ? AND rater = ?',
    ),
    answerCounts: db.prepare<[string, string], { unit_id: string; n: number }>(
      'SELECT unit_id, count(*) AS n FROM study_answers WHERE study_id = ? AND rater = ? GROUP BY unit_id',
    ),
    lastAnswers: db.prepare<[string], { rater: string; n: number; last: string }>(
      'SELECT rater, count(*) AS n, max(updated_at) AS last FROM study_answers WHERE study_id = ? GROUP BY rater',
    ),
    answeredOf: db
      .prepare<[string], number>(
        `SELECT count(*) FROM study_answers s JOIN study_assignments a
         ON a.study_id = s.study_id AND a.rater = s.rater AND a.unit_id = s.unit_id WHERE s.study_id = ?`,
      )
      .pluck(),
    assignmentCount: db.prepare<[string], number>('SELECT count(*) FROM study_assignments WHERE study_id = ?').pluck(),
    raterAssigned: db
      .prepare<[string, string], number>('SELECT count(*) FROM study_assignments WHERE study_id = ? AND rater = ?')
      .pluck(),
    raterDone: db
      .prepare<[string, string, number], number>(
        `SELECT count(*) FROM (SELECT s.unit_id FROM study_assignments a JOIN study_answers s
           ON s.study_id = a.study_id AND s.unit_id = a.unit_id AND s.rater = a.rater
         WHERE a.study_id = ? AND a.rater = ? GROUP BY s.unit_id HAVING count(*) >= ?)`,
      )
      .pluck(),
    unitAnswerCount: db
      .prepare<[string, string, string], number>(
        'SELECT count(*) FROM study_answers WHERE study_id = ? AND unit_id = ? AND rater = ?',
      )
      .pluck(),
    unitsAnswered: db
      .prepare<[string, string | null, string | null, number], string>(
        `SELECT DISTINCT s.unit_id FROM study_answers s JOIN study_raters r
           ON r.study_id = s.study_id AND r.name = s.rater AND r.kind = 'human'
         WHERE s.study_id = ? AND (? IS NULL OR s.key = ?) AND s.value = ?`,
      )
      .pluck(),
    saveComment: db.prepare(
      `INSERT INTO study_comments (study_id, unit_id, rater, text, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (study_id, unit_id, rater) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
    ),
    clearComment: db.prepare('DELETE FROM study_comments WHERE study_id = ? AND unit_id = ? AND rater = ?'),
    comments: db.prepare<[string], { unit_id: string; rater: string; text: string; updated_at: string }>(
      'SELECT unit_id, rater, text, updated_at FROM study_comments WHERE study_id = ?',
    ),
    insertJudge: db.prepare(
      `INSERT INTO study_judges (id, study_id, rater, endpoint_id, endpoint, temperature, pinned, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
    ),
    judge: db.prepare<[string], JudgeRow>('SELECT * FROM study_judges WHERE id = ?'),
    judges: db.prepare<[string], JudgeRow>('SELECT * FROM study_judges WHERE study_id = ? ORDER BY created_at DESC'),
    judgesWithStatus: db.prepare<[string], JudgeRow>('SELECT * FROM study_judges WHERE status = ?'),
    finishJudge: db.prepare('UPDATE study_judges SET status = ?, error = ?, finished_at = ? WHERE id = ?'),
    restartJudge: db.prepare(
      "UPDATE study_judges SET status = 'running', error = NULL, finished_at = NULL WHERE id = ?",
    ),
    judgeFailed: db.prepare('UPDATE study_judges SET failed = ? WHERE id = ?'),
  }
  const toStudy = (r: {
    id: string
    name: string
    design: StudyDesign
    config: string
    sources: string
    created_at: string
  }): StudyRecord => ({
    id: r.id,
    name: r.name,
    design: r.design,
    config: JSON.parse(r.config),
    sources: JSON.parse(r.sources),
    createdAt: r.created_at,
  })

  return {
    judgeOwnership: ownership(db, 'study_judges'),
    /** A study with its units, raters and assignments, in one transaction. */
    create: db.transaction(
      (
        study: Omit<StudyRecord, 'createdAt'>,
        units: NewUnit[],
        raters: string[],
        assignments: Map<string, string[]>,
      ) => {
        const at = nowIso()
        sql.insertStudy.run(
          study.id,
          study.name,
          study.design,
          JSON.stringify(study.config),
          JSON.stringify(study.sources),
          at,
        )
        for (const u of units)
          sql.insertUnit.run(
            u.id,
            study.id,
            u.position,
            u.code,
            u.swapped ? 1 : 0,
            JSON.stringify(u.dialogues),
            JSON.stringify(u.transcripts),
            u.language,
          )
        for (const name of raters) sql.insertRater.run(study.id, name, 'human', at)
        for (const [rater, unitIds] of assignments) unitIds.forEach((u, i) => sql.assign.run(study.id, rater, u, i))
      },
    ),
    get(id: string): StudyRecord | undefined {
      const row = sql.get.get(id)
      return row && toStudy(row)
    },
    list: (): StudyRecord[] => sql.list.all().map(toStudy),
    remove: (id: string) => sql.remove.run(id).changes > 0,
    units: (studyId: string, offset = 0, limit = -1): UnitRecord[] => sql.units.all(studyId, limit, offset).map(toUnit),
    unitCount: (studyId: string): number => sql.unitCount.get(studyId) ?? 0,
    unit(studyId: string, unitId: string): UnitRecord | undefined {
      const row = sql.unit.get(studyId, unitId)
      return row && toUnit(row)
    },
    transcripts: (unitId: string): Transcript[] => JSON.parse(sql.transcripts.get(unitId) ?? '[]'),
    raters: (studyId: string) =>
      sql.raters.all(studyId).map((r) => ({ name: r.name, kind: r.kind, hasLink: r.token_hash !== null })),
    rater: (studyId: string, name: string) => sql.rater.get(studyId, name),
    addRater(studyId: string, name: string, kind: 'human' | 'llm') {
      sql.insertRater.run(studyId, name, kind, nowIso())
    },
    setLinkToken(studyId: string, rater: string, tokenHash: string) {
      sql.setToken.run(tokenHash, studyId, rater)
    },
    /** The study and rater a link's token hash opens. */
    link(tokenHash: string): { studyId: string; rater: string } | null {
      const row = sql.byToken.get(tokenHash)
      return row ? { studyId: row.study_id, rater: row.name } : null
    },
    /** Rater → unit ids in the rater's order. */
    assignments(studyId: string): Map<string, string[]> {
      const out = new Map<string, string[]>()
      for (const a of sql.assignments.all(studyId)) {
        const list = out.get(a.rater)
        if (list) list.push(a.unit_id)
        else out.set(a.rater, [a.unit_id])
      }
      return out
    },
    isAssigned: (studyId: string, rater: string, unitId: string) => (sql.assigned.get(studyId, rater, unitId) ?? 0) > 0,
    raterUnits: (studyId: string, rater: string): UnitRecord[] => sql.raterUnits.all(studyId, rater).map(toUnit),
    /** Moves units to `rater` (appended to their order) from the raters they were assigned to. */
    reassign: db.transaction((studyId: string, rater: string, moves: { from: string; unitId: string }[]) => {
      let position = (sql.maxPosition.get(studyId, rater) ?? -1) + 1
      for (const m of moves) {
        sql.unassign.run(studyId, m.from, m.unitId)
        sql.assign.run(studyId, rater, m.unitId, position++)
      }
    }),
    saveAnswer(studyId: string, unitId: string, rater: string, key: string, value: number | null) {
      if (value === null) sql.clearAnswer.run(studyId, unitId, rater, key)
      else sql.saveAnswer.run(studyId, unitId, rater, key, value, nowIso())
    },
    answers: (studyId: string): AnswerRow[] =>
      sql.answers
        .all(studyId)
        .map((r) => ({ unitId: r.unit_id, rater: r.rater, key: r.key, value: r.value, updatedAt: r.updated_at })),
    unitAnswers: (studyId: string, unitId: string, rater: string) => sql.unitAnswers.all(studyId, unitId, rater),
    /** Unit id → answers the rater gave there. */
    answerCounts: (studyId: string, rater: string) =>
      new Map(sql.answerCounts.all(studyId, rater).map((r) => [r.unit_id, r.n])),
    lastAnswers: (studyId: string) => new Map(sql.lastAnswers.all(studyId).map((r) => [r.rater, r])),
    /** Answers given by assigned raters, and assignments (for answered / due). */
    answeredOf: (studyId: string): number => sql.answeredOf.get(studyId) ?? 0,
    assignmentCount: (studyId: string): number => sql.assignmentCount.get(studyId) ?? 0,
    /** A rater's assigned units, and how many of them have at least `keys` answers (counted in SQL). */
    raterCounts: (studyId: string, rater: string, keys: number) => ({
      tasks: sql.raterAssigned.get(studyId, rater) ?? 0,
      done: sql.raterDone.get(studyId, rater, keys) ?? 0,
    }),
    unitAnswerCount: (studyId: string, unitId: string, rater: string): number =>
      sql.unitAnswerCount.get(studyId, unitId, rater) ?? 0,
    /** Units where a human rater gave `value` to `key` (null: to any key). */
    unitsAnswered: (studyId: string, key: string | null, value: number): Set<string> =>
      new Set(sql.unitsAnswered.all(studyId, key, key, value)),
    saveComment(studyId: string, unitId: string, rater: string, text: string) {
      if (text.trim() === '') sql.clearComment.run(studyId, unitId, rater)
      else sql.saveComment.run(studyId, unitId, rater, text, nowIso())
    },
    comments: (studyId: string) =>
      sql.comments
        .all(studyId)
        .map((r) => ({ unitId: r.unit_id, rater: r.rater, text: r.text, updatedAt: r.updated_at })),

    insertJudge(
      j: Pick<JudgeRecord, 'id' | 'studyId' | 'rater' | 'endpointId' | 'endpoint' | 'temperature' | 'pinned'>,
    ) {
      sql.insertJudge.run(
        j.id,
        j.studyId,
        j.rater,
        j.endpointId,
        j.endpoint,
        j.temperature,
        JSON.stringify(j.pinned),
        nowIso(),
      )
    },
    judge(id: string): JudgeRecord | undefined {
      const row = sql.judge.get(id)
      return row && toJudge(row)
    },
    judges: (studyId: string): JudgeRecord[] => sql.judges.all(studyId).map(toJudge),
    runningJudges: (): JudgeRecord[] => sql.judgesWithStatus.all('running').map(toJudge),
    finishJudge(id: string, status: Exclude<JudgeStatus, 'running'>, error: string | null) {
      sql.finishJudge.run(status, error, nowIso(), id)
    },
    restartJudge: (id: string) => sql.restartJudge.run(id),
    setJudgeFailed: (id: string, failed: number) => sql.judgeFailed.run(failed, id),
  }
}
export type StudyRepo = ReturnType<typeof studyRepo>
