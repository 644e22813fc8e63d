import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'
import { CTRS_QUESTION } from '../../src/main/evaluation/ctrs/ctrsPrompt'
import { CTRS_ITEMS, EXACT_CACHE_LIMIT } from '@shared/evaluation'
import { RoleCardInputSchema } from '@shared/roleCard'
import {
  estimateJudgeCost,
  type ItemQuestion,
  estimateSized,
  itemUnits,
  sizedItemUnits,
} from '../../src/main/evaluation/judgeClient'
import { consistencyUnits, sizedConsistencyUnits } from '../../src/main/evaluation/consistency/consistencyPrompt'
import { panasUnits, sizedPanasUnits } from '../../src/main/evaluation/panas/panasPrompt'
import { clientLinesChars, topicQuestion } from '../../src/main/evaluation/topics/topicPrompt'
import { WAI_ITEM_KEYS, WAI_QUESTION } from '../../src/main/evaluation/wai/waiPrompt'
import { storeCorpus } from '../support/corpus'
import { client, tempWorkspace } from '../support/workspace'

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

  it('give the same PANAS calls and tokens: no card, no call; an identical "before" once', () => {
    const db = openDatabase(':memory:')
    const datasetId = storeCorpus(db, 12, 5, 7)
    const repo = dialogueRepo(db)
    const card = (name: string) =>
      JSON.stringify(
        RoleCardInputSchema.parse({
          language: 'zh',
          name,
          age: 30,
          occupation: '老师',
          complaint: { title: '考试', body: '每次考试前都很紧张。' },
        }),
      )
    // Dialogues 0–4 share one card, 5–8 another, 9–11 have none.
    db.prepare('UPDATE dialogues SET role_card = ? WHERE dataset_id = ? AND position < 5').run(card('李'), datasetId)
    db.prepare('UPDATE dialogues SET role_card = ? WHERE dataset_id = ? AND position BETWEEN 5 AND 8').run(
      card('王'),
      datasetId,
    )
    const old = estimateJudgeCost(endpoint, panasUnits(repo.iterateDetails(datasetId), 3), {
      temperature: 0,
      cache: null,
    })
    const sized = estimateSized(endpoint, sizedPanasUnits(repo.iterateSizes(datasetId, { withCards: true }), 3), 0)
    // 9 dialogues with a card × 3 rounds "after", 2 distinct cards × 3 rounds "before".
    expect(sized.calls).toBe(9 * 3 + 2 * 3)
    expect(sized).toEqual(old)
  })

  it('give the same client-consistency calls and tokens: no card, no call; numbered client turns sized', () => {
    const db = openDatabase(':memory:')
    // 23 messages: client turns numbered past 9.
    const datasetId = storeCorpus(db, 6, 5, 23)
    const repo = dialogueRepo(db)
    const card = JSON.stringify(
      RoleCardInputSchema.parse({ language: 'zh', name: '李', complaint: { title: '考试', body: '考前紧张。' } }),
    )
    db.prepare('UPDATE dialogues SET role_card = ? WHERE dataset_id = ? AND position < 4').run(card, datasetId)
    db.prepare("UPDATE messages SET content = '  ' || content || ' \n\u3000' WHERE idx = 2").run()
    const old = estimateJudgeCost(endpoint, consistencyUnits(repo.iterateDetails(datasetId), 2), {
      temperature: 0,
      cache: null,
    })
    const sized = estimateSized(
      endpoint,
      sizedConsistencyUnits(repo.iterateSizes(datasetId, { withCards: true }), 2),
      0,
    )
    expect(sized.calls).toBe(4 * 2)
    expect(sized).toEqual(old)
  })

  it('counts cached answers up to EXACT_CACHE_LIMIT dialogues read, and says it did not beyond', async () => {
    const ws = tempWorkspace()
    try {
      const app = ws.open()
      const api = client(app)
      const datasetId = storeCorpus(app.db, EXACT_CACHE_LIMIT + 1, 6, 2)
      const { id: endpointId } = await api.saveEndpoint({
        name: 'judge',
        baseURL: 'http://127.0.0.1:9/v1',
        model: 'judge-model',
        maxConcurrency: 1,
        priceInput: 1,
        priceOutput: 2,
      })
      const estimate = (config: object) =>
        api.estimateEvaluation({
          kind: 'topics',
          datasetIds: [datasetId],
          config: { endpointId, rounds: 1, ...config },
        })
      const over = await estimate({})
      expect(over).toMatchObject({ calls: EXACT_CACHE_LIMIT + 1, cached: null })
      // Without the cache there is nothing to count.
      expect(await estimate({ cache: false })).toEqual({ ...over, cached: 0 })
      // A sample of the limit is read (and counted) exactly, with the same figures per call.
      const sampled = await estimate({ sampleSize: EXACT_CACHE_LIMIT })
      expect(sampled).toMatchObject({ calls: EXACT_CACHE_LIMIT, cached: 0 })
      // So is the dataset once a flagged dialogue is left out of the complete ones.
      app.db.prepare('UPDATE dialogues SET flagged = 1 WHERE position = 0').run()
      expect(await estimate({})).toMatchObject({ calls: EXACT_CACHE_LIMIT, cached: 0 })
      expect(
        await api.estimateEvaluation({
          kind: 'topics',
          datasetIds: [datasetId],
          dialogues: 'all',
          config: { endpointId, rounds: 1 },
        }),
      ).toEqual(over)
    } finally {
      await ws.cleanup()
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
