import type { Db } from './connection'

/** One attempt against a model endpoint, as logged in `llm_calls`. Never holds a key or headers. */
export interface LlmCallEntry {
  runId: string | null
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
  cost: number | null
  errorKind: string | null
  error: string | null
  /** 1-based within one gateway call. */
  attempt: number
  createdAt: string
}

export interface LlmCallRow extends LlmCallEntry {
  id: number
}

export interface LlmUsage {
  /** Attempts sent, failed ones included (what the provider saw). */
  calls: number
  promptTokens: number
  completionTokens: number
  /** null when no logged attempt had a price. */
  cost: number | null
  /** Failed attempts by error kind. */
  errors: Record<string, number>
}

const COLUMNS = `id, run_id AS runId, dialogue_id AS dialogueId, purpose, endpoint_id AS endpointId, model, request, response,
  finish_reason AS finishReason, latency_ms AS latencyMs, prompt_tokens AS promptTokens, completion_tokens AS completionTokens,
  cost, error_kind AS errorKind, error, attempt, created_at AS createdAt`

const TOTALS = `COUNT(*) AS calls, COALESCE(SUM(prompt_tokens), 0) AS promptTokens,
  COALESCE(SUM(completion_tokens), 0) AS completionTokens, SUM(cost) AS cost`

type Totals = Omit<LlmUsage, 'errors'>
type ErrorCount = { kind: string; n: number }

export function llmCallRepo(db: Db) {
  const insert = db.prepare<[LlmCallEntry]>(
    `INSERT INTO llm_calls (run_id, dialogue_id, purpose, endpoint_id, model, request, response, finish_reason, latency_ms,
       prompt_tokens, completion_tokens, cost, error_kind, error, attempt, created_at)
     VALUES (@runId, @dialogueId, @purpose, @endpointId, @model, @request, @response, @finishReason, @latencyMs,
       @promptTokens, @completionTokens, @cost, @errorKind, @error, @attempt, @createdAt)`,
  )
  const runTotals = db.prepare<[string], Totals>(`SELECT ${TOTALS} FROM llm_calls WHERE run_id = ?`)
  const runErrors = db.prepare<[string], ErrorCount>(
    'SELECT error_kind AS kind, COUNT(*) AS n FROM llm_calls WHERE run_id = ? AND error_kind IS NOT NULL GROUP BY error_kind',
  )
  const dialogueTotals = db.prepare<[string], Totals>(`SELECT ${TOTALS} FROM llm_calls WHERE dialogue_id = ?`)
  const dialogueErrors = db.prepare<[string], ErrorCount>(
    'SELECT error_kind AS kind, COUNT(*) AS n FROM llm_calls WHERE dialogue_id = ? AND error_kind IS NOT NULL GROUP BY error_kind',
  )
  const recentSuccesses = db.prepare<[string, string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM llm_calls WHERE run_id = ? AND created_at > ? AND created_at <= ? AND error_kind IS NULL',
  )
  const byDialogue = db.prepare<[string], LlmCallRow>(`SELECT ${COLUMNS} FROM llm_calls WHERE dialogue_id = ? ORDER BY id`)

  const usage = (totals: Totals, errors: ErrorCount[]): LlmUsage => ({
    ...totals,
    errors: Object.fromEntries(errors.map((e) => [e.kind, e.n])),
  })

  // Rows are written in one transaction per event-loop turn (a fifth of the cost of one
  // transaction per row under load); every read flushes first, so readers never miss a row.
  let pending: LlmCallEntry[] = []
  const writeMany = db.transaction((entries: LlmCallEntry[]) => {
    for (const entry of entries) insert.run(entry)
  })
  const flush = () => {
    if (pending.length === 0) return
    const batch = pending
    pending = []
    // A request cancelled while the workspace closes may report after the database is gone.
    if (db.open) writeMany(batch)
  }

  return {
    record(entry: LlmCallEntry): void {
      if (pending.push(entry) === 1) setImmediate(flush)
    },
    flush,
    usageByRun(runId: string): LlmUsage {
      flush()
      return usage(runTotals.get(runId)!, runErrors.all(runId))
    },
    usageByDialogue(dialogueId: string): LlmUsage {
      flush()
      return usage(dialogueTotals.get(dialogueId)!, dialogueErrors.all(dialogueId))
    },
    /** Successful calls of the run in the 60 s up to `nowIso`. */
    callsPerMinute(runId: string, nowIso: string): number {
      flush()
      const since = new Date(Date.parse(nowIso) - 60_000).toISOString()
      return recentSuccesses.get(runId, since, nowIso)!.n
    },
    forDialogue(dialogueId: string): LlmCallRow[] {
      flush()
      return byDialogue.all(dialogueId)
    },
  }
}
export type LlmCallRepo = ReturnType<typeof llmCallRepo>
