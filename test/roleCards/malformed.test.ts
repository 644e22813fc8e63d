import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RowError } from '@shared/roleCard'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { MAX_IMPORT_BYTES, firstInvalidUtf8Offset } from '../../src/main/roleCards/decode'
import { MAX_REPORTED_ERRORS, parseRoleCardFile, type ParsedRoleCards } from '../../src/main/roleCards/parse'
import { parseText } from './helpers'

/** Asserts that the result holds exactly one error and that it points at the given place. */
function expectOnlyError(
  result: ParsedRoleCards,
  file: string,
  expected: { row: number | null; field: string | null; message: RegExp },
) {
  expect(result.errors).toHaveLength(1)
  expectError(result.errors[0], file, expected)
}

function expectError(
  error: RowError,
  file: string,
  expected: { row: number | null; field: string | null; message: RegExp },
) {
  expect(error).toMatchObject({ file, row: expected.row, field: expected.field })
  expect(error.message).toMatch(expected.message)
  if (expected.field) expect(error.message).toContain(expected.field)
}

const validCard = (extra: Record<string, unknown> = {}) => ({
  language: 'en',
  complaint: { body: 'I feel low.' },
  ...extra,
})

/** GBK bytes for a string, from the decoder's own table (Node has no GBK encoder). */
function encodeGbk(text: string): Uint8Array {
  const pairs: number[] = []
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push(lead, trail)
  }
  const decoded = new TextDecoder('gb18030').decode(new Uint8Array(pairs))
  const table = new Map<string, [number, number]>()
  Array.from(decoded).forEach((char, i) => table.has(char) || table.set(char, [pairs[2 * i], pairs[2 * i + 1]]))
  return new Uint8Array(
    Array.from(text).flatMap((char) => (char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : table.get(char)!)),
  )
}

describe('whole-file problems', () => {
  const tempDir = mkdtempSync(join(tmpdir(), 'simpsy-rolecards-'))
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }))

  it('rejects a file over the size limit without decoding it', () => {
    const path = join(tempDir, 'huge.jsonl')
    const line = `${JSON.stringify(validCard())}\n`
    writeFileSync(path, line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)))
    const bytes = readFileSync(path)
    expect(bytes.length).toBeGreaterThan(MAX_IMPORT_BYTES)
    // Not a stopwatch (the machine may be busy): the 50 MB are never turned into text, let alone parsed.
    const decode = vi.spyOn(TextDecoder.prototype, 'decode')
    const jsonParse = vi.spyOn(JSON, 'parse')
    try {
      const result = parseRoleCardFile('huge.jsonl', bytes)
      expectOnlyError(result, 'huge.jsonl', {
        row: null,
        field: null,
        message: /huge\.jsonl is 50\.0 MB; the import limit is 20\.0 MB/,
      })
      expect(result).toMatchObject({ rows: 0, cards: [] })
      expect(decode).not.toHaveBeenCalled()
      expect(jsonParse).not.toHaveBeenCalled()
    } finally {
      decode.mockRestore()
      jsonParse.mockRestore()
    }
  })

  it('names an empty file', () => {
    expectOnlyError(parseRoleCardFile('empty.json', new Uint8Array()), 'empty.json', {
      row: null,
      field: null,
      message: /empty\.json is empty/,
    })
  })

  it('names a whitespace-only file', () => {
    expectOnlyError(parseText('blank.csv', ' \r\n\t\n '), 'blank.csv', {
      row: null,
      field: null,
      message: /blank\.csv contains only whitespace/,
    })
  })

  it('recognises a GBK-encoded CSV and says where the first bad byte is', () => {
    const prefix = 'language,complaint_body\nzh,'
    const bytes = encodeGbk(`${prefix}我最近总是睡不好，心里很烦。\n`)
    const path = join(tempDir, 'gbk.csv')
    writeFileSync(path, bytes)
    const result = parseRoleCardFile('gbk.csv', readFileSync(path))
    expectOnlyError(result, 'gbk.csv', {
      row: null,
      field: null,
      message: new RegExp(`gbk\\.csv is not valid UTF-8 \\(first bad byte at offset ${prefix.length}\\).*GBK/GB18030`),
    })
  })

  it('does not call every non-UTF-8 file GBK', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('["caf'), 0xe9, ...new TextEncoder().encode(' x"]')])
    const result = parseRoleCardFile('latin1.json', bytes)
    expectOnlyError(result, 'latin1.json', {
      row: null,
      field: null,
      message: /not valid UTF-8 \(first bad byte at offset 5\)/,
    })
    expect(result.errors[0].message).not.toMatch(/GBK/)
  })

  it('recognises UTF-16 with a BOM and without one', () => {
    const text = JSON.stringify([validCard()])
    const withBom = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])
    expectOnlyError(parseRoleCardFile('u16.json', withBom), 'u16.json', {
      row: null,
      field: null,
      message: /UTF-16 \(little-endian\).*UTF-8/,
    })
    const bigEndian = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()])
    expectOnlyError(parseRoleCardFile('u16be.json', bigEndian), 'u16be.json', {
      row: null,
      field: null,
      message: /UTF-16 \(big-endian\)/,
    })
    const noBom = new Uint8Array(Buffer.from(text, 'utf16le'))
    expectOnlyError(parseRoleCardFile('u16.json', noBom), 'u16.json', {
      row: null,
      field: null,
      message: /NUL bytes.*UTF-16/,
    })
  })

  it('gives the line and column of broken JSON', () => {
    const result = parseText('broken.json', '[\n  {"language": "en",\n   "complaint": {"body": "x"}\n  ,]')
    expectOnlyError(result, 'broken.json', {
      row: null,
      field: null,
      message: /broken\.json is not valid JSON: .*\(line 4, column 4\)/,
    })
  })

  it('reports a truncated JSON file', () => {
    // The parser's wording differs between engines; the location must not.
    expectOnlyError(parseText('cut.json', '[\n{"language":'), 'cut.json', {
      row: null,
      field: null,
      message: /cut\.json is not valid JSON: .+\(line 2, column 13\)/,
    })
  })

  it.each([
    ['number.json', '42', /expected an array of role cards .*got number 42/],
    ['object.json', '{"cards": []}', /has no "roleCards"/],
    ['string.json', '"hello"', /got "hello"/],
    [
      'newer.json',
      '{"format": "simpsy-role-cards", "version": 9, "roleCards": []}',
      /newer SimPsy Workbench \(format version 9/,
    ],
  ])('rejects JSON of the wrong top-level type (%s)', (name, text, message) => {
    expectOnlyError(parseText(name, text), name, { row: null, field: null, message })
  })

  it('says when the format cannot be told', () => {
    expectOnlyError(parseText('notes.txt', 'hello there'), 'notes.txt', {
      row: null,
      field: null,
      message: /cannot tell the format of notes\.txt/,
    })
  })

  it('says when a file has no cards', () => {
    expectOnlyError(parseText('none.json', '[]'), 'none.json', {
      row: null,
      field: null,
      message: /none\.json contains no role cards/,
    })
  })
})

describe('row problems in native JSON', () => {
  it('names row and field for wrong field types and values', () => {
    const result = parseText(
      'typed.json',
      JSON.stringify([
        validCard(),
        validCard({ age: 'abc' }),
        validCard({ tags: 'anxiety' }),
        validCard({ bigFive: { openness: { level: 'extreme' } } }),
        validCard({ language: 'fr' }),
        { language: 'en', complaint: {} },
        'not a card',
        validCard({ mood: 'sad', createdAt: 'yesterday' }),
      ]),
    )
    expect(result.cards.map((c) => c.row)).toEqual([1])
    expect(result.rows).toBe(8)
    const [age, tags, level, language, body, notObject, unknown, createdAt] = result.errors
    expectError(age, 'typed.json', { row: 2, field: 'age', message: /must be a whole number of years \(got "abc"\)/ })
    expectError(tags, 'typed.json', { row: 3, field: 'tags', message: /must be an array \(got "anxiety"\)/ })
    expectError(level, 'typed.json', {
      row: 4,
      field: 'bigFive.openness.level',
      message: /must be one of low, .* \(got "extreme"\)/,
    })
    expectError(language, 'typed.json', { row: 5, field: 'language', message: /must be "zh" or "en" \(got "fr"\)/ })
    expectError(body, 'typed.json', { row: 6, field: 'complaint.body', message: /is required/ })
    expectError(notObject, 'typed.json', { row: 7, field: null, message: /must be an object/ })
    expectError(unknown, 'typed.json', { row: 8, field: 'mood', message: /unknown field/ })
    expectError(createdAt, 'typed.json', { row: 8, field: 'createdAt', message: /ISO date-time .*got "yesterday"/ })
    expect(result.errors).toHaveLength(8)
  })

  it('reports a duplicate id on the later row, naming the earlier one', () => {
    const result = parseText(
      'dupes.json',
      JSON.stringify([validCard({ id: 'a' }), validCard({ id: 'b' }), validCard({ id: 'a' })]),
    )
    expectOnlyError(result, 'dupes.json', { row: 3, field: 'id', message: /"a" is already used on row 1/ })
    expect(result.cards.map((c) => c.row)).toEqual([1, 2])
  })

  it('caps the report at MAX_REPORTED_ERRORS entries and says how many were left out', () => {
    const result = parseText(
      'many.json',
      JSON.stringify(Array.from({ length: 1500 }, () => ({ language: 'xx', complaint: { body: 'x' } }))),
    )
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS)
    expect(result.errors[MAX_REPORTED_ERRORS - 2].row).toBe(999)
    expect(result.errors.at(-1)).toEqual({ file: 'many.json', row: null, field: null, message: 'and 501 more errors' })
  })
})

describe('row problems in other formats', () => {
  it('gives the line number of a broken JSONL line', () => {
    const lines = [
      JSON.stringify(validCard()),
      '',
      '{"language": "en", "complaint": {"body": "x"}',
      JSON.stringify(validCard()),
    ]
    const result = parseText('cards.jsonl', lines.join('\n'))
    expectOnlyError(result, 'cards.jsonl', { row: 3, field: null, message: /line 3 is not valid JSON/ })
    expect(result.cards.map((c) => c.row)).toEqual([1, 4])
  })

  it('names duplicate ids in JSONL by line', () => {
    const result = parseText(
      'd.jsonl',
      [validCard({ id: 'x' }), validCard({ id: 'x' })].map((c) => JSON.stringify(c)).join('\n'),
    )
    expectOnlyError(result, 'd.jsonl', { row: 2, field: 'id', message: /already used on line 1/ })
  })

  it('rejects a post that is not a string, or is empty', () => {
    const result = parseText('posts.json', JSON.stringify(['标题 正文', 42, '   ', '另一个 帖子']))
    expect(result.errors).toHaveLength(2)
    expectError(result.errors[0], 'posts.json', { row: 2, field: null, message: /must be a string \(got number 42\)/ })
    expectError(result.errors[1], 'posts.json', { row: 3, field: null, message: /the post is empty/ })
  })

  it('rejects a cactus record without an intake form, or with an unreadable age', () => {
    const form = (age: string) =>
      `Name:\nA\nAge:\n${age}\nGender:\nmale\nOccupation: Cook\n\n2. Presenting Problem\nI worry.`
    const result = parseText(
      'seeds.json',
      JSON.stringify([
        { AI_client: { intake_form: form('30'), attitude: 'neutral' } },
        { AI_client: { attitude: 'neutral' } },
        { AI_client: { intake_form: form('thirty'), attitude: 'neutral' } },
        { AI_client: { intake_form: form('30'), attitude: 'grumpy' } },
      ]),
      'cactus',
    )
    expect(result.cards.map((c) => c.row)).toEqual([1])
    expectError(result.errors[0], 'seeds.json', {
      row: 2,
      field: 'AI_client.intake_form',
      message: /is missing or empty/,
    })
    expectError(result.errors[1], 'seeds.json', {
      row: 3,
      field: 'age',
      message: /not a whole number \(got "thirty"\)/,
    })
    expectError(result.errors[2], 'seeds.json', {
      row: 4,
      field: 'AI_client.attitude',
      message: /positive, neutral or negative \(got "grumpy"\)/,
    })
    expect(result.errors).toHaveLength(3)
  })

  it('names a missing required CSV column on the header row', () => {
    const result = parseText('missing.csv', 'language,complaint_title\nen,Hi\n')
    expectOnlyError(result, 'missing.csv', {
      row: 0,
      field: 'complaint_body',
      message: /missing required column "complaint_body"/,
    })
  })

  it('names an unknown CSV column and lists the accepted ones', () => {
    const result = parseText('extra.csv', 'language,complaint_body,Mood\nen,Hi,sad\n')
    expectOnlyError(result, 'extra.csv', {
      row: 0,
      field: 'mood',
      message: /unknown column "mood"; accepted columns: id, language, name,.*updated_at/,
    })
  })

  it('names row and column for bad CSV values', () => {
    const csv = [
      'language,complaint_body,age,openness_level,example',
      'en,ok,40,high,false',
      'en,bad age,abc,,',
      'fr,bad level,,extreme,maybe',
      'en,too,many,cells,here,!',
    ]
    const result = parseText('values.csv', csv.join('\n'))
    expect(result.cards.map((c) => c.row)).toEqual([1])
    const problems = result.errors.map((e) => [e.row, e.field])
    expect(problems).toEqual([
      [2, 'age'],
      [3, 'example'],
      [3, 'language'],
      [3, 'openness_level'],
      [4, null],
    ])
    expectError(result.errors[0], 'values.csv', {
      row: 2,
      field: 'age',
      message: /whole number of years \(got "abc"\)/,
    })
    expect(result.errors[4].message).toMatch(/has 6 cells but the header has 5 columns/)
  })

  it('reports an unterminated quote in a CSV file with its row', () => {
    const result = parseText('quote.csv', 'language,complaint_body\nen,ok\nen,"never closed\n')
    expect(result.errors.length).toBeGreaterThan(0)
    expectError(result.errors[0], 'quote.csv', { row: 2, field: null, message: /CSV syntax: .*quote/i })
  })

  it('finds the first invalid UTF-8 byte exactly', () => {
    expect(firstInvalidUtf8Offset(new TextEncoder().encode('ok 中文'))).toBe(9)
    expect(firstInvalidUtf8Offset(new Uint8Array([0x61, 0xe4, 0xb8]))).toBe(1)
    expect(firstInvalidUtf8Offset(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1)
    expect(firstInvalidUtf8Offset(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0)
  })
})
