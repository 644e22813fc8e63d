import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Speaker } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import { WorkbenchError } from '@shared/errors'
import { parseDatasetFile } from '../../src/main/datasets/parseDataset'
import { asSessionTexts, magnetCleaningTokenizer } from '../../src/main/evaluation/distinct/magnetCleaning'
import {
  DEFAULT_WORD_VOCABULARY,
  distinctWithTokenizer,
  parseDistinctOptions,
  computeDistinct,
  expectationAdjustedDistinct,
  type DistinctDialogue,
  type DistinctResult,
} from '../../src/main/evaluation/distinct/distinct'
import { createWordPool } from '../../src/main/evaluation/distinct/wordPool'

const TINY_BERT = resolve(import.meta.dirname, '../fixtures/models/tiny-bert')
const MAGNET_ZIP = resolve(import.meta.dirname, '../fixtures/datasets/magnet.zip')
const PYTHON_REFERENCE = resolve(import.meta.dirname, '../../bench/distinct_reference.py')

const dialogue = (language: Language, ...turns: [Speaker, string][]): DistinctDialogue => ({
  language,
  messages: turns.map(([speaker, content]) => ({ speaker, content })),
})

/** [total, unique] per n. */
const counts = (values: { ngrams: { total: number; unique: number }[] }) =>
  values.ngrams.map((g) => [g.total, g.unique])
const distinct = (r: DistinctResult) => r.pooled.ngrams.map((g) => g.distinct)

// counselor: i hear you i hear you (6 words); client: i feel sad so sad (5 words).
const english = dialogue('en', ['counselor', 'I hear you. I hear you!'], ['client', 'I feel sad, so sad.'])

describe('Distinct-n: hand-worked examples', () => {
  it('counselor only: 3/6 words, 3/5 bigrams, 3/4 trigrams', async () => {
    const r = await computeDistinct([english], { speakers: 'counselor' })
    expect(counts(r.pooled)).toEqual([
      [6, 3],
      [5, 3],
      [4, 3],
    ])
    expect(distinct(r)).toEqual([0.5, 0.6, 0.75])
    expect(r.pooled.tokens).toBe(6)
  })

  it('client only: lower-cased words, punctuation is not a word', async () => {
    const r = await computeDistinct([english], { speakers: 'client' })
    // i feel sad so sad: {i, feel, sad, so}; bigrams and trigrams all different.
    expect(counts(r.pooled)).toEqual([
      [5, 4],
      [4, 4],
      [3, 3],
    ])
  })

  it('both speakers: n-grams run on from one message into the next within the dialogue', async () => {
    const r = await computeDistinct([english], { speakers: 'both' })
    // i hear you i hear you i feel sad so sad: 11 words, 6 different; 10 bigrams, 7 different
    // (i hear, hear you, you i, i feel, feel sad, sad so, so sad); 9 trigrams, 7 different.
    expect(counts(r.pooled)).toEqual([
      [11, 6],
      [10, 7],
      [9, 7],
    ])
    expect(r.options).toMatchObject({ speakers: 'both', maxN: 3, span: 'dialogue', tokenizer: { kind: 'words' } })
  })

  it('lowercase: false keeps the case of words (cut at the same places)', async () => {
    const shouting = dialogue('en', ['counselor', 'I hear you. i hear YOU!'])
    // I hear you i hear YOU: 6 words, 5 different (I, hear, you, i, YOU); bigrams I-hear hear-you you-i i-hear
    // hear-YOU: 5, all different. Lower-cased: 3 different words, 3 different bigrams (i-hear, hear-you, you-i).
    const kept = await computeDistinct([shouting], { speakers: 'counselor', lowercase: false })
    expect(counts(kept.pooled).slice(0, 2)).toEqual([
      [6, 5],
      [5, 5],
    ])
    const lowered = await computeDistinct([shouting], { speakers: 'counselor' })
    expect(counts(lowered.pooled).slice(0, 2)).toEqual([
      [6, 3],
      [5, 3],
    ])
  })

  it("span 'utterance' keeps n-grams inside one message", async () => {
    const r = await computeDistinct([english], { speakers: 'both', span: 'utterance' })
    // Bigrams 5 + 4 (3 + 4 different, none shared); trigrams 4 + 3 (3 + 3 different).
    expect(counts(r.pooled)).toEqual([
      [11, 6],
      [9, 7],
      [7, 6],
    ])
  })

  it('maxN sets the longest n-gram', async () => {
    const r = await computeDistinct([english], { speakers: 'counselor', maxN: 4 })
    // i hear you i / hear you i hear / you i hear you: 3 four-grams, all different.
    expect(counts(r.pooled)[3]).toEqual([3, 3])
  })

  it('Chinese: jieba words, nothing dropped, counselor / client / both', async () => {
    // 我 睡不着 ， 我 很 难过 。 -> 我 睡不着 我 很 难过 ; 你 最近 睡得 好 吗
    const zh = dialogue('zh', ['counselor', '你最近睡得好吗？'], ['client', '我睡不着，我很难过。'])
    const client = await computeDistinct([zh], { speakers: 'client' })
    expect(counts(client.pooled)).toEqual([
      [5, 4],
      [4, 4],
      [3, 3],
    ])
    const counselor = await computeDistinct([zh], { speakers: 'counselor' })
    expect(counts(counselor.pooled)).toEqual([
      [5, 5],
      [4, 4],
      [3, 3],
    ])
    const both = await computeDistinct([zh], { speakers: 'both' })
    // 你 最近 睡得 好 吗 我 睡不着 我 很 难过: 10 words, 9 different (我 twice); bigrams 9, all different.
    expect(counts(both.pooled)).toEqual([
      [10, 9],
      [9, 9],
      [8, 8],
    ])
  })

  it('Chinese mixed with English keeps both scripts', async () => {
    const r = await computeDistinct([dialogue('zh', ['client', '我喜欢Python编程，Python很好'])], {
      speakers: 'client',
    })
    // 我 喜欢 python 编程 python 很 好: 7 words, 6 different.
    expect(counts(r.pooled)[0]).toEqual([7, 6])
  })
})

describe('Distinct-n: dialogue boundaries and pooling', () => {
  it('never forms an n-gram across two dialogues', async () => {
    const r = await computeDistinct(
      [dialogue('en', ['client', 'apple bread']), dialogue('en', ['client', 'cheese dates'])],
      { speakers: 'client' },
    )
    // Across the boundary there would be 3 bigrams (bread cheese); within dialogues there are 2.
    expect(counts(r.pooled)).toEqual([
      [4, 4],
      [2, 2],
      [0, 0],
    ])
    expect(r.pooled.ngrams[2].distinct).toBeNull()
  })

  it('pools over the dataset: an n-gram in two dialogues counts once among the different ones', async () => {
    const r = await computeDistinct(
      [
        { ...dialogue('en', ['client', 'we talk every day']), id: 'a' },
        { ...dialogue('en', ['client', 'we talk']), id: 'b' },
        { ...dialogue('en', ['counselor', 'nothing from the client']), id: 'c' },
      ],
      { speakers: 'client' },
    )
    expect(counts(r.pooled)).toEqual([
      [6, 4],
      [4, 3],
      [2, 2],
    ])
    // Per dialogue: its own counts, with its id; a dialogue without client words has no values.
    expect(r.perDialogue.map((d) => [d.index, d.id, d.tokens])).toEqual([
      [0, 'a', 4],
      [1, 'b', 2],
      [2, 'c', 0],
    ])
    expect(counts(r.perDialogue[1])).toEqual([
      [2, 2],
      [1, 1],
      [0, 0],
    ])
    expect(r.perDialogue[2].ngrams.map((g) => g.distinct)).toEqual([null, null, null])
    expect(r.perDialogue[2].ead).toBeNull()
    expect(r.pooled.dialogues).toBe(3)
  })

  it('per-dialogue counts are each dialogue alone, whatever came before it', async () => {
    const r = await computeDistinct([english, english], { speakers: 'both' })
    expect(counts(r.perDialogue[0])).toEqual(counts(r.perDialogue[1]))
    expect(counts(r.pooled)).toEqual([
      [22, 6],
      [20, 7],
      [18, 7],
    ])
  })
})

describe('EAD', () => {
  it('follows unique / (V (1 - ((V - 1) / V)^N)) on a hand example', async () => {
    // counselor: 3 different words in 6; V = 4: expected 4 (1 - (3/4)^6) = 3.2880859375.
    const r = await computeDistinct([english], { speakers: 'counselor', vocabularySize: 4 })
    expect(r.vocabulary).toEqual({ size: 4, source: 'option' })
    expect(r.pooled.ead).toBeCloseTo(3 / 3.2880859375, 12)
    expect(r.perDialogue[0].ead).toBeCloseTo(3 / 3.2880859375, 12)
    expect(expectationAdjustedDistinct(3, 6, 4)).toBeCloseTo(0.912385, 6)
  })

  it('stays accurate for large V and N (no cancellation) and handles V = 1 and no tokens', () => {
    // For V ≫ N the expectation is ≈ N (almost every draw new): EAD ≈ unique / N.
    expect(expectationAdjustedDistinct(900, 1000, 1e12)).toBeCloseTo(0.9, 9)
    expect(expectationAdjustedDistinct(1, 5, 1)).toBe(1)
    expect(expectationAdjustedDistinct(0, 0, 100)).toBeNull()
  })

  it('at word level uses the documented default V and says so', async () => {
    const r = await computeDistinct([english])
    expect(r.vocabulary).toEqual({ size: DEFAULT_WORD_VOCABULARY, source: 'default' })
    const V = DEFAULT_WORD_VOCABULARY
    expect(r.pooled.ead).toBeCloseTo(6 / (V * (1 - ((V - 1) / V) ** 11)), 9)
  })
})

describe('Hugging Face tokenizer', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

  /** A tokenizer.json alone (no tokenizer_config.json): WordPiece over 7 entries, lower-casing, BERT pre-tokenizer. */
  function tinyTokenizer(): string {
    const dir = mkdtempSync(join(tmpdir(), 'distinct-tokenizer-'))
    dirs.push(dir)
    const vocab = { '[UNK]': 0, i: 1, feel: 2, sad: 3, hear: 4, you: 5, '##s': 6 }
    const json = {
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
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(json))
    return dir
  }

  it("counts the tokenizer's ids and takes V from its vocabulary", async () => {
    const folder = tinyTokenizer()
    const r = await computeDistinct([dialogue('en', ['counselor', 'I hear yous.'], ['client', 'I feel sad, SO sad'])], {
      speakers: 'both',
      tokenizer: { kind: 'hf', folder },
    })
    // i hear you ##s [UNK](.) i feel sad [UNK](,) [UNK](so) sad: 11 tokens;
    // different: i hear you ##s [UNK] feel sad = 7.
    expect(r.pooled.tokens).toBe(11)
    expect(counts(r.pooled)[0]).toEqual([11, 7])
    // Bigrams: i-hear hear-you you-##s ##s-[UNK] [UNK]-i i-feel feel-sad sad-[UNK] [UNK]-[UNK] [UNK]-sad:
    // all 10 different.
    expect(counts(r.pooled)[1]).toEqual([10, 10])
    expect(r.vocabulary).toEqual({ size: 7, source: 'tokenizer' })
    expect(r.pooled.ead).toBeCloseTo(7 / (7 * (1 - (6 / 7) ** 11)), 12)
  })

  it('loads a folder with tokenizer_config.json through AutoTokenizer; Chinese is kept as tokens', async () => {
    const r = await computeDistinct([dialogue('zh', ['client', '我很难过'])], {
      speakers: 'client',
      tokenizer: { kind: 'hf', folder: TINY_BERT },
    })
    // BERT splits Chinese into characters: 我 很 难 过, none of them unknown.
    expect(r.pooled.tokens).toBe(4)
    expect(r.pooled.ngrams[0].unique).toBe(4)
    expect(r.vocabulary).toEqual({ size: 887, source: 'tokenizer' })
  })

  it('an explicit V wins over the tokenizer vocabulary', async () => {
    const r = await computeDistinct([english], { tokenizer: { kind: 'hf', folder: TINY_BERT }, vocabularySize: 50 })
    expect(r.vocabulary).toEqual({ size: 50, source: 'option' })
  })

  it('a missing folder or tokenizer.json is a clear error naming the path', async () => {
    const missing = join(tmpdir(), 'no-such-tokenizer-folder')
    await expect(computeDistinct([english], { tokenizer: { kind: 'hf', folder: missing } })).rejects.toThrow(
      `The tokenizer folder ${missing} does not exist.`,
    )
    const empty = mkdtempSync(join(tmpdir(), 'distinct-empty-'))
    dirs.push(empty)
    await expect(computeDistinct([english], { tokenizer: { kind: 'hf', folder: empty } })).rejects.toThrow(
      `has no tokenizer.json`,
    )
    await expect(computeDistinct([english], { tokenizer: { kind: 'hf', folder: 'relative/dir' } })).rejects.toThrow(
      'must be an absolute path',
    )
  })
})

describe('options', () => {
  it('a bad option is a WorkbenchError naming it', async () => {
    const error = await computeDistinct([english], { maxN: 9 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WorkbenchError)
    expect((error as Error).message).toMatch(/^Distinct-n option maxN: /)
    await expect(computeDistinct([english], { speakers: 'therapist' as 'client' })).rejects.toThrow(
      'Distinct-n option speakers',
    )
  })
})

describe('word pool', () => {
  it('gives the same counts as this thread, pooled and per dialogue, with the words cut in workers', async () => {
    const texts: [Language, string][] = [
      ['en', "I can't sleep, and work keeps piling up."],
      ['zh', '我最近工作压力很大，晚上睡不着觉。'],
      ['en', 'What would you like to focus on today?'],
      ['zh', '你觉得这个想法有多真实？我用Python记录了心情。'],
    ]
    const dialogues = Array.from({ length: 700 }, (_, i) => {
      const [language, text] = texts[i % texts.length]
      const [, other] = texts[(i * 7 + 3) % texts.length]
      return { ...dialogue(language, ['counselor', `${other} ${i % 13}`], ['client', `${text} ${i}`]), id: i }
    })
    const pool = createWordPool(2)
    try {
      // Counselor texts repeat (13 endings): each different text is cut once, in the job where it first appears.
      for (const [speakers, lowercase] of [
        ['both', true],
        ['client', true],
        ['counselor', false],
      ] as const) {
        const inThread = await computeDistinct(dialogues, { speakers, lowercase })
        const inWorkers = await computeDistinct(dialogues, { speakers, lowercase }, { wordPool: pool })
        expect(inWorkers).toEqual(inThread)
      }
      expect(pool.stats()).toMatchObject({ fallbacks: 0 })
      expect(pool.stats().jobsInWorkers).toBeGreaterThan(0)
    } finally {
      await pool.close()
    }
  })
})

describe('MAGneT zip: equal to an independent computation', () => {
  it("matches bench/distinct_reference.py (Python's zipfile, re and sets), pooled and per session", async () => {
    const parsed = parseDatasetFile('magnet.zip', readFileSync(MAGNET_ZIP))
    expect(parsed.errors).toEqual([])
    const sessions = asSessionTexts(parsed.dialogues.map((d) => ({ ...d, id: d.externalId })))
    const python = JSON.parse(execFileSync('python3', [PYTHON_REFERENCE, MAGNET_ZIP]).toString('utf8')) as Record<
      string,
      { tokens: number; total: number[]; unique: number[]; perSession: Record<string, number[]> }
    > & { sessions: number }
    // The zip's .ipynb_checkpoints copy is not a session, for both.
    expect(python.sessions).toBe(2)
    expect(sessions).toHaveLength(2)
    for (const [variant, lower] of [
      ['magnet', false],
      ['magnet-lower', true],
    ] as const) {
      const ours = distinctWithTokenizer(sessions, parseDistinctOptions({}), magnetCleaningTokenizer(lower))
      const theirs = python[variant]
      expect(ours.pooled.tokens).toBe(theirs.tokens)
      expect(ours.pooled.ngrams.map((g) => g.total)).toEqual(theirs.total)
      expect(ours.pooled.ngrams.map((g) => g.unique)).toEqual(theirs.unique)
      for (const d of ours.perDialogue) {
        expect(d.ngrams.map((g) => g.unique)).toEqual(theirs.perSession[String(d.id)])
      }
    }
  })
})
