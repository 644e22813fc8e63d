import type { ChatMessage } from '../../llm/gateway'
import type { ItemQuestion, JudgedDialogue } from '../judgeClient'
import { itemRatingMessages, transcriptChars } from '../judgeMessages'
import { parseScore } from '../judgeParse'
import { waiItem, WAI_ITEMS, WAI_SCALE, type WaiAnchor } from './items'

/** Recorded with every WAI result; bump on any change of wording or format below or in items.ts. */
export const WAI_PROMPT_VERSION = 'wai-o-s.v1'

const band = (a: WaiAnchor) => (a.from === a.to ? `${a.from}` : `${a.from}–${a.to}`)

const TEXT = {
  en: {
    system:
      'You are an experienced psychotherapy researcher acting as an independent observer. From the transcript of a counseling session you rate ' +
      'the working alliance between counselor and client, one questionnaire item at a time, on a scale from 1 to 7. Base your rating only on ' +
      'what happens in the transcript. Rate each item exactly as it is worded: some items describe a problem, and for those a higher score ' +
      'means more of that problem.',
    transcript: 'Session transcript',
    item: (n: number) => `Item ${n}`,
    guide: 'Scoring guide (scores between two described bands lie between them)',
    ask:
      'Read the whole transcript before rating. Explain your reasoning in at most three sentences, then end your answer with one line ' +
      'of exactly this form:\nFinal score: <a whole number from 1 to 7>',
  },
  zh: {
    system:
      '你是一位经验丰富的心理咨询研究者，以独立观察者的身份工作。你将根据一次咨询会谈的文字记录，逐条评定咨询师与来访者之间的工作同盟，' +
      '每个条目使用1到7分的量表。评分只依据记录中实际发生的内容。请严格按条目的字面意思评分：有些条目描述的是问题，对这些条目，分数越高表示问题越明显。',
    transcript: '会谈记录',
    item: (n: number) => `条目 ${n}`,
    guide: '评分参考（介于两档描述之间的分数取中间含义）',
    ask: '请先通读整段记录再评分。用不超过三句话说明理由，然后在回答的最后单独一行严格按以下格式给出：\n最终评分：<1到7之间的整数>',
  },
} as const

/**
 * System + user messages to rate one item of one dialogue. The transcript comes first so
 * the 12 requests of a dialogue share a long prefix (providers' prompt caching).
 */
export function buildWaiMessages(dialogue: Omit<JudgedDialogue, 'id'>, itemNumber: number): ChatMessage[] {
  const lang = dialogue.language
  const t = TEXT[lang]
  const item = waiItem(itemNumber)
  return itemRatingMessages(dialogue, {
    system: t.system,
    transcript: t.transcript,
    item: t.item(item.number),
    about: item[lang],
    guideTitle: t.guide,
    guide: item.anchors.map((a) => `${band(a)}: ${a[lang]}`).join('\n'),
    ask: t.ask,
  })
}

/** The items a WAI job asks, as its units name them: "1" … "12". */
export const WAI_ITEM_KEYS = WAI_ITEMS.map((item) => String(item.number))

/** One WAI item (its number) of one dialogue, rated as worded (1–7; no reversal here). */
export const WAI_QUESTION: ItemQuestion<number> = {
  purpose: 'judge:wai',
  messages: (dialogue, item) => buildWaiMessages(dialogue, Number(item)),
  addedChars: (size) => transcriptChars(size, size.language),
  parse: (text) => parseScore(text, WAI_SCALE.min, WAI_SCALE.max),
}
