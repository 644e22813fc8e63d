import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { DatasetFormat } from '@shared/dialogue'
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { parseDatasetFile, parseDatasetWithLimits } from '../../src/main/datasets/parseDataset'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/datasets')
const fixture = (name: string) => new Uint8Array(readFileSync(resolve(FIXTURES, name)))
const parseText = (file: string, text: string, format: DatasetFormat | 'auto' = 'auto') =>
  parseDatasetFile(file, strToU8(text), format)
const line = (value: unknown) => JSON.stringify(value)
const smileLine = (id: number, messages: [string, string][]) =>
  line({ id, messages: messages.map(([role, content]) => ({ role, content })) })
const ok: [string, string][] = [
  ['client', '你好'],
  ['counselor', '你好，请说。'],
]

/** Every test checks file, row and field, and that nothing is returned as importable when a row is bad. */
describe('malformed datasets', () => {
  it('reports a broken JSON line by its line number and keeps reading the others', () => {
    const text = [smileLine(1, ok), smileLine(2, ok), '{"id": 3, "messages": [', smileLine(4, ok)].join('\n')
    const result = parseText('broken.jsonl', text)
    expect(result.format).toBe('smile')
    expect(result.rows).toBe(4)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatchObject({ file: 'broken.jsonl', row: 3, field: null })
    expect(result.errors[0].message).toMatch(/^line 3 is not valid JSON: .*\(column \d+\)$/)
  })

  it('names an unknown role, an empty content, a non-string content and a late system message by their path', () => {
    const record = {
      messages: [
        { role: 'user', content: 'Hi.' },
        { role: 'bot', content: 'Hello.' },
        { role: 'assistant', content: '   ' },
        { role: 'user', content: [{ type: 'text', text: 'parts' }] },
        { role: 'system', content: 'Late system prompt.' },
      ],
    }
    const result = parseText('chat.json', line([record]))
    expect(result.dialogues).toEqual([])
    expect(result.errors.map((e) => [e.file, e.row, e.field])).toEqual([
      ['chat.json', 1, 'messages[1].role'],
      ['chat.json', 1, 'messages[2].content'],
      ['chat.json', 1, 'messages[3].content'],
      ['chat.json', 1, 'messages[4].role'],
    ])
    expect(result.errors[0].message).toBe(
      'messages[1].role: unknown role "bot" (expected one of: system, user, assistant)',
    )
    expect(result.errors[1].message).toBe('messages[2].content: must not be empty')
    expect(result.errors[2].message).toBe('messages[3].content: must be a string (got an array)')
    expect(result.errors[3].message).toBe('messages[4].role: a system message may only come first')
  })

  it('reports a record without messages, and an empty message list', () => {
    const result = parseText(
      's.jsonl',
      [smileLine(1, ok), line({ id: 2, messages: [] }), line({ id: 3, mesages: ok })].join('\n'),
      'smile',
    )
    expect(result.errors).toEqual([
      { file: 's.jsonl', row: 2, field: 'messages', message: 'messages: the dialogue has no messages' },
      {
        file: 's.jsonl',
        row: 3,
        field: 'messages',
        message: 'messages: is required (a list of {role, content} messages)',
      },
    ])
  })

  it('rejects a dialogue with only client messages, and one with only counselor messages', () => {
    const result = parseText(
      'one-sided.jsonl',
      [
        smileLine(1, [
          ['client', '在吗？'],
          ['client', '有人吗？'],
        ]),
        smileLine(2, [['counselor', '你好。']]),
      ].join('\n'),
    )
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'messages'],
      [2, 'messages'],
    ])
    expect(result.errors[0].message).toContain('no counselor message')
    expect(result.errors[1].message).toContain('no client message')
  })

  it('reports a wrong top-level type for the whole file, and non-object records by row', () => {
    const scalar = parseText('number.json', '42')
    expect(scalar.errors).toEqual([
      {
        file: 'number.json',
        row: null,
        field: null,
        message:
          'number.json: expected a JSON array of dialogues, a JSON object or JSON Lines (one object per line), got number 42',
      },
    ])
    const strings = parseText('strings.json', line(['hello', 'world']), 'sharegpt')
    expect(strings.errors.map((e) => [e.row, e.field])).toEqual([
      [1, null],
      [2, null],
    ])
    expect(strings.errors[0].message).toBe('each dialogue must be an object with "conversations" (got "hello")')
  })

  it('gives one error with line and column for a broken pretty-printed JSON file', () => {
    const result = parseText(
      'pretty.json',
      '[\n  {\n    "messages": [\n      {"role": "user" "content": "x"}\n    ]\n  }\n]',
    )
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatchObject({ file: 'pretty.json', row: null, field: null })
    expect(result.errors[0].message).toMatch(/^pretty\.json is not valid JSON: .*\(line 4, column \d+\)$/)
  })

  it('names the entries of a zip that are not JSON sessions', () => {
    const session = readFileSync(resolve(FIXTURES, 'magnet-src/sessions/session_1.json'))
    const zip = zipSync({
      'data/session_1.json': new Uint8Array(session),
      'data/notes.txt': strToU8('not a session'),
      'data/session_2.json': strToU8('{"AI_client": {'),
    })
    const result = parseDatasetFile('sessions.zip', zip)
    expect(result).toMatchObject({ format: 'magnet', rows: 3 })
    expect(result.errors.map((e) => [e.file, e.row, e.field])).toEqual([
      ['sessions.zip', 2, null],
      ['sessions.zip', 3, null],
    ])
    expect(result.errors[0].message).toBe(
      'data/notes.txt: not a .json file; a MAGneT archive holds one JSON file per session',
    )
    expect(result.errors[1].message).toMatch(/^data\/session_2\.json is not valid JSON: .*\(line 1, column \d+\)$/)
  })

  it('names the zip entry and field of a bad MAGneT session', () => {
    const session = JSON.parse(readFileSync(resolve(FIXTURES, 'magnet-src/sessions/session_1.json'), 'utf8'))
    session.AI_client.intake_form = session.AI_client.intake_form.replace('Age:\n52', 'Age:\nfifty-two')
    session.dialogue[1].role = 'patient'
    const result = parseDatasetFile('bad.zip', zipSync({ 's1.json': strToU8(line(session)) }))
    expect(result.errors.map((e) => [e.file, e.row, e.field])).toEqual([
      ['bad.zip', 1, 'dialogue[1].role'],
      ['bad.zip', 1, 'age'],
    ])
    expect(result.errors[0].message).toBe(
      's1.json: dialogue[1].role: unknown role "patient" (expected one of: client, counselor)',
    )
    expect(result.errors[1].message).toContain(
      's1.json: age: the intake form\'s "Age:" is not a whole number (got "fifty-two")',
    )
  })

  it('reports a corrupt zip and a zip chosen for a format that is not read from zips', () => {
    const zip = fixture('magnet.zip')
    const corrupt = parseDatasetFile('cut.zip', zip.subarray(0, zip.length - 30))
    expect(corrupt.errors).toHaveLength(1)
    expect(corrupt.errors[0]).toMatchObject({ file: 'cut.zip', row: null, field: null })
    expect(corrupt.errors[0].message).toMatch(
      /^cut\.zip is not a readable zip archive \(.+\): it may be truncated or damaged\.$/,
    )
    expect(parseDatasetFile('magnet.zip', zip, 'smile').errors[0].message).toContain(
      'only MAGneT sessions are read from zip files',
    )
  })

  it('reports a truncated gzip file', () => {
    const gz = fixture('smile.jsonl.gz')
    const result = parseDatasetFile('cut.jsonl.gz', gz.subarray(0, gz.length - 20))
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatchObject({ file: 'cut.jsonl.gz', row: null, field: null })
    expect(result.errors[0].message).toMatch(
      /^cut\.jsonl\.gz could not be decompressed \(.+\): the gzip file is truncated or damaged/,
    )
  })

  it('stops at the size limits: the file itself, gzip output and zip contents', () => {
    const limits = { maxBytes: 10_000, maxUnpackedBytes: 2_000 }
    const bomb = gzipSync(strToU8(`${smileLine(1, ok)}\n`.repeat(200)))
    expect(bomb.length).toBeLessThan(limits.maxBytes)
    const gz = parseDatasetWithLimits('bomb.jsonl.gz', bomb, 'auto', limits)
    expect(gz.errors).toHaveLength(1)
    expect(gz.errors[0]).toMatchObject({ file: 'bomb.jsonl.gz', row: null, field: null })
    expect(gz.errors[0].message).toMatch(
      /^bomb\.jsonl\.gz decompresses to more than .* MB, the limit for a compressed dataset/,
    )
    const zip = parseDatasetWithLimits('big.zip', zipSync({ 'a.json': strToU8(' '.repeat(3_000)) }), 'auto', limits)
    expect(zip.errors[0].message).toContain('big.zip unpacks to more than')
    const plain = parseDatasetWithLimits('big.jsonl', strToU8(' '.repeat(10_001)), 'auto', limits)
    expect(plain.errors[0].message).toContain('the dataset import limit is')
  })

  it("reports bad fields of the workbench's JSONL by path", () => {
    const good = {
      id: 'a',
      messages: [
        { speaker: 'client', content: 'Hi' },
        { speaker: 'counselor', content: 'Hello' },
      ],
    }
    const text = [
      line({ format: 'simpsy-dialogues', version: 1 }),
      line({ ...good, messages: [{ speaker: 'therapist', content: 'x' }], extra: 1 }),
      line({ ...good, endReason: { kind: 'timeout' }, status: 'done' }),
      line({ ...good, roleCard: { language: 'en', age: 200, complaint: { body: 'x' } } }),
      line({ format: 'simpsy-dialogues', version: 1 }),
    ].join('\n')
    const result = parseText('own.jsonl', text)
    expect(result.format).toBe('jsonl')
    expect(result.rows).toBe(3)
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'messages[0].speaker'],
      [2, 'extra'],
      [3, 'status'],
      [3, 'endReason.kind'],
      [4, 'roleCard.age'],
      [5, null],
    ])
    expect(result.errors[0].message).toBe('messages[0].speaker: must be one of "client", "counselor" (got "therapist")')
    expect(result.errors[1].message).toBe('extra: unknown field')
    expect(result.errors[3].message).toBe(
      'endReason.kind: must be one of "keyword", "end_token", "max_turns", "error", "cancelled", "imported", "test_drive" (got "timeout")',
    )
    expect(result.errors[4].message).toBe('roleCard.age: must be between 1 and 120 (got number 200)')
    expect(result.errors[5].message).toContain('may only be the first line')
  })

  it('refuses a JSONL header from a newer version or of another format', () => {
    const dialogue = line({
      messages: [
        { speaker: 'client', content: 'Hi' },
        { speaker: 'counselor', content: 'Hello' },
      ],
    })
    expect(parseText('new.jsonl', `${line({ format: 'simpsy-dialogues', version: 2 })}\n${dialogue}`).errors).toEqual([
      {
        file: 'new.jsonl',
        row: 1,
        field: 'version',
        message: 'version: this app reads version 1 (got number 2); a newer SimPsy Workbench wrote this file',
      },
    ])
    expect(parseText('other.jsonl', `${line({ format: 'simpsy-role-cards' })}\n${dialogue}`).errors).toEqual([
      {
        file: 'other.jsonl',
        row: 1,
        field: 'format',
        message: 'format: must be "simpsy-dialogues" (got "simpsy-role-cards")',
      },
    ])
    expect(parseText('no-version.jsonl', `${line({ format: 'simpsy-dialogues' })}\n${dialogue}`).errors).toEqual([])
  })

  it('says when it cannot tell the format, and when a file is empty or not UTF-8', () => {
    const unknown = parseText('mystery.json', line([{ turns: [] }]))
    expect(unknown.errors[0]).toMatchObject({ file: 'mystery.json', row: null, field: null })
    expect(unknown.errors[0].message).toContain(
      'cannot tell the dataset format of mystery.json: the first record has the keys turns',
    )
    expect(parseDatasetFile('empty.jsonl', new Uint8Array()).errors[0].message).toBe('empty.jsonl is empty.')
    const gbk = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc4, 0xe3, 0xba, 0xc3, 0x22, 0x7d])
    expect(parseDatasetFile('gbk.jsonl', gbk).errors[0].message).toContain('GBK/GB18030')
    expect(parseText('empty-array.json', '[]').errors[0].message).toBe('empty-array.json contains no dialogues')
  })

  it('rejects ShareGPT records whose "system" field and system turn disagree', () => {
    const record = {
      system: 'A',
      conversations: [
        { from: 'system', value: 'B' },
        { from: 'human', value: 'hi' },
        { from: 'gpt', value: 'hello' },
      ],
    }
    expect(parseText('sg.json', line([record])).errors).toEqual([
      {
        file: 'sg.json',
        row: 1,
        field: 'system',
        message: 'system: differs from the system turn in conversations[0]; keep only one system prompt',
      },
    ])
  })

  it('caps the report at 1000 entries and says how many more there were', () => {
    const text = Array.from({ length: 1500 }, (_, i) => smileLine(i, [['client', 'only me']])).join('\n')
    const result = parseText('many.jsonl', text)
    expect(result.rows).toBe(1500)
    expect(result.errors).toHaveLength(1000)
    expect(result.errors[999]).toEqual({ file: 'many.jsonl', row: null, field: null, message: 'and 501 more errors' })
  })
})
