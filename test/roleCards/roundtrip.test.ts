import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { BIG_FIVE, ROLE_CARD_EXPORT_FORMATS, RoleCardSchema, type RoleCard } from '@shared/roleCard'
import { describe, expect, it } from 'vitest'
import { detectLanguage } from '../../src/main/roleCards/language'
import { parseRoleCardFile } from '../../src/main/roleCards/parse'
import { serializeRoleCards } from '../../src/main/roleCards/serialize'

const nasty: RoleCard[] = [
  RoleCardSchema.parse({
    id: 'nasty-1',
    language: 'zh',
    name: '"王, 小明"',
    gender: '',
    age: null,
    family: '父亲，母亲\n弟弟 "小宝"',
    bigFive: { openness: { level: null, description: 'a, "b"\nc' }, neuroticism: { level: 'high', description: '' } },
    resistance: { level: null, description: '' },
    complaint: {
      title: '=SUM(A1:A2) 不是公式',
      body: '第一行，有逗号, and "quotes"\r\n第二行\n\n- 列表项\n"""三个引号"""\n\'=还有引号开头',
    },
    tags: [],
    notes: "'already quoted\n@mention\n+plus",
    createdAt: '2024-02-29T23:59:59.999Z',
    updatedAt: '2024-03-01T00:00:00.000Z',
  }),
  RoleCardSchema.parse({
    id: 'nasty.2:x_y-z',
    language: 'en',
    name: "Ann-Marie O'Neil",
    gender: 'female',
    age: 120,
    education: 'PhD; "ABD"',
    occupation: '-10°C freezer technician',
    maritalStatus: 'married, twice',
    family: 'Two kids\ttabs\tinside',
    bigFive: Object.fromEntries(BIG_FIVE.map((t) => [t, { level: 'somewhat_low', description: `${t}, described` }])),
    resistance: { level: 'somewhat_high', description: 'Says "no" a lot.' },
    complaint: { title: 'Title with, comma', body: 'Line one.\nLine two, with "quotes" and a backslash \\ here.' },
    withheld: [
      { text: 'Lost the job, "quietly"; told nobody,\nnot even =family', threshold: 6.5 },
      { text: 'Drinks most nights', threshold: 0 },
    ],
    resistanceBehaviours: [
      { behaviour: 'arguing', frequency: 0.25 },
      { behaviour: 'minimising', frequency: 0.75 },
    ],
    tags: ['a;b', 'back\\slash', '中文标签', 'x'],
    pool: 'test',
    source: 'hand-made',
    provenance: 'made up, for tests',
    notes: '',
    example: true,
    createdAt: '2023-01-01T00:00:00.000Z',
    updatedAt: '2023-06-01T12:34:56.789Z',
  }),
  RoleCardSchema.parse({
    id: 'plain-3',
    language: 'en',
    age: 1,
    complaint: { body: 'x' },
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  }),
]

function reimport(cards: RoleCard[], format: (typeof ROLE_CARD_EXPORT_FORMATS)[number]) {
  const file = serializeRoleCards(cards, format)
  const result = parseRoleCardFile(`export.${file.extension}`, new TextEncoder().encode(file.content))
  return { file, result }
}

describe('export then import', () => {
  it.each(ROLE_CARD_EXPORT_FORMATS)('gives identical cards for %s', (format) => {
    const { result } = reimport(nasty, format)
    expect(result.errors).toEqual([])
    expect(result.format).toBe(format)
    const back: RoleCard[] = result.cards.map(({ card, createdAt, updatedAt }) => ({
      ...card,
      id: card.id!,
      createdAt: createdAt!,
      updatedAt: updatedAt!,
    }))
    expect(back).toEqual(nasty)
  })

  it('writes CSV with a UTF-8 BOM, the importer columns and escaped formulas', () => {
    const { file } = reimport(nasty, 'csv')
    expect(file).toMatchObject({ mimeType: 'text/csv', extension: 'csv' })
    expect(file.content.startsWith('\uFEFFid,language,name,gender,age,')).toBe(true)
    expect(file.content).toContain(`"'=SUM(A1:A2) 不是公式"`)
    expect(file.content).not.toMatch(/,=SUM/)
  })

  it('writes JSON in the versioned wrapper and JSONL one card per line', () => {
    const json = JSON.parse(serializeRoleCards(nasty, 'json').content)
    expect(json).toMatchObject({ format: 'simpsy-role-cards', version: 1 })
    expect(json.roleCards).toHaveLength(3)
    const lines = serializeRoleCards(nasty, 'jsonl').content.trimEnd().split('\n')
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(['nasty-1', 'nasty.2:x_y-z', 'plain-3'])
  })

  it('round-trips an empty export to a file that says it has no cards', () => {
    const { result } = reimport([], 'json')
    expect(result.cards).toEqual([])
    expect(result.errors[0].message).toMatch(/contains no role cards/)
  })
})

describe('sample workspace', () => {
  const path = resolve(import.meta.dirname, '../../resources/sample-workspace/role-cards.json')
  const result = parseRoleCardFile('role-cards.json', readFileSync(path))
  const cards = result.cards.map((c) => c.card)

  it('has 12 valid example cards, 6 Chinese and 6 English, in their own pool', () => {
    expect(result.errors).toEqual([])
    expect(cards).toHaveLength(12)
    expect(cards.filter((c) => c.language === 'zh')).toHaveLength(6)
    expect(new Set(cards.map((c) => c.pool))).toEqual(new Set(['examples']))
    expect(new Set(cards.map((c) => c.id)).size).toBe(12)
    for (const c of cards) {
      expect(c.example).toBe(true)
      expect(c.tags).toContain('example')
      expect(c.source).toBe('simpsy-sample')
      expect(detectLanguage(c.complaint.body)).toBe(c.language)
    }
  })

  it('fills every field', () => {
    const ages = cards.map((c) => c.age!)
    expect(Math.min(...ages)).toBe(16)
    expect(Math.max(...ages)).toBe(70)
    for (const c of cards) {
      for (const field of [
        'name',
        'gender',
        'education',
        'occupation',
        'maritalStatus',
        'family',
        'pool',
        'provenance',
        'notes',
      ] as const) {
        expect(c[field], `${c.id} ${field}`).not.toBe('')
      }
      for (const trait of [...BIG_FIVE.map((t) => c.bigFive[t]), c.resistance]) {
        expect(trait.level, c.id).not.toBeNull()
        expect(trait.description, c.id).not.toBe('')
      }
      expect(c.complaint.title, c.id).not.toBe('')
      const sentences = c.complaint.body.split(/(?<=[.!?。！？])\s*/).filter((s) => s.trim() !== '')
      expect(sentences.length, c.id).toBeGreaterThanOrEqual(3)
      expect(sentences.length, c.id).toBeLessThanOrEqual(6)
    }
  })
})
