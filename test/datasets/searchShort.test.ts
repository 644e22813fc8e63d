import { afterEach, describe, expect, it } from 'vitest'
import { cjkGrams, cjkQuery } from '../../src/main/db/cjkGrams'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'
import { tempWorkspace } from '../support/workspace'
import { storeCorpus, ZH_WORDS } from '../support/corpus'

/** The dialogues whose messages contain `text` (ASCII letters in any case), by reading every message. */
function substringScan(all: { dialogueId: string; content: string }[], text: string): string[] {
  const needle = text.toLowerCase()
  const ids = new Set<string>()
  for (const m of all) {
    // SQLite's lower() folds ASCII letters only; so does this.
    const folded = m.content.replace(/[A-Z]/g, (c) => c.toLowerCase())
    if (folded.includes(needle)) ids.add(m.dialogueId)
  }
  return [...ids].sort()
}

describe('the short query index', () => {
  it('stores each run of CJK characters, and of other letters and digits, as its pairs and its last character', () => {
    expect(cjkGrams('我很焦虑。ok 失眠')).toBe('我很 很焦 焦虑 虑 失眠 眠 ok k')
    expect(cjkGrams('Only 2 Wörds')).toBe('on nl ly y 2 wö ör rd ds s')
    expect(cjkGrams('父')).toBe('父')
    expect(cjkGrams('，。!')).toBe('')
    expect(cjkQuery('OK')).toBe('"ok"')
    expect(cjkQuery('I')).toBe('"i"*')
    expect(cjkQuery('a ')).toBeNull()
    expect(cjkQuery('焦虑')).toBe('"焦虑"')
    expect(cjkQuery('焦')).toBe('"焦"*')
    expect(cjkQuery('焦虑症')).toBeNull()
    expect(cjkQuery('焦a')).toBeNull()
    expect(cjkQuery('，')).toBeNull()
  })
})

describe('searches of one or two characters', () => {
  const ws = tempWorkspace()
  afterEach(() => ws.cleanup())

  it('find exactly the dialogues a substring scan finds, indexed, partly indexed and after a delete', () => {
    const app = ws.open()
    const repo = dialogueRepo(app.db)
    const first = storeCorpus(app.db, 120, 7)
    repo.syncSearchIndex()
    // Stored after the index caught up: searches scan these (the tail) until the next sync.
    storeCorpus(app.db, 40, 8)
    const messages = () =>
      app.db.prepare('SELECT dialogue_id AS dialogueId, content FROM messages').all() as {
        dialogueId: string
        content: string
      }[]
    const chars = [...new Set(ZH_WORDS.join(''))]
    const queries = [
      ...chars,
      ...ZH_WORDS,
      // Across word boundaries (pairs the words make when they run into each other), and absent pairs.
      ...chars.flatMap((a) => chars.map((b) => a + b)).filter((_, i) => i % 7 === 0),
      '虑失',
      '焦，',
      '龙',
      '龙虎',
      '梦见',
      // Three characters and more (trigram); Latin letters of any case (the pairs index); mixed (a scan).
      '焦虑症',
      '我很焦',
      'ok',
      'O',
      'I',
      'Pa',
      'pa',
      'ts',
      'x',
      'zz',
      'm a',
      '我I',
      'sleep',
    ]
    const check = () => {
      const all = messages()
      for (const text of queries) {
        const found = repo.list({ text }).items.map((d) => d.id)
        expect([...found].sort(), text).toEqual(substringScan(all, text))
        expect(repo.list({ text, limit: 5 }).total, text).toBe(found.length)
      }
    }
    check()
    repo.syncSearchIndex()
    check()
    // A run adds messages to a dialogue already indexed: found before and after the index catches up, old words too.
    const grown = repo.list({ text: '焦虑', limit: 1 }).items[0]
    repo.appendMessages([{ dialogueId: grown.id, index: 99, message: { speaker: 'client', content: '我梦见龙虎' } }])
    check()
    repo.syncSearchIndex()
    check()
    expect(repo.list({ text: '龙虎' }).items.map((d) => d.id)).toEqual([grown.id])
    expect(repo.list({ text: '焦虑' }).items.map((d) => d.id)).toContain(grown.id)
    expect(repo.deleteDataset(first)).toBe(true)
    check()
    // Deleting brought the marks back down to the newest message left: messages stored next are indexed and found.
    storeCorpus(app.db, 30, 9)
    repo.syncSearchIndex()
    check()
    // The corpus exercises both answers: queries that find dialogues and queries that find none.
    const found = queries.filter((q) => repo.list({ text: q }).total > 0)
    expect(found.length).toBeGreaterThan(20)
    expect(queries.length - found.length).toBeGreaterThan(5)
  })
})
