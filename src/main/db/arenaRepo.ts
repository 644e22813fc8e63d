import type {
  ArenaCandidate,
  ArenaConfig,
  ArenaDialogueStatus,
  ArenaDialogueView,
  ArenaStatus,
  ArenaSummary,
  ArenaTurnView,
} from '@shared/arena'
import type { EndReason } from '@shared/dialogue'
import { storedCard, type CardSelectionRecord, type Language, type RoleCard } from '@shared/roleCard'
import { nowIso, type Db } from './connection'
import { ownership } from './ownership'
import type { ArenaDecision as Decision } from '../arena/arenaReport'

/** Prompts fixed when the arena starts, so a later template edit never changes a running arena. */
import type { ArenaEffective } from '@shared/arena'

export interface ArenaPinned {
  client: { language: Language; templateId: string; version: number; text: string }[]
  contestants: { name: string; language: Language; text: string; templateId: string | null; version: number | null }[]
  referee: { language: Language; templateId: string; version: number; text: string }[] | null
  refereePromptVersion: string
  /** What each agent actually used (endpoint defaults resolved); absent in arenas started before it was recorded. */
  effective?: ArenaEffective
  /** How its role cards were chosen; absent in arenas started before it was recorded. */
  cards?: CardSelectionRecord
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

/** A dialogue as lists show it: everything but its role card. */
export type ArenaDialogueItem = Omit<ArenaDialogueView, 'messages' | 'turns'>
export interface ArenaDialogueRecord extends ArenaDialogueItem {
  roleCard: RoleCard
  /** Per-session state of the dialogue's contestants, by contestant name (e.g. a MAGneT contestant's CBT plan). */
  meta: Record<string, Record<string, unknown>>
}

export type ArenaMessageRecord = ArenaDialogueView['messages'][number]

export interface TurnDecision {
  choice: string | null
  decidedBy: string | null
  refereeStatus: 'ok' | 'failed'
  refereeRaw: string | null
  refereeError: string | null
  refereeAttempts: number
  swap: ArenaTurnView['swap']
}

interface PreferenceTurnRow {
  dialogueId: string
  turn: number
  candidates: string
  choice: string | null
  annotator: string | null
}

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T))

interface DialogueRow {
  id: string
  arena_id: string
  position: number
  role_card_id: string | null
  role_card: string
  meta?: string
  language: Language
  contestants: string
  status: ArenaDialogueStatus
  annotator: string | null
  annotator_seen_at: string | null
  end_reason: string | null
  error: string | null
}
const toDialogueItem = (r: Omit<DialogueRow, 'role_card'>): ArenaDialogueItem => ({
  id: r.id,
  arenaId: r.arena_id,
  position: r.position,
  roleCardId: r.role_card_id,
  language: r.language,
  contestants: JSON.parse(r.contestants),
  status: r.status,
  annotator: r.annotator,
  annotatorSeenAt: r.annotator_seen_at,
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

interface ArenaRow {
  id: string
  name: string
  status: ArenaStatus
  config: string
  pinned: string
  error: string | null
  created_at: string
  finished_at: string | null
  owner: string | null
}
const toArena = (r: ArenaRow): ArenaRecord => ({
  id: r.id,
  name: r.name,
  status: r.status,
  config: JSON.parse(r.config),
  pinned: JSON.parse(r.pinned),
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  owner: r.owner,
})

const toDecisions = (rows: { dialogueId: string; candidates: string; choice: string | null }[]): Decision[] =>
  rows.map((r) => ({
    dialogueId: r.dialogueId,
    candidates: (JSON.parse(r.candidates) as ArenaCandidate[]).map((c) => c.contestant),
    choice: r.choice,
  }))

/** Arenas, their dialogues, messages, turns and votes. Every statement is prepared once. */
export function arenaRepo(db: Db) {
  const sql = {
    insertArena: db.prepare(
      `INSERT INTO arenas (id, name, status, config, pinned, created_at) VALUES (?, ?, 'running', ?, ?, ?)`,
    ),
    arena: db.prepare<[string], ArenaRow>('SELECT * FROM arenas WHERE id = ?'),
    arenas: db.prepare<[], ArenaRow>('SELECT * FROM arenas ORDER BY created_at DESC'),
    setStatus: db.prepare('UPDATE arenas SET status = ?, error = ?, finished_at = ? WHERE id = ?'),
    deleteArena: db.prepare('DELETE FROM arenas WHERE id = ?'),
    insertDialogue: db.prepare(
      `INSERT INTO arena_dialogues (id, arena_id, position, role_card_id, role_card, language, contestants, status, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
    ),
    dialogue: db.prepare<[string], DialogueRow>('SELECT * FROM arena_dialogues WHERE id = ?'),
    mergeMeta: db.prepare('UPDATE arena_dialogues SET meta = json_patch(meta, ?) WHERE id = ?'),
    // Without the role card: lists and the annotation page do not need it.
    dialogues: db.prepare<[string, number, number], Omit<DialogueRow, 'role_card'>>(
      `SELECT id, arena_id, position, role_card_id, language, contestants, status, annotator, annotator_seen_at, end_reason, error
       FROM arena_dialogues WHERE arena_id = ? ORDER BY position LIMIT ? OFFSET ?`,
    ),
    drivable: db
      .prepare<[string], string>(
        "SELECT id FROM arena_dialogues WHERE arena_id = ? AND status IN ('pending', 'running') ORDER BY position",
      )
      .pluck(),
    setDialogueStatus: db.prepare(
      'UPDATE arena_dialogues SET status = ?, end_reason = coalesce(?, end_reason), error = ?, updated_at = ? WHERE id = ?',
    ),
    cancelUnfinished: db.prepare(
      `UPDATE arena_dialogues SET status = 'cancelled', end_reason = '{"kind":"cancelled"}', updated_at = ?
       WHERE arena_id = ? AND status IN ('pending', 'running', 'awaiting_vote')`,
    ),
    // Only from the holder (and last use) the caller saw, so two annotators never take the same dialogue.
    claimDialogue: db.prepare(
      'UPDATE arena_dialogues SET annotator = ?, annotator_seen_at = ? WHERE id = ? AND annotator IS ? AND annotator_seen_at IS ?',
    ),
    setAnnotator: db.prepare('UPDATE arena_dialogues SET annotator = ?, annotator_seen_at = ? WHERE id = ?'),
    touchClaim: db.prepare('UPDATE arena_dialogues SET annotator_seen_at = ? WHERE id = ? AND annotator = ?'),
    counts: db.prepare<[string], { status: string; n: number }>(
      'SELECT status, count(*) AS n FROM arena_dialogues WHERE arena_id = ? GROUP BY status',
    ),
    turnStats: db.prepare<[string], { turns: number; failures: number; swapsMade: number; swapsInconsistent: number }>(
      `SELECT count(*) AS turns,
         coalesce(sum(t.referee_status = 'failed'), 0) AS failures,
         coalesce(sum(t.swap IS NOT NULL), 0) AS swapsMade,
         coalesce(sum(json_extract(t.swap, '$.consistent') = 0), 0) AS swapsInconsistent
       FROM arena_turns t JOIN arena_dialogues d ON d.id = t.dialogue_id WHERE d.arena_id = ? AND t.referee_status != 'pending'`,
    ),
    messages: db.prepare<[string], ArenaMessageRecord>(
      'SELECT idx AS "index", speaker, content, contestant FROM arena_messages WHERE dialogue_id = ? ORDER BY idx',
    ),
    insertMessage: db.prepare(
      'INSERT INTO arena_messages (dialogue_id, idx, speaker, content, contestant, meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    turns: db.prepare<[string], TurnRow>('SELECT * FROM arena_turns WHERE dialogue_id = ? ORDER BY turn'),
    turn: db.prepare<[string, number], TurnRow>('SELECT * FROM arena_turns WHERE dialogue_id = ? AND turn = ?'),
    insertTurn: db.prepare(
      `INSERT INTO arena_turns (dialogue_id, turn, candidates, shown_order, referee_status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`,
    ),
    decideTurn: db.prepare(
      `UPDATE arena_turns SET choice = ?, decided_by = ?, referee_status = ?, referee_raw = ?, referee_error = ?, referee_attempts = ?, swap = ?, decided_at = ?
       WHERE dialogue_id = ? AND turn = ?`,
    ),
    insertVote: db.prepare(
      'INSERT INTO arena_votes (dialogue_id, turn, annotator, choice, position, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    annotators: db.prepare<[string], { annotator: string; votes: number; dialogues: number }>(
      `SELECT v.annotator AS annotator, count(*) AS votes, count(DISTINCT v.dialogue_id) AS dialogues
       FROM arena_votes v JOIN arena_dialogues d ON d.id = v.dialogue_id WHERE d.arena_id = ? GROUP BY v.annotator ORDER BY v.annotator`,
    ),
    voteCounts: db.prepare<[string, string], { mine: number; total: number }>(
      `SELECT coalesce(sum(v.annotator = ?), 0) AS mine, count(*) AS total
       FROM arena_votes v JOIN arena_dialogues d ON d.id = v.dialogue_id WHERE d.arena_id = ?`,
    ),
    // A failed verdict has no choice for the ratings (its stored choice is null already).
    llmDecisions: db.prepare<[string], { dialogueId: string; candidates: string; choice: string | null }>(
      `SELECT t.dialogue_id AS dialogueId, t.candidates, CASE WHEN t.referee_status = 'ok' THEN t.choice END AS choice FROM arena_turns t
       JOIN arena_dialogues d ON d.id = t.dialogue_id
       WHERE d.arena_id IN (SELECT value FROM json_each(?)) AND t.decided_by = 'llm' AND t.referee_status != 'pending'
       ORDER BY t.decided_at, t.rowid`,
    ),
    humanDecisions: db.prepare<
      [string, string | null, string | null],
      { dialogueId: string; candidates: string; choice: string }
    >(
      `SELECT v.dialogue_id AS dialogueId, t.candidates, v.choice FROM arena_votes v
       JOIN arena_turns t ON t.dialogue_id = v.dialogue_id AND t.turn = v.turn
       JOIN arena_dialogues d ON d.id = v.dialogue_id
       WHERE d.arena_id IN (SELECT value FROM json_each(?)) AND (? IS NULL OR v.annotator = ?)
       ORDER BY v.created_at, v.rowid`,
    ),
    llmPreferenceTurns: db.prepare<[string], PreferenceTurnRow>(
      `SELECT t.dialogue_id AS dialogueId, t.turn, t.candidates, t.choice, NULL AS annotator FROM arena_turns t
       JOIN arena_dialogues d ON d.id = t.dialogue_id
       WHERE d.arena_id IN (SELECT value FROM json_each(?)) AND t.decided_by = 'llm' AND t.referee_status = 'ok'
       ORDER BY d.position, t.turn`,
    ),
    humanPreferenceTurns: db.prepare<[string, string | null, string | null], PreferenceTurnRow>(
      `SELECT v.dialogue_id AS dialogueId, v.turn, t.candidates, v.choice, v.annotator FROM arena_votes v
       JOIN arena_turns t ON t.dialogue_id = v.dialogue_id AND t.turn = v.turn
       JOIN arena_dialogues d ON d.id = v.dialogue_id
       WHERE d.arena_id IN (SELECT value FROM json_each(?)) AND (? IS NULL OR v.annotator = ?)
       ORDER BY d.position, v.turn, v.created_at`,
    ),
    votedTurns: db.prepare<
      [string],
      { dialogueId: string; turn: number; annotator: string; choice: string; language: Language }
    >(
      `SELECT v.dialogue_id AS dialogueId, v.turn, v.annotator, v.choice, d.language FROM arena_votes v
       JOIN arena_dialogues d ON d.id = v.dialogue_id WHERE d.arena_id = ? AND v.position IS NOT NULL ORDER BY v.created_at`,
    ),
    insertLink: db.prepare(
      'INSERT INTO annotator_links (token_hash, arena_id, annotator, created_at) VALUES (?, ?, ?, ?)',
    ),
    link: db.prepare<[string], { arenaId: string; annotator: string }>(
      'SELECT arena_id AS arenaId, annotator FROM annotator_links WHERE token_hash = ?',
    ),
  }

  return {
    ...ownership(db, 'arenas'),
    insertArena(a: { id: string; name: string; config: ArenaConfig; pinned: ArenaPinned }) {
      sql.insertArena.run(a.id, a.name, JSON.stringify(a.config), JSON.stringify(a.pinned), nowIso())
    },
    get(id: string): ArenaRecord | undefined {
      const row = sql.arena.get(id)
      return row && toArena(row)
    },
    list: (): ArenaRecord[] => sql.arenas.all().map(toArena),
    setStatus(id: string, status: ArenaStatus, error: string | null = null) {
      const finished = status === 'completed' || status === 'cancelled' || status === 'failed'
      sql.setStatus.run(status, error, finished ? nowIso() : null, id)
    },
    delete: (id: string): boolean => sql.deleteArena.run(id).changes > 0,

    insertDialogue(
      d: Omit<ArenaDialogueRecord, 'status' | 'meta' | 'annotator' | 'annotatorSeenAt' | 'endReason' | 'error'>,
    ) {
      sql.insertDialogue.run(
        d.id,
        d.arenaId,
        d.position,
        d.roleCardId,
        JSON.stringify(d.roleCard),
        d.language,
        JSON.stringify(d.contestants),
        nowIso(),
      )
    },
    dialogue(id: string): ArenaDialogueRecord | undefined {
      const row = sql.dialogue.get(id)
      return (
        row && {
          ...toDialogueItem(row),
          roleCard: storedCard(JSON.parse(row.role_card)),
          meta: JSON.parse(row.meta ?? '{}'),
        }
      )
    },
    /** Sets keys of an arena dialogue's state (its contestants' per-session state), keeping the others. */
    mergeDialogueMeta(id: string, patch: Record<string, unknown>) {
      sql.mergeMeta.run(JSON.stringify(patch), id)
    },
    /** An arena's dialogues in order, without their role cards. */
    dialogues: (arenaId: string, offset = 0, limit = -1): ArenaDialogueItem[] =>
      sql.dialogues.all(arenaId, limit, offset).map(toDialogueItem),
    /** Dialogues the engine still has to drive (not those waiting for a person's vote). */
    drivable: (arenaId: string): string[] => sql.drivable.all(arenaId),
    setDialogueStatus(
      id: string,
      status: ArenaDialogueStatus,
      extra: { endReason?: EndReason | null; error?: string | null } = {},
    ) {
      sql.setDialogueStatus.run(
        status,
        extra.endReason ? JSON.stringify(extra.endReason) : null,
        extra.error ?? null,
        nowIso(),
        id,
      )
    },
    cancelUnfinished(arenaId: string) {
      sql.cancelUnfinished.run(nowIso(), arenaId)
    },
    /**
     * Gives a dialogue to an annotator at `at` (ISO time), if it is still as the caller saw it (unclaimed, or held by
     * `from` last used at `fromSeenAt`); false when someone else was faster.
     */
    claimDialogue: (
      id: string,
      annotator: string,
      at: string,
      from: { annotator: string | null; annotatorSeenAt: string | null } = { annotator: null, annotatorSeenAt: null },
    ): boolean => sql.claimDialogue.run(annotator, at, id, from.annotator, from.annotatorSeenAt).changes > 0,
    /** Gives a dialogue to `annotator` from `at`, or releases it (null, null). */
    setAnnotator(id: string, annotator: string | null, at: string | null) {
      sql.setAnnotator.run(annotator, at, id)
    },
    /** The holder used the claim at `at`. */
    touchClaim(id: string, annotator: string, at: string) {
      sql.touchClaim.run(at, id, annotator)
    },
    counts(arenaId: string): ArenaSummary['dialogues'] {
      const rows = sql.counts.all(arenaId)
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
    turnStats: (arenaId: string) => sql.turnStats.get(arenaId)!,

    messages: (dialogueId: string): ArenaMessageRecord[] => sql.messages.all(dialogueId),
    appendMessage(dialogueId: string, m: ArenaMessageRecord & { meta?: object }) {
      sql.insertMessage.run(
        dialogueId,
        m.index,
        m.speaker,
        m.content,
        m.contestant,
        JSON.stringify(m.meta ?? {}),
        nowIso(),
      )
    },
    turns: (dialogueId: string): ArenaTurnView[] => sql.turns.all(dialogueId).map(toTurn),
    turn(dialogueId: string, turn: number): ArenaTurnView | undefined {
      const row = sql.turn.get(dialogueId, turn)
      return row && toTurn(row)
    },
    /** Stores a turn's candidates, undecided; returns it as turn() would. */
    insertTurn(dialogueId: string, turn: number, candidates: ArenaCandidate[], shownOrder: number[]): ArenaTurnView {
      sql.insertTurn.run(dialogueId, turn, JSON.stringify(candidates), JSON.stringify(shownOrder), nowIso())
      return {
        turn,
        candidates,
        shownOrder,
        choice: null,
        decidedBy: null,
        refereeRaw: null,
        refereeStatus: 'pending',
        refereeError: null,
        swap: null,
      }
    },
    decideTurn(dialogueId: string, turn: number, d: TurnDecision) {
      sql.decideTurn.run(
        d.choice,
        d.decidedBy,
        d.refereeStatus,
        d.refereeRaw,
        d.refereeError,
        d.refereeAttempts,
        d.swap ? JSON.stringify(d.swap) : null,
        nowIso(),
        dialogueId,
        turn,
      )
    },

    insertVote(v: { dialogueId: string; turn: number; annotator: string; choice: string; position: number | null }) {
      sql.insertVote.run(v.dialogueId, v.turn, v.annotator, v.choice, v.position, nowIso())
    },
    annotators: (arenaId: string) => sql.annotators.all(arenaId),
    voteCounts: (arenaId: string, annotator: string) => sql.voteCounts.get(annotator, arenaId)!,

    /** LLM verdicts in the order they were made (online Elo depends on it). */
    llmDecisions: (arenaIds: string[]): Decision[] => toDecisions(sql.llmDecisions.all(JSON.stringify(arenaIds))),
    /** Human votes (one annotator's, or everyone's) in the order they were cast. */
    humanDecisions: (arenaIds: string[], annotator: string | null): Decision[] =>
      toDecisions(sql.humanDecisions.all(JSON.stringify(arenaIds), annotator, annotator)),
    /** Decided turns with their candidates and choice (a contestant, tie, both_bad), for preference data. */
    preferenceTurns(arenaIds: string[], referee: 'llm' | 'human', annotator: string | null) {
      const rows =
        referee === 'llm'
          ? sql.llmPreferenceTurns.all(JSON.stringify(arenaIds))
          : sql.humanPreferenceTurns.all(JSON.stringify(arenaIds), annotator, annotator)
      return rows.map((r) => ({ ...r, candidates: JSON.parse(r.candidates) as ArenaCandidate[] }))
    },
    /** Human-voted turns with what the annotator saw, for replaying through an LLM referee. */
    votedTurns: (arenaId: string) => sql.votedTurns.all(arenaId),

    insertLink(tokenHash: string, arenaId: string, annotator: string) {
      sql.insertLink.run(tokenHash, arenaId, annotator, nowIso())
    },
    link: (tokenHash: string): { arenaId: string; annotator: string } | undefined => sql.link.get(tokenHash),
  }
}
export type ArenaRepo = ReturnType<typeof arenaRepo>
