import type { Language } from '@shared/roleCard'
import type { ChatMessage } from '../llm/gateway'
import { formatTranscript } from '../evaluation/judgeMessages'
import { cleanAnswer, type Parsed } from '../evaluation/judgeParse'
import { transcript } from '../simulation/counselors/transcript'
import type { RefereeAnswerMode } from '@shared/arena'

/** Recorded with every arena; bump on any change of the wording or answer format below. */
export const REFEREE_PROMPT_VERSION = 'arena-referee.v1'
/** The answer-only (letter) request's wording and format; bump on any change of LETTER_TEXT or letterMessages. */
export const LETTER_REFEREE_PROMPT_VERSION = 'arena-referee.letter.v1'

/** The referee prompt version an arena records for its answer mode. */
export const refereePromptVersion = (mode: RefereeAnswerMode | undefined) =>
  mode === 'letter' ? LETTER_REFEREE_PROMPT_VERSION : REFEREE_PROMPT_VERSION

export const CANDIDATE_LABELS = ['A', 'B', 'C', 'D'] as const

const TEXT = {
  en: {
    conversation: 'The conversation so far',
    candidates: 'Possible next replies of the counselor',
    ask: (letters: string) =>
      `Compare the replies and explain briefly which one is better and why. Then end your answer with one line of exactly this form:\nChoice: <one of ${letters}>`,
  },
  zh: {
    conversation: '目前为止的对话',
    candidates: '咨询师接下来可能的回复',
    ask: (letters: string) =>
      `请比较这些回复，简要说明哪一个更好以及原因。然后在回答的最后单独写一行，格式严格如下：\n最终选择：<${letters} 之一>`,
  },
}

/**
 * The referee's request: its template as the system prompt; the transcript up
 * to the client's latest message and the candidates, labelled A, B, … in the
 * order shown, as the user message.
 */
export function refereeMessages(
  systemPrompt: string,
  history: { speaker: 'client' | 'counselor'; content: string }[],
  shownReplies: string[],
  language: Language,
): ChatMessage[] {
  const text = TEXT[language]
  const letters = CANDIDATE_LABELS.slice(0, shownReplies.length)
  const candidates = shownReplies.map((reply, i) => `[${letters[i]}] ${reply.trim()}`).join('\n\n')
  const user = [
    `## ${text.conversation}`,
    formatTranscript(history, language),
    `## ${text.candidates}`,
    candidates,
    text.ask(letters.join(language === 'zh' ? '、' : ', ')),
  ].join('\n\n')
  return [
    { role: 'system', content: systemPrompt },
    { role: 'user', content: user },
  ]
}

const LETTER_TEXT = {
  en: {
    conversation: 'The conversation so far:',
    candidates: 'Possible next replies of the counselor:',
    ask: (letters: string) =>
      `Which reply is the better next counselor turn? Answer with the letter alone (one of ${letters}), nothing else.`,
  },
  zh: {
    conversation: '目前为止的对话：',
    candidates: '咨询师接下来可能的回复：',
    ask: (letters: string) => `哪一条回复更适合作为咨询师的下一句？只回答一个字母（${letters} 之一），不要写其他内容。`,
  },
}

/**
 * The answer-only referee's request (as in the released arena): the referee's instruction, the transcript with
 * lines labelled 来访者：/咨询师： (Client: /Counselor: ), the lettered candidates and the request for a bare
 * letter, all in one system message.
 */
export function letterMessages(
  systemPrompt: string,
  history: { speaker: 'client' | 'counselor'; content: string }[],
  shownReplies: string[],
  language: Language,
): ChatMessage[] {
  const text = LETTER_TEXT[language]
  const letters = CANDIDATE_LABELS.slice(0, shownReplies.length)
  const candidates = shownReplies.map((reply, i) => `${letters[i]}. ${reply.trim().replace(/\s*\n\s*/g, ' ')}`)
  const content = [
    systemPrompt.trim(),
    `${text.conversation}\n${transcript(history, language)}`,
    `${text.candidates}\n${candidates.join('\n')}`,
    text.ask(letters.join(language === 'zh' ? '、' : ', ')),
  ].join('\n\n')
  return [{ role: 'system', content }]
}

// "Choice: B", "**Final choice:** [B]", "最终选择：B", "选择：回复B", "Answer - (B)".
const LABELLED =
  /(?:final\s+choice|final\s+answer|choice|answer|verdict|最终选择|最终答案|最终结论|选择|答案)[\s*_]*(?:is|为|是)?\s*([:：\-–—])?\s*[*_"'“「【[(（\s]*(?:reply|candidate|回复|选项)?\s*([A-Da-d])(?![A-Za-z])/gi
// A last line holding nothing but the letter: "B", "**B**", "[B]".
const BARE_LAST_LINE = /^[\s*_"'“「【[(（]*([A-Da-d])[\s*_"'”」】\])）.。]*$/

/**
 * The referee's final choice as a 0-based position among `count` shown
 * candidates. The last labelled choice wins (reasoning may mention other
 * letters first); a choice outside the shown letters fails, so the referee is
 * asked again instead of being guessed for.
 */
export function parseRefereeChoice(raw: string, count: number): Parsed<number> {
  const text = cleanAnswer(raw)
  if (!text) return { ok: false, code: 'empty', reason: 'empty: the referee gave no answer' }
  // A lower-case letter counts only after a colon ("choice: b"), not in prose ("a choice a counselor…").
  const labelled = [...text.matchAll(LABELLED)].filter((m) => m[1] || /[A-D]/.test(m[2]))
  const lastLine =
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .at(-1) ?? ''
  const letter = labelled.at(-1)?.[2] ?? BARE_LAST_LINE.exec(lastLine)?.[1]
  if (!letter) return { ok: false, code: 'no_answer', reason: 'no_answer: no "Choice: <letter>" line found' }
  const position = letter.toUpperCase().charCodeAt(0) - 65
  if (position >= count) {
    return {
      ok: false,
      code: 'out_of_range',
      reason: `out_of_range: chose ${letter.toUpperCase()}, but only ${CANDIDATE_LABELS.slice(0, count).join(', ')} were shown`,
    }
  }
  return { ok: true, value: position }
}
