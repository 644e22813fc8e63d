import { afterEach, describe, expect, it } from 'vitest'
import type { DialogueQuery } from '@shared/dialogue'
import type { Db } from '../../src/main/db/connection'
import { dialogueListing } from '../../src/main/db/dialogueListing'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'
import { searchIndex } from '../../src/main/db/searchIndex'
import { client, tempWorkspace } from '../support/workspace'
import { storeCorpus } from '../support/corpus'

type Listing = Pick<ReturnType<typeof dialogueListing>, 'list' | 'count'>

/**
 * The dialogues of a dataset whose messages contain `text` (ASCII letters in any case), in the dataset's order or
 * its reverse, by reading every message.
 */
function expected(db: Db) {
  return (datasetId: string, text: string, order: 'asc' | 'desc') => {
    const needle = text.toLowerCase()
    const rows = db
      .prepare(
        `SELECT d.id, group_concat(m.content, char(1)) AS contents FROM dialogues d
         LEFT JOIN messages m ON m.dialogue_id = d.id WHERE d.dataset_id = ?
         GROUP BY d.rowid ORDER BY d.position ${order}, d.rowid ${order}`,
      )
      .all(datasetId) as { id: string; contents: string | null }[]
    return rows
      .filter((r) => (r.contents ?? '').replace(/[A-Z]/g, (c) => c.toLowerCase()).includes(needle))
      .map((r) => r.id)
  }
}

/** Every page of a query by cursor; whether any page came uncounted, and whether every total was right. */
function walkPages(listing: Listing, query: DialogueQuery, limit: number) {
  const ids: string[] = []
  const totals: { total: number; counted: boolean; seen: number }[] = []
  let page = listing.list({ ...query, limit })
  for (;;) {
    ids.push(...page.items.map((d) => d.id))
    totals.push({ total: page.total, counted: page.counted, seen: page.items.length })
    if (!page.next) break
    page = listing.list({ ...query, limit, after: page.next })
  }
  return { ids, totals }
}

const QUERIES = [
  // Frequent in the corpus (pairs index, trigram index, the scan of other short queries), rare, absent.
  '焦虑',
  '我',
  '很焦虑',
  '的压力',
  '，',
  'ok',
  // Less frequent: a word with a given mark after it (in about one dialogue in six).
  '焦虑，',
  'work！',
  'sleep',
  '焦虑症',
  '考试很',
  '龙虎豹',
  '龙虎',
  '豹',
]

describe('search pages before their count', () => {
  const ws = tempWorkspace()
  afterEach(() => ws.cleanup())

  it('walk a large dataset to the same pages, in the same order, as gathering every match; the count follows', async () => {
    const app = ws.open()
    const repo = dialogueRepo(app.db)
    const big = storeCorpus(app.db, 160, 21)
    const other = storeCorpus(app.db, 40, 22)
    repo.syncSearchIndex()
    // Messages the indexes do not hold yet (a run adds them): found by the scan of the tail, on every path.
    const late = app.db
      .prepare('SELECT id FROM dialogues WHERE dataset_id = ? AND position IN (3, 97, 150) ORDER BY position')
      .pluck()
      .all(big) as string[]
    repo.appendMessages(
      late.map((dialogueId) => ({ dialogueId, index: 50, message: { speaker: 'client', content: '龙虎豹' } })),
    )
    // Small limits make this corpus large: 160 dialogues are more than 25 (walked a page at most 25 at a time),
    // and a word in 10 messages is frequent. The repository's own listing walks every dataset here (small).
    const large = dialogueListing(app.db, searchIndex(app.db), { walkBudget: 25, frequent: 10 })
    const truth = expected(app.db)
    const uncounted = new Map<Listing, number>()
    const gathered = new Map<Listing, number>()
    const tally = (map: Map<Listing, number>, listing: Listing, n: number) =>
      map.set(listing, (map.get(listing) ?? 0) + n)
    for (const listing of [large, repo] as Listing[])
      for (const text of QUERIES)
        for (const order of ['asc', 'desc'] as const) {
          const query = { datasetId: big, text, order }
          const want = truth(big, text, order)
          const label = `${text} ${order}`
          // Pages of 7 by cursor, each asked to count later: the same dialogues in the same order.
          const quick = walkPages(listing, { ...query, countLater: true }, 7)
          expect(quick.ids, label).toEqual(want)
          for (const t of quick.totals) expect(t.total, label).toBe(t.counted ? want.length : t.seen)
          tally(uncounted, listing, quick.totals.filter((t) => !t.counted).length)
          tally(gathered, listing, quick.totals.filter((t) => t.counted && t.seen > 0).length)
          expect(listing.count(query), label).toBe(want.length)
          // Without countLater every page is counted; pages by offset are the same rows.
          const exact = listing.list({ ...query, limit: 5, offset: 6 })
          expect(exact.counted, label).toBe(true)
          expect(exact.total, label).toBe(want.length)
          expect(
            exact.items.map((d) => d.id),
            label,
          ).toEqual(want.slice(6, 11))
          // A page past the end, counted.
          const beyond = listing.list({ ...query, countLater: true, limit: 5, offset: want.length + 3 })
          expect([beyond.items.length, beyond.total], label).toEqual([0, want.length])
        }
    // In the large dataset both ways were taken: full pages found by the walk (uncounted), and full pages from every
    // match gathered (a rarer word); a small dataset's pages always come counted.
    expect(uncounted.get(large)).toBeGreaterThan(10)
    expect(gathered.get(large)).toBeGreaterThan(10)
    expect(uncounted.get(repo)).toBe(0)
    // The other dataset's matches stay out; a search of every dataset gathers them all, counted.
    const everywhere = large.list({ text: '焦虑', countLater: true })
    expect(everywhere.counted).toBe(true)
    expect(everywhere.total).toBe(truth(big, '焦虑', 'asc').length + truth(other, '焦虑', 'asc').length)
    // The API: a page may come uncounted only when asked; countDialogues gives the count.
    const api = client(app)
    const page = await api.listDialogues({ datasetId: big, text: '焦虑', limit: 3 })
    expect([page.counted, page.total]).toEqual([true, truth(big, '焦虑', 'asc').length])
    expect(await api.countDialogues({ datasetId: big, text: '焦虑' })).toEqual({ total: page.total })
  })
})
