import type { Language } from '@shared/roleCard'
import type { SpeakerSize } from '../../db/dialogueRepo'
import type { ChatMessage } from '../../llm/gateway'
import type { ItemQuestion, JudgedDialogue } from '../judgeClient'
import { parseTopic } from '../judgeParse'
import { DEFAULT_TAXONOMY, type TopicTaxonomy } from './taxonomy'

/** Recorded with every topic result together with the taxonomy's version. */
export const TOPIC_PROMPT_VERSION = 'topic.v1'

const TEXT = {
  en: {
    system:
      'You classify counseling conversations by topic. You read what the client says and choose, from a fixed list, the single topic ' +
      "that best describes the client's main concern.",
    topics: 'Topics',
    client: 'What the client said, in order',
    ask:
      "Choose exactly one topic from the list: the client's main concern over the whole conversation. If several apply, choose the one " +
      'the client dwells on most; if none fits, choose other.unlisted. Explain your choice in at most two sentences, then end your answer ' +
      'with one line of exactly this form:\nTopic: <topic id from the list>',
  },
  zh: {
    system:
      '你负责按主题对心理咨询对话进行分类。你将阅读来访者说的话，并从给定列表中选出最能概括来访者主要困扰的一个主题。',
    topics: '主题列表',
    client: '来访者的发言（按顺序）',
    ask:
      '请从列表中只选择一个主题：即整段对话中来访者最主要的困扰。若有多个主题相关，选择来访者着墨最多的那个；若都不符合，选择 other.unlisted。' +
      '用不超过两句话说明理由，然后在回答的最后单独一行严格按以下格式给出：\n主题：<列表中的主题编号>',
  },
} as const

/** The taxonomy as a grouped list of "id — label" lines in one language. */
export function formatTaxonomy(taxonomy: TopicTaxonomy, language: Language): string {
  return taxonomy.categories
    .map((c) => {
      const lines = taxonomy.topics.filter((t) => t.category === c.id).map((t) => `- ${t.id} — ${t[language]}`)
      return [`### ${c[language]}`, ...lines].join('\n')
    })
    .join('\n\n')
}

/**
 * System + user messages to classify one dialogue: the topic list first (the same for every
 * dialogue, so providers can cache that prefix), then the client's utterances only.
 */
export function buildTopicMessages(
  dialogue: Omit<JudgedDialogue, 'id'>,
  taxonomy: TopicTaxonomy = DEFAULT_TAXONOMY,
): ChatMessage[] {
  const lang = dialogue.language
  const t = TEXT[lang]
  const said = dialogue.messages.filter((m) => m.speaker === 'client').map((m, i) => `${i + 1}. ${m.content.trim()}`)
  const user = [`## ${t.topics}`, formatTaxonomy(taxonomy, lang), `## ${t.client}`, said.join('\n'), t.ask].join('\n\n')
  return [
    { role: 'system', content: t.system },
    { role: 'user', content: user },
  ]
}

/** The main topic of one dialogue, from the taxonomy (one question per round: the item is ''). */
export const topicQuestion = (taxonomy: TopicTaxonomy = DEFAULT_TAXONOMY): ItemQuestion<string> => ({
  purpose: 'judge:topic',
  messages: (dialogue) => buildTopicMessages(dialogue, taxonomy),
  parse: (text) => parseTopic(text, taxonomy),
  addedChars: (size) => clientLinesChars(size.client),
})

/** Characters of the numbered client lines of buildTopicMessages ("1. …", one per line), from their size. */
export function clientLinesChars({ count, chars }: SpeakerSize): number {
  if (count === 0) return 0
  let numbers = 0
  for (let from = 1, digits = 1; from <= count; from *= 10, digits++)
    numbers += (Math.min(count, from * 10 - 1) - from + 1) * digits
  return chars + numbers + 2 * count + (count - 1)
}
