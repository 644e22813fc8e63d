import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it, afterEach } from 'vitest'
import type { RoleCardInput } from '@shared/roleCard'
import { tempWorkspace, client } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace>
afterEach(async () => {
  await ws?.cleanup()
})

const card = (over: Partial<RoleCardInput> = {}): RoleCardInput => ({
  language: 'zh',
  gender: '女',
  age: 21,
  occupation: '大学生',
  tags: ['exam'],
  pool: 'train',
  complaint: { title: '考试焦虑', body: '一到考试我就心慌，整晚睡不着。' },
  ...over,
})
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

describe('role cards through the API', () => {
  it('creates, edits, duplicates, deletes and restores', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const created = await api.createRoleCard(card())
    expect(created.id).toBeTruthy()
    expect(created.bigFive.openness).toEqual({ level: null, description: '' })

    const edited = await api.updateRoleCard({
      id: created.id,
      card: { ...card(), age: 22 },
      expectedUpdatedAt: created.updatedAt,
    })
    expect(edited.age).toBe(22)
    expect(edited.createdAt).toBe(created.createdAt)
    expect(edited.updatedAt > created.updatedAt).toBe(true)

    const copy = await api.duplicateRoleCard({ id: created.id })
    expect(copy.id).not.toBe(created.id)
    expect(copy.complaint.title).toBe('考试焦虑（副本）')

    const { deleted } = await api.deleteRoleCards({ ids: [created.id, copy.id] })
    expect((await api.listRoleCards({})).total).toBe(0)
    await api.restoreRoleCards({ cards: deleted })
    expect(await api.getRoleCard({ id: created.id })).toEqual(edited)
  })

  it('refuses a stale edit instead of overwriting a change made elsewhere', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const created = await api.createRoleCard(card())
    await api.updateRoleCard({ id: created.id, card: card({ age: 30 }), expectedUpdatedAt: created.updatedAt })
    await expect(
      api.updateRoleCard({ id: created.id, card: card({ age: 40 }), expectedUpdatedAt: created.updatedAt }),
    ).rejects.toMatchObject({
      code: 'conflict',
    })
    expect((await api.getRoleCard({ id: created.id })).age).toBe(30)
  })

  it('names the field in validation errors and stores nothing', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    await expect(api.createRoleCard({ ...card(), age: 'abc' as unknown as number })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^age: /),
    })
    await expect(api.createRoleCard(card({ complaint: { title: 'x', body: '  ' } }))).rejects.toMatchObject({
      message: expect.stringContaining('complaint.body'),
    })
    await expect(
      api.createRoleCard(card({ bigFive: { openness: { level: 'extreme' as never, description: '' } } })),
    ).rejects.toMatchObject({ message: expect.stringContaining('bigFive.openness.level') })
    expect((await api.listRoleCards({})).total).toBe(0)
  })

  it('searches and filters by language, tag, pool and source, with facets', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    await api.createRoleCard(card())
    await api.createRoleCard(
      card({
        language: 'en',
        tags: ['grief'],
        pool: 'test',
        source: 'mine',
        complaint: { title: 'Loss', body: 'My father died in May.' },
      }),
    )
    await api.createRoleCard(
      card({
        language: 'en',
        tags: ['work'],
        pool: 'train',
        complaint: { title: 'Burnout', body: '100% tired_of it' },
      }),
    )
    expect((await api.listRoleCards({ language: 'en' })).total).toBe(2)
    expect((await api.listRoleCards({ tag: 'grief' })).items.map((c) => c.title)).toEqual(['Loss'])
    expect((await api.listRoleCards({ pool: 'train' })).total).toBe(2)
    expect((await api.listRoleCards({ source: 'mine' })).total).toBe(1)
    expect((await api.listRoleCards({ text: 'FATHER may' })).items.map((c) => c.title)).toEqual(['Loss'])
    expect((await api.listRoleCards({ text: '心慌' })).total).toBe(1)
    // LIKE wildcards in the query are taken literally.
    expect((await api.listRoleCards({ text: '100%' })).total).toBe(1)
    expect((await api.listRoleCards({ text: '_' })).total).toBe(1)
    // Ids are searchable too, for people who work by id.
    const some = (await api.listRoleCards({ tag: 'work' })).items[0]
    expect((await api.listRoleCards({ text: some.id.slice(0, 8) })).items.map((c) => c.id)).toEqual([some.id])
    const { facets } = await api.listRoleCards({ language: 'zh' })
    expect(facets).toEqual({ tags: ['exam', 'grief', 'work'], pools: ['test', 'train'], sources: ['mine'] })
  })

  it('imports all rows or none, and reports id clashes with the workspace', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const existing = await api.createRoleCard(card({ id: 'c-1' }))
    const rows = [{ ...card({ id: 'c-1' }), complaint: { title: 'new', body: 'changed' } }, card({ id: 'c-2' })]
    const file = { fileName: 'cards.json', contentBase64: b64(JSON.stringify(rows)) }
    await expect(api.importRoleCards(file)).rejects.toMatchObject({
      code: 'import_failed',
      details: { errors: [expect.objectContaining({ row: 1, field: 'id' })], nothingWritten: true },
    })
    expect((await api.listRoleCards({})).total).toBe(1)

    const dry = await api.importRoleCards({ ...file, onConflict: 'replace', dryRun: true })
    expect(dry).toMatchObject({ imported: 1, replaced: 1, nothingWritten: true })
    expect((await api.getRoleCard({ id: 'c-1' })).complaint.body).toBe(existing.complaint.body)

    const skipped = await api.importRoleCards({ ...file, onConflict: 'skip' })
    expect(skipped).toMatchObject({ imported: 1, skipped: 1, nothingWritten: false })
    expect((await api.getRoleCard({ id: 'c-1' })).complaint.body).toBe(existing.complaint.body)

    const replaced = await api.importRoleCards({ ...file, onConflict: 'replace' })
    // c-2 came in with the skip import above, so both rows now replace.
    expect(replaced).toMatchObject({ replaced: 2, imported: 0 })
    expect((await api.getRoleCard({ id: 'c-1' })).complaint.body).toBe('changed')
  })

  it('applies the chosen pool and tags to imported cards that have none', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const posts = ['考试焦虑 我每次考试前都失眠。', 'Lonely after moving I know nobody in this city.']
    await api.importRoleCards({
      fileName: 'user_profiles_test.json',
      contentBase64: b64(JSON.stringify(posts)),
      pool: 'test',
      tags: ['batch-1'],
    })
    const page = await api.listRoleCards({ pool: 'test', tag: 'batch-1' })
    expect(page.total).toBe(2)
    expect(page.items.map((c) => c.language).sort()).toEqual(['en', 'zh'])
  })

  it('adds the chosen tags to imported cards that already have tags (CACTUS cards carry attitude:*)', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const seeds = readFileSync(resolve(import.meta.dirname, '../fixtures/roleCards/cactus-seeds.json'))
    const report = await api.importRoleCards({
      fileName: 'cactus-seeds.json',
      contentBase64: seeds.toString('base64'),
      tags: ['batch-1', 'attitude:positive'],
    })
    const page = await api.listRoleCards({ tag: 'batch-1' })
    expect(page.total).toBe(report.imported)
    expect(page.total).toBeGreaterThan(0)
    for (const item of page.items) {
      expect(item.tags.filter((t) => t.startsWith('attitude:')).length).toBeGreaterThan(0)
      expect(new Set(item.tags).size).toBe(item.tags.length)
    }
  })

  it('keeps the example cards of a new workspace out of the pools the methods use (train, test)', async () => {
    ws = tempWorkspace({ seedExamples: true })
    const api = client(ws.open())
    const examples = (await api.listRoleCards({})).items.filter((c) => c.example)
    expect(examples.length).toBeGreaterThan(0)
    expect(examples.every((c) => c.pool === 'examples')).toBe(true)
    expect((await api.listRoleCards({ pool: 'test' })).total).toBe(0)
    expect((await api.listRoleCards({ pool: 'train' })).total).toBe(0)
  })

  it('exports what import reads back identically', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    await api.createRoleCard(card({ notes: 'line one\nline "two", with comma' }))
    await api.createRoleCard(card({ language: 'en', age: null, tags: [], complaint: { title: '', body: 'Body only' } }))
    const before = (await api.listRoleCards({})).items.map((c) => c.id)
    const all = await Promise.all(before.map((id) => api.getRoleCard({ id })))
    for (const format of ['json', 'jsonl', 'csv'] as const) {
      const out = await api.exportRoleCards({ format })
      expect(out.count).toBe(2)
      const other = tempWorkspace()
      try {
        const target = client(other.open())
        await target.importRoleCards({ fileName: out.fileName, contentBase64: b64(out.content) })
        const back = await Promise.all(before.map((id) => target.getRoleCard({ id })))
        expect(back).toEqual(all)
      } finally {
        await other.cleanup()
      }
    }
  })

  it('imports seed records with attitude and seed, and every export format gives them back', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const seeds = readFileSync(resolve(import.meta.dirname, '../fixtures/roleCards/cactus-seeds.json'), 'utf8')
    expect(await api.importRoleCards({ fileName: 'seeds.json', contentBase64: b64(seeds) })).toMatchObject({
      imported: 2,
      errors: [],
    })
    // A card with an attitude and no seed: the CSV's empty seed columns must read back as no seed.
    await api.createRoleCard(card({ attitude: { label: 'curious', instruction: '' } }))
    const ids = (await api.listRoleCards({})).items.map((c) => c.id)
    const all = await Promise.all(ids.map((id) => api.getRoleCard({ id })))
    expect(all.map((c) => [c.language, c.attitude?.label, c.seed?.counselorOpening ?? null]).sort()).toEqual([
      ['en', 'positive', 'Hello Ivo, welcome. What brings you here today?'],
      ['zh', 'curious', null],
      ['zh', 'negative', '你好，Ivo，欢迎你。今天是什么让你来这里？'],
    ])
    for (const format of ['json', 'jsonl', 'csv'] as const) {
      const out = await api.exportRoleCards({ format })
      const other = tempWorkspace()
      try {
        const target = client(other.open())
        await target.importRoleCards({ fileName: out.fileName, contentBase64: b64(out.content) })
        expect(await Promise.all(ids.map((id) => target.getRoleCard({ id })))).toEqual(all)
      } finally {
        await other.cleanup()
      }
    }
  })

  it('rejects seed records whose attitude or seed fields are not text, naming row and field, and writes nothing', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const [good] = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../fixtures/roleCards/cactus-seeds.json'), 'utf8'),
    ) as Record<string, Record<string, unknown>>[]
    const records = [
      good,
      { ...good, AI_client: { ...good.AI_client, attitude_instruction: 42 } },
      { ...good, AI_counselor: { CBT: { ...(good.AI_counselor.CBT as object), init_history_client: ['Hi'] } } },
      { ...good, AI_counselor: 'counselor' },
    ]
    const file = { fileName: 'seeds.json', contentBase64: b64(JSON.stringify(records)), format: 'cactus' as const }
    await expect(api.importRoleCards(file)).rejects.toMatchObject({
      code: 'import_failed',
      details: {
        nothingWritten: true,
        errors: [
          {
            row: 2,
            field: 'AI_client.attitude_instruction',
            message: 'AI_client.attitude_instruction: must be text (got number 42)',
          },
          expect.objectContaining({
            row: 3,
            field: 'AI_counselor.CBT.init_history_client',
            message: expect.stringMatching(/^AI_counselor\.CBT\.init_history_client: must be text \(got/),
          }),
          expect.objectContaining({
            row: 4,
            field: 'AI_counselor',
            message: expect.stringMatching(/must be an object/),
          }),
        ],
      },
    })
    expect((await api.listRoleCards({})).total).toBe(0)
  })

  it('renders a card into the text the client agent reads', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const { text } = await api.renderRoleCard({
      card: card({
        bigFive: { neuroticism: { level: 'high', description: '容易担心' } },
        resistance: { level: 'low', description: '' },
      }),
    })
    expect(text).toContain('年龄：21岁')
    expect(text).toContain('神经质：高，容易担心')
    expect(text).toContain('对咨询的阻抗：低')
    expect(text).toContain('一到考试我就心慌')
    expect(text).not.toContain('姓名')
  })
})
