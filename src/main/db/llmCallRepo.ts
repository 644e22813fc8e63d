import type { Db } from './connection'
import { log } from '../logger'

/** One attempt against a model endpoint, as logged in `llm_calls`. Never holds a key or headers. */
export interface LlmCallEntry {
  /** The run, evaluation, arena or agreement check that made the call. */
  jobId: string | null
  dialogueId: string | null
  purpose: string
  endpointId: string | null
  model: string
  /** JSON of {messages, temperature, top_p, max_tokens, seed}. */
  request: string
  response: string | null
  finishReason: string | null
  latencyMs: number
  promptTokens: number | null
  completionTokens: number | null
  /** Prompt tokens the server read from its cache; null when it did not say (and in rows from before schema 12). */
  cachedTokens?: number | null
  cost: number | null
  /** The base URL the attempt went to (the endpoint's own or a replica's); null in rows from before schema 12. */
  replica?: string | null
  errorKind: string | null
  error: string | null
  /** 1-based within one gateway call. */
  attempt: number
  /** The gateway call the attempt belongs to (a trace step names it); null in rows from before schema 10. */
  callKey: string | null
  createdAt: string
}

export interface LlmCallRow extends LlmCallEntry {
  id: number
  cachedTokens: number | null
  replica: string | null
}

export interface LlmUsage {
  /** Attempts sent, failed ones included (what the provider saw). */
  calls: number
  promptTokens: number
  completionTokens: number
  /** Of the prompt tokens, those the server read from its cache (as far as it said). */
  cachedTokens: number
  /** null when no logged attempt had a price. */
  cost: number | null
  /** Failed attempts by error kind. */
  errors: Record<string, number>
}

const COLUMNS = `id, job_id AS jobId, dialogue_id AS dialogueId, purpose, endpoint_id AS endpointId, model, request, response,
  finish_reason AS finishReason, latency_ms AS latencyMs, prompt_tokens AS promptTokens, completion_tokens AS completionTokens,
  cached_tokens AS cachedTokens, cost, replica, error_kind AS errorKind, error, attempt, call_key AS callKey, created_at AS createdAt`

/** Usage of some rows, one group per error kind (null: the successful attempts), and the last row id read. */
const GROUPS = `error_kind AS kind, COUNT(*) AS calls, COALESCE(SUM(prompt_tokens), 0) AS promptTokens,
  COALESCE(SUM(completion_tokens), 0) AS completionTokens, COALESCE(SUM(cached_tokens), 0) AS cachedTokens,
  SUM(cost) AS cost, MAX(id) AS upto`

type Group = Omit<LlmUsage, 'errors'> & { kind: string | null; upto: number }

const noUsage = (): LlmUsage => ({
  calls: 0,
  promptTokens: 0,
  completionTokens: 0,
  cachedTokens: 0,
  cost: null,
  errors: {},
})

const addGroups = (usage: LlmUsage, groups: Group[]): LlmUsage =>
  groups.reduce(
    (u, g) => ({
      calls: u.calls + g.calls,
      promptTokens: u.promptTokens + g.promptTokens,
      completionTokens: u.completionTokens + g.completionTokens,
      cachedTokens: u.cachedTokens + g.cachedTokens,
      cost: g.cost === null ? u.cost : (u.cost ?? 0) + g.cost,
      errors: g.kind === null ? u.errors : { ...u.errors, [g.kind]: (u.errors[g.kind] ?? 0) + g.calls },
    }),
    usage,
  )

export function llmCallRepo(db: Db) {
  const insert = db.prepare<[LlmCallEntry]>(
    `INSERT INTO llm_calls (job_id, dialogue_id, purpose, endpoint_id, model, request, response, finish_reason, latency_ms,
       prompt_tokens, completion_tokens, cached_tokens, cost, replica, error_kind, error, attempt, call_key, created_at)
     VALUES (@jobId, @dialogueId, @purpose, @endpointId, @model, @request, @response, @finishReason, @latencyMs,
       @promptTokens, @completionTokens, @cachedTokens, @cost, @replica, @errorKind, @error, @attempt, @callKey, @createdAt)`,
  )
  const repliesByReplica = db.prepare<[string], { replica: string; calls: number }>(
    `SELECT replica, count(*) AS calls FROM llm_calls WHERE job_id = ? AND error_kind IS NULL AND replica IS NOT NULL
     GROUP BY replica ORDER BY calls DESC, replica`,
  )
  const jobGroupsAfter = db.prepare<[string, number], Group>(
    `SELECT ${GROUPS} FROM llm_calls WHERE job_id = ? AND id > ? GROUP BY error_kind`,
  )
  const dialogueGroups = db.prepare<[string], Group>(
    `SELECT ${GROUPS} FROM llm_calls WHERE dialogue_id = ? GROUP BY error_kind`,
  )
  const recentSuccesses = db.prepare<[string, string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM llm_calls WHERE job_id = ? AND created_at > ? AND created_at <= ? AND error_kind IS NULL',
  )
  const byId = db.prepare<[number], LlmCallRow>(`SELECT ${COLUMNS} FROM llm_calls WHERE id = ?`)
  const byDialogue = db.prepare<[string], LlmCallRow>(
    `SELECT ${COLUMNS} FROM llm_calls WHERE dialogue_id = ? ORDER BY id`,
  )

  // A run's usage is read with every progress event. Rows are only ever added, each with a larger id than
  // any before (in whichever process), so a read sums just the rows logged since the last one instead of
  // the whole run again (which grew with the square of a run's length).
  const runUsage = new Map<string, { upto: number; usage: LlmUsage }>()

  // Rows are written in one transaction per event-loop turn (a fifth of the cost of one
  // transaction per row under load); every read flushes first, so readers never miss a row.
  // Jobs flush before storing what a call produced (ownedJobs' fenced write), so no stored
  // answer, candidate or verdict is ever without its call in the log.
  let pending: LlmCallEntry[] = []
  const writeMany = db.transaction((entries: LlmCallEntry[]) => {
    for (const entry of entries) insert.run(entry)
  }).immediate
  const flush = () => {
    if (pending.length === 0) return
    const batch = pending
    pending = []
    // A request cancelled while the workspace closes may report after the database is gone.
    if (!db.open) return
    try {
      writeMany(batch)
    } catch (error) {
      // Kept for the next flush (the database was busy past its timeout, say): rows are never dropped.
      pending = batch.concat(pending)
      throw error
    }
  }
  let retry: NodeJS.Timeout | null = null
  const retryLater = (error: unknown) => {
    log.warn('LLM call log not stored yet (will retry)', error)
    retry ??= setTimeout(() => {
      retry = null
      flushSoon()
    }, 1000).unref()
  }
  /** From a timer: a failure is logged and the rows are tried again a second later, never thrown. */
  const flushSoon = () => {
    try {
      flush()
    } catch (error) {
      retryLater(error)
    }
  }

  return {
    record(entry: LlmCallEntry): void {
      if (pending.push({ ...entry, cachedTokens: entry.cachedTokens ?? null, replica: entry.replica ?? null }) === 1)
        setImmediate(flushSoon)
    },
    flush,
    /** The base URLs that answered a job's calls (successful calls only), most calls first; none before schema 12. */
    repliesByReplica(jobId: string): { replica: string; calls: number }[] {
      flushSoon()
      return repliesByReplica.all(jobId)
    },
    usageByRun(runId: string): LlmUsage {
      // Reads flush first, but a read never fails because another process holds the database.
      flushSoon()
      let known = runUsage.get(runId) ?? { upto: 0, usage: noUsage() }
      const groups = jobGroupsAfter.all(runId, known.upto)
      if (groups.length) {
        known = { upto: Math.max(...groups.map((g) => g.upto)), usage: addGroups(known.usage, groups) }
        runUsage.set(runId, known)
      }
      return { ...known.usage, errors: { ...known.usage.errors } }
    },
    usageByDialogue(dialogueId: string): LlmUsage {
      flushSoon()
      return addGroups(noUsage(), dialogueGroups.all(dialogueId))
    },
    /** Successful calls of the run in the 60 s up to `nowIso`. */
    callsPerMinute(runId: string, nowIso: string): number {
      flushSoon()
      const since = new Date(Date.parse(nowIso) - 60_000).toISOString()
      return recentSuccesses.get(runId, since, nowIso)!.n
    },
    /** One logged attempt, whole (request and response), or null. */
    get(id: number): LlmCallRow | null {
      flushSoon()
      return byId.get(id) ?? null
    },
    forDialogue(dialogueId: string): LlmCallRow[] {
      flushSoon()
      return byDialogue.all(dialogueId)
    },
  }
}
export type LlmCallRepo = ReturnType<typeof llmCallRepo>
