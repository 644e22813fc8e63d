import type { PanasPhase } from '@shared/evaluation'
import { BIG_FIVE, type Language, type RoleCardData } from '@shared/roleCard'
import type { DialogueSize } from '../../db/dialogueRepo'
import type { EndpointSecret } from '../../llm/endpointService'
import type { ChatMessage, LlmGateway } from '../../llm/gateway'
import {
  judgeOnce,
  type JudgeCache,
  type JudgedDialogue,
  type JudgeOutcome,
  type JudgeSettings,
  type JudgeUnit,
  type SizedUnit,
  promptChars,
} from '../judgeClient'
import { formatTranscript, transcriptChars } from '../judgeMessages'
import { PANAS_ANCHORS, PANAS_FEELING_TEXTS, PANAS_SCALE } from './feelings'
import type { Parsed } from '../judgeParse'
import { parsePanas, storedRatings } from './panasParse'

/** Recorded with every PANAS result; bump on any change of wording or format below or in feelings.ts. */
export const PANAS_PROMPT_VERSION = 'panas.v1'

/** What a PANAS judge reads of a dialogue: its transcript and its role card. */
export interface PanasDialogue extends JudgedDialogue {
  roleCard: RoleCardData
}

const FIELDS: Record<Language, Record<string, string>> = {
  en: {
    name: 'Name',
    gender: 'Gender',
    age: 'Age',
    education: 'Education',
    occupation: 'Occupation',
    maritalStatus: 'Marital status',
    family: 'Family',
    openness: 'Openness',
    conscientiousness: 'Conscientiousness',
    extraversion: 'Extraversion',
    agreeableness: 'Agreeableness',
    neuroticism: 'Neuroticism',
    title: 'Main concern',
    body: 'Description',
  },
  zh: {
    name: '姓名',
    gender: '性别',
    age: '年龄',
    education: '教育程度',
    occupation: '职业',
    maritalStatus: '婚姻状况',
    family: '家庭',
    openness: '开放性',
    conscientiousness: '尽责性',
    extraversion: '外向性',
    agreeableness: '宜人性',
    neuroticism: '神经质',
    title: '主要困扰',
    body: '具体情况',
  },
}

/**
 * The client as the judge reads it, labelled in the dialogue's language: who the client is and what they bring
 * (profile, Big Five descriptions, the complaint). Left out: the attitude toward counseling and the resistance (CACTUS
 * and MAGneT seeds derive the resistance from the attitude), so the three attitude variants of one intake form share
 * one "before" request, as MAGneT judges "before" from the intake form alone; the seed's counselor-side notes; and the
 * bookkeeping fields (tags, pool, source, notes).
 */
export function panasCardText(card: RoleCardData, language: Language): string {
  const label = FIELDS[language]
  const colon = language === 'zh' ? '：' : ': '
  const fields: [string, string][] = [
    ['name', card.name],
    ['gender', card.gender],
    ['age', card.age === null ? '' : String(card.age)],
    ['education', card.education],
    ['occupation', card.occupation],
    ['maritalStatus', card.maritalStatus],
    ['family', card.family],
    ...BIG_FIVE.map((trait): [string, string] => [trait, card.bigFive[trait].description]),
    // Imported seeds take the title from the body's first sentence: said once.
    ['title', card.complaint.body.trim().startsWith(card.complaint.title.trim()) ? '' : card.complaint.title],
    ['body', card.complaint.body],
  ]
  return fields
    .map(([key, value]) => [key, value.trim()])
    .filter(([, value]) => value)
    .map(([key, value]) => `${label[key]}${colon}${value}`)
    .join('\n')
}

const TEXT = {
  en: {
    system:
      'You are an experienced clinical psychologist. You estimate how a counseling client feels, using the Positive ' +
      'and Negative Affect Schedule (PANAS): 20 feelings, each rated on a scale from 1 to 5. Base your ratings only on ' +
      'the material you are given, and rate every feeling, even when the evidence is thin (then choose the most ' +
      'plausible value).',
    card: 'The client',
    transcript: 'Counseling session',
    before:
      'Picture this client as they arrive for their first counseling session, before anything has been said. ' +
      'How strongly do they feel each of the feelings below at that moment?',
    after:
      'The client above has just finished the counseling session shown. How strongly do they feel each of the ' +
      'feelings below at the end of this session?',
    feelings: 'Feelings',
    scale: 'Scale',
    format:
      'Answer with exactly 20 lines and nothing else: one line per feeling, in the order above, each of the form ' +
      '"feeling: score" with the feeling as written above and a whole number from 1 to 5, for example:',
  },
  zh: {
    system:
      '你是一位经验丰富的临床心理学家。你将使用正性负性情绪量表（PANAS）评估一位心理咨询来访者的情绪：共20种感受，' +
      '每种按1到5分评定。评分只依据提供给你的材料；每种感受都必须评分，证据不足时选择最可能的分数。',
    card: '来访者',
    transcript: '咨询会谈记录',
    before: '请设想这位来访者刚到达第一次心理咨询、尚未开始交谈时的状态。此刻他/她对下列每种感受的体验有多强？',
    after: '上述来访者刚刚结束了下面这次咨询会谈。会谈结束时，他/她对下列每种感受的体验有多强？',
    feelings: '感受',
    scale: '评分标准',
    format:
      '请只回答20行，不要写其他内容：每种感受一行，按上面的顺序，格式为“感受：分数”，感受名称与上面写法一致，' +
      '分数为1到5的整数，例如：',
  },
} as const

/**
 * System + user messages for one phase of one dialogue. "before" sees the card only, so dialogues with the same card
 * (samples of one card, attitude variants of one intake form) send the same request; "after" adds the transcript.
 */
export function buildPanasMessages(dialogue: Omit<PanasDialogue, 'id'>, phase: PanasPhase): ChatMessage[] {
  const lang = dialogue.language
  const t = TEXT[lang]
  const colon = lang === 'zh' ? '：' : ': '
  const feelings = PANAS_FEELING_TEXTS.map((f) => `- ${f.label[lang]} (${f.gloss[lang]})`).join('\n')
  const scale = PANAS_ANCHORS[lang].map((text, i) => `${PANAS_SCALE.min + i} = ${text}`).join('\n')
  const example = PANAS_FEELING_TEXTS.slice(0, 2)
    .map((f) => `${f.label[lang]}${colon}<1–5>`)
    .join('\n')
  const user = [
    `## ${t.card}`,
    panasCardText(dialogue.roleCard, lang),
    ...(phase === 'after' ? [`## ${t.transcript}`, formatTranscript(dialogue.messages, lang)] : []),
    `## ${t.feelings}`,
    phase === 'before' ? t.before : t.after,
    feelings,
    `## ${t.scale}`,
    scale,
    `${t.format}\n${example}\n…`,
  ].join('\n\n')
  return [
    { role: 'system', content: t.system },
    { role: 'user', content: user },
  ]
}

/**
 * Rates all 20 feelings of one phase of one dialogue in one sample (1-based round) in a single call: the twenty
 * ratings are one judgement of one moment, so asking them together is both what a PANAS respondent does and 20 times
 * cheaper than a call per feeling (the transcript would be sent 20 times). The answer is 20 "feeling: n" lines; one
 * that misses a feeling or leaves the scale is asked again (parseRetries), then recorded as a failure with its raw
 * text. The value is the ratings as JSON (storedRatings).
 */
/** A PANAS answer read into its stored form (the 20 ratings as JSON). */
export function readPanasAnswer(text: string): Parsed<string> {
  const parsed = parsePanas(text)
  return parsed.ok ? { ok: true, value: storedRatings(parsed.value) } : parsed
}

export function judgePanas(
  gateway: LlmGateway,
  endpoint: EndpointSecret,
  dialogue: PanasDialogue,
  phase: PanasPhase,
  round: number,
  settings: JudgeSettings,
  cache: JudgeCache | null,
  extra: { jobId?: string | null; signal?: AbortSignal } = {},
): Promise<JudgeOutcome<string>> {
  return judgeOnce(gateway, endpoint, buildPanasMessages(dialogue, phase), {
    temperature: settings.temperature,
    parseRetries: settings.parseRetries,
    cache: settings.cache ? cache : null,
    round,
    parse: readPanasAnswer,
    purpose: 'judge:panas',
    // A "before" request is about the card, not this dialogue; it is still logged with the dialogue that asked.
    dialogueId: dialogue.id,
    jobId: extra.jobId,
    signal: extra.signal,
  })
}

/** The request of one unit, as text: equal for units that send the same messages in the same round. */
export const requestKey = (messages: ChatMessage[], round: number) =>
  JSON.stringify([round, ...messages.map((m) => [m.role, m.content])])

/**
 * Every call of a PANAS job, for estimateJudgeCost: per dialogue with a role card, both phases × rounds; a "before"
 * request already planned for an identical card is asked once (the job shares it).
 */
export function* panasUnits(
  dialogues: Iterable<Omit<JudgedDialogue, 'id'> & { roleCard: RoleCardData | null }>,
  rounds: number,
): Generator<JudgeUnit> {
  const planned = new Set<string>()
  for (const dialogue of dialogues) {
    const { roleCard } = dialogue
    if (!roleCard) continue
    for (const phase of ['before', 'after'] as const) {
      const messages = buildPanasMessages({ ...dialogue, roleCard }, phase)
      for (let round = 1; round <= rounds; round++) {
        if (phase === 'before') {
          const key = requestKey(messages, round)
          if (planned.has(key)) continue
          planned.add(key)
        }
        yield { messages, round, language: dialogue.language }
      }
    }
  }
}

/**
 * panasUnits by size: the same calls (a "before" asked once per identical request), each prompt the one for the
 * dialogue without messages plus its transcript's characters, so no transcript is read. One unit per phase with
 * `rounds` calls (rounds ask the same prompt).
 */
export function* sizedPanasUnits(dialogues: Iterable<DialogueSize>, rounds: number): Generator<SizedUnit> {
  const prompts = new Map<RoleCardData, Partial<Record<Language, { before: string; after: number }>>>()
  const planned = new Set<string>()
  for (const dialogue of dialogues) {
    const { roleCard, language } = dialogue
    if (!roleCard) continue
    const forCard = prompts.get(roleCard) ?? {}
    prompts.set(roleCard, forCard)
    let empty = forCard[language]
    if (!empty) {
      const none = { language, messages: [], roleCard }
      empty = {
        before: JSON.stringify(buildPanasMessages(none, 'before')),
        after: promptChars(buildPanasMessages(none, 'after')),
      }
      forCard[language] = empty
    }
    if (!planned.has(empty.before)) {
      planned.add(empty.before)
      const before = (JSON.parse(empty.before) as ChatMessage[]).reduce((n, m) => n + m.content.length, 0)
      yield { chars: before, language, calls: rounds }
    }
    yield { chars: empty.after + transcriptChars(dialogue, language), language, calls: rounds }
  }
}
