import { CTRS_SCALE } from '@shared/evaluation'
import type { ChatMessage } from '../../llm/gateway'
import type { ItemQuestion, JudgedDialogue } from '../judgeClient'
import { cleanAnswer, parseScore, type Parsed } from '../judgeParse'
import { itemRatingMessages, transcriptChars } from '../judgeMessages'
import { CTRS_LEVELS, ctrsItemText } from './items'

/** The version of the CTRS prompt: bump on any change of wording or format below or in items.ts. */
export const CTRS_PROMPT_VERSION = 'ctrs-6.v1'

const TEXT = {
  en: {
    system:
      'You are an experienced supervisor of cognitive behavioural therapy (CBT). From the transcript of a counseling session you rate ' +
      "the counselor's work on one item of the Cognitive Therapy Rating Scale at a time, on a scale from 0 to 6. Base your rating only on " +
      'what happens in the transcript. Be a demanding rater: scores of 5 and 6 are for work without flaws; as soon as you notice any ' +
      'shortcoming on this item, the score is 4 or lower.',
    transcript: 'Session transcript',
    item: 'Item: ',
    guide: 'Scoring guide (an odd score lies between the two descriptions around it)',
    ask:
      'Read the whole transcript before rating. Answer in the form "score, explanation": first the whole number from 0 to 6, ' +
      'then a comma, then at most three sentences explaining the score. For example:\n4, The counselor ...',
  },
  zh: {
    system:
      '你是一位经验丰富的认知行为疗法（CBT）督导。你将根据一次咨询会谈的文字记录，按照认知治疗评定量表（CTRS）逐条评定咨询师的工作，' +
      '每个条目使用0到6分的量表。评分只依据记录中实际发生的内容。请从严评分：5分和6分只给予毫无瑕疵的表现；只要在该条目上发现任何不足，分数就应为4分或更低。',
    transcript: '会谈记录',
    item: '条目：',
    guide: '评分参考（奇数分介于相邻两档描述之间）',
    ask: '请先通读整段记录再评分。按"分数，理由"的格式作答：先写0到6之间的整数，再写一个逗号，然后用不超过三句话说明理由。例如：\n4，咨询师……',
  },
} as const

/**
 * System + user messages to rate one CTRS item of one dialogue. The transcript comes first so
 * the six requests of a dialogue share a long prefix (providers' prompt caching).
 */
export function buildCtrsMessages(dialogue: Omit<JudgedDialogue, 'id'>, itemId: string): ChatMessage[] {
  const lang = dialogue.language
  const t = TEXT[lang]
  const item = ctrsItemText(itemId)
  return itemRatingMessages(dialogue, {
    system: t.system,
    transcript: t.transcript,
    item: `${t.item}${item.name[lang]}`,
    about: item.about[lang],
    guideTitle: t.guide,
    guide: item.levels.map((level, i) => `${CTRS_LEVELS[i]}: ${level[lang]}`).join('\n'),
    ask: t.ask,
  })
}

// A score at the very start of the answer ("4, …", "Score: 4 …", "**4**，…", "评分：4。…"), not a range ("0-6 …").
const LEADING = new RegExp(
  String.raw`^[\s*_#>"'\[(]*(?:(?:final\s+)?(?:score|rating)|评分|得分|分数)?[\s*_]*[:=]?[\s*_]*` +
    String.raw`(-?\d+(?:\.\d+)?)(?![\d.]*\s*(?:[-–—~]|to\b|到|至)\s*\d)(?=$|[\s*_)\]"',.;:!?/分，。；：、])`,
  'i',
)

/**
 * The judge's score, 0–6, answered as "score, explanation": the number leading the answer; when the
 * judge put its reasoning first instead, wherever judgeParse finds a score.
 */
export function parseCtrsScore(text: string): Parsed<number> {
  const clean = cleanAnswer(text)
  const lead = LEADING.exec(clean)
  if (!lead) return parseScore(text, CTRS_SCALE.min, CTRS_SCALE.max)
  const value = Number(lead[1])
  const { min, max } = CTRS_SCALE
  if (!Number.isInteger(value))
    return {
      ok: false,
      code: 'not_integer',
      reason: `not_integer: ${lead[1]} is not a whole number on the ${min}–${max} scale`,
    }
  if (value < min || value > max)
    return { ok: false, code: 'out_of_range', reason: `out_of_range: ${value} is outside ${min}–${max}` }
  return { ok: true, value }
}

/** One CTRS item (its id) of one dialogue, 0–6, answered as "score, explanation". */
export const CTRS_QUESTION: ItemQuestion<number> = {
  purpose: 'judge:ctrs',
  messages: (dialogue, item) => buildCtrsMessages(dialogue, item),
  addedChars: (size) => transcriptChars(size, size.language),
  parse: parseCtrsScore,
}
