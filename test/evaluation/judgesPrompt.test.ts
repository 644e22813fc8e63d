import { describe, expect, it } from 'vitest'
import { estimateJudgeCost, type JudgedDialogue, itemUnits } from '../../src/main/evaluation/judgeClient'
import { parseScore, parseTopic } from '../../src/main/evaluation/judgeParse'
import { DEFAULT_TAXONOMY } from '../../src/main/evaluation/topics/taxonomy'
import { buildTopicMessages, TOPIC_PROMPT_VERSION, topicQuestion } from '../../src/main/evaluation/topics/topicPrompt'
import { reverseScored, WAI_ITEMS, waiItem } from '../../src/main/evaluation/wai/items'
import {
  buildWaiMessages,
  WAI_ITEM_KEYS,
  WAI_PROMPT_VERSION,
  WAI_QUESTION,
} from '../../src/main/evaluation/wai/waiPrompt'

const EN: JudgedDialogue = {
  id: 'd-en',
  language: 'en',
  messages: [
    { speaker: 'counselor', content: 'Welcome. What would you like to focus on today?' },
    { speaker: 'client', content: 'I cannot sleep since my father died.' },
    { speaker: 'counselor', content: 'Losing him must be very hard.' },
    { speaker: 'client', content: 'Yes, and nobody at work notices.' },
  ],
}
const ZH: JudgedDialogue = {
  id: 'd-zh',
  language: 'zh',
  messages: [
    { speaker: 'counselor', content: '欢迎你来，今天想谈些什么？' },
    { speaker: 'client', content: '我和男朋友分手了，每天都睡不着。' },
    { speaker: 'counselor', content: '听起来这段时间你很难熬。' },
    { speaker: 'client', content: '是的，我觉得自己很失败。' },
  ],
}

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text)

describe('the WAI items', () => {
  it('are 12, in three factors of four, with items 4 and 10 negatively worded', () => {
    expect(WAI_ITEMS.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    const byFactor = (f: string) => WAI_ITEMS.filter((i) => i.factor === f).map((i) => i.number)
    expect(byFactor('goal')).toEqual([4, 6, 10, 11])
    expect(byFactor('task')).toEqual([1, 2, 8, 12])
    expect(byFactor('bond')).toEqual([3, 5, 7, 9])
    expect(WAI_ITEMS.filter((i) => i.reversed).map((i) => i.number)).toEqual([4, 10])
    expect([reverseScored(4, 2), reverseScored(10, 7), reverseScored(6, 2)]).toEqual([6, 1, 2])
  })

  it('have guidelines that cover 1..7 without gaps, in both languages', () => {
    for (const item of WAI_ITEMS) {
      const covered = item.anchors.flatMap((a) => Array.from({ length: a.to - a.from + 1 }, (_, k) => a.from + k))
      expect(covered).toEqual([1, 2, 3, 4, 5, 6, 7])
      for (const a of item.anchors) {
        expect(hasChinese(a.zh) && !hasChinese(a.en)).toBe(true)
      }
      expect(hasChinese(item.zh) && !hasChinese(item.en)).toBe(true)
    }
  })
})

describe('WAI prompt', () => {
  it('holds the item, its guidelines and the whole transcript in English for an English dialogue', () => {
    const [system, user] = buildWaiMessages(EN, 4)
    expect(system.role).toBe('system')
    expect(system.content).toMatch(/exactly as it is worded/)
    expect(user.content).toContain(waiItem(4).en)
    expect(user.content).toContain(`7: ${waiItem(4).anchors[4].en}`)
    expect(user.content).toContain(`2–3: ${waiItem(4).anchors[1].en}`)
    expect(user.content).toContain('Counselor: Welcome. What would you like to focus on today?')
    expect(user.content).toContain('Client: Yes, and nobody at work notices.')
    expect(user.content).toMatch(/Final score: <a whole number from 1 to 7>$/)
    expect(hasChinese(system.content + user.content)).toBe(false)
    // Transcript first: the 12 item prompts of a dialogue share that prefix.
    expect(user.content.indexOf('Welcome.')).toBeLessThan(user.content.indexOf(waiItem(4).en))
    expect(buildWaiMessages(EN, 6)[1].content.startsWith(user.content.slice(0, user.content.indexOf('## Item')))).toBe(
      true,
    )
  })

  it('is in Chinese for a Chinese dialogue, and its own answer format parses', () => {
    const [system, user] = buildWaiMessages(ZH, 7)
    expect(hasChinese(system.content)).toBe(true)
    expect(user.content).toContain(waiItem(7).zh)
    expect(user.content).not.toContain(waiItem(7).en)
    expect(user.content).toContain('来访者：我和男朋友分手了，每天都睡不着。')
    expect(user.content).toContain('咨询师：听起来这段时间你很难熬。')
    expect(user.content).toContain('最终评分：')
    expect(parseScore('理由……\n最终评分：5', 1, 7)).toEqual({ ok: true, value: 5 })
    expect(parseScore('Reasons...\nFinal score: 5', 1, 7)).toEqual({ ok: true, value: 5 })
  })

  it('differs per item and is the same every round (rounds differ only in the cache key)', () => {
    expect(buildWaiMessages(EN, 1)).toEqual(buildWaiMessages(EN, 1))
    expect(buildWaiMessages(EN, 1)).not.toEqual(buildWaiMessages(EN, 2))
    expect(() => buildWaiMessages(EN, 0)).toThrow()
    expect(WAI_PROMPT_VERSION).toMatch(/\S/)
  })
})

describe('topic prompt', () => {
  it("holds the topic list and only the client's words, in the dialogue's language", () => {
    const [system, user] = buildTopicMessages(EN)
    expect(system.content).toMatch(/single topic/)
    expect(user.content).toContain('1. I cannot sleep since my father died.')
    expect(user.content).toContain('2. Yes, and nobody at work notices.')
    expect(user.content).not.toContain('Welcome.')
    expect(user.content).not.toContain('Losing him')
    for (const t of DEFAULT_TAXONOMY.topics) expect(user.content).toContain(`- ${t.id} — ${t.en}`)
    expect(user.content).toMatch(/Topic: <topic id from the list>$/)
    expect(hasChinese(system.content + user.content)).toBe(false)

    const zh = buildTopicMessages(ZH)[1].content
    expect(zh).toContain('1. 我和男朋友分手了，每天都睡不着。')
    expect(zh).not.toContain('欢迎你来')
    expect(zh).toContain('- relationships.breakup — 分手与失恋')
    expect(zh).toContain('主题：<列表中的主题编号>')
    expect(parseTopic('主题：loss.grief', DEFAULT_TAXONOMY)).toEqual({ ok: true, value: 'loss.grief' })
    expect(TOPIC_PROMPT_VERSION).toMatch(/\S/)
  })

  it('puts the topic list first, so every dialogue shares that prefix', () => {
    const a = buildTopicMessages(EN)[1].content
    const b = buildTopicMessages({ ...EN, messages: [{ speaker: 'client', content: 'Something else entirely.' }] })[1]
      .content
    const listEnd = a.indexOf('## What the client said')
    expect(listEnd).toBeGreaterThan(0)
    expect(b.slice(0, listEnd)).toBe(a.slice(0, listEnd))
  })
})

describe('planned calls for an estimate', () => {
  it('has dialogues × items × rounds WAI calls and dialogues × rounds topic calls', () => {
    const endpoint = { baseURL: 'http://x/v1', model: 'm', maxTokens: 1000, priceInput: null, priceOutput: null }
    const waiUnits = (dialogues: (typeof EN)[], rounds: number) =>
      itemUnits(WAI_QUESTION, WAI_ITEM_KEYS, dialogues, rounds)
    const topicUnits = itemUnits(topicQuestion(), [''], [EN, ZH], 3)
    expect(estimateJudgeCost(endpoint, waiUnits([EN, ZH], 3), { temperature: 0.7, cache: null }).calls).toBe(2 * 12 * 3)
    expect(estimateJudgeCost(endpoint, topicUnits, { temperature: 0.7, cache: null }).calls).toBe(2 * 3)
    const units = [...waiUnits([ZH], 2)]
    expect(units.map((u) => u.round).slice(0, 4)).toEqual([1, 2, 1, 2])
    expect(units.every((u) => u.language === 'zh')).toBe(true)
  })
})
