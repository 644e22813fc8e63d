import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { DatasetFormat } from '@shared/dialogue'
import { describe, expect, it } from 'vitest'
import { parseRoleCardFile } from '../../src/main/roleCards/parse'
import { parseDatasetFile } from '../../src/main/datasets/parseDataset'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/datasets')
const read = (name: string) => readFileSync(resolve(FIXTURES, name))
const parse = (name: string, format: DatasetFormat | 'auto' = 'auto') => parseDatasetFile(name, read(name), format)
const turns = (d: { messages: { speaker: string; content: string }[] }) =>
  d.messages.map((m) => `${m.speaker}: ${m.content}`)

describe('dataset formats', () => {
  it('reads the OpenAI release format: system prompt kept apart, user = client, assistant = counselor', () => {
    const result = parse('openai.json')
    expect(result.errors).toEqual([])
    expect(result).toMatchObject({ format: 'openai', rows: 2 })
    const [first, second] = result.dialogues
    expect(first.systemPrompt).toBe('You are a warm, client-centred counselor. Reply in two or three sentences.')
    expect(first.row).toBe(1)
    expect(first.language).toBe('en')
    // Two client messages in a row stay two messages.
    expect(first.messages.map((m) => m.speaker)).toEqual(['client', 'counselor', 'client', 'client', 'counselor'])
    expect(first.roleCard).toBeNull()
    expect(second.systemPrompt).toBeNull()
    expect(second.language).toBe('zh')
    expect(turns(second)[0]).toBe('client: 我最近和室友总是吵架，不知道怎么办。')
  })

  it('reads OpenAI records from JSON Lines, rows being line numbers', () => {
    const result = parse('openai.jsonl')
    expect(result.errors).toEqual([])
    expect(result.format).toBe('openai')
    expect(result.dialogues.map((d) => d.row)).toEqual([1, 3])
    // A dialogue may start with the counselor; alternation is not required.
    expect(result.dialogues[1].messages[0].speaker).toBe('counselor')
  })

  it('reads ShareGPT with a "system" field, an empty "system" and a system turn', () => {
    const result = parse('sharegpt.json')
    expect(result.errors).toEqual([])
    expect(result.format).toBe('sharegpt')
    const [first, second] = result.dialogues
    expect(first).toMatchObject({ externalId: 'sg-1', systemPrompt: 'You are a patient counselor.', language: 'en' })
    expect(first.messages.map((m) => m.speaker)).toEqual(['client', 'counselor', 'client'])
    expect(second).toMatchObject({ externalId: null, systemPrompt: '你是一名心理咨询师。', language: 'zh' })
    expect(turns(second)).toEqual(['client: 我总觉得自己不够好。', 'counselor: 这种感觉从什么时候开始的？'])
  })

  it('reads SmileChat JSONL, plain and gzip-compressed, with string or number ids', () => {
    for (const name of ['smile.jsonl', 'smile.jsonl.gz']) {
      const result = parse(name)
      expect(result.errors).toEqual([])
      expect(result).toMatchObject({ format: 'smile', rows: 2 })
      expect(result.dialogues.map((d) => d.externalId)).toEqual(['101', '102'])
      expect(result.dialogues.every((d) => d.language === 'zh' && d.systemPrompt === null)).toBe(true)
      expect(result.dialogues[1].messages.map((m) => m.speaker)).toEqual(['client', 'client', 'counselor'])
    }
  })

  it('detects gzip by its magic bytes whatever the file is called', () => {
    const result = parseDatasetFile('download.bin', read('smile.jsonl.gz'))
    expect(result.errors).toEqual([])
    expect(result.dialogues).toHaveLength(2)
  })

  it('reads a MAGneT zip: one session per JSON file, hidden entries and folders skipped', () => {
    const result = parse('magnet.zip')
    expect(result.errors).toEqual([])
    expect(result).toMatchObject({ format: 'magnet', rows: 2 })
    const [paula, wei] = result.dialogues
    expect(paula).toMatchObject({ row: 1, externalId: 'session_1', language: 'en', systemPrompt: null })
    expect(wei).toMatchObject({ row: 2, externalId: 'session_2' })
    expect(paula.messages[0]).toEqual({
      speaker: 'counselor',
      content: 'Hi Paula, thank you for coming in. How are you today?',
    })
    expect(paula.meta).toEqual({
      cbt_technique: 'I would choose "Decatastrophizing".',
      cbt_plan:
        '\n1. Rapport (5 minutes)\n\t* Invite Paula to describe the near miss.\n2. Decatastrophizing (20 minutes)',
      attitude: 'neutral',
      file: 'sessions/session_1.json',
      opening: 'seed',
    })
    expect(paula.roleCard).toMatchObject({
      name: 'Paula Greer',
      age: 52,
      gender: 'female',
      occupation: 'Bus Driver',
      education: 'High School Diploma',
      maritalStatus: 'Divorced',
      family: 'Two adult sons',
      resistance: { level: 'medium', description: 'Clients answer questions but rarely volunteer information.' },
      source: 'magnet',
      provenance: 'magnet.zip: sessions/session_1.json',
    })
    expect(paula.roleCard).toMatchObject({
      attitude: { label: 'neutral', instruction: 'Clients answer questions but rarely volunteer information.' },
      seed: {
        reasonForCounseling: 'I decided to seek counseling because I called in sick four times this month.',
        counselorOpening: 'Hi Paula, thank you for coming in. How are you today?',
        clientOpening: 'Tired. I did not sleep much before this.',
      },
    })
    expect(paula.roleCard!.seed!.clientInformation).toMatch(/^Name:\nPaula Greer\n/)
    expect(wei.roleCard?.resistance.level).toBe('high')
  })

  it('builds the same MAGneT card as the role-card importer, apart from source and provenance', () => {
    const session = read('magnet-src/sessions/session_1.json')
    const fromCards = parseRoleCardFile('s.json', new TextEncoder().encode(`[${session.toString('utf8')}]`), 'cactus')
    const fromDataset = parseDatasetFile('session_1.json', session, 'magnet')
    expect(fromCards.errors).toEqual([])
    expect(fromDataset.errors).toEqual([])
    const { source, provenance, ...card } = fromDataset.dialogues[0].roleCard!
    const { source: cardSource, provenance: cardProvenance, ...expected } = fromCards.cards[0].card
    expect(card).toEqual(expected)
    expect([source, cardSource]).toEqual(['magnet', 'cactus'])
    expect(provenance).toBe('session_1.json #1')
    expect(cardProvenance).toBe('s.json #1')
  })

  it('reads a single MAGneT session and a JSON array of sessions', () => {
    const single = parse('magnet-src/sessions/session_2.json')
    expect(single.errors).toEqual([])
    expect(single.format).toBe('magnet')
    expect(single.dialogues[0].externalId).toBeNull()
    const array = `[${read('magnet-src/sessions/session_1.json')},${read('magnet-src/sessions/session_2.json')}]`
    const both = parseDatasetFile('sessions.json', new TextEncoder().encode(array))
    expect(both.errors).toEqual([])
    expect(both.dialogues.map((d) => d.roleCard?.name)).toEqual(['Paula Greer', 'Wei Zhang'])
  })

  it("reads the workbench's own JSONL with its header, message details and unfinished dialogues", () => {
    const result = parse('native.jsonl')
    expect(result.errors).toEqual([])
    expect(result).toMatchObject({ format: 'jsonl', rows: 2 })
    const [done, failed] = result.dialogues
    expect(done).toMatchObject({
      row: 2,
      externalId: 'dlg-1',
      status: 'completed',
      endReason: { kind: 'keyword', keyword: 'goodbye', turn: 2 },
      systemPrompt: 'You are a counselor.',
      meta: { run: 'r-1' },
    })
    expect(done.roleCard).toMatchObject({ id: 'card-1', name: 'Ann', age: 30, createdAt: '2024-05-01T09:30:00.000Z' })
    expect(done.messages[0]).toEqual({
      speaker: 'counselor',
      content: 'Hello, what brings you here?',
      model: 'gpt-4o-mini',
      latencyMs: 812,
      promptTokens: 120,
      completionTokens: 14,
    })
    expect(done.messages[2]).toMatchObject({
      flagged: true,
      rejected: [{ content: 'Tell me\nabout it.', reasons: ['contains line breaks'] }],
    })
    expect(done.messages[3]).toEqual({ speaker: 'client', content: 'Goodbye.' })
    // A failed dialogue with only the counselor's opening is kept as it was.
    expect(failed).toMatchObject({
      status: 'failed',
      language: 'zh',
      roleCard: null,
      endReason: { kind: 'error', message: 'endpoint timed out' },
    })
  })

  it('reads a JSONL written before dialogues said "completed": "complete" is read as completed', () => {
    const old = read('native.jsonl').toString().replace('"status":"completed"', '"status":"complete"')
    expect(old).toContain('"status":"complete",')
    const result = parseDatasetFile('old.jsonl', new TextEncoder().encode(old))
    expect(result.errors).toEqual([])
    expect(result.dialogues.map((d) => d.status)).toEqual(['completed', 'failed'])
    // Still checked as a finished dialogue: both speakers must take part.
    const oneSpeaker = JSON.stringify({ status: 'complete', messages: [{ speaker: 'client', content: 'Hi' }] })
    expect(parseDatasetFile('one.jsonl', new TextEncoder().encode(oneSpeaker)).errors).toEqual([
      expect.objectContaining({ row: 1, field: 'messages' }),
    ])
  })

  it('reads a chosen format even when detection would pick another, and reports what does not fit', () => {
    expect(parse('smile.jsonl', 'smile').errors).toEqual([])
    const wrong = parse('smile.jsonl', 'openai')
    expect(wrong.format).toBe('openai')
    expect(wrong.errors[0]).toMatchObject({ file: 'smile.jsonl', row: 1, field: 'messages[0].role' })
    expect(wrong.errors[0].message).toContain('unknown role "client"')
  })
})
