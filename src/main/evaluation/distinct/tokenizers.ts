import { existsSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { PreTrainedTokenizer } from '@huggingface/transformers'
import { WorkbenchError } from '@shared/errors'
import type { Language } from '@shared/roleCard'
import { tokenize } from '../tokenize'

/** Turns a message's text into token ids (integers below 2^26), the same text always into the same ids. */
export interface IdTokenizer {
  ids(text: string, language: Language): number[]
  /** The tokenizer's vocabulary size, when it has a fixed vocabulary (a Hugging Face tokenizer); null for words. */
  vocabularySize: number | null
}

/**
 * The workbench's own words (tokenize.ts: jieba for Chinese, Unicode word boundaries otherwise, lower-cased,
 * NFKC-normalized, stop words kept, Chinese never dropped), numbered in order of first appearance.
 */
export function wordTokenizer(lowercase = true): IdTokenizer {
  const numbers = new Map<string, number>()
  return {
    vocabularySize: null,
    ids(text, language) {
      const words = tokenize(text, language, { removeStopWords: false, lowercase })
      const ids = new Array<number>(words.length)
      for (let i = 0; i < words.length; i++) {
        let id = numbers.get(words[i])
        if (id === undefined) numbers.set(words[i], (id = numbers.size))
        ids[i] = id
      }
      return ids
    },
  }
}

/**
 * Checks a tokenizer folder before anything is loaded: an absolute path to an existing folder holding a tokenizer.json
 * that is a JSON object with a `model`. Returns the tokenizer.json's path; a problem is a WorkbenchError naming it.
 */
export function checkTokenizerFolder(folder: string): string {
  if (!isAbsolute(folder)) {
    throw new WorkbenchError('invalid_input', { key: 'evaluations.tokenizerRelative', params: { folder } })
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new WorkbenchError('not_found', { key: 'evaluations.tokenizerMissing', params: { folder } }, { path: folder })
  }
  const json = join(folder, 'tokenizer.json')
  if (!existsSync(json)) {
    throw new WorkbenchError('not_found', { key: 'evaluations.tokenizerNoJson', params: { folder } }, { path: json })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(json, 'utf8'))
  } catch (error) {
    throw new WorkbenchError(
      'invalid_input',
      { key: 'evaluations.tokenizerBadJson', params: { path: json, reason: (error as Error).message } },
      { path: json },
    )
  }
  const model = (parsed as { model?: unknown } | null)?.model
  if (typeof model !== 'object' || model === null) {
    throw new WorkbenchError(
      'invalid_input',
      { key: 'evaluations.tokenizerNoModel', params: { path: json } },
      { path: json },
    )
  }
  return json
}

/**
 * The tokens of a Hugging Face tokenizer.json in a local folder (transformers.js; never downloads anything).
 * With a tokenizer_config.json beside it, AutoTokenizer picks the tokenizer class it names; without one the
 * tokenizer.json alone defines the tokenizer. Special tokens ([CLS], <s>, ...) are not added: they are not text.
 * The vocabulary size V is the number of entries of the vocabulary, added tokens included (Python's len(tokenizer)).
 * `lowercase` lower-cases the text first (an uncased tokenizer's own normalizer does so anyway).
 */
export async function huggingFaceTokenizer(folder: string, lowercase = false): Promise<IdTokenizer> {
  const json = checkTokenizerFolder(folder)
  const { AutoTokenizer, PreTrainedTokenizer: Plain } = await import('@huggingface/transformers')
  let tokenizer: PreTrainedTokenizer
  try {
    tokenizer = existsSync(join(folder, 'tokenizer_config.json'))
      ? await AutoTokenizer.from_pretrained(folder, { local_files_only: true })
      : new Plain(JSON.parse(readFileSync(json, 'utf8')), {})
  } catch (error) {
    throw new WorkbenchError(
      'invalid_input',
      { key: 'evaluations.tokenizerLoad', params: { folder, reason: (error as Error).message } },
      { path: json },
    )
  }
  return {
    vocabularySize: tokenizer.get_vocab().size,
    ids(text) {
      const ids = tokenizer.encode(lowercase ? text.toLowerCase() : text, { add_special_tokens: false })
      // transformers.js has no id for a token outside the vocabulary when the model names no unknown token.
      if (ids.some((id) => id === undefined)) {
        throw new WorkbenchError(
          'invalid_input',
          { key: 'evaluations.tokenizerNoUnknown', params: { folder, text: text.slice(0, 60) } },
          { path: json },
        )
      }
      return ids
    },
  }
}
