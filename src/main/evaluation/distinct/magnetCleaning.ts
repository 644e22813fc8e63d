import type { DistinctDialogue } from './distinct'
import type { IdTokenizer } from './tokenizers'

/*
 * MAGneT's word-level cleaning, only to compare with its published figures (bench/distinct.bench.ts, tests): it
 * deletes every character outside [0-9A-Za-z ], which erases Chinese and every other script, so it is never offered
 * as a tokenizer to users.
 */

/** Every character outside [0-9A-Za-z ] deleted, split at spaces; case kept unless `lower`. */
export function magnetCleaningTokenizer(lower: boolean): IdTokenizer {
  const numbers = new Map<string, number>()
  return {
    vocabularySize: null,
    ids(text) {
      const cleaned = text.replace(/[^0-9A-Za-z ]/g, '')
      const ids: number[] = []
      for (const word of (lower ? cleaned.toLowerCase() : cleaned).split(' ')) {
        if (!word) continue
        let id = numbers.get(word)
        if (id === undefined) numbers.set(word, (id = numbers.size))
        ids.push(id)
      }
      return ids
    },
  }
}

/**
 * Each dialogue as one text, its messages joined by line breaks, as MAGneT cleans a session's text at once: the
 * cleaning deletes the line breaks too, so the last word of a message and the first of the next become one word.
 */
export const asSessionTexts = (dialogues: DistinctDialogue[]): DistinctDialogue[] =>
  dialogues.map((d) => ({
    ...d,
    messages: [{ speaker: 'client', content: d.messages.map((m) => m.content).join('\n') }],
  }))
