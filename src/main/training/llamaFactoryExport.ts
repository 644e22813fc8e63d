import type { TrainingSampleStyle, TrainingSummary } from '@shared/training'
import type { DialogueDetail, Message } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import { writeOpenAiRecord } from '../datasets/formats/openai'
import { writeShareGptRecord } from '../datasets/formats/sharegpt'
import { seedContext } from '../simulation/counselors/seedContext'
import { seededShuffle } from '../seededRandom'

/**
 * 'messages': the Interactive Agents release layout (OpenAI roles, sharegpt formatting with role/content tags).
 * 'sharegpt': classic ShareGPT, `conversations` of { from: human|gpt, value } plus `system`.
 */
export type TrainingLayout = 'messages' | 'sharegpt'

/** Dialogue-level reasons, plus 'duplicate', which counts dropped samples (not dialogues). */
export type FilterReason =
  'incomplete' | 'flagged' | 'language' | 'pool' | 'min_turns' | 'not_alternating' | 'no_counselor_turn' | 'duplicate'

export interface TrainingExportOptions {
  /** system-prompt (default): the layouts below. seed-context: alpaca samples, see seedContextSamples. */
  sampleStyle?: TrainingSampleStyle
  layout?: TrainingLayout
  /** Chosen explicitly (see defaultSystemPrompt); null or '' writes no system message. */
  systemPrompt: string | null
  /** One sample per counselor turn: the history up to and including that reply. */
  perTurnSplit?: boolean
  onlyComplete?: boolean
  minTurns?: number
  excludeFlagged?: boolean
  language?: Language
  /** Role card pools to keep; dialogues without a role card have pool ''. */
  pools?: readonly string[]
  dedupe?: boolean
  /**
   * Share of dialogues held out, 0..0.5. Default 0: the paper's val_size 0.001 is set in the
   * train config instead (trainConfig presets), so LLaMA-Factory splits and nothing is held out twice.
   */
  validationShare?: number
  seed?: number
  datasetName?: string
}

/** The shared summary, with the filter reasons this module knows. */
export type TrainingExportSummary = Omit<TrainingSummary, 'filtered' | 'systemPrompt' | 'sampleStyle'> & {
  filtered: Partial<Record<FilterReason, number>>
}

export interface TrainingExport {
  train: object[]
  validation: object[]
  datasetInfo: Record<string, object>
  summary: TrainingExportSummary
}

export const TRAIN_FILE = 'data.json'
export const VALIDATION_FILE = 'validation.json'
const CHARS_PER_TOKEN: Record<Language, number> = { zh: 2, en: 4 }

/** The counselor system prompt all dialogues were simulated with, or null when they differ or lack one. */
export function defaultSystemPrompt(dialogues: Iterable<DialogueDetail>): string | null {
  let shared: string | null = null
  for (const d of dialogues) {
    if (!d.systemPrompt || (shared !== null && d.systemPrompt !== shared)) return null
    shared = d.systemPrompt
  }
  return shared
}

function rejectReason(d: DialogueDetail, o: TrainingExportOptions): FilterReason | null {
  if ((o.onlyComplete ?? true) && d.status !== 'completed') return 'incomplete'
  if ((o.excludeFlagged ?? true) && (d.flagged || d.messages.some((m) => m.flagged))) return 'flagged'
  if (o.language && d.language !== o.language) return 'language'
  if (o.pools && !o.pools.includes(d.roleCard?.pool ?? '')) return 'pool'
  if (o.minTurns !== undefined && d.turns < o.minTurns) return 'min_turns'
  return null
}

/** Client first, strictly alternating (LLaMA-Factory skips other samples); trailing client messages dropped. */
function trainableMessages(messages: Message[]): Message[] | FilterReason {
  const ordered = [...messages].sort((a, b) => a.index - b.index)
  let end = ordered.length
  while (end > 0 && ordered[end - 1].speaker === 'client') end--
  const kept = ordered.slice(0, end)
  if (kept.length === 0) return 'no_counselor_turn'
  const alternating = kept.every((m, i) => m.speaker === (i % 2 === 0 ? 'client' : 'counselor'))
  return alternating ? kept : 'not_alternating'
}

function renderSample(d: DialogueDetail, messages: Message[], o: TrainingExportOptions): object {
  const dialogue = { ...d, messages, systemPrompt: o.systemPrompt || null }
  if ((o.layout ?? 'messages') === 'messages') return writeOpenAiRecord(dialogue, null)
  const { id: _id, ...record } = writeShareGptRecord(dialogue, d.id, null)
  return record
}

export function datasetInfoEntry(layout: TrainingLayout, fileName: string, withSystem: boolean): object {
  if (layout === 'messages') {
    return {
      file_name: fileName,
      formatting: 'sharegpt',
      columns: { messages: 'messages' },
      tags: {
        role_tag: 'role',
        content_tag: 'content',
        user_tag: 'user',
        assistant_tag: 'assistant',
        system_tag: 'system',
      },
    }
  }
  // Classic ShareGPT uses LLaMA-Factory's default tags (from/value, human/gpt).
  return {
    file_name: fileName,
    formatting: 'sharegpt',
    columns: withSystem ? { messages: 'conversations', system: 'system' } : { messages: 'conversations' },
  }
}

export function buildTrainingExport(
  dialogues: Iterable<DialogueDetail>,
  options: TrainingExportOptions,
): TrainingExport {
  const share = options.validationShare ?? 0
  if (!(share >= 0 && share <= 0.5)) throw new RangeError(`validationShare must be between 0 and 0.5, got ${share}`)
  const layout = options.layout ?? 'messages'
  const name = options.datasetName ?? 'simpsy'
  const filtered: Partial<Record<FilterReason, number>> = {}
  const count = (reason: FilterReason) => (filtered[reason] = (filtered[reason] ?? 0) + 1)
  const seen = new Set<string>()
  const groups: { samples: object[]; counselorTurns: number; tokens: number }[] = []

  const seedContext = options.sampleStyle === 'seed-context' ? { seed: 0, derived: 0, none: 0 } : null
  for (const d of dialogues) {
    const reason = rejectReason(d, options)
    if (reason) {
      count(reason)
      continue
    }
    if (seedContext) {
      const made = seedContextSamples(d, options)
      if (typeof made === 'string') {
        count(made)
        continue
      }
      const group = { samples: [] as object[], counselorTurns: made.samples.length, tokens: 0 }
      for (const sample of made.samples) {
        if ((options.dedupe ?? true) && seen.has(JSON.stringify(sample))) {
          count('duplicate')
          continue
        }
        seen.add(JSON.stringify(sample))
        group.samples.push(sample)
        const chars = Object.values(sample).reduce((n: number, text) => n + text.length, 0)
        group.tokens += Math.ceil(chars / CHARS_PER_TOKEN[d.language])
      }
      if (group.samples.length === 0) continue
      seedContext[made.context]++
      groups.push(group)
      continue
    }
    const messages = trainableMessages(d.messages)
    if (typeof messages === 'string') {
      count(messages)
      continue
    }
    const ends = options.perTurnSplit
      ? messages.flatMap((m, i) => (m.speaker === 'counselor' ? [i + 1] : []))
      : [messages.length]
    const group = { samples: [] as object[], counselorTurns: 0, tokens: 0 }
    for (const end of ends) {
      const prefix = messages.slice(0, end)
      const key = JSON.stringify(prefix.map((m) => [m.speaker, m.content]))
      if ((options.dedupe ?? true) && seen.has(key)) {
        count('duplicate')
        continue
      }
      seen.add(key)
      group.samples.push(renderSample(d, prefix, options))
      const chars = (options.systemPrompt ?? '').length + prefix.reduce((n, m) => n + m.content.length, 0)
      group.tokens += Math.ceil(chars / CHARS_PER_TOKEN[d.language])
    }
    if (group.samples.length === 0) continue
    group.counselorTurns = messages.filter((m) => m.speaker === 'counselor').length
    groups.push(group)
  }

  // Hold out whole dialogues, so per-turn prefixes of one dialogue never straddle train and validation.
  let held = Math.round(share * groups.length)
  if (share > 0 && groups.length >= 2) held = Math.min(Math.max(held, 1), groups.length - 1)
  const validationIndices = new Set(
    seededShuffle(
      groups.map((_, i) => i),
      options.seed ?? 0,
    ).slice(0, held),
  )
  const train: object[] = []
  const validation: object[] = []
  groups.forEach((g, i) => (validationIndices.has(i) ? validation : train).push(...g.samples))

  const withSystem = Boolean(options.systemPrompt)
  const entry = (fileName: string) =>
    seedContext ? seedContextInfoEntry(fileName, withSystem) : datasetInfoEntry(layout, fileName, withSystem)
  const datasetInfo: Record<string, object> = { [name]: entry(TRAIN_FILE) }
  if (validation.length) datasetInfo[`${name}_validation`] = entry(VALIDATION_FILE)

  return {
    train,
    validation,
    datasetInfo,
    summary: {
      dialogues: groups.length,
      samples: train.length + validation.length,
      trainSamples: train.length,
      validationSamples: validation.length,
      counselorTurns: groups.reduce((n, g) => n + g.counselorTurns, 0),
      estimatedTokens: groups.reduce((n, g) => n + g.tokens, 0),
      filtered,
      ...(seedContext && { seedContext }),
    },
  }
}

/*
 * Seed-context samples (MAGneT's fine-tuning data): one per counselor turn, the input holding the client information,
 * the reason for counseling and the conversation before that turn, the output the counselor's reply. They are written
 * in LLaMA-Factory's alpaca layout (instruction / input / output, named in dataset_info's `columns`) rather than as
 * sharegpt: the history is part of the input text, exactly as the counselor saw it, instead of alternating turns, so
 * sessions that open with the counselor (seed lines) and the first counselor turn (no history yet) need no special
 * case, and each sample trains exactly one reply.
 */
const SEED_CONTEXT_TEXT = {
  en: {
    instruction:
      "You are a counselor practicing cognitive behavioral therapy. Using the client's information, their reason " +
      'for seeking counseling and the conversation so far, write the counselor’s next utterance.',
    information: 'Client information',
    reason: 'Reason for counseling',
    dialogue: 'Counseling dialogue',
    notStarted: '(the session has not started yet)',
    counselor: 'Counselor',
    client: 'Client',
    sep: ': ',
    colon: ':',
  },
  zh: {
    instruction:
      '你是一位运用认知行为疗法的心理咨询师。请根据来访者信息、来访者寻求咨询的原因以及目前为止的对话，写出咨询师的下一句话。',
    information: '来访者信息',
    reason: '咨询原因',
    dialogue: '咨询对话',
    notStarted: '（咨询尚未开始）',
    counselor: '咨询师',
    client: '来访者',
    sep: '：',
    colon: '：',
  },
} as const

type ContextSource = 'seed' | 'derived' | 'none'

/** The client information and reason for counseling a seed-context sample starts from: as the methods see them. */
function seedContextOf(d: DialogueDetail): { information: string; reason: string; context: ContextSource } {
  if (!d.roleCard) return { information: '', reason: '', context: 'none' }
  const found = seedContext(d.roleCard, d.language)
  return { information: found.clientInformation, reason: found.reasonForCounseling, context: found.source }
}

function seedContextSamples(
  d: DialogueDetail,
  o: TrainingExportOptions,
): { samples: Record<string, string>[]; context: ContextSource } | FilterReason {
  const messages = [...d.messages].sort((a, b) => a.index - b.index)
  if (!messages.some((m) => m.speaker === 'counselor')) return 'no_counselor_turn'
  const text = SEED_CONTEXT_TEXT[d.language]
  const { information, reason, context } = seedContextOf(d)
  const head = [
    `${text.information}${text.colon}\n${information.trim()}`,
    `${text.reason}${text.colon}\n${reason.trim()}`,
  ].join('\n\n')
  const samples: Record<string, string>[] = []
  messages.forEach((m, i) => {
    if (m.speaker !== 'counselor') return
    const lines = messages.slice(0, i).map((h) => `${text[h.speaker]}${text.sep}${h.content}`)
    const sample: Record<string, string> = {
      instruction: text.instruction,
      input: `${head}\n\n${text.dialogue}${text.colon}\n${lines.length ? lines.join('\n') : text.notStarted}`,
      output: m.content,
    }
    if (o.systemPrompt) sample.system = o.systemPrompt
    samples.push(sample)
  })
  return { samples, context }
}

/** LLaMA-Factory's alpaca columns: prompt = instruction, query = input, response = output (and system). */
export function seedContextInfoEntry(fileName: string, withSystem: boolean): object {
  const columns: Record<string, string> = { prompt: 'instruction', query: 'input', response: 'output' }
  if (withSystem) columns.system = 'system'
  return { file_name: fileName, formatting: 'alpaca', columns }
}
