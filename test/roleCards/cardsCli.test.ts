import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../support/cliProcess'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

const query = <T>(sql: string) => {
  const conn = new Database(join(dir, 'workspace.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return conn.prepare(sql).all() as T[]
  } finally {
    conn.close()
  }
}

/**
 * Five cards a1..a5 (besides the example cards a new workspace gets): a1, a2 from "posts", a3..a5 from "cactus"; a1
 * tagged "old". The mock endpoint "mock".
 */
async function workspace() {
  const mock = await startMockOpenAI({ reply: scriptedCounseling({ closeAtTurn: () => 1 }) })
  closers.push(mock.close)
  dir = mkdtempSync(join(tmpdir(), 'simpsy-cards-cli-'))
  const file = join(dir, 'cards.json')
  const card = (i: number) => ({
    id: `a${i}`,
    language: 'en',
    source: i <= 2 ? 'posts' : 'cactus',
    tags: i === 1 ? ['old'] : [],
    complaint: { body: `Problem ${i}` },
  })
  writeFileSync(file, JSON.stringify([1, 2, 3, 4, 5].map(card)))
  const imported = await runCli(dir, ['cards', 'import', file])
  expect(imported.status, imported.stderr).toBe(0)
  const saved = await runCli(dir, ['endpoints', 'save', '--name', 'mock', '--base-url', mock.baseURL, '--model', 'm'])
  expect(saved.status, saved.stderr).toBe(0)
}

const simulate = (...flags: string[]) =>
  runCli(dir, ['simulate', '--client', 'mock', '--counselor', 'mock', '-T', '1', '--name', 'cli', ...flags])

describe('CLI: card selection and bulk edit', () => {
  it('cards edit adds and removes tags and sets the pool; an unknown id changes nothing', async () => {
    await workspace()
    const edited = await runCli(dir, [
      'cards',
      'edit',
      '--ids',
      'a1,a2',
      '--add-tag',
      'x',
      '--add-tag',
      'y',
      '--remove-tag',
      'old',
      '--pool',
      'train',
    ])
    expect(edited.status, edited.stderr).toBe(0)
    expect(edited.stdout).toContain('Edited 2 of 2 cards.')
    const tags = () =>
      query<{ card_id: string; tag: string }>(
        "SELECT card_id, tag FROM role_card_tags WHERE card_id LIKE 'a_' ORDER BY card_id, position",
      )
    expect(tags()).toEqual([
      { card_id: 'a1', tag: 'x' },
      { card_id: 'a1', tag: 'y' },
      { card_id: 'a2', tag: 'x' },
      { card_id: 'a2', tag: 'y' },
    ])
    const pools = () =>
      query<{ id: string; pool: string }>("SELECT id, pool FROM role_cards WHERE id LIKE 'a_' ORDER BY id")
    expect(pools().map((r) => r.pool)).toEqual(['train', 'train', '', '', ''])

    const bad = await runCli(dir, ['cards', 'edit', '--ids', 'a3,nope', '--add-tag', 'z', '--pool', 'test'])
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toContain('ids: no role card with id nope')
    expect(pools().map((r) => r.pool)).toEqual(['train', 'train', '', '', ''])
    expect(tags()).toHaveLength(4)

    const byQuery = await runCli(dir, ['cards', 'edit', '--match-source', 'cactus', '--pool', 'test'])
    expect(byQuery.status, byQuery.stderr).toBe(0)
    expect(pools().map((r) => r.pool)).toEqual(['train', 'train', 'test', 'test', 'test'])
  }, 180_000)

  it('simulate --source with a seeded sample runs those cards; bad sample flags start nothing', async () => {
    await workspace()
    const fraction = await simulate('--source', 'cactus', '--sample-fraction', '2')
    expect(fraction.status).not.toBe(0)
    expect(fraction.stderr).toContain('--sample-fraction: must be at most 1')
    const seedAlone = await simulate('--sample-seed', '3')
    expect(seedAlone.stderr).toContain('--sample-seed: give --sample-size or --sample-fraction with it')
    expect(query('SELECT id FROM runs')).toEqual([])

    const run = await simulate('--source', 'cactus', '--sample-size', '2', '--sample-seed', '5')
    expect(run.status, run.stderr + run.stdout).toBe(0)
    expect(run.stdout).toContain('Cards: 2 of 3 matching cards (sample of 2, seed 5)')
    const [stored] = query<{ cards: string }>('SELECT cards FROM runs')
    expect(JSON.parse(stored.cards)).toMatchObject({
      query: { source: 'cactus' },
      sample: { size: 2, seed: 5 },
      matched: 3,
      selected: 2,
    })
    const hash = (id: string) => createHash('sha256').update(`5\u0000${id}`).digest('hex')
    const expected = ['a3', 'a4', 'a5']
      .sort((a, b) => (hash(a) < hash(b) ? -1 : 1))
      .slice(0, 2)
      .sort()
    const used = query<{ role_card_id: string }>('SELECT role_card_id FROM dialogues ORDER BY role_card_id')
    expect(used.map((d) => d.role_card_id)).toEqual(expected)
  }, 180_000)
})
