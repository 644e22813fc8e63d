import type { RemoteProvenance } from '@shared/remoteRun'
import { randomUUID } from 'node:crypto'
import type {
  Dataset,
  DialogueDetail,
  DialogueStatus,
  DialogueSummary,
  EndReason,
  Message,
  MessageInput,
  CaseSession,
  Speaker,
} from '@shared/dialogue'
import type { Language, RoleCard } from '@shared/roleCard'
import { nowIso, type Db } from './connection'
import { dialogueListing } from './dialogueListing'
import { EXCERPT, roleCardOf, toMessage, toSummary, type DialogueRow, type MessageRow } from './dialogueRows'
import { searchIndex } from './searchIndex'

export interface NewDialogue {
  id: string
  datasetId: string
  runId: string | null
  position: number
  roleCard: RoleCard | null
  sample: number
  language: Language
  status: DialogueStatus
  endReason: EndReason | null
  systemPrompt: string | null
  meta: Record<string, unknown>
  /** A session of a case: the case and its 1-based index (absent: a single dialogue). */
  caseId?: string | null
  sessionIndex?: number | null
  sessionSummary?: string | null
}

export type NewMessage = MessageInput

/** What one speaker said in a dialogue: how many messages and their characters (each trimmed). */
export interface SpeakerSize {
  count: number
  chars: number
}

/** A dialogue's size without its text, for estimates: counted in SQL, not read. */
export interface DialogueSize {
  id: string
  language: Language
  roleCard: RoleCard | null
  client: SpeakerSize
  counselor: SpeakerSize
}

interface SizeRow {
  id: string
  language: Language
  role_card: string | null
  client_n: number
  client_chars: number
  counselor_n: number
  counselor_chars: number
}

// The whitespace JavaScript's trim() removes that messages carry in practice (space, tab, line ends, NBSP, the
// ideographic space, BOM); trim() also removes rarer Unicode spaces, which an estimate may count.
const TRIMMED = "' ' || char(9, 10, 11, 12, 13, 160, 12288, 65279)"
const speakerSum = (speaker: string) =>
  `coalesce(sum(CASE WHEN m.speaker = '${speaker}' THEN length(trim(m.content, ${TRIMMED})) END), 0)`

/** The dialogues an analysis of complete dialogues reads: ended by a rule, nothing kept that broke one. */
const COMPLETE = "AND status = 'completed' AND flagged = 0"

interface DatasetRow {
  id: string
  name: string
  kind: Dataset['kind']
  source: string
  description: string
  created_at: string
  n: number
  cards: number
  langs: number
  lang: Language | null
  run_id: string | null
  provenance: string | null
}

// A dataset with what its dialogues say about it.
const DATASETS = `SELECT d.*, count(x.id) AS n, count(x.role_card) AS cards, count(DISTINCT x.language) AS langs, min(x.language) AS lang,
    (SELECT id FROM runs WHERE runs.dataset_id = d.id) AS run_id
  FROM datasets d LEFT JOIN dialogues x ON x.dataset_id = d.id`

const toDataset = (r: DatasetRow): Dataset => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  runId: r.run_id,
  source: r.source,
  description: r.description,
  dialogueCount: r.n,
  withRoleCards: r.cards,
  language: r.langs > 1 ? 'mixed' : (r.lang ?? 'mixed'),
  createdAt: r.created_at,
  ...(r.provenance && { ranOn: JSON.parse(r.provenance) as RemoteProvenance }),
})

/** Datasets, their dialogues and messages. A turn is counted at each counselor message. */
export function dialogueRepo(db: Db) {
  const insertMessage = db.prepare(
    `INSERT INTO messages (dialogue_id, idx, speaker, content, model, latency_ms, prompt_tokens, completion_tokens, flagged, rejected,
       trace, created_at)
     VALUES (@dialogueId, @idx, @speaker, @content, @model, @latencyMs, @promptTokens, @completionTokens, @flagged, @rejected,
       @trace, @now)`,
  )
  const bumpDialogue = db.prepare(
    `UPDATE dialogues SET message_count = message_count + 1, chars = chars + @chars,
       turns = turns + @turn, flagged = max(flagged, @flagged),
       prompt_tokens = prompt_tokens + @promptTokens, completion_tokens = completion_tokens + @completionTokens,
       updated_at = @now WHERE id = @dialogueId`,
  )
  const selectMessages = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE dialogue_id = ? ORDER BY idx')
  const selectDialogue = db.prepare<[string], DialogueRow>(`SELECT *, ${EXCERPT} FROM dialogues WHERE id = ?`)
  const setStatus = db.prepare('UPDATE dialogues SET status = ?, end_reason = ?, updated_at = ? WHERE id = ?')
  const selectSourceId = db
    .prepare<[string], unknown>("SELECT json_extract(meta, '$.externalId') FROM dialogues WHERE id = ?")
    .pluck()
  const mergeMeta = db.prepare('UPDATE dialogues SET meta = json_patch(meta, ?), updated_at = ? WHERE id = ?')
  const allDatasets = db.prepare<[], DatasetRow>(
    `${DATASETS} WHERE d.pending IS NULL GROUP BY d.id ORDER BY d.created_at DESC`,
  )
  const oneDataset = db.prepare<[string], DatasetRow>(`${DATASETS} WHERE d.id = ? AND d.pending IS NULL GROUP BY d.id`)
  const runKind = db.prepare<[string], { kind: string | null }>(
    "SELECT json_extract(config, '$.counselor.kind') AS kind FROM runs WHERE dataset_id = ? LIMIT 1",
  )
  const caseSessions = db.prepare<[string, string], CaseSession>(
    `SELECT id, session_index AS sessionIndex, status, turns, session_summary AS summary FROM dialogues
     WHERE dataset_id = ? AND case_id = ? ORDER BY session_index`,
  )
  const insertDialogue = db.prepare(
    `INSERT INTO dialogues (id, dataset_id, run_id, position, role_card_id, role_card, sample, language, status, end_reason,
       system_prompt, meta, created_at, updated_at, case_id, session_index, session_summary)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )

  /** One message and its dialogue's running totals. */
  const storeMessage = (dialogueId: string, index: number, m: NewMessage) => {
    const now = nowIso()
    const info = insertMessage.run({
      dialogueId,
      idx: index,
      speaker: m.speaker,
      content: m.content,
      model: m.model ?? null,
      latencyMs: m.latencyMs ?? null,
      promptTokens: m.promptTokens ?? null,
      completionTokens: m.completionTokens ?? null,
      flagged: m.flagged ? 1 : 0,
      rejected: JSON.stringify(m.rejected ?? []),
      trace: m.trace ? JSON.stringify(m.trace) : null,
      now,
    })
    bumpDialogue.run({
      dialogueId,
      chars: [...m.content].length,
      turn: m.speaker === 'counselor' ? 1 : 0,
      flagged: m.flagged ? 1 : 0,
      promptTokens: m.promptTokens ?? 0,
      completionTokens: m.completionTokens ?? 0,
      now,
    })
    return Number(info.lastInsertRowid)
  }

  const search = searchIndex(db)
  const { syncSearchIndex } = search
  const { list, count } = dialogueListing(db, search)

  const detail = (id: string): DialogueDetail | null => {
    const row = selectDialogue.get(id)
    if (!row) return null
    const roleCard = roleCardOf(row)
    return {
      ...toSummary(row, roleCard),
      roleCard,
      systemPrompt: row.system_prompt,
      messages: selectMessages.all(id).map(toMessage),
      meta: JSON.parse(row.meta),
      sessionSummary: row.session_summary ?? null,
      sessions: row.case_id ? caseSessions.all(row.dataset_id, row.case_id) : [],
    }
  }

  return {
    detail,
    syncSearchIndex,
    /** How many messages the search index furthest behind does not hold yet. */
    searchBehind: search.behind,
    list,
    count,
    /** Several messages in one transaction (not one savepoint each); returns their ids in order. */
    appendMessages: db.transaction((batch: { dialogueId: string; index: number; message: NewMessage }[]) =>
      batch.map(({ dialogueId, index, message }) => storeMessage(dialogueId, index, message)),
    ),
    createDataset(d: Omit<Dataset, 'dialogueCount' | 'withRoleCards' | 'createdAt' | 'language' | 'runId'>): void {
      db.prepare(
        'INSERT INTO datasets (id, name, kind, source, description, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(d.id, d.name, d.kind, d.source, d.description, nowIso())
    },
    listDatasets: (): Dataset[] => allDatasets.all().map(toDataset),
    /** The counselor method of the run that made a dataset; null when no run did (an import). */
    runCounselorKind(datasetId: string): string | null {
      const row = runKind.get(datasetId)
      // Runs from before counselor methods name no kind: they were three-stage.
      return row ? (row.kind ?? 'three-stage') : null
    },
    getDataset: (id: string): Dataset | null => {
      const row = oneDataset.get(id)
      return row ? toDataset(row) : null
    },
    renameDataset(id: string, name: string, description?: string) {
      return (
        db
          .prepare('UPDATE datasets SET name = ?, description = coalesce(?, description) WHERE id = ?')
          .run(name, description ?? null, id).changes > 0
      )
    },
    /**
     * Message ids are rowids: once the newest messages are deleted, their ids are given out again. The index's
     * mark comes back down to the newest message left, so messages stored later are indexed (and found).
     */
    deleteDataset: db.transaction((id: string) => {
      const deleted = db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0
      if (deleted) {
        search.lowerMarks()
      }
      return deleted
    }).immediate,
    insertDialogue(d: NewDialogue) {
      const now = nowIso()
      insertDialogue.run(
        d.id,
        d.datasetId,
        d.runId,
        d.position,
        d.roleCard?.id ?? null,
        d.roleCard ? JSON.stringify(d.roleCard) : null,
        d.sample,
        d.language,
        d.status,
        d.endReason ? JSON.stringify(d.endReason) : null,
        d.systemPrompt,
        JSON.stringify(d.meta),
        now,
        now,
        d.caseId ?? null,
        d.sessionIndex ?? null,
        d.sessionSummary ?? null,
      )
    },
    messages: (dialogueId: string): Message[] => selectMessages.all(dialogueId).map(toMessage),
    setStatus(dialogueId: string, status: DialogueStatus, endReason: EndReason | null) {
      setStatus.run(status, endReason ? JSON.stringify(endReason) : null, nowIso(), dialogueId)
    },
    /** Sets keys of a dialogue's meta (a method's per-session state, e.g. its CBT plan), keeping the others. */
    mergeMeta(dialogueId: string, patch: Record<string, unknown>) {
      mergeMeta.run(JSON.stringify(patch), nowIso(), dialogueId)
    },
    summary(id: string): DialogueSummary | null {
      const row = selectDialogue.get(id)
      return row ? toSummary(row, roleCardOf(row)) : null
    },
    /** Each dialogue's card id and card snapshot (no messages), in dataset order: for pairing by card and sampling. */
    cardsOf(
      datasetId: string,
      completeOnly = false,
    ): { id: string; roleCardId: string | null; roleCard: RoleCard | null }[] {
      return db
        .prepare<[string], Pick<DialogueRow, 'id' | 'role_card_id' | 'role_card'>>(
          `SELECT id, role_card_id, role_card FROM dialogues WHERE dataset_id = ? ${completeOnly ? COMPLETE : ''} ORDER BY position`,
        )
        .all(datasetId)
        .map((r) => ({ id: r.id, roleCardId: r.role_card_id, roleCard: roleCardOf(r) }))
    },
    /**
     * Every dialogue of a dataset (or only those in `only`) with the count and characters of each speaker's messages,
     * summed in SQL: no message is read into JavaScript. Role cards only `withCards`. Grouped in the order of the
     * dataset's index (position, rowid), so SQLite needs no temporary B-tree (a third faster at 55k dialogues).
     */
    *iterateSizes(
      datasetId: string,
      options: { only?: ReadonlySet<string>; completeOnly?: boolean; withCards?: boolean } = {},
    ): Generator<DialogueSize> {
      const rows = db
        .prepare<[string], SizeRow>(
          `SELECT d.id, d.language, ${options.withCards ? 'd.role_card' : 'NULL AS role_card'},
             coalesce(sum(m.speaker = 'client'), 0) AS client_n, ${speakerSum('client')} AS client_chars,
             coalesce(sum(m.speaker = 'counselor'), 0) AS counselor_n, ${speakerSum('counselor')} AS counselor_chars
           FROM dialogues d LEFT JOIN messages m ON m.dialogue_id = d.id
           WHERE d.dataset_id = ? ${options.completeOnly ? COMPLETE.replaceAll('AND ', 'AND d.') : ''}
           GROUP BY d.position, d.rowid ORDER BY d.position, d.rowid`,
        )
        .all(datasetId)
      // One object per distinct card, parsed once (PANAS plans a card's "before" once).
      const cards = new Map<string, RoleCard | null>()
      for (const r of rows) {
        if (options.only && !options.only.has(r.id)) continue
        let roleCard: RoleCard | null = null
        if (r.role_card) {
          roleCard = cards.has(r.role_card) ? cards.get(r.role_card)! : roleCardOf(r)
          cards.set(r.role_card, roleCard)
        }
        yield {
          id: r.id,
          language: r.language,
          roleCard,
          client: { count: r.client_n, chars: r.client_chars },
          counselor: { count: r.counselor_n, chars: r.counselor_chars },
        }
      }
    },
    /** How many dialogues of a dataset an analysis reads (only complete ones with `completeOnly`). */
    countDialogues: (datasetId: string, completeOnly = false): number =>
      db
        .prepare(`SELECT count(*) FROM dialogues WHERE dataset_id = ? ${completeOnly ? COMPLETE : ''}`)
        .pluck()
        .get(datasetId) as number,
    /**
     * Every dialogue of a dataset (or only those in `only`) with who said what, in order, from one query (a third of
     * the time of reading each dialogue's details: statistics at 55k dialogues). Dialogues without messages too.
     */
    *iterateTranscripts(
      datasetId: string,
      only?: ReadonlySet<string>,
      completeOnly = false,
    ): Generator<{ id: string; language: Language; messages: { speaker: Speaker; content: string }[] }> {
      const rows = db
        .prepare<[string], [string, Language, Speaker | null, string | null]>(
          `SELECT d.id, d.language, m.speaker, m.content FROM dialogues d LEFT JOIN messages m ON m.dialogue_id = d.id
           WHERE d.dataset_id = ? ${completeOnly ? COMPLETE.replaceAll('AND ', 'AND d.') : ''}
           ORDER BY d.position, d.rowid, m.idx`,
        )
        .raw()
        .iterate(datasetId)
      type Transcript = { id: string; language: Language; messages: { speaker: Speaker; content: string }[] }
      let current = null as Transcript | null
      for (const [id, language, speaker, content] of rows) {
        if (current?.id !== id) {
          if (current && (!only || only.has(current.id))) yield current
          current = { id, language, messages: [] }
        }
        if (speaker !== null && content !== null) current.messages.push({ speaker, content })
      }
      if (current && (!only || only.has(current.id))) yield current
    },
    /** Every dialogue of a dataset with its messages (or only those in `only`), for export and evaluation. */
    *iterateDetails(datasetId: string, only?: ReadonlySet<string>, completeOnly = false): Generator<DialogueDetail> {
      const ids = db
        .prepare(`SELECT id FROM dialogues WHERE dataset_id = ? ${completeOnly ? COMPLETE : ''} ORDER BY position`)
        .pluck()
        .all(datasetId) as string[]
      for (const id of ids) if (!only || only.has(id)) yield detail(id)!
    },
    /**
     * Copies dialogues (with their messages, card snapshots and meta) into an existing dataset, in the given order,
     * in one transaction. Each copy names its original (meta.copiedFrom) and keeps its source id, so scores, pairing by
     * card and exports trace back. Not tied to a run.
     */
    copyDialogues: db.transaction((ids: readonly string[], datasetId: string): number => {
      const copy = db.prepare(
        `INSERT INTO dialogues (id, dataset_id, run_id, position, role_card_id, role_card, sample, language, status,
           end_reason, turns, message_count, chars, flagged, system_prompt, meta, prompt_tokens, completion_tokens,
           created_at, updated_at, case_id, session_index, session_summary)
         SELECT ?, ?, NULL, ?, role_card_id, role_card, sample, language, status, end_reason, turns, message_count, chars,
           flagged, system_prompt,
           json_set(json_set(meta, '$.copiedFrom', id), '$.externalId', coalesce(json_extract(meta, '$.externalId'), id)),
           prompt_tokens, completion_tokens, ?, ?, case_id, session_index, session_summary
         FROM dialogues WHERE id = ?`,
      )
      const copyMessages = db.prepare(
        `INSERT INTO messages (dialogue_id, idx, speaker, content, model, latency_ms, prompt_tokens, completion_tokens,
           flagged, rejected, created_at, trace)
         SELECT ?, idx, speaker, content, model, latency_ms, prompt_tokens, completion_tokens, flagged, rejected,
           created_at, trace
         FROM messages WHERE dialogue_id = ? ORDER BY idx`,
      )
      const now = nowIso()
      ids.forEach((id, position) => {
        const newId = randomUUID()
        copy.run(newId, datasetId, position, now, now, id)
        copyMessages.run(newId, id)
      })
      return ids.length
    }),
    /**
     * What an analysis of complete dialogues leaves out of a dataset: flagged dialogues, and those that did not end
     * by a rule (failed, cancelled, running); a flagged one that also failed counts as unfinished.
     */
    leftOut(datasetId: string): { flagged: number; unfinished: number } {
      return db
        .prepare<[string], { flagged: number; unfinished: number }>(
          `SELECT coalesce(sum(status = 'completed' AND flagged = 1), 0) AS flagged,
             coalesce(sum(status != 'completed'), 0) AS unfinished FROM dialogues WHERE dataset_id = ?`,
        )
        .get(datasetId)!
    },
    /** The id a dialogue had in the file it was imported from (meta.externalId), or null. */
    sourceIdOf(dialogueId: string): string | null {
      const id = selectSourceId.get(dialogueId)
      return typeof id === 'string' && id.trim() !== '' ? id : null
    },
  }
}
export type DialogueRepo = ReturnType<typeof dialogueRepo>
