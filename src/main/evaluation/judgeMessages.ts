import type { Message } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import type { DialogueSize } from '../db/dialogueRepo'
import type { ChatMessage } from '../llm/gateway'

const SPEAKERS: Record<Language, Record<Message['speaker'], string>> = {
  en: { counselor: 'Counselor', client: 'Client' },
  zh: { counselor: '咨询师', client: '来访者' },
}

/** The whole session, one utterance per paragraph, with speaker names in the dialogue's language. */
export function formatTranscript(messages: Pick<Message, 'speaker' | 'content'>[], language: Language): string {
  const colon = language === 'zh' ? '：' : ': '
  return messages.map((m) => `${SPEAKERS[language][m.speaker]}${colon}${m.content.trim()}`).join('\n\n')
}

/**
 * How many characters formatTranscript gives for a dialogue of this size (counts and trimmed characters per speaker,
 * summed in SQL), without its text: the same figure, as long as the database trims what trim() trims.
 */
export function transcriptChars(size: Pick<DialogueSize, 'client' | 'counselor'>, language: Language): number {
  const colon = language === 'zh' ? 1 : 2
  const n = size.client.count + size.counselor.count
  if (n === 0) return 0
  return (
    size.client.chars +
    size.counselor.chars +
    size.client.count * (SPEAKERS[language].client.length + colon) +
    size.counselor.count * (SPEAKERS[language].counselor.length + colon) +
    2 * (n - 1)
  )
}

/**
 * The messages asking a judge to rate one item of a rating scale (WAI, CTRS) for one session: the transcript first, so
 * the requests for a session's items share a long prefix (providers' prompt caching), then the item, its scoring guide
 * and how to answer. Headings and texts are the scale's own, in the dialogue's language.
 */
export function itemRatingMessages(
  dialogue: { language: Language; messages: Pick<Message, 'speaker' | 'content'>[] },
  text: {
    system: string
    transcript: string
    item: string
    about: string
    guideTitle: string
    guide: string
    ask: string
  },
): ChatMessage[] {
  const user = [
    `## ${text.transcript}`,
    formatTranscript(dialogue.messages, dialogue.language),
    `## ${text.item}`,
    text.about,
    `## ${text.guideTitle}`,
    text.guide,
    text.ask,
  ].join('\n\n')
  return [
    { role: 'system', content: text.system },
    { role: 'user', content: user },
  ]
}
