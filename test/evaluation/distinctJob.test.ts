import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiClient } from '@shared/api'
import type { Envelope } from '@shared/errors'
import type { DistinctEvaluationResult, EvaluationSummary, StartEvaluationInput } from '@shared/evaluation'
import type { App } from '../../src/main/app'
import { evaluationScoreRepo } from '../../src/main/db/evaluationScoreRepo'
import { client, tempWorkspace } from '../support/workspace'

/**
 * The Distinct-n analysis through the app: a small workspace, counts worked out by hand for counselor, client and both
 * speakers, per-dialogue scores stored, a tokenizer.json made here, and bad tokenizer folders refused before anything
 * is stored.
 */
let ws: ReturnType<typeof tempWorkspace> | undefined
const scratch: string[] = []
afterEach(async () => {
  await ws?.cleanup()
  ws = undefined
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const b64 = (text: string) => Buffer.from(text).toString('base64')
type Turn = ['client' | 'counselor', string]

function jsonl(language: 'en' | 'zh', dialogues: Turn[][]): string {
  const lines = dialogues.map((turns, i) => ({
    id: `x${i}`,
    language,
    status: 'completed',
    endReason: null,
    systemPrompt: null,
    roleCard: null,
    messages: turns.map(([speaker, content]) => ({ speaker, content })),
    meta: {},
  }))
  return [JSON.stringify({ format: 'simpsy-dialogues', version: 1 }), ...lines.map((l) => JSON.stringify(l))].join('\n')
}

// Dataset A (English).
// d1 counselor: i hear you i hear you tell me more; client: i feel sad so sad.
// d2 counselor: tell me more; client: hello.
const ENGLISH: Turn[][] = [
  [
    ['client', 'I feel sad.'],
    ['counselor', 'I hear you. I hear you!'],
    ['client', 'So sad.'],
    ['counselor', 'Tell me more.'],
  ],
  [
    ['client', 'Hello'],
    ['counselor', 'Tell me more.'],
  ],
]
// Dataset B (Chinese, jieba): the counselor asks 你 最近 睡得 好 吗 twice; the client says 我 睡不着 我 很 难过.
const CHINESE: Turn[][] = [
  [
    ['counselor', '你最近睡得好吗？'],
    ['client', '我睡不着，我很难过。'],
    ['counselor', '你最近睡得好吗？'],
  ],
]

/** EAD by its definition: unique / (V (1 − ((V − 1) / V)^N)), computed naively (to about 1e-11 at V = 100,000). */
const ead = (unique: number, tokens: number, v: number) => unique / (v * (1 - ((v - 1) / v) ** tokens))

async function setup(options: Parameters<typeof tempWorkspace>[0] = {}) {
  ws = tempWorkspace(options)
  const app = ws.open()
  const api = client(app)
  const importOne = async (name: string, language: 'en' | 'zh', dialogues: Turn[][]) => {
    const { datasetId } = await api.importDataset({
      fileName: `${name}.jsonl`,
      contentBase64: b64(jsonl(language, dialogues)),
      format: 'jsonl',
    })
    const { items } = await api.listDialogues({ datasetId: datasetId! })
    return { id: datasetId!, dialogueIds: [...items].sort((a, b) => a.position - b.position).map((d) => d.id) }
  }
  const english = await importOne('english', 'en', ENGLISH)
  const chinese = await importOne('chinese', 'zh', CHINESE)
  return { app, api, english, chinese }
}

async function run(app: App, api: ApiClient, input: StartEvaluationInput) {
  const started: EvaluationSummary = await api.startEvaluation(input)
  await app.evaluations.waitFor(started.id)
  const done = await api.getEvaluation({ id: started.id })
  expect(done.status, done.error ?? '').toBe('completed')
  return { done, result: done.result as DistinctEvaluationResult }
}

/** [total, unique] per n. */
const counts = (d: DistinctEvaluationResult['datasets'][number]) => d.ngrams.map((g) => [g.total, g.unique])

describe('Distinct-n analysis', () => {
  it('counts the counselor’s words by default, two datasets side by side, and stores every dialogue’s own values', async () => {
    const { app, api, english, chinese } = await setup()
    const { done, result } = await run(app, api, { kind: 'distinct', datasetIds: [english.id, chinese.id] })
    expect(done.config).toMatchObject({ speaker: 'counselor', maxN: 3, tokenizer: 'words', lowercase: true })
    expect(done.progress).toMatchObject({ done: 3, total: 3 })
    expect(result.vocabulary).toEqual({ size: 100_000, source: 'default' })

    const [a, b] = result.datasets
    // A: 12 words, different: i hear you tell me more (6); bigrams 8 + 2, different: i-hear hear-you you-i you-tell
    // tell-me me-more (6, d2's two again); trigrams 7 + 1, different: i-hear-you hear-you-i you-i-hear
    // hear-you-tell you-tell-me tell-me-more (6).
    expect(a).toMatchObject({ datasetId: english.id, dialogues: 2, tokens: 12 })
    expect(counts(a)).toEqual([
      [12, 6],
      [10, 6],
      [8, 6],
    ])
    expect(a.ngrams.map((g) => g.distinct)).toEqual([0.5, 0.6, 0.75])
    expect(a.ead).toBeCloseTo(ead(6, 12, 100_000), 9)
    // B: 你 最近 睡得 好 吗 twice, running on: 10 words, 5 different; bigrams 9, different 5 (吗-你 once);
    // trigrams 8, different 5 (好-吗-你, 吗-你-最近 and the three of the question).
    expect(b).toMatchObject({ datasetId: chinese.id, dialogues: 1, tokens: 10 })
    expect(counts(b)).toEqual([
      [10, 5],
      [9, 5],
      [8, 5],
    ])

    // Per dialogue: tokens and its own Distinct-n, in evaluation_scores.
    const rows = evaluationScoreRepo(app.db).ofEvaluation(done.id)
    const of = (dialogueId: string) =>
      Object.fromEntries(rows.filter((r) => r.dialogueId === dialogueId).map((r) => [r.metric, r.value]))
    expect(rows).toHaveLength(3 * 4)
    expect(of(english.dialogueIds[0])).toEqual({
      tokens: 9,
      'distinct-1': 6 / 9,
      'distinct-2': 6 / 8,
      'distinct-3': 6 / 7,
    })
    expect(of(english.dialogueIds[1])).toEqual({ tokens: 3, 'distinct-1': 1, 'distinct-2': 1, 'distinct-3': 1 })
    expect(of(chinese.dialogueIds[0])).toEqual({
      tokens: 10,
      'distinct-1': 0.5,
      'distinct-2': 5 / 9,
      'distinct-3': 5 / 8,
    })
    expect(rows.every((r) => r.datasetId === (r.dialogueId === chinese.dialogueIds[0] ? chinese.id : english.id))).toBe(
      true,
    )

    const table = (await api.exportEvaluationTable({ id: done.id, format: 'csv' })).content
    expect(table).toContain(
      'Dataset,Dialogues,Tokens,Distinct-1,Distinct-2,Distinct-3,Unique 1-grams,Unique 2-grams,Unique 3-grams,EAD',
    )
    // EAD 6 / (100,000 (1 − 0.99999^12)) = 0.500027…, 0.5 to four places.
    expect(table).toContain('english.jsonl,2,12,0.5,0.6,0.75,6,6,6,0.5')
    // B: 5 / 9 = 0.5556, 5 / 8 = 0.625.
    expect(table).toContain('chinese.jsonl,1,10,0.5,0.5556,0.625,5,5,5,0.5')
  })

  it('counts the client’s words, and both speakers’ running on from one message into the next', async () => {
    const { app, api, english } = await setup()
    const client = await run(app, api, { kind: 'distinct', datasetIds: [english.id], config: { speaker: 'client' } })
    // d1: i feel sad so sad (5 words, 4 different; 4 bigrams, 3 trigrams, all different); d2: hello (no bigram).
    const c = client.result.datasets[0]
    expect(c.tokens).toBe(6)
    expect(counts(c)).toEqual([
      [6, 5],
      [4, 4],
      [3, 3],
    ])
    const clientRows = evaluationScoreRepo(app.db).ofEvaluation(client.done.id)
    const hello = clientRows.filter((r) => r.dialogueId === english.dialogueIds[1])
    expect(Object.fromEntries(hello.map((r) => [r.metric, r.value]))).toEqual({
      tokens: 1,
      'distinct-1': 1,
      'distinct-2': null,
      'distinct-3': null,
    })

    const both = await run(app, api, {
      kind: 'distinct',
      datasetIds: [english.id],
      config: { speaker: 'both', maxN: 2, vocabularySize: 50 },
    })
    // d1: i feel sad i hear you i hear you so sad tell me more: 14 words, 9 different; 13 bigrams, 11 different
    // (i-hear and hear-you twice). d2: hello tell me more: 4 words; 3 bigrams. Pooled: 18 words, 10 different
    // (hello); 16 bigrams, 12 different (hello-tell).
    const d = both.result.datasets[0]
    expect(counts(d)).toEqual([
      [18, 10],
      [16, 12],
    ])
    expect(both.result.vocabulary).toEqual({ size: 50, source: 'option' })
    expect(d.ead).toBeCloseTo(ead(10, 18, 50), 12)
    const metrics = evaluationScoreRepo(app.db).metrics(both.done.id)
    expect(metrics).toEqual(['tokens', 'distinct-1', 'distinct-2'])
  })

  it('counts the tokens of a tokenizer.json in a local folder, with its vocabulary size as V', async () => {
    const { app, api, english } = await setup()
    const folder = tinyTokenizer()
    const { result } = await run(app, api, {
      kind: 'distinct',
      datasetIds: [english.id],
      config: { tokenizer: 'tokenizer-json', tokenizerPath: folder },
    })
    // Counselor, WordPiece over [UNK] i hear you tell me ##s: d1 i hear you [UNK](.) i hear you [UNK](!) tell me
    // [UNK](more) [UNK](.) = 12 tokens; d2 tell me [UNK] [UNK] = 4. Different: [UNK] i hear you tell me = 6.
    const d = result.datasets[0]
    expect(d.tokens).toBe(16)
    expect(d.ngrams[0]).toMatchObject({ total: 16, unique: 6 })
    // Bigrams d1 (11): i-hear hear-you you-[UNK] [UNK]-i i-hear* hear-you* you-[UNK]* [UNK]-tell tell-me me-[UNK]
    // [UNK]-[UNK]: 8 different; d2 (3): tell-me me-[UNK] [UNK]-[UNK], nothing new.
    expect(d.ngrams[1]).toMatchObject({ total: 14, unique: 8 })
    expect(result.vocabulary).toEqual({ size: 7, source: 'tokenizer' })
    expect(d.ead).toBeCloseTo(ead(6, 16, 7), 12)
  })

  it('refuses a bad tokenizer folder before anything is stored, and a browser naming a folder outside its own', async () => {
    const { app, api, english } = await setup()
    const start = (config: Record<string, unknown>) =>
      api.startEvaluation({ kind: 'distinct', datasetIds: [english.id], config })
    await expect(start({ tokenizer: 'tokenizer-json' })).rejects.toThrow(
      'config.tokenizerPath: must be the absolute path of a local folder holding tokenizer.json',
    )
    await expect(start({ tokenizer: 'tokenizer-json', tokenizerPath: 'relative/folder' })).rejects.toThrow(
      'must be the absolute path',
    )
    const missing = join(tmpdir(), 'simpsy-no-such-tokenizer')
    await expect(start({ tokenizer: 'tokenizer-json', tokenizerPath: missing })).rejects.toThrow(
      `The tokenizer folder ${missing} does not exist.`,
    )
    const empty = mkdtempSync(join(tmpdir(), 'simpsy-empty-tokenizer-'))
    scratch.push(empty)
    await expect(start({ tokenizer: 'tokenizer-json', tokenizerPath: empty })).rejects.toThrow(
      `The tokenizer folder ${empty} has no tokenizer.json.`,
    )
    writeFileSync(join(empty, 'tokenizer.json'), '{"version": "1.0"')
    await expect(start({ tokenizer: 'tokenizer-json', tokenizerPath: empty })).rejects.toThrow(/is not valid JSON/)
    writeFileSync(join(empty, 'tokenizer.json'), '{"version": "1.0"}')
    await expect(start({ tokenizer: 'tokenizer-json', tokenizerPath: empty })).rejects.toThrow(
      'is not a Hugging Face tokenizer.json (it has no "model")',
    )

    // A remote caller (serve mode) may name folders only in the data folder or an --allow-path folder.
    const outside = tinyTokenizer()
    const remote = (tokenizerPath: string) =>
      app.dispatch(
        'startEvaluation',
        { kind: 'distinct', datasetIds: [english.id], config: { tokenizer: 'tokenizer-json', tokenizerPath } },
        { remote: true },
      )
    const refused = (await remote(outside)) as Envelope
    expect(refused.ok).toBe(false)
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /^config\.tokenizerPath: .* is outside the folders files may be read from in serve mode/,
    )
    expect(await api.listEvaluations()).toEqual([])
    expect(evaluationScoreRepo(app.db).ofEvaluation('any')).toEqual([])

    // Inside the data folder it is taken.
    const inside = join(ws!.dataDir, 'tokenizers', 'tiny')
    mkdirSync(inside, { recursive: true })
    writeFileSync(join(inside, 'tokenizer.json'), JSON.stringify(tinyTokenizerJson()))
    const accepted = (await remote(inside)) as Envelope<EvaluationSummary>
    expect(accepted.ok).toBe(true)
    if (accepted.ok) await app.evaluations.waitFor(accepted.value.id)
    expect((await api.listEvaluations()).map((e) => e.status)).toEqual(['completed'])
  })
})

/** WordPiece over 7 entries with a lower-casing normalizer and BERT's pre-tokenizer (no tokenizer_config.json). */
function tinyTokenizerJson() {
  const vocab = { '[UNK]': 0, i: 1, hear: 2, you: 3, tell: 4, me: 5, '##s': 6 }
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      { id: 0, content: '[UNK]', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
    ],
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: null,
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', vocab },
  }
}

function tinyTokenizer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'simpsy-tokenizer-'))
  scratch.push(dir)
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tinyTokenizerJson()))
  return dir
}
