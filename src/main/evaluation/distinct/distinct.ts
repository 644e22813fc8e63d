import { z } from 'zod'
import { WorkbenchError } from '@shared/errors'
import { DISTINCT_WORD_VOCABULARY } from '@shared/evaluation'
import type { Speaker } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import { NgramCounter, type NgramCounts } from './ngramCounter'
import { huggingFaceTokenizer, wordTokenizer, type IdTokenizer } from './tokenizers'
import { resultWords, type WordPool, type WordsResult } from './wordPool'

/**
 * Distinct-n (Li et al. 2016) and EAD (expectation-adjusted distinct, Liu et al. 2022) of a dataset's dialogues,
 * as MAGneT reports them (../shared/reference/magnet.md, "Diversity"):
 *
 * - Distinct-n = different n-grams / n-gram occurrences, n = 1..maxN. N-grams are taken within each dialogue and
 *   pooled over the dataset: an n-gram never spans two dialogues, and the same n-gram in two dialogues counts once
 *   among the different ones (and twice among the occurrences).
 * - Utterance boundaries: by default (span 'dialogue') the selected messages of a dialogue, in order, form one token
 *   sequence, so an n-gram may run from the end of one message into the next. MAGneT computes it that way: it
 *   cleans and tokenizes a whole session's text at once. For counselor or client alone, the sequence is that
 *   speaker's messages in order. Span 'utterance' keeps n-grams inside one message instead.
 * - Words: each message is cut by the workbench's segmenter (tokenize.ts: jieba for Chinese, lower-cased unless
 *   `lowercase: false`, stop words kept). MAGneT's word-level figures instead delete every character outside
 *   [0-9A-Za-z ] from the session's text, line breaks included (so the last word of a message and the first of the
 *   next become one word), keep case and split at spaces; bench/distinct.bench.ts reproduces them exactly that way,
 *   and shows the workbench's words beside.
 * - EAD = different unigrams / (V · (1 − ((V − 1) / V)^N)), N = unigram occurrences: the different tokens found over
 *   the number expected if N tokens were drawn uniformly from a vocabulary of V. For a Hugging Face tokenizer V is
 *   its vocabulary size. Words have no fixed vocabulary (the number of different words in the corpus is not V: it is
 *   the numerator), so V is an option, DEFAULT_WORD_VOCABULARY unless given; the result says which V it used.
 * - Per dialogue: the same values over that dialogue alone (its counts are what a per-dialogue table shows).
 */

/** V for EAD at word level unless the configuration gives one: a round figure, of the size of a large word list. */
export const DEFAULT_WORD_VOCABULARY = DISTINCT_WORD_VOCABULARY
export const MAX_DISTINCT_N = 5

export const DistinctOptionsSchema = z.object({
  speakers: z.enum(['counselor', 'client', 'both']).default('both'),
  tokenizer: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('words') }),
      z.object({ kind: z.literal('hf'), folder: z.string().trim().min(1, 'must name the tokenizer folder') }),
    ])
    .default({ kind: 'words' }),
  maxN: z.number().int().min(1).max(MAX_DISTINCT_N).default(3),
  span: z.enum(['dialogue', 'utterance']).default('dialogue'),
  /** Lower-case the text (words: the workbench's convention; a Hugging Face tokenizer gets lower-cased text). */
  lowercase: z.boolean().default(true),
  /** V for EAD; by default the tokenizer's vocabulary size, or DEFAULT_WORD_VOCABULARY for words. */
  vocabularySize: z.number().int().min(1).optional(),
})
export type DistinctOptionsInput = z.input<typeof DistinctOptionsSchema>
export type DistinctOptions = z.output<typeof DistinctOptionsSchema>

export interface DistinctDialogue {
  /** The dialogue's id (or its source id), carried into its per-dialogue result. */
  id?: string | number | null
  language: Language
  messages: { speaker: Speaker; content: string }[]
}

export interface DistinctNgram {
  n: number
  total: number
  unique: number
  /** unique / total; null when there is no n-gram of this length. */
  distinct: number | null
}

export interface DistinctValues {
  tokens: number
  ngrams: DistinctNgram[]
  /** null without tokens. */
  ead: number | null
}

export interface DistinctResult {
  options: DistinctOptions
  /** V used for EAD and where it came from. */
  vocabulary: { size: number; source: 'tokenizer' | 'option' | 'default' }
  pooled: DistinctValues & { dialogues: number }
  /** In the order given. */
  perDialogue: (DistinctValues & { index: number; id: string | number | null })[]
}

/** EAD of `unique` different tokens among `tokens` occurrences, vocabulary size V; null without tokens. */
export function expectationAdjustedDistinct(unique: number, tokens: number, vocabularySize: number): number | null {
  if (tokens === 0) return null
  // V (1 − (1 − 1/V)^N), computed without cancellation for large V: 1 − (1 − 1/V)^N = −expm1(N · log1p(−1/V)).
  const expected = vocabularySize === 1 ? 1 : -vocabularySize * Math.expm1(tokens * Math.log1p(-1 / vocabularySize))
  return unique / expected
}

function values(counts: NgramCounts, vocabularySize: number): DistinctValues {
  return {
    tokens: counts.tokens,
    ngrams: counts.total.map((total, i) => ({
      n: i + 1,
      total,
      unique: counts.unique[i],
      distinct: total === 0 ? null : counts.unique[i] / total,
    })),
    ead: expectationAdjustedDistinct(counts.unique[0], counts.tokens, vocabularySize),
  }
}

/** Parses the options (defaults filled in); a bad option is a WorkbenchError naming it. */
export function parseDistinctOptions(input: DistinctOptionsInput | undefined): DistinctOptions {
  const parsed = DistinctOptionsSchema.safeParse(input ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue.path.length ? issue.path.join('.') : 'options'
  throw new WorkbenchError('invalid_input', `Distinct-n option ${where}: ${issue.message}`, { path: issue.path })
}

export async function createIdTokenizer(options: DistinctOptions): Promise<IdTokenizer> {
  return options.tokenizer.kind === 'hf'
    ? huggingFaceTokenizer(options.tokenizer.folder, options.lowercase)
    : wordTokenizer(options.lowercase)
}

/** Where the time of a computation went, in milliseconds (filled in when given; the bench prints it). */
export interface DistinctTimings {
  /** Cutting the texts into tokens in this thread (no word pool). */
  tokenizeMs: number
  /** This thread waiting for word workers (their cutting not overlapped with counting). */
  waitMs: number
  /** From the start until the word workers answered the last job (word pool). */
  workersDoneMs: number
  /** Turning words into ids and counting n-grams, in this thread. */
  countMs: number
  /** Messages cut (each different text once) and messages counted. */
  textsCut: number
  messages: number
}

export const emptyTimings = (): DistinctTimings => ({
  tokenizeMs: 0,
  waitMs: 0,
  workersDoneMs: 0,
  countMs: 0,
  textsCut: 0,
  messages: 0,
})

export interface DistinctContext {
  /** Worker threads for cutting words (word level only); without one, or for few dialogues, this thread does it. */
  wordPool?: WordPool
  /** A tokenizer made already (several datasets with one Hugging Face tokenizer); made from the options if not. */
  tokenizer?: IdTokenizer
  signal?: AbortSignal
  /** Dialogues counted so far, after every few hundred. */
  onProgress?: (done: number) => void
  timings?: DistinctTimings
}

/** Dialogues per job sent to a word worker; under two jobs' worth, this thread tokenizes. */
const DIALOGUES_PER_JOB = 250

/**
 * Distinct-1..maxN and EAD of the dialogues, pooled and per dialogue. Tokenizing is most of the time (jieba and the
 * word expression: about three quarters at word level), so each different text is tokenized once (a repeated
 * utterance, "I see.", "嗯嗯", costs a lookup); with a word pool the texts are cut in worker threads while this thread
 * counts the n-grams of the dialogues already cut.
 */
export async function computeDistinct(
  dialogues: DistinctDialogue[],
  input?: DistinctOptionsInput,
  context: DistinctContext = {},
): Promise<DistinctResult> {
  const options = parseDistinctOptions(input)
  if (
    options.tokenizer.kind === 'words' &&
    !context.tokenizer &&
    context.wordPool &&
    dialogues.length >= 2 * DIALOGUES_PER_JOB
  ) {
    return distinctWithWordPool(dialogues, options, context.wordPool, context)
  }
  return distinctWithTokenizer(dialogues, options, context.tokenizer ?? (await createIdTokenizer(options)), context)
}

/** computeDistinct with a tokenizer already made (a caller reusing one, a bench trying another). */
export function distinctWithTokenizer(
  dialogues: DistinctDialogue[],
  options: DistinctOptions,
  tokenizer: IdTokenizer,
  context: Omit<DistinctContext, 'wordPool' | 'tokenizer'> = {},
): DistinctResult {
  const tally = new Tally(options, tokenizer.vocabularySize, dialogues.length)
  const timings = context.timings
  const texts = new Map<Language, Map<string, ArrayLike<number>>>()
  for (let index = 0; index < dialogues.length; index++) {
    if (index % DIALOGUES_PER_JOB === 0) {
      context.signal?.throwIfAborted()
      if (index > 0) context.onProgress?.(index)
    }
    const dialogue = dialogues[index]
    let seen = texts.get(dialogue.language)
    if (!seen) texts.set(dialogue.language, (seen = new Map()))
    const started = timings ? performance.now() : 0
    const ids = selected(dialogue, options).map((m) => {
      let cut = seen.get(m.content)
      if (cut === undefined) {
        seen.set(m.content, (cut = tokenizer.ids(m.content, dialogue.language)))
        if (timings) timings.textsCut++
      }
      return cut
    })
    const tokenized = timings ? performance.now() : 0
    tally.add(index, dialogue.id ?? null, ids)
    if (timings) {
      timings.tokenizeMs += tokenized - started
      timings.countMs += performance.now() - tokenized
      timings.messages += ids.length
    }
  }
  context.onProgress?.(dialogues.length)
  return tally.result()
}

interface Chunk {
  first: number
  /** Messages (selected) of each of its dialogues. */
  messages: number[]
  /** The text number of each message, dialogue after dialogue. */
  texts: Int32Array
  /** The texts first met in this chunk, cut by its job. */
  fresh: number[]
  job: Promise<WordsResult> | null
}

/**
 * Word level with worker threads: every different text (by language) is sent once, in the job of the chunk of
 * dialogues where it first appears; all jobs are sent at once, and this thread counts chunk after chunk as their
 * words come back (a chunk's texts are all cut once its own job and the earlier ones are back).
 */
async function distinctWithWordPool(
  dialogues: DistinctDialogue[],
  options: DistinctOptions,
  pool: WordPool,
  context: DistinctContext,
): Promise<DistinctResult> {
  const timings = context.timings
  const started = performance.now()
  const tally = new Tally(options, null, dialogues.length)
  const numbers = new Map<string, number>()
  const textNumbers = new Map<Language, Map<string, number>>()
  /** The word ids of each different text, once its job is back. */
  const textWords: Int32Array[] = []
  const chunks: Chunk[] = []
  for (let first = 0; first < dialogues.length; first += DIALOGUES_PER_JOB) {
    const end = Math.min(first + DIALOGUES_PER_JOB, dialogues.length)
    const messages: number[] = []
    const texts: number[] = []
    const fresh: number[] = []
    const jobTexts: string[] = []
    const jobLanguages: Language[] = []
    for (let i = first; i < end; i++) {
      const { language, messages: all } = dialogues[i]
      let seen = textNumbers.get(language)
      if (!seen) textNumbers.set(language, (seen = new Map()))
      let count = 0
      for (const m of all) {
        if (options.speakers !== 'both' && m.speaker !== options.speakers) continue
        let text = seen.get(m.content)
        if (text === undefined) {
          seen.set(m.content, (text = textWords.length))
          textWords.push(NO_WORDS)
          fresh.push(text)
          jobTexts.push(m.content)
          jobLanguages.push(language)
        }
        texts.push(text)
        count++
      }
      messages.push(count)
    }
    const job = jobTexts.length ? pool.words(jobTexts, jobLanguages, options.lowercase) : null
    if (job && timings) void job.then(() => (timings.workersDoneMs = performance.now() - started))
    chunks.push({ first, messages, texts: Int32Array.from(texts), fresh, job })
  }
  for (const chunk of chunks) {
    context.signal?.throwIfAborted()
    if (chunk.job) {
      const waiting = timings ? performance.now() : 0
      const result = await chunk.job
      const back = timings ? performance.now() : 0
      // The job's own word numbers become this computation's.
      const global = Int32Array.from(resultWords(result), (word) => {
        let id = numbers.get(word)
        if (id === undefined) numbers.set(word, (id = numbers.size))
        return id
      })
      const ids = result.ids
      for (let i = 0; i < ids.length; i++) ids[i] = global[ids[i]]
      let at = 0
      chunk.fresh.forEach((text, j) => (textWords[text] = ids.subarray(at, (at += result.lengths[j]))))
      if (timings) {
        timings.waitMs += back - waiting
        timings.countMs += performance.now() - back
        timings.textsCut += chunk.fresh.length
      }
    }
    const counting = timings ? performance.now() : 0
    let message = 0
    chunk.messages.forEach((count, k) => {
      const segments = new Array<Int32Array>(count)
      for (let j = 0; j < count; j++) segments[j] = textWords[chunk.texts[message++]]
      tally.add(chunk.first + k, dialogues[chunk.first + k].id ?? null, segments)
    })
    if (timings) {
      timings.countMs += performance.now() - counting
      timings.messages += message
    }
    context.onProgress?.(chunk.first + chunk.messages.length)
  }
  return tally.result()
}

const NO_WORDS = new Int32Array(0)

const selected = (dialogue: DistinctDialogue, options: DistinctOptions) =>
  options.speakers === 'both' ? dialogue.messages : dialogue.messages.filter((m) => m.speaker === options.speakers)

/** Counts dialogue by dialogue (in any order) and turns the counts into the result. */
class Tally {
  private readonly counter: NgramCounter
  private readonly perDialogue: DistinctResult['perDialogue']
  private readonly vocabulary: DistinctResult['vocabulary']

  constructor(
    private readonly options: DistinctOptions,
    tokenizerVocabulary: number | null,
    private readonly dialogues: number,
  ) {
    this.counter = new NgramCounter(options.maxN)
    this.perDialogue = new Array(dialogues)
    this.vocabulary =
      options.vocabularySize !== undefined
        ? { size: options.vocabularySize, source: 'option' }
        : tokenizerVocabulary !== null
          ? { size: tokenizerVocabulary, source: 'tokenizer' }
          : { size: DEFAULT_WORD_VOCABULARY, source: 'default' }
  }

  /** A dialogue's token ids, message by message (its selected messages, in order). */
  add(index: number, id: string | number | null, messages: ArrayLike<number>[]) {
    let segments = messages
    if (this.options.span === 'dialogue' && messages.length > 1) {
      const joined = new Int32Array(messages.reduce((sum, m) => sum + m.length, 0))
      let at = 0
      for (const m of messages) {
        joined.set(m, at)
        at += m.length
      }
      segments = [joined]
    }
    this.perDialogue[index] = { index, id, ...values(this.counter.add(segments), this.vocabulary.size) }
  }

  result(): DistinctResult {
    return {
      options: this.options,
      vocabulary: this.vocabulary,
      pooled: { dialogues: this.dialogues, ...values(this.counter.pooled(), this.vocabulary.size) },
      perDialogue: this.perDialogue,
    }
  }
}
