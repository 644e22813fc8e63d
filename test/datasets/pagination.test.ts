import { afterEach, describe, expect, it } from 'vitest'
import type { DialogueQuery, DialogueSummary } from '@shared/dialogue'
import { client, tempWorkspace } from '../support/workspace'
import { storeCorpus } from '../support/corpus'

type Api = ReturnType<typeof client>

/** Every page of a query by cursor, calling `between` after each page (to store dialogues meanwhile). */
async function walk(api: Api, query: DialogueQuery, limit: number, between: (page: number) => void = () => {}) {
  const seen: DialogueSummary[] = []
  let page = await api.listDialogues({ ...query, limit })
  for (let n = 0; ; n++) {
    seen.push(...page.items)
    between(n)
    if (!page.next) break
    page = await api.listDialogues({ ...query, limit, after: page.next })
  }
  return seen
}

/** The order a query promises, worked out from the rows themselves: sort value, then position, then row. */
const expectedOrder = (rows: DialogueSummary[], key: (d: DialogueSummary) => number, desc: boolean) =>
  [...rows].sort((a, b) => (key(a) - key(b)) * (desc ? -1 : 1) || a.position - b.position)

describe('paging the dialogue list by cursor', () => {
  const ws = tempWorkspace()
  afterEach(() => ws.cleanup())

  it('returns every dialogue exactly once, in order, while dialogues are stored between pages', async () => {
    const app = ws.open()
    const api = client(app)
    const dataset = storeCorpus(app.db, 95, 1)
    const before = (await api.listDialogues({ datasetId: dataset })).items
    expect(before.map((d) => d.position)).toEqual([...Array(95).keys()])
    // Another dataset is written while the list is read (a run), and more dialogues join the first one's end.
    let added = 0
    const seen = await walk(api, { datasetId: dataset }, 20, (page) => {
      if (page < 3) storeCorpus(app.db, 7, 10 + page)
      if (page === 1) {
        app.db
          .prepare(
            `INSERT INTO dialogues (id, dataset_id, position, language, status, created_at, updated_at)
             VALUES (?, ?, ?, 'zh', 'completed', '', '')`,
          )
          .run(`late-${page}`, dataset, 95 + page)
        added++
      }
    })
    const ids = seen.map((d) => d.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual([...before.map((d) => d.id), 'late-1'])
    expect(added).toBe(1)
    // The same pages by offset, now that nothing is stored: the same rows.
    const byOffset: string[] = []
    for (let offset = 0; offset < 96; offset += 20)
      byOffset.push(...(await api.listDialogues({ datasetId: dataset, limit: 20, offset })).items.map((d) => d.id))
    expect(byOffset).toEqual(ids)
  })

  it('keeps ties in order across datasets and sorts (positions repeat; turns and lengths tie)', async () => {
    const app = ws.open()
    const api = client(app)
    storeCorpus(app.db, 30, 2, 4)
    storeCorpus(app.db, 30, 3, 6)
    storeCorpus(app.db, 25, 4, 4)
    const all = (await api.listDialogues({})).items
    expect(all).toHaveLength(85)
    for (const [sort, key] of [
      ['created', (d: DialogueSummary) => d.position],
      ['turns', (d: DialogueSummary) => d.turns],
      ['chars', (d: DialogueSummary) => d.chars],
    ] as const)
      for (const order of ['asc', 'desc'] as const) {
        const seen = await walk(api, { sort, order }, 11)
        const ids = seen.map((d) => d.id)
        expect(new Set(ids).size, `${sort} ${order}`).toBe(85)
        expect(seen.map(key), `${sort} ${order}`).toEqual(expectedOrder(all, key, order === 'desc').map(key))
        // Each page by cursor is the page by offset.
        const byOffset = (await api.listDialogues({ sort, order, limit: 11, offset: 33 })).items.map((d) => d.id)
        expect(ids.slice(33, 44), `${sort} ${order}`).toEqual(byOffset)
      }
    // A search pages the same way and counts every match on each page.
    const search = await walk(api, { text: '焦虑' }, 7)
    const total = (await api.listDialogues({ text: '焦虑', limit: 1 })).total
    expect(search).toHaveLength(total)
    expect(new Set(search.map((d) => d.id)).size).toBe(total)
    const page = await api.listDialogues({ text: '焦虑', limit: 7, offset: 7 })
    expect(page.total).toBe(total)
  })
})
