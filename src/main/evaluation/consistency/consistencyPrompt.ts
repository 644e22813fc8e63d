import type { Message } from '@shared/dialogue'
import type { Language, RoleCardData } from '@shared/roleCard'
import type { DialogueSize } from '../../db/dialogueRepo'
import type { ChatMessage } from '../../llm/gateway'
import type { JudgedDialogue, JudgeUnit, SizedUnit } from '../judgeClient'
import { promptChars } from '../judgeClient'
import { cleanAnswer, type Parsed } from '../judgeParse'
import { panasCardText } from '../panas/panasPrompt'

/** Recorded with every result; bump on any change of wording or format below. */
export const CONSISTENCY_PROMPT_VERSION = 'consistency.v1'

/** What the judge reads of a dialogue: its transcript and the client's role card. */
export interface ConsistencyDialogue extends JudgedDialogue {
  roleCard: RoleCardData
}

/** One readable answer: the contradicting client turns (1-based, ascending), fast recovery, the turns asked about. */
export interface ConsistencyAnswer {
  turns: number[]
  fast: boolean
  clientTurns: number
}

const LABELS: Record<Language, { client: (n: number) => string; counselor: string; colon: string }> = {
  en: { client: (n) => `Client (turn ${n})`, counselor: 'Counselor', colon: ': ' },
  zh: { client: (n) => `来访者（第${n}轮）`, counselor: '咨询师', colon: '：' },
}

/** The session with the client's turns numbered 1, 2, … (the numbers the judge answers with). */
export function numberedTranscript(messages: Pick<Message, 'speaker' | 'content'>[], language: Language): string {
  const l = LABELS[language]
  let turn = 0
  return messages
    .map((m) => `${m.speaker === 'client' ? l.client(++turn) : l.counselor}${l.colon}${m.content.trim()}`)
    .join('\n\n')
}

/** The characters numberedTranscript gives for a dialogue of this size, without reading it. */
export function numberedTranscriptChars(size: Pick<DialogueSize, 'client' | 'counselor'>, language: Language): number {
  const l = LABELS[language]
  const n = size.client.count + size.counselor.count
  if (n === 0) return 0
  let clientLabels = 0
  for (let k = 1; k <= size.client.count; k++) clientLabels += l.client(k).length
  return (
    size.client.chars +
    size.counselor.chars +
    clientLabels +
    size.client.count * l.colon.length +
    size.counselor.count * (l.counselor.length + l.colon.length) +
    2 * (n - 1)
  )
}

const TEXT = {
  en: {
    system:
      'You review simulated counseling sessions for research. The client in each session is played from a written ' +
      'profile. Your task is to check whether the client stays true to that profile and to what they said before, ' +
      'and whether their state changes at a believable pace. Judge only from the profile and the transcript.',
    card: 'Client profile',
    transcript: 'Session (client turns are numbered)',
    questions: 'Questions',
    q1:
      '1. Which numbered client turns state something that conflicts with the profile (facts, history, ' +
      'circumstances, personality) or with something the client said in an earlier turn? Count only clear ' +
      'conflicts, not new details that fit the profile.',
    q2:
      '2. Does the client improve implausibly fast for one session, for example a long-standing problem ' +
      'disappearing after a few exchanges, or a sudden change of mood or outlook that nothing in the session ' +
      'explains?',
    format:
      'You may reason briefly first. Then end your answer with exactly these two lines, with the client turn ' +
      'numbers separated by commas, or "none":\ncontradictions: <numbers or none>\nfast recovery: <yes or no>',
  },
  zh: {
    system:
      '你负责为研究审阅模拟的心理咨询会谈。每次会谈中的来访者都是依据一份书面档案扮演的。你的任务是检查来访者是否始终' +
      '符合这份档案、是否与自己先前说过的话一致，以及其状态的变化速度是否可信。只依据档案和会谈记录作判断。',
    card: '来访者档案',
    transcript: '会谈记录（来访者的发言已编号）',
    questions: '问题',
    q1:
      '1. 哪些编号的来访者发言与档案（事实、经历、处境、性格）相冲突，或与来访者在更早发言中说过的内容相冲突？' +
      '只计明确的冲突，与档案相符的新细节不算。',
    q2: '2. 就一次会谈而言，来访者的改善是否快得不合情理？例如长期存在的问题在几轮交流后就消失，或情绪、看法突然转变而会谈中没有任何内容能解释。',
    format:
      '你可以先简要说明理由。然后在回答的最后严格按以下格式写两行，编号之间用逗号分隔，没有则写“无”：\n' +
      '矛盾：<编号或无>\n恢复过快：<是或否>',
  },
} as const

/** System + user messages asking about one dialogue: the card, the numbered session, the two questions. */
export function buildConsistencyMessages(dialogue: Omit<ConsistencyDialogue, 'id'>): ChatMessage[] {
  const lang = dialogue.language
  const t = TEXT[lang]
  const user = [
    `## ${t.card}`,
    panasCardText(dialogue.roleCard, lang),
    `## ${t.transcript}`,
    numberedTranscript(dialogue.messages, lang),
    `## ${t.questions}`,
    t.q1,
    t.q2,
    t.format,
  ].join('\n\n')
  return [
    { role: 'system', content: t.system },
    { role: 'user', content: user },
  ]
}

const fail = (detail: string) => ({ ok: false as const, code: 'no_answer' as const, reason: `no_answer: ${detail}` })

const CONTRA = /(?:\bcontradictions?|矛盾(?:的发言|发言)?)[\s*_]*(?:[:=：]|是|为)[\s*_]*([^\n]*)/gi
const FAST = /(?:\bfast[\s_-]*recovery|恢复过快|改善过快)[\s*_]*(?:[:=：]|是|为)?[\s*_]*([^\n]*)/gi
const NONE = /^(?:none|no(?:ne)?\b|nil|n\/a|无|没有|不存在|0$|-$|—$)/i

/**
 * Reads the two answer lines (the last of each when repeated; either language's labels): the contradicting client
 * turns, each from 1 to `clientTurns` (out of range, or neither numbers nor "none": asked again), and yes / no.
 */
export function parseConsistency(text: string, clientTurns: number): Parsed<ConsistencyAnswer> {
  const clean = cleanAnswer(text)
  if (!clean) return { ok: false, code: 'empty', reason: 'empty: the answer is empty' }
  const contra = [...clean.matchAll(CONTRA)].at(-1)
  if (!contra) return fail('no "contradictions:" line')
  const list = contra[1].replace(/[*_`"'[\]]/g, '').trim()
  let turns: number[]
  if (NONE.test(list)) turns = []
  else {
    const numbers = [...list.matchAll(/\d+/g)].map((m) => Number(m[0]))
    if (numbers.length === 0) return fail(`no turn numbers in "${list.slice(0, 60)}"`)
    const wrong = numbers.find((n) => n < 1 || n > clientTurns)
    if (wrong !== undefined)
      return {
        ok: false,
        code: 'out_of_range',
        reason: `out_of_range: turn ${wrong} is not a client turn 1–${clientTurns}`,
      }
    turns = [...new Set(numbers)].sort((a, b) => a - b)
  }
  const fastLine = [...clean.matchAll(FAST)].at(-1)
  if (!fastLine) return fail('no "fast recovery:" line')
  const said = fastLine[1].replace(/[*_`"'[\]]/g, '').trim()
  const fast = /^(?:yes|y\b|true|是|有)/i.test(said)
    ? true
    : /^(?:no|n\b|false|否|不|没有|无)/i.test(said)
      ? false
      : null
  if (fast === null) return fail(`"fast recovery" is neither yes nor no: "${said.slice(0, 60)}"`)
  return { ok: true, value: { turns, fast, clientTurns } }
}

export const clientTurnsOf = (messages: Pick<Message, 'speaker'>[]) =>
  messages.filter((m) => m.speaker === 'client').length

/** Every call of a job, for estimateJudgeCost: one per dialogue with a card and a client turn, per round. */
export function* consistencyUnits(
  dialogues: Iterable<Omit<JudgedDialogue, 'id'> & { roleCard: RoleCardData | null }>,
  rounds: number,
): Generator<JudgeUnit> {
  for (const dialogue of dialogues) {
    const { roleCard } = dialogue
    if (!roleCard || clientTurnsOf(dialogue.messages) === 0) continue
    const messages = buildConsistencyMessages({ ...dialogue, roleCard })
    for (let round = 1; round <= rounds; round++) yield { messages, round, language: dialogue.language }
  }
}

/** consistencyUnits by size: the prompt for the card without messages plus the numbered transcript's characters. */
export function* sizedConsistencyUnits(dialogues: Iterable<DialogueSize>, rounds: number): Generator<SizedUnit> {
  const bases = new Map<RoleCardData, Partial<Record<Language, number>>>()
  for (const dialogue of dialogues) {
    const { roleCard, language } = dialogue
    if (!roleCard || dialogue.client.count === 0) continue
    const forCard = bases.get(roleCard) ?? {}
    bases.set(roleCard, forCard)
    const base = (forCard[language] ??= promptChars(buildConsistencyMessages({ language, messages: [], roleCard })))
    yield { chars: base + numberedTranscriptChars(dialogue, language), language, calls: rounds }
  }
}
