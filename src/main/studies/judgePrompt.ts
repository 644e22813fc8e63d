import type { Speaker } from '@shared/dialogue'
import type { Bilingual, PairChoice, StudyConfig } from '@shared/study'
import type { ChatMessage } from '../llm/gateway'
import { cleanAnswer, type Parsed } from '../evaluation/judgeParse'

/*
 * The LLM judge of a rating study answers what the raters answer: the study's own items (or aspects), with their
 * scales and anchors, in the dialogue's language. Our own wording; the answer is one "key: value" line per item.
 */

type Lang = 'zh' | 'en'
const pick = (text: Bilingual, lang: Lang) => (lang === 'zh' ? text.zh || text.en : text.en || text.zh)

/** The judge's instructions for a study in one language (pinned when a judge run starts). */
export function judgeInstructions(config: StudyConfig, lang: Lang): string {
  const zh = lang === 'zh'
  if (config.design === 'rubric') {
    const items = config.items.map((item) => {
      const anchors = item.anchors.map(
        (a) => `   ${a.from === a.to ? a.from : `${a.from}–${a.to}`}: ${pick(a.text, lang)}`,
      )
      return [
        `- ${item.key} — ${pick(item.name, lang)} (${item.scale.min}–${item.scale.max})`,
        `  ${pick(item.question, lang)}`,
        ...anchors,
      ].join('\n')
    })
    const example = config.items.map((i) => `${i.key}: <${zh ? '分数' : 'score'}>`).join('\n')
    return zh
      ? [
          '你是一位经验丰富的心理咨询督导。请阅读下面的完整咨询会谈记录，并按以下每个条目为咨询师在这段会谈中的表现打分。只依据记录中呈现的内容评分；介于两个描述之间时可以给中间分。',
          '',
          '条目：',
          ...items,
          '',
          '只输出每个条目一行，格式为“条目代号: 整数分数”，不要输出其他内容：',
          example,
        ].join('\n')
      : [
          'You are an experienced counseling supervisor. Read the whole counseling session below and score the counselor’s work in it on each item. Score only what the transcript shows; a score between two descriptions is fine.',
          '',
          'Items:',
          ...items,
          '',
          'Answer with one line per item, "item key: whole-number score", and nothing else:',
          example,
        ].join('\n')
  }
  const aspects = config.aspects.map((a) => `- ${a.key} — ${pick(a.name, lang)}: ${pick(a.question, lang)}`)
  const example = config.aspects.map((a) => `${a.key}: <A | B | tie>`).join('\n')
  return zh
    ? [
        '你是一位经验丰富的心理咨询督导。下面有两段咨询会谈 A 和 B，两段中的来访者背景相同。请就以下每个方面判断哪一段会谈中的咨询师做得更好；难分高下时回答 tie。',
        '',
        '方面：',
        ...aspects,
        '',
        '只输出每个方面一行，格式为“方面代号: A、B 或 tie”，不要输出其他内容：',
        example,
      ].join('\n')
    : [
        'You are an experienced counseling supervisor. Below are two counseling sessions, A and B, with clients who share the same background. For each aspect, say in which session the counselor does better; answer tie when you cannot tell them apart.',
        '',
        'Aspects:',
        ...aspects,
        '',
        'Answer with one line per aspect, "aspect key: A, B or tie", and nothing else:',
        example,
      ].join('\n')
}

const speakerName = (speaker: Speaker, lang: Lang) =>
  lang === 'zh' ? (speaker === 'client' ? '来访者' : '咨询师') : speaker === 'client' ? 'Client' : 'Counselor'

const transcriptText = (messages: { speaker: Speaker; content: string }[], lang: Lang) =>
  messages.map((m) => `${speakerName(m.speaker, lang)}: ${m.content}`).join('\n')

/** System: the instructions; user: the transcript (rubric) or sessions A and B in the order raters see them. */
export function judgeMessages(
  instructions: string,
  shown: { messages: { speaker: Speaker; content: string }[] }[],
  lang: Lang,
): ChatMessage[] {
  const body =
    shown.length === 1
      ? transcriptText(shown[0].messages, lang)
      : shown
          .map(
            (t, i) =>
              `${lang === 'zh' ? '会谈' : 'Session'} ${i === 0 ? 'A' : 'B'}:\n${transcriptText(t.messages, lang)}`,
          )
          .join('\n\n')
  return [
    { role: 'system', content: instructions },
    { role: 'user', content: body },
  ]
}

/** One answer per key: a whole number within the item's scale, or A / B / tie. Every key must be answered. */
export function parseJudgeAnswer(config: StudyConfig, text: string): Parsed<Record<string, number | PairChoice>> {
  const clean = cleanAnswer(text)
  if (!clean) return { ok: false, code: 'empty', reason: 'empty: the answer is empty' }
  const out: Record<string, number | PairChoice> = {}
  const keys = config.design === 'rubric' ? config.items.map((i) => i.key) : config.aspects.map((a) => a.key)
  for (const key of keys) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')
    const match = new RegExp(`(?:^|\\n)[\\s*\\-#>]*\\**${escaped}\\**\\s*[:=]\\s*\\**([^\\n*]+)`, 'i').exec(clean)
    if (!match) return { ok: false, code: 'no_answer', reason: `no_answer: no line for "${key}"` }
    const value = match[1].trim()
    if (config.design === 'rubric') {
      const item = config.items.find((i) => i.key === key)!
      const number = /^-?\d+/.exec(value)
      if (!number) return { ok: false, code: 'no_answer', reason: `no_answer: "${key}" has no number` }
      const score = Number(number[0])
      if (score < item.scale.min || score > item.scale.max)
        return { ok: false, code: 'out_of_range', reason: `out_of_range: ${key} = ${score}` }
      out[key] = score
    } else {
      const choice = /^(A|B|tie|平局)(?![A-Za-z])/i.exec(value)?.[1]
      if (!choice) return { ok: false, code: 'no_answer', reason: `no_answer: "${key}" is not A, B or tie` }
      out[key] = choice.toUpperCase() === 'A' ? 'A' : choice.toUpperCase() === 'B' ? 'B' : 'tie'
    }
  }
  return { ok: true, value: out }
}
