import { availableParallelism } from 'node:os'
import type { Language } from '@shared/roleCard'
import { workerSet } from '../../workerSet'
import { tokenize } from '../tokenize'

/** Texts to cut into words (tokenize.ts, stop words kept). */
export interface WordsJob {
  id: number
  texts: string[]
  languages: Language[]
  lowercase: boolean
}

/** The words of a job's texts: `words` lists each different word once; `ids` are indexes into it, text after text. */
export interface WordsResult {
  id: number
  /** The job's different words joined by U+0000 (one string crosses threads far cheaper than many). */
  words: string
  ids: Int32Array<ArrayBuffer>
  /** Words per text. */
  lengths: Int32Array<ArrayBuffer>
}

const SEPARATOR = '\u0000'

/** Cuts a job's texts into words numbered in the job's own word list (in a worker, or in this thread). */
export function tokenizeToWordIds(job: WordsJob): WordsResult {
  const numbers = new Map<string, number>()
  const lengths = new Int32Array(job.texts.length)
  let ids = new Int32Array(1024)
  let count = 0
  job.texts.forEach((text, t) => {
    const words = tokenize(text, job.languages[t], { removeStopWords: false, lowercase: job.lowercase })
    lengths[t] = words.length
    if (count + words.length > ids.length) {
      const grown = new Int32Array(Math.max(ids.length * 2, count + words.length))
      grown.set(ids)
      ids = grown
    }
    for (const word of words) {
      let id = numbers.get(word)
      if (id === undefined) numbers.set(word, (id = numbers.size))
      ids[count++] = id
    }
  })
  return { id: job.id, words: [...numbers.keys()].join(SEPARATOR), ids: ids.slice(0, count), lengths }
}

/** The words of a result, split again. */
export const resultWords = (result: WordsResult) => (result.words ? result.words.split(SEPARATOR) : [])

/**
 * Worker threads cutting texts into words for Distinct-n (jieba and the word expression are most of its time;
 * counting n-grams stays in the caller). Like tokenizePool: from TypeScript sources (tsx, tests) workers start
 * through a bootstrap registering tsx, in the built app the bundled distinctWordsWorker.js beside index.js; a worker
 * that fails makes the job fall back to this thread. Keep one pool for many computations: starting a worker and
 * loading jieba's dictionary in it cost a few hundred milliseconds.
 */
export function createWordPool(size = Math.max(1, Math.min(availableParallelism(), 4))) {
  const fromSource = import.meta.url.endsWith('.ts')
  const script = new URL(fromSource ? './wordsWorkerFromSource.mjs' : './distinctWordsWorker.js', import.meta.url)
  const set = workerSet<WordsResult>(script, size)
  const stats = { jobsInWorkers: 0, fallbacks: 0 }

  let turn = 0
  /** The words of the texts; jobs are spread over the workers in turn. */
  const words = async (texts: string[], languages: Language[], lowercase = true): Promise<WordsResult> => {
    if (set.broken) {
      stats.fallbacks++
      return tokenizeToWordIds({ id: -1, texts, languages, lowercase })
    }
    try {
      const result = await set.request(turn++, { texts, languages, lowercase } satisfies Omit<WordsJob, 'id'>)
      stats.jobsInWorkers++
      return result
    } catch {
      stats.fallbacks++
      return tokenizeToWordIds({ id: -1, texts, languages, lowercase })
    }
  }

  return {
    size,
    words,
    stats: () => ({ ...stats }),
    close: set.close,
  }
}

export type WordPool = ReturnType<typeof createWordPool>
