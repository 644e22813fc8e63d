import { createHash } from 'node:crypto'
import type { Message } from '@shared/dialogue'
import type { EndpointView } from '@shared/endpoint'
import type { JudgeEstimate } from '@shared/evaluation'
import type { Language } from '@shared/roleCard'
import type { DialogueSize } from '../db/dialogueRepo'
import type { EndpointSecret } from '../llm/endpointService'
import { LlmCallError, type ChatMessage, type LlmGateway } from '../llm/gateway'
import type { Parsed } from './judgeParse'

/** Where accepted judge answers are kept (judgeCacheRepo in the app, a Map in a test). */
export interface JudgeCache {
  get(hash: string): string | null
  put(hash: string, response: string): void
}

/** What a judge reads of a dialogue (a DialogueDetail will do). */
export interface JudgedDialogue {
  id: string
  language: Language
  messages: Pick<Message, 'speaker' | 'content'>[]
}

/** The parts of a judge job's config (JudgeConfigSchema) that shape each call. */
export interface JudgeSettings {
  temperature: number
  parseRetries: number
  /** false: neither read nor write the cache. */
  cache: boolean
}

export interface JudgeOptions<T> {
  temperature: number
  /** Longest answer (e.g. an answer-only referee's 10 tokens); absent: the endpoint's default. */
  maxTokens?: number | null
  parse: (text: string) => Parsed<T>
  /** New samples asked for after an unparseable or out-of-range answer. */
  parseRetries: number
  /** null: neither read nor write the cache. */
  cache: JudgeCache | null
  /** 1-based; part of the cache key so that independent rounds stay independent samples. */
  round: number
  /** Logged with each call, e.g. 'judge:wai'. */
  purpose: string
  dialogueId?: string | null
  /** Logged as the call's run id: pass the evaluation id to total its usage per job. */
  jobId?: string | null
  signal?: AbortSignal
}

export interface RejectedAnswer {
  raw: string
  reason: string
}

export interface JudgeUsage {
  promptTokens: number
  completionTokens: number
  /** null when no answer had a price. */
  cost: number | null
}

/**
 * `attempts`: gateway calls made (0 when answered from the cache); the gateway's own
 * transport retries are not counted here but logged in llm_calls.
 */
export type JudgeOutcome<T> =
  | {
      ok: true
      value: T
      raw: string
      attempts: number
      cached: boolean
      rejected: RejectedAnswer[]
      usage: JudgeUsage
    }
  | {
      ok: false
      kind: 'parse' | 'transport'
      reason: string
      raw: string | null
      attempts: number
      rejected: RejectedAnswer[]
      usage: JudgeUsage
    }

/**
 * sha256 over everything that shapes the answer: endpoint, model, temperature, messages, the round, and a max tokens
 * when one is set (keys of answers cached without one stay as they were).
 */
export function judgeCacheKey(
  endpoint: Pick<EndpointView, 'baseURL' | 'model'>,
  temperature: number,
  messages: ChatMessage[],
  round: number,
  maxTokens: number | null = null,
): string {
  const payload = JSON.stringify({
    baseURL: endpoint.baseURL.replace(/\/+$/, ''),
    model: endpoint.model,
    temperature,
    messages: messages.map((m) => [m.role, m.content]),
    round,
    ...(maxTokens === null ? {} : { maxTokens }),
  })
  return createHash('sha256').update(payload).digest('hex')
}

/**
 * One judged unit: ask, parse, ask again on a bad answer (up to parseRetries times), and
 * report failures with the raw answers instead of throwing. Only cancellation (and bugs)
 * throw, so a stopped job is not recorded as judge failures.
 */
export async function judgeOnce<T>(
  gateway: LlmGateway,
  endpoint: EndpointSecret,
  messages: ChatMessage[],
  options: JudgeOptions<T>,
): Promise<JudgeOutcome<T>> {
  const { cache, parse } = options
  const maxTokens = options.maxTokens ?? null
  const key = cache ? judgeCacheKey(endpoint, options.temperature, messages, options.round, maxTokens) : null
  const usage: JudgeUsage = { promptTokens: 0, completionTokens: 0, cost: null }
  const rejected: RejectedAnswer[] = []

  if (cache && key) {
    const hit = cache.get(key)
    // A stored answer the current parser rejects is asked for again (and replaced).
    const parsed = hit === null ? null : parse(hit)
    if (hit !== null && parsed?.ok)
      return { ok: true, value: parsed.value, raw: hit, attempts: 0, cached: true, rejected, usage }
  }

  let attempts = 0
  while (attempts <= options.parseRetries) {
    attempts++
    let content: string
    try {
      const result = await gateway.chat({
        endpoint,
        messages,
        temperature: options.temperature,
        maxTokens,
        purpose: options.purpose,
        jobId: options.jobId ?? null,
        dialogueId: options.dialogueId ?? null,
        signal: options.signal,
      })
      usage.promptTokens += result.promptTokens ?? 0
      usage.completionTokens += result.completionTokens ?? 0
      if (result.cost !== null) usage.cost = (usage.cost ?? 0) + result.cost
      content = result.content
    } catch (error) {
      if (!(error instanceof LlmCallError) || error.kind === 'cancelled' || options.signal?.aborted) throw error
      const raw = rejected.at(-1)?.raw ?? null
      return {
        ok: false,
        kind: 'transport',
        reason: `transport_${error.kind}: ${error.message}`,
        raw,
        attempts,
        rejected,
        usage,
      }
    }
    const parsed = parse(content)
    if (parsed.ok) {
      if (cache && key) cache.put(key, content)
      return { ok: true, value: parsed.value, raw: content, attempts, cached: false, rejected, usage }
    }
    rejected.push({ raw: content, reason: parsed.reason })
  }
  const last = rejected[rejected.length - 1]
  return { ok: false, kind: 'parse', reason: last.reason, raw: last.raw, attempts, rejected, usage }
}

/** The stored columns of one evaluation_items row: a score goes to `value`, a topic id to `label`. */
export function outcomeColumns(outcome: JudgeOutcome<number | string>) {
  const answer = outcome.ok ? outcome.value : null
  return {
    value: typeof answer === 'number' ? answer : null,
    label: typeof answer === 'string' ? answer : null,
    raw: outcome.raw,
    status: outcome.ok ? ('ok' as const) : ('failed' as const),
    error: outcome.ok ? null : outcome.reason,
    attempts: outcome.attempts,
  }
}

/** One planned judge call, for estimates. */
export interface JudgeUnit {
  messages: ChatMessage[]
  round: number
  language: Language
}

/** Typical length of an answer (three sentences and a final line), in characters. */
export const EXPECTED_ANSWER_CHARS: Record<Language, number> = { en: 480, zh: 160 }

/**
 * A rough token count: about 2 characters per token for Chinese, 4 for English, as with
 * common BPE tokenizers. Good enough for a cost estimate, not for context limits.
 */
export const approxTokens = (chars: number, language: Language) => Math.ceil(chars / (language === 'zh' ? 2 : 4))

/**
 * Calls, tokens and cost of a judge job before it runs. Units already answered in the cache
 * are counted as `cached`, not as calls. Assumes one answer per unit: parse retries and
 * transport retries come on top. Assumes no prompt tokens come from the server's prompt cache
 * (the logged cost prices those at the endpoint's cached-input price), as the form says.
 */
export function estimateJudgeCost(
  endpoint: Pick<EndpointView, 'baseURL' | 'model' | 'maxTokens' | 'priceInput' | 'priceOutput'>,
  units: Iterable<JudgeUnit>,
  options: { temperature: number; cache: Pick<JudgeCache, 'get'> | null },
): JudgeEstimate {
  let cached = 0
  function* asked(): Generator<SizedUnit> {
    for (const unit of units) {
      if (
        options.cache &&
        options.cache.get(judgeCacheKey(endpoint, options.temperature, unit.messages, unit.round)) !== null
      ) {
        cached++
        continue
      }
      yield { chars: unit.messages.reduce((n, m) => n + m.content.length, 0), language: unit.language, calls: 1 }
    }
  }
  const estimate = estimateSized(endpoint, asked(), 0)
  return { ...estimate, cached }
}

/** Calls planned by size only: `calls` calls of a prompt of `chars` characters (content of all its messages). */
export interface SizedUnit {
  chars: number
  language: Language
  calls: number
}

/**
 * Calls, tokens and cost from prompt sizes alone (no request is built, so the cache is not looked up): `cached` is
 * what the caller knows of it (null: not counted). The same tally as estimateJudgeCost's.
 */
export function estimateSized(
  endpoint: Pick<EndpointView, 'maxTokens' | 'priceInput' | 'priceOutput'>,
  units: Iterable<SizedUnit>,
  cached: number | null,
): JudgeEstimate {
  const estimate: JudgeEstimate = { calls: 0, promptTokens: 0, completionTokens: 0, cost: null, cached }
  for (const unit of units) {
    estimate.calls += unit.calls
    estimate.promptTokens += unit.calls * approxTokens(unit.chars, unit.language)
    estimate.completionTokens +=
      unit.calls * Math.min(endpoint.maxTokens, approxTokens(EXPECTED_ANSWER_CHARS[unit.language], unit.language))
  }
  if (endpoint.priceInput !== null || endpoint.priceOutput !== null) {
    estimate.cost =
      (estimate.promptTokens * (endpoint.priceInput ?? 0) + estimate.completionTokens * (endpoint.priceOutput ?? 0)) /
      1_000_000
  }
  return estimate
}

/** Characters of all the messages of a request. */
export const promptChars = (messages: ChatMessage[]) => messages.reduce((n, m) => n + m.content.length, 0)

/** How a judged kind asks about one item of one dialogue: its messages, how an answer is read, the log's purpose. */
export interface ItemQuestion<T> {
  purpose: string
  messages(dialogue: Omit<JudgedDialogue, 'id'>, item: string): ChatMessage[]
  parse(text: string): Parsed<T>
  /**
   * The characters a dialogue of this size adds to the prompt of `messages` for a dialogue without messages (for
   * estimates that do not read the dialogues).
   */
  addedChars(size: DialogueSize): number
}

/** What asking takes: the gateway and endpoint, the judge's settings, its cache and the job it belongs to. */
export interface Asking {
  gateway: LlmGateway
  endpoint: EndpointSecret
  config: JudgeSettings
  cache: JudgeCache | null
  extra?: { jobId?: string | null; signal?: AbortSignal }
}

/** Asks one item of one dialogue in one round (1-based), retried and cached as judgeOnce does. */
export function askItem<T>(
  { gateway, endpoint, config, cache, extra = {} }: Asking,
  question: ItemQuestion<T>,
  dialogue: JudgedDialogue,
  item: string,
  round: number,
): Promise<JudgeOutcome<T>> {
  return judgeOnce(gateway, endpoint, question.messages(dialogue, item), {
    temperature: config.temperature,
    parseRetries: config.parseRetries,
    cache: config.cache ? cache : null,
    round,
    parse: question.parse,
    purpose: question.purpose,
    dialogueId: dialogue.id,
    jobId: extra.jobId,
    signal: extra.signal,
  })
}

/** Every call of a job asking `items` of each dialogue in `rounds` rounds, for estimateJudgeCost. */
export function* itemUnits<T>(
  question: ItemQuestion<T>,
  items: readonly string[],
  dialogues: Iterable<Omit<JudgedDialogue, 'id'>>,
  rounds: number,
): Generator<JudgeUnit> {
  for (const dialogue of dialogues)
    for (const item of items) {
      const messages = question.messages(dialogue, item)
      for (let round = 1; round <= rounds; round++) yield { messages, round, language: dialogue.language }
    }
}

/**
 * The calls of itemUnits by size: the prompt of each item is the one for a dialogue without messages plus what the
 * dialogue adds (question.addedChars), so no request is built. Rounds ask the same prompt: one unit of `rounds` calls.
 */
export function* sizedItemUnits<T>(
  question: ItemQuestion<T>,
  items: readonly string[],
  dialogues: Iterable<DialogueSize>,
  rounds: number,
): Generator<SizedUnit> {
  const bases = new Map<string, number>()
  const base = (language: Language, item: string) => {
    const key = `${language}\u0000${item}`
    let chars = bases.get(key)
    if (chars === undefined) {
      chars = promptChars(question.messages({ language, messages: [] }, item))
      bases.set(key, chars)
    }
    return chars
  }
  for (const dialogue of dialogues) {
    const added = question.addedChars(dialogue)
    for (const item of items)
      yield { chars: base(dialogue.language, item) + added, language: dialogue.language, calls: rounds }
  }
}
