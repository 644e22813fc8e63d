import type { ArenaCandidate, ArenaConfig, ArenaDialogueStatus, ArenaStatus, ArenaSummary, ArenaTurnView } from '@shared/arena'
import type { EndReason } from '@shared/dialogue'
import type { Language, RoleCard } from '@shared/roleCard'
import { nowIso, type Db } from './connection'
import { ownership } from './ownership'
import type { ArenaDecision as Decision } from '../arena/arenaReport'

/** Prompts fixed when the arena starts, so a later template edit never changes a running arena. */
export interface ArenaPinned {
  client: { language: Language; templateId: string; version: number; text: string }[]
  contestants: { name: string; language: Language; text: string; templateId: string | null; version: number | null }[]
  referee: { language: Language; templateId: string; version: number; text: string }[] | null
  refereePromptVersion: string
}

export interface ArenaRecord {
  id: string
  name: string
  status: ArenaStatus
  config: ArenaConfig
  pinned: ArenaPinned
  error: string | null
  createdAt: string
  finishedAt: string | null
  owner: string | null
}

export interface ArenaDialogueRecord {
  id: string
  arenaId: string
  position: number
  roleCardId: string | null
  roleCard: RoleCard
  language: Language
  contestants: string[]
  status: ArenaDialogueStatus
  annotator: string | null
  endReason: EndReason | null
  error: string | null
}

export interface ArenaMessageRecord {
  index: number
  speaker: 'client' | 'counselor'
  content: string
  contestant: string | null
}

export interface TurnDecision {
  choice: string | null
  decidedBy: string | null
  refereeStatus: 'ok' | 'failed'
  refereeRaw: string | null
  refereeError: string | null
  refereeAttempts: number
  swap: ArenaTurnView['swap']
}

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T))

interface DialogueRow {
  id: string
  arena_id: string
  position: number
  role_card_id: string | null
  role_card: string
  language: Language
  contestants: string
  status: ArenaDialogueStatus
  annotator: string | null
  end_reason: string | null
  error: string | null
}
const toDialogue = (r: DialogueRow): ArenaDialogueRecord => ({
  id: r.id,
  arenaId: r.arena_id,
  position: r.position,
  roleCardId: r.role_card_id,
  roleCard: JSON.parse(r.role_card),
  language: r.language,
  contestants: JSON.parse(r.contestants),
  status: r.status,
  annotator: r.annotator,
  endReason: json<EndReason>(r.end_reason),
  error: r.error,
})

interface TurnRow {
  dialogue_id: string
  turn: number
  candidates: string
  shown_order: string
  choice: string | null
  decided_by: string | null
  referee_status: 'pending' | 'ok' | 'failed'
  referee_raw: string | null
  referee_error: string | null
  swap: string | null
}
const toTurn = (r: TurnRow): ArenaTurnView => ({
  turn: r.turn,
  candidates: JSON.parse(r.candidates),
  shownOrder: JSON.parse(r.shown_order),
  choice: r.choice,
  decidedBy: r.decided_by,
  refereeRaw: r.referee_raw,
  refereeStatus: r.referee_status,
  refereeError: r.referee_error,
  swap: json(r.swap),
})

export function arenaRepo(db: Db) {
  const selectArena = db.prepare('SELECT * FROM arenas WHERE id = ?')
  const toArena = (r: Record<string, unknown>): ArenaRecord => ({
    id: r.id as string,
    name: r.name as string,
    status: r.status as ArenaStatus,
    config: JSON.parse(r.config as string),
    pinned: JSON.parse(r.pinned as string),
    error: r.error as string | null,
    createdAt: r.created_at as string,
    finishedAt: r.finished_at as string | null,
    owner: r.owner as string | null,
  })
  const insertMessage = db.prepare(
    'INSERT INTO arena_messages (dialogue_id, idx, speaker, content, contestant, meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )

  return {
    ...ownership(db, 'arenas'),
    insertArena(a: { id: string; name: string; config: ArenaConfig; pinned: ArenaPinned }) {
      db.prepare(`INSERT INTO arenas (id, name, status, config, pinned, created_at) VALUES (?, ?, 'running', ?, ?, ?)`).run(
        a.id,
        a.name,
        JSON.stringify(a.config),
        JSON.stringify(a.pinned),
        nowIso(),
      )
    },
    get(id: string): ArenaRecord | undefined {
      const row = selectArena.get(id) as Record<string, unknown> | undefined
      return row && toArena(row)
    },
    list(): ArenaRecord[] {
      return (db.prepare('SELECT * FROM arenas ORDER BY created_at DESC').all() as Record<string, unknown>[]).map(toArena)
    },
    setStatus(id: string, status: ArenaStatus, error: string | null = null) {
      const finished = status === 'completed' || status === 'cancelled' || status === 'failed'
      db.prepare('UPDATE arenas SET status = ?, error = ?, finished_at = ? WHERE id = ?').run(status, error, finished ? nowIso() : null, id)
    },
    delete(id: string): boolean {
      return db.prepare('DELETE FROM arenas WHERE id = ?').run(id).changes > 0
    },

    insertDialogue(d: Omit<ArenaDialogueRecord, 'status' | 'annotator' | 'endReason' | 'error'>) {
      db.prepare(
        `INSERT INTO arena_dialogues (id, arena_id, position, role_card_id, role_card, language, contestants, status, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
      ).run(d.id, d.arenaId, d.position, d.roleCardId, JSON.stringify(d.roleCard), d.language, JSON.stringify(d.contestants), nowIso())
    },
    dialogue(id: string): ArenaDialogueRecord | undefined {
      const row = db.prepare('SELECT * FROM arena_dialogues WHERE id = ?').get(id) as DialogueRow | undefined
      return row && toDialogue(row)
    },
    dialogues(arenaId: string, offset = 0, limit = -1): ArenaDialogueRecord[] {
      return (db.prepare('SELECT * FROM arena_dialogues WHERE arena_id = ? ORDER BY position LIMIT ? OFFSET ?').all(arenaId, limit, offset) as DialogueRow[]).map(
        toDialogue,
      )
    },
    /** Dialogues the engine still has to drive (not those waiting for a person's vote). */
    drivable(arenaId: string): string[] {
      return db.prepare("SELECT id FROM arena_dialogues WHERE arena_id = ? AND status IN ('pending', 'running') ORDER BY position").pluck().all(arenaId) as string[]
    },
    setDialogueStatus(id: string, status: ArenaDialogueStatus, extra: { endReason?: EndReason | null; error?: string | null } = {}) {
      db.prepare('UPDATE arena_dialogues SET status = ?, end_reason = coalesce(?, end_reason), error = ?, updated_at = ? WHERE id = ?').run(
        status,
        extra.endReason ? JSON.stringify(extra.endReason) : null,
        extra.error ?? null,
        nowIso(),
        id,
      )
    },
    cancelUnfinished(arenaId: string) {
      db.prepare(
        `UPDATE arena_dialogues SET status = 'cancelled', end_reason = '{"kind":"cancelled"}', updated_at = ?
         WHERE arena_id = ? AND status IN ('pending', 'running', 'awaiting_vote')`,
      ).run(nowIso(), arenaId)
    },
    /** Gives an unclaimed dialogue to an annotator; false when someone else was faster. */
    claimDialogue(id: string, annotator: string): boolean {
      return db.prepare('UPDATE arena_dialogues SET annotator = ? WHERE id = ? AND annotator IS NULL').run(annotator, id).changes > 0
    },
    counts(arenaId: string): ArenaSummary['dialogues'] {
      const rows = db.prepare('SELECT status, count(*) AS n FROM arena_dialogues WHERE arena_id = ? GROUP BY status').all(arenaId) as { status: string; n: number }[]
      const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0
      return {
        total: rows.reduce((sum, r) => sum + r.n, 0),
        pending: n('pending'),
        running: n('running'),
        awaitingVote: n('awaiting_vote'),
        completed: n('completed'),
        failed: n('failed'),
        cancelled: n('cancelled'),
      }
    },
    turnStats(arenaId: string) {
      return db
        .prepare(
          `SELECT count(*) AS turns,
             coalesce(sum(t.referee_status = 'failed'), 0) AS failures,
             coalesce(sum(t.swap IS NOT NULL), 0) AS swapsMade,
             coalesce(sum(json_extract(t.swap, '$.consistent') = 0), 0) AS swapsInconsistent
           FROM arena_turns t JOIN arena_dialogues d ON d.id = t.dialogue_id WHERE d.arena_id = ? AND t.referee_status != 'pending'`,
        )
        .get(arenaId) as { turns: number; failures: number; swapsMade: number; swapsInconsistent: number }
    },

    messages(dialogueId: string): ArenaMessageRecord[] {
      return db.prepare('SELECT idx AS "index", speaker, content, contestant FROM arena_messages WHERE dialogue_id = ? ORDER BY idx').all(dialogueId) as ArenaMessageRecord[]
    },
    appendMessage(dialogueId: string, m: ArenaMessageRecord & { meta?: object }) {
      insertMessage.run(dialogueId, m.index, m.speaker, m.content, m.contestant, JSON.stringify(m.meta ?? {}), nowIso())
    },
    turns(dialogueId: string): ArenaTurnView[] {
      return (db.prepare('SELECT * FROM arena_turns WHERE dialogue_id = ? ORDER BY turn').all(dialogueId) as TurnRow[]).map(toTurn)
    },
    turn(dialogueId: string, turn: number): ArenaTurnView | undefined {
      const row = db.prepare('SELECT * FROM arena_turns WHERE dialogue_id = ? AND turn = ?').get(dialogueId, turn) as TurnRow | undefined
      return row && toTurn(row)
    },
    insertTurn(dialogueId: string, turn: number, candidates: ArenaCandidate[], shownOrder: number[]) {
      db.prepare(
        `INSERT INTO arena_turns (dialogue_id, turn, candidates, shown_order, referee_status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`,
      ).run(dialogueId, turn, JSON.stringify(candidates), JSON.stringify(shownOrder), nowIso())
    },
    decideTurn(dialogueId: string, turn: number, d: TurnDecision) {
      db.prepare(
        `UPDATE arena_turns SET choice = ?, decided_by = ?, referee_status = ?, referee_raw = ?, referee_error = ?, referee_attempts = ?, swap = ?, decided_at = ?
         WHERE dialogue_id = ? AND turn = ?`,
      ).run(d.choice, d.decidedBy, d.refereeStatus, d.refereeRaw, d.refereeError, d.refereeAttempts, d.swap ? JSON.stringify(d.swap) : null, nowIso(), dialogueId, turn)
    },

    insertVote(v: { dialogueId: string; turn: number; annotator: string; choice: string; position: number | null }) {
      db.prepare('INSERT INTO arena_votes (dialogue_id, turn, annotator, choice, position, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        v.dialogueId,
        v.turn,
        v.annotator,
        v.choice,
        v.position,
        nowIso(),
      )
    },
    annotators(arenaId: string): { annotator: string; votes: number; dialogues: number }[] {
      return db
        .prepare(
          `SELECT v.annotator AS annotator, count(*) AS votes, count(DISTINCT v.dialogue_id) AS dialogues
           FROM arena_votes v JOIN arena_dialogues d ON d.id = v.dialogue_id WHERE d.arena_id = ? GROUP BY v.annotator ORDER BY v.annotator`,
        )
        .all(arenaId) as { annotator: string; votes: number; dialogues: number }[]
    },
    voteCounts(arenaId: string, annotator: string) {
      return db
        .prepare(
          `SELECT coalesce(sum(v.annotator = ?), 0) AS mine, count(*) AS total
           FROM arena_votes v JOIN arena_dialogues d ON d.id = v.dialogue_id WHERE d.arena_id = ?`,
        )
        .get(annotator, arenaId) as { mine: number; total: number }
    },

    /** LLM verdicts in the order they were made (online Elo depends on it). */
    llmDecisions(arenaIds: string[]): Decision[] {
      const rows = db
        .prepare(
          `SELECT t.dialogue_id AS dialogueId, t.candidates, t.choice, t.referee_status AS status FROM arena_turns t
           JOIN arena_dialogues d ON d.id = t.dialogue_id JOIN arenas a ON a.id = d.arena_id
           WHERE d.arena_id IN (SELECT value FROM json_each(?)) AND t.decided_by = 'llm' AND t.referee_status != 'pending'
           ORDER BY t.decided_at, t.rowid`,
        )
        .all(JSON.stringify(arenaIds)) as { dialogueId: string; candidates: string; choice: string | null; status: string }[]
      return rows.map((r) => ({ dialogueId: r.dialogueId, candidates: (JSON.parse(r.candidates) as ArenaCandidate[]).map((c) => c.contestant), choice: r.status === 'ok' ? r.choice : null }))
    },
    /** Human votes (one annotator's, or everyone's) in the order they were cast. */
    humanDecisions(arenaIds: string[], annotator: string | null): Decision[] {
      const rows = db
        .prepare(
          `SELECT v.dialogue_id AS dialogueId, t.candidates, v.choice FROM arena_votes v
           JOIN arena_turns t ON t.dialogue_id = v.dialogue_id AND t.turn = v.turn
           JOIN arena_dialogues d ON d.id = v.dialogue_id
           WHERE d.arena_id IN (SELECT value FROM json_each(?)) AND (? IS NULL OR v.annotator = ?)
           ORDER BY v.created_at, v.rowid`,
        )
        .all(JSON.stringify(arenaIds), annotator, annotator) as { dialogueId: string; candidates: string; choice: string }[]
      return rows.map((r) => ({ dialogueId: r.dialogueId, candidates: (JSON.parse(r.candidates) as ArenaCandidate[]).map((c) => c.contestant), choice: r.choice }))
    },
    /** Human-voted turns with what the annotator saw, for replaying through an LLM referee. */
    votedTurns(arenaId: string) {
      return db
        .prepare(
          `SELECT v.dialogue_id AS dialogueId, v.turn, v.annotator, v.choice, d.language FROM arena_votes v
           JOIN arena_dialogues d ON d.id = v.dialogue_id WHERE d.arena_id = ? AND v.position IS NOT NULL ORDER BY v.created_at`,
        )
        .all(arenaId) as { dialogueId: string; turn: number; annotator: string; choice: string; language: Language }[]
    },

    insertLink(tokenHash: string, arenaId: string, annotator: string) {
      db.prepare('INSERT INTO annotator_links (token_hash, arena_id, annotator, created_at) VALUES (?, ?, ?, ?)').run(tokenHash, arenaId, annotator, nowIso())
    },
    link(tokenHash: string): { arenaId: string; annotator: string } | undefined {
      return db.prepare('SELECT arena_id AS arenaId, annotator FROM annotator_links WHERE token_hash = ?').get(tokenHash) as
        | { arenaId: string; annotator: string }
        | undefined
    },
  }
}
export type ArenaRepo = ReturnType<typeof arenaRepo>
