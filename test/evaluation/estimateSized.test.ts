import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'
import { CTRS_QUESTION } from '../../src/main/evaluation/ctrs/ctrsPrompt'
import { CTRS_ITEMS } from '@shared/evaluation'
import {
  estimateJudgeCost,
  type ItemQuestion,
  estimateSized,
  itemUnits,
  sizedItemUnits,
} from '../../src/main/evaluation/judgeClient'
import { clientLinesChars, topicQuestion } from '../../src/main/evaluation/topics/topicPrompt'
import { WAI_ITEM_KEYS, WAI_QUESTION } from '../../src/main/evaluation/wai/waiPrompt'
import { storeCorpus } from '../support/corpus'

const endpoint = { baseURL: 'http://judge', model: 'm', maxTokens: 512, priceInput: 1, priceOutput: 2 }

describe('estimates sized in SQL', () => {
  it('give the same calls and tokens as building every request (WAI, CTRS, topics)', () => {
    const db = openDatabase(':memory:')
    // 11 messages per dialogue: more than 9 client lines in none, so add one dialogue with 23 (two-digit numbering).
    const datasetId = storeCorpus(db, 40, 3, 11)
    const repo = dialogueRepo(db)
    const long = storeCorpus(db, 1, 4, 23)
    // Whitespace trim() removes around a message must not be counted.
    db.prepare("UPDATE messages SET content = '  ' || content || ' \n\u3000' WHERE idx = 2").run()
    for (const [question, items] of [
      [WAI_QUESTION, WAI_ITEM_KEYS],
      [CTRS_QUESTION, CTRS_ITEMS.map((i) => i.id)],
      [topicQuestion(), ['']],
    ] as [ItemQuestion<number | string>, readonly string[]][]) {
      for (const id of [datasetId, long]) {
        const old = estimateJudgeCost(endpoint, itemUnits(question, items, repo.iterateDetails(id), 2), {
          temperature: 0,
          cache: null,
        })
        const sized = estimateSized(endpoint, sizedItemUnits(question, items, repo.iterateSizes(id), 2), 0)
        expect(sized.calls).toBe(old.calls)
        expect(sized.completionTokens).toBe(old.completionTokens)
        expect(Math.abs(sized.promptTokens - old.promptTokens) / old.promptTokens).toBeLessThan(0.05)
        // The sizes are the rendered lengths exactly, so the tokens are equal here.
        expect(sized.promptTokens).toBe(old.promptTokens)
        expect(sized.cost).toBeCloseTo(old.cost!, 9)
      }
    }
  })

  it('numbers client lines as the topic prompt does', () => {
    // "1. ab" (5) — one line.
    expect(clientLinesChars({ count: 1, chars: 2 })).toBe(5)
    // Lines 1–10: 9 one-digit + 1 two-digit numbers, ". " each, 9 line breaks, 10 characters of text.
    expect(clientLinesChars({ count: 10, chars: 10 })).toBe(9 + 2 + 20 + 9 + 10)
    expect(clientLinesChars({ count: 0, chars: 0 })).toBe(0)
  })
})
