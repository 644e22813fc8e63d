import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ApiClient } from '@shared/api'
import { CardSelectionSchema } from '@shared/roleCard'
import { roleCardRepo } from '../../src/main/db/roleCardRepo'
import { selectRoleCards } from '../../src/main/roleCards/selectRoleCards'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'
import { client, tempWorkspace } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

/** Ten English cards c00..c09 (c00-c05 from source "posts", c06-c09 from "cactus"), and two Chinese ones. */
async function workspace() {
  ws = tempWorkspace()
  const app = ws.open()
  const api = client(app)
  for (let i = 0; i < 10; i++)
    await api.createRoleCard({
      id: `c0${i}`,
      language: 'en',
      name: `P${i}`,
      tags: ['study'],
      source: i < 6 ? 'posts' : 'cactus',
      complaint: { body: `Problem ${i}` },
    })
  for (const id of ['z1', 'z2'])
    await api.createRoleCard({ id, language: 'zh', tags: ['other'], complaint: { body: `问题 ${id}` } })
  return { app, api }
}

/** The spec written out: ids ranked by sha256("<seed>\0<id>") in hex, the first `n`. */
const expectedSample = (ids: string[], seed: number, n: number) =>
  ids
    .map((id) => ({ id, rank: createHash('sha256').update(`${seed}\u0000${id}`).digest('hex') }))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1))
    .slice(0, n)
    .map((r) => r.id)
    .sort()

const english = Array.from({ length: 10 }, (_, i) => `c0${i}`)

async function withEndpoint(api: ApiClient) {
  const mock = await startMockOpenAI({ reply: scriptedCounseling({ closeAtTurn: () => 1 }) })
  closers.push(mock.close)
  const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'm', maxConcurrency: 8 })
  const defaults = await api.simulationDefaults()
  return {
    ...defaults,
    client: { ...defaults.client, endpointId: endpoint.id },
    counselor: { ...defaults.counselor, endpointId: endpoint.id },
  }
}

describe('a seeded sample of the matching cards', () => {
  it('keeps the cards ranked first by a hash of seed and id: the same seed, the same cards', async () => {
    const { app } = await workspace()
    const repo = roleCardRepo(app.db)
    const pick = (sample: { size?: number; fraction?: number; seed: number }) =>
      selectRoleCards(repo, CardSelectionSchema.parse({ query: { language: 'en' }, sample }))
        .cards.map((c) => c.id)
        .sort()
    const seven = pick({ size: 3, seed: 7 })
    expect(seven).toEqual(expectedSample(english, 7, 3))
    expect(pick({ size: 3, seed: 7 })).toEqual(seven)
    expect(pick({ size: 3, seed: 8 })).toEqual(expectedSample(english, 8, 3))
    // A larger sample with the same seed contains the smaller one (the ranking does not change with the size).
    expect(pick({ size: 5, seed: 7 })).toEqual(expect.arrayContaining(seven))
    // Fractions: 0.25 of 10 is 2.5, rounded to 3; 0.01 of 10 still takes one card; 1 takes all; a size above the
    // number of matching cards takes them all.
    expect(pick({ fraction: 0.25, seed: 7 })).toEqual(seven)
    expect(pick({ fraction: 0.01, seed: 7 })).toEqual(expectedSample(english, 7, 1))
    expect(pick({ fraction: 1, seed: 7 })).toEqual(english)
    expect(pick({ size: 50, seed: 7 })).toEqual(english)
    // The record stored with the run: how many matched, how many were used, and the sample.
    const { record } = selectRoleCards(
      repo,
      CardSelectionSchema.parse({ query: { language: 'en' }, sample: { fraction: 0.25, seed: 7 } }),
    )
    expect(record).toMatchObject({ matched: 10, selected: 3, sample: { fraction: 0.25, seed: 7 } })
    expect(record.query).toMatchObject({ language: 'en' })
  })

  it('refuses a bad sample naming the field, and creates nothing', async () => {
    const { api } = await workspace()
    const config = await withEndpoint(api)
    const start = (sample: Record<string, unknown>) =>
      api.startRun({ name: 'bad', cards: { query: { language: 'en' }, sample } as never, config })
    await expect(start({ size: 0, seed: 1 })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('cards.sample.size: must be at least 1 card'),
    })
    await expect(start({ fraction: 2, seed: 1 })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('cards.sample.fraction: must be at most 1'),
    })
    await expect(start({ fraction: 0, seed: 1 })).rejects.toMatchObject({
      message: expect.stringContaining('cards.sample.fraction: must be more than 0'),
    })
    await expect(start({ size: 2, fraction: 0.5, seed: 1 })).rejects.toMatchObject({
      message: expect.stringContaining('cards.sample.fraction: give a number of cards (size) or a fraction, not both'),
    })
    await expect(start({ seed: 1 })).rejects.toMatchObject({
      message: expect.stringContaining('cards.sample.size: give a number of cards (size) or a fraction'),
    })
    await expect(start({ size: 2.5, seed: 1 })).rejects.toMatchObject({
      message: expect.stringContaining('cards.sample.size: must be a whole number of cards'),
    })
    await expect(
      api.startRun({ name: 'bad', cards: { ids: ['c01'], sample: { size: 1, seed: 1 } }, config }),
    ).rejects.toMatchObject({ message: expect.stringContaining("cards.sample: a sample is taken of a query's cards") })
    expect(await api.listRuns()).toEqual([])
    expect(await api.listDatasets()).toEqual([])
  })

  it('runs exactly the sampled cards and stores how they were chosen', async () => {
    const { app, api } = await workspace()
    const config = await withEndpoint(api)
    const run = await api.startRun({
      name: 'sampled',
      cards: { query: { language: 'en' }, sample: { size: 4, seed: 11 } },
      config: { ...config, samplesPerCard: 2 },
    })
    expect(run.cards).toMatchObject({ matched: 10, selected: 4, sample: { size: 4, seed: 11 } })
    await app.runner.waitFor(run.id)
    const { items } = await api.listDialogues({ runId: run.id })
    expect(items).toHaveLength(8)
    expect([...new Set(items.map((d) => d.roleCardId!))].sort()).toEqual(expectedSample(english, 11, 4))
    // Read back from the database, also after the workspace is opened again.
    const reopened = client(ws.open())
    expect((await reopened.getRun({ id: run.id })).cards).toEqual(run.cards)
  })

  it('filters by source; the facets list the sources', async () => {
    const { app, api } = await workspace()
    const page = await api.listRoleCards({})
    expect(page.facets.sources).toEqual(['cactus', 'posts'])
    expect((await api.listRoleCards({ source: 'cactus' })).items.map((c) => c.id)).toEqual(['c06', 'c07', 'c08', 'c09'])
    const config = await withEndpoint(api)
    const run = await api.startRun({ name: 'cactus', cards: { query: { source: 'cactus' } }, config })
    expect(run.cards).toMatchObject({ matched: 4, selected: 4, query: { source: 'cactus' } })
    expect(run.cards?.sample).toBeUndefined()
    await app.runner.waitFor(run.id)
    const { items } = await api.listDialogues({ runId: run.id })
    expect(items.map((d) => d.roleCardId).sort()).toEqual(['c06', 'c07', 'c08', 'c09'])
    // A sample of a source: ranked among that source's cards only.
    const sampled = await api.startRun({
      name: 'cactus sample',
      cards: { query: { source: 'cactus' }, sample: { size: 2, seed: 3 } },
      config,
    })
    expect(sampled.cards).toMatchObject({ matched: 4, selected: 2 })
    await app.runner.waitFor(sampled.id)
    const two = await api.listDialogues({ runId: sampled.id })
    expect(two.items.map((d) => d.roleCardId).sort()).toEqual(expectedSample(['c06', 'c07', 'c08', 'c09'], 3, 2))
  })

  it('an id list runs exactly those cards and records it', async () => {
    const { app, api } = await workspace()
    const config = await withEndpoint(api)
    const run = await api.startRun({ name: 'ids', cards: { ids: ['c03', 'z1'] }, config })
    expect(run.cards).toEqual({ matched: 2, selected: 2 })
    await app.runner.waitFor(run.id)
    const { items } = await api.listDialogues({ runId: run.id })
    expect(items.map((d) => d.roleCardId).sort()).toEqual(['c03', 'z1'])
  })
})

describe('bulk edit of role cards', () => {
  it('adds tags to the existing ones, removes tags and sets the pool, in one call', async () => {
    const { api } = await workspace()
    const before = await api.getRoleCard({ id: 'c01' })
    const result = await api.editRoleCards({ ids: ['c01', 'c02', 'z1'], addTags: ['batch', 'study'], pool: 'train' })
    expect(result).toEqual({ matched: 3, changed: 3 })
    const c01 = await api.getRoleCard({ id: 'c01' })
    expect(c01.tags).toEqual(['study', 'batch'])
    expect(c01.pool).toBe('train')
    expect(c01.updatedAt > before.updatedAt).toBe(true)
    expect((await api.getRoleCard({ id: 'z1' })).tags).toEqual(['other', 'batch', 'study'])
    // Cards not chosen are untouched.
    expect(await api.getRoleCard({ id: 'c03' })).toMatchObject({ tags: ['study'], pool: '' })

    const removed = await api.editRoleCards({ ids: ['c01', 'c03'], removeTags: ['study'] })
    expect(removed).toEqual({ matched: 2, changed: 2 })
    expect((await api.getRoleCard({ id: 'c01' })).tags).toEqual(['batch'])
    expect((await api.getRoleCard({ id: 'c03' })).tags).toEqual([])
    // The tag index follows: c01 and c03 are no longer found by it.
    expect((await api.listRoleCards({ tag: 'study' })).items.map((c) => c.id)).not.toContain('c01')

    // A card the edit leaves as it was is not rewritten.
    const c02 = await api.getRoleCard({ id: 'c02' })
    expect(await api.editRoleCards({ ids: ['c02'], pool: 'train' })).toEqual({ matched: 1, changed: 0 })
    expect((await api.getRoleCard({ id: 'c02' })).updatedAt).toBe(c02.updatedAt)

    // By query; '' clears the pool.
    expect(await api.editRoleCards({ query: { source: 'cactus' }, pool: 'test' })).toEqual({ matched: 4, changed: 4 })
    expect((await api.listRoleCards({ pool: 'test' })).items.map((c) => c.id)).toEqual(['c06', 'c07', 'c08', 'c09'])
    await api.editRoleCards({ query: { pool: 'test' }, pool: '' })
    expect((await api.listRoleCards({ pool: 'test' })).total).toBe(0)
  })

  it('rejects unknown ids and cards that would become invalid without changing anything', async () => {
    const { api } = await workspace()
    const snapshot = async () => (await api.listRoleCards({})).items.map((c) => [c.id, c.tags, c.pool, c.updatedAt])
    const before = await snapshot()
    await expect(api.editRoleCards({ ids: ['c01', 'nope'], addTags: ['x'], pool: 'train' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'ids: no role card with id nope',
    })
    // c01 could take 49 more tags, but z1 already has one more: neither changes.
    await api.editRoleCards({ ids: ['z1'], addTags: ['extra'] })
    const mid = await snapshot()
    const many = Array.from({ length: 49 }, (_, i) => `t${i}`)
    await expect(api.editRoleCards({ ids: ['c01', 'z1'], addTags: many })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^addTags: card z1 would be invalid \(tags: at most 50 tags\)/),
    })
    expect(await snapshot()).toEqual(mid)
    expect(mid.filter(([id]) => id !== 'z1')).toEqual(before.filter(([id]) => id !== 'z1'))
    // Malformed requests name their field.
    await expect(api.editRoleCards({ ids: ['c01'] })).rejects.toMatchObject({
      message: expect.stringContaining('addTags: nothing to change'),
    })
    await expect(api.editRoleCards({ ids: ['c01'], query: {}, pool: 'x' })).rejects.toMatchObject({
      message: expect.stringContaining('ids: give the cards as ids or as a query, not both'),
    })
    await expect(api.editRoleCards({ ids: ['c01'], addTags: ['a'], removeTags: ['a'] })).rejects.toMatchObject({
      message: expect.stringContaining('removeTags: both added and removed: a'),
    })
  })
})
