import type { DatasetStatistics, DialogueScore } from '@shared/evaluation'
import type { Speaker } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import { tokenize } from './tokenize'

export interface StatisticsDialogue {
  id?: string
  language: Language
  messages: readonly { speaker: Speaker; content: string }[]
}

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g

/**
 * Length in characters as the paper counts Chinese text: Unicode code points
 * (after NFC, so "é" is one whichever way it was typed), punctuation included,
 * whitespace left out so line breaks and spacing in model output don't count.
 */
export function characterCount(text: string): number {
  const s = text.normalize('NFC').replace(/\s+/gu, '')
  return s.length - (s.match(SURROGATE_PAIR)?.length ?? 0)
}

interface Tally {
  utterances: number
  chars: number
  wordUtterances: number
  words: number
}

const average = (total: number, count: number) => (count === 0 ? NaN : total / count)

/**
 * The paper's Table 1 for one dataset. A turn is one client and one counselor
 * utterance, and the counselor closes each turn, so the average number of turns
 * is counselor utterances per conversation. Words are counted in English
 * dialogues only (by the evaluation tokenizer), and are null for a dataset with
 * none; averages over nothing are NaN.
 */
export function datasetStatistics(
  name: string,
  datasetId: string,
  dialogues: Iterable<StatisticsDialogue>,
  /** Each dialogue's own figures (turns, characters per utterance), for the per-dialogue results. */
  perDialogue?: (score: DialogueScore) => void,
): DatasetStatistics {
  const tally: Record<Speaker, Tally> = {
    client: { utterances: 0, chars: 0, wordUtterances: 0, words: 0 },
    counselor: { utterances: 0, chars: 0, wordUtterances: 0, words: 0 },
  }
  let conversations = 0
  let english = false
  for (const dialogue of dialogues) {
    conversations++
    const countWords = dialogue.language === 'en'
    english ||= countWords
    const own = { client: { n: 0, chars: 0 }, counselor: { n: 0, chars: 0 } }
    for (const m of dialogue.messages) {
      const t = tally[m.speaker]
      const chars = characterCount(m.content)
      t.utterances++
      t.chars += chars
      own[m.speaker].n++
      own[m.speaker].chars += chars
      if (countWords) {
        t.wordUtterances++
        t.words += tokenize(m.content, 'en').length
      }
    }
    if (perDialogue && dialogue.id) {
      const score = (metric: string, value: number) =>
        perDialogue({ datasetId, dialogueId: dialogue.id!, metric, value })
      score('turns', own.counselor.n)
      score('client chars per utterance', average(own.client.chars, own.client.n))
      score('counselor chars per utterance', average(own.counselor.chars, own.counselor.n))
    }
  }
  const { client, counselor } = tally
  return {
    datasetId,
    name,
    conversations,
    avgTurns: average(counselor.utterances, conversations),
    clientUtterances: client.utterances,
    counselorUtterances: counselor.utterances,
    avgClientChars: average(client.chars, client.utterances),
    avgCounselorChars: average(counselor.chars, counselor.utterances),
    avgClientWords: english ? average(client.words, client.wordUtterances) : null,
    avgCounselorWords: english ? average(counselor.words, counselor.wordUtterances) : null,
  }
}
