import { afterEach, describe, expect, it } from 'vitest'
import { cjkGrams, cjkQuery } from '../../src/main/db/cjkGrams'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'
import { searchMarksMigration } from '../../src/main/db/migrationSearchMarks'
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
  it('stores each run of characters between white space as its pairs and its last character', () => {
    expect(cjkGrams('我很焦虑。OK!\t失眠')).toBe('我很 很焦 焦虑 虑。 。o ok k! ! 失眠 眠')
    expect(cjkGrams('Only 2 Wörds')).toBe('on nl ly y 2 wö ör rd ds s')
    expect(cjkGrams('父')).toBe('父')
    expect(cjkGrams('，。!')).toBe('，。 。! !')
    expect(cjkGrams(' \n\u3000')).toBe('')
    expect(cjkQuery('OK')).toBe('"ok"')
    expect(cjkQuery('I')).toBe('"i"*')
    expect(cjkQuery('a ')).toBeNull()
    expect(cjkQuery('a\u0001')).toBeNull()
    expect(cjkQuery('焦虑')).toBe('"焦虑"')
    expect(cjkQuery('焦')).toBe('"焦"*')
    expect(cjkQuery('焦虑症')).toBeNull()
    expect(cjkQuery('焦a')).toBe('"焦a"')
    expect(cjkQuery('，')).toBe('"，"*')
    expect(cjkQuery('"')).toBe('""""*')
    expect(cjkQuery('a"')).toBe('"a"""')
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
      // Three characters and more (trigram); Latin letters of any case, punctuation and mixed scripts (the pairs
      // index); a control character (a scan).
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
      '，',
      '?',
      '！',
      '。o',
      'k?',
      '?焦',
      '虑，',
      '"',
      "'",
      '*',
      '?!',
      'a\u0001',
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

  it('stay exact while an upgraded workspace indexes punctuation (schema 24), and after', () => {
    const app = ws.open()
    const repo = dialogueRepo(app.db)
    const dataset = storeCorpus(app.db, 60, 12)
    repo.syncSearchIndex()
    const queries = ['，', '?', '虑，', 'k?', '！', '。o', '焦虑', 'ok', '我']
    const found = () => queries.map((text) => repo.list({ datasetId: dataset, text }).items.map((d) => d.id))
    const before = found()
    // What the upgrade does to a workspace indexed under schema 23: the index made again, empty, its mark at 0.
    app.db.exec(searchMarksMigration.sql)
    expect(repo.searchBehind()).toBeGreaterThan(0)
    expect(found()).toEqual(before)
    repo.syncSearchIndex()
    expect(repo.searchBehind()).toBe(0)
    expect(found()).toEqual(before)
    // Each query finds something.
    expect(queries.filter((_, i) => before[i].length === 0)).toEqual([])
  })
})
