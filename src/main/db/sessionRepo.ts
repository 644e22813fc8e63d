import type { ClientStateTrace } from '@shared/clients/dynamic'
import type { DialogueStatus } from '@shared/dialogue'
import { nowIso, type Db } from './connection'

/** A session of a case as the next one reads it. */
export interface StoredSession {
  id: string
  status: DialogueStatus
  summary: string | null
}

/** The sessions of cases (dialogues sharing a case id within a dataset): their order and their summaries. */
export function sessionRepo(db: Db) {
  const session = db.prepare<[string, string, number], StoredSession>(
    `SELECT id, status, session_summary AS summary FROM dialogues
     WHERE dataset_id = ? AND case_id = ? AND session_index = ?`,
  )
  // A session can start when it is no follow-up, or when the one before it in its case is completed (its summary is
  // stored before it is marked completed).
  const ready = db
    .prepare<[string], string>(
      `SELECT d.id FROM dialogues d WHERE d.id = ? AND (d.case_id IS NULL OR coalesce(d.session_index, 1) <= 1 OR EXISTS (
         SELECT 1 FROM dialogues p WHERE p.dataset_id = d.dataset_id AND p.case_id = d.case_id
           AND p.session_index = d.session_index - 1 AND p.status = 'completed'))`,
    )
    .pluck()
  const scores = db.prepare<
    [string],
    { sessionIndex: number | null; caseId: string | null; dialogueId: string; metric: string; value: number | null }
  >(
    `SELECT d.session_index AS sessionIndex, d.case_id AS caseId, s.dialogue_id AS dialogueId, s.metric, s.value
     FROM evaluation_scores s JOIN dialogues d ON d.id = s.dialogue_id
     WHERE s.evaluation_id = ? ORDER BY d.session_index, s.ord`,
  )
  const setPrompt = db.prepare('UPDATE dialogues SET system_prompt = ?, updated_at = ? WHERE id = ?')
  const setSummary = db.prepare('UPDATE dialogues SET session_summary = ?, updated_at = ? WHERE id = ?')
  const lastState = db
    .prepare<[string], string>(
      `SELECT json_extract(trace, '$.clientState') FROM messages
       WHERE dialogue_id = ? AND speaker = 'client' AND json_extract(trace, '$.clientState') IS NOT NULL
       ORDER BY idx DESC LIMIT 1`,
    )
    .pluck()
  return {
    /** Session `index` of a case, or undefined. */
    session: (datasetId: string, caseId: string, index: number): StoredSession | undefined =>
      session.get(datasetId, caseId, index),
    /** The state a dynamic client ended a session in (its last reply's), or null (another client method). */
    lastClientState(dialogueId: string): ClientStateTrace | null {
      const found = lastState.get(dialogueId)
      return found ? (JSON.parse(found) as ClientStateTrace) : null
    },
    /** Of these dialogues, those that can start now (in the given order). */
    ready: (ids: readonly string[]): string[] => ids.filter((id) => ready.get(id) !== undefined),
    /** Every score of an analysis with the session index of its dialogue (null: no session of a case). */
    scoresBySession: (evaluationId: string) => scores.all(evaluationId),
    setSystemPrompt(id: string, prompt: string) {
      setPrompt.run(prompt, nowIso(), id)
    },
    setSummary(id: string, summary: string) {
      setSummary.run(summary, nowIso(), id)
    },
  }
}
export type SessionRepo = ReturnType<typeof sessionRepo>
