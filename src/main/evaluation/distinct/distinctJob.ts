import {
  DISTINCT_WORD_VOCABULARY,
  DistinctConfigSchema,
  type DialogueScore,
  type DistinctConfig,
  type DistinctDatasetResult,
  type DistinctEvaluationResult,
} from '@shared/evaluation'
import type { PathPolicy } from '../../pathPolicy'
import type { JobKind } from '../evaluationRunner'
import {
  computeDistinct,
  createIdTokenizer,
  parseDistinctOptions,
  type DistinctDialogue,
  type DistinctOptions,
} from './distinct'
import { checkTokenizerFolder } from './tokenizers'
import type { WordPool } from './wordPool'

/** The analysis's settings as the computation's options (n-grams run on across a dialogue's messages, as MAGneT). */
export const distinctOptionsOf = (config: DistinctConfig): DistinctOptions =>
  parseDistinctOptions({
    speakers: config.speaker,
    maxN: config.maxN,
    tokenizer: config.tokenizer === 'words' ? { kind: 'words' } : { kind: 'hf', folder: config.tokenizerPath },
    lowercase: config.lowercase,
    span: 'dialogue',
    ...(config.vocabularySize !== null ? { vocabularySize: config.vocabularySize } : {}),
  })

/**
 * Distinct-1..maxN and EAD per dataset (pooled over its dialogues), and per dialogue its tokens and its own
 * Distinct-n ('tokens', 'distinct-1', ...: how repetitive a dialogue is within itself). Words are cut in the word
 * pool's workers; a tokenizer.json is loaded once for every dataset.
 */
export function distinctJob(paths: PathPolicy, wordPool: WordPool | undefined): JobKind {
  return {
    // A tokenizer folder must be one the caller may name (serve mode: the data folder or --allow-path) and hold a
    // readable tokenizer.json, so a wrong path is an error now and no analysis is stored.
    prepare(given, call) {
      const config = DistinctConfigSchema.parse(given)
      if (config.tokenizer !== 'tokenizer-json') return given
      const tokenizerPath = paths.check(config.tokenizerPath, 'config.tokenizerPath', call)
      checkTokenizerFolder(tokenizerPath)
      return { ...(given as object), tokenizerPath }
    },
    total: ({ datasets }) => datasets.reduce((n, d) => n + d.dialogueCount, 0),
    async run(ctx) {
      const options = distinctOptionsOf(DistinctConfigSchema.parse(ctx.config))
      const tokenizer = options.tokenizer.kind === 'hf' ? await createIdTokenizer(options) : undefined
      const total = ctx.datasets.reduce((n, d) => n + d.dialogueCount, 0)
      let before = 0
      let vocabulary: DistinctEvaluationResult['vocabulary'] | null = null
      const datasets: DistinctDatasetResult[] = []
      for (const dataset of ctx.datasets) {
        ctx.signal.throwIfAborted()
        const dialogues: (DistinctDialogue & { id: string })[] = []
        for (const d of ctx.dialoguesOf(dataset.id)) {
          dialogues.push({ id: d.id, language: d.language, messages: d.messages })
        }
        const result = await computeDistinct(dialogues, options, {
          wordPool,
          tokenizer,
          signal: ctx.signal,
          onProgress: (done) => ctx.progress(before + done, total),
        })
        before += dialogues.length
        vocabulary = result.vocabulary
        ctx.score(
          result.perDialogue.flatMap((d): DialogueScore[] => {
            const base = { datasetId: dataset.id, dialogueId: String(d.id) }
            return [
              { ...base, metric: 'tokens', value: d.tokens },
              ...d.ngrams.map((g) => ({ ...base, metric: `distinct-${g.n}`, value: g.distinct })),
            ]
          }),
        )
        datasets.push({
          datasetId: dataset.id,
          dialogues: result.pooled.dialogues,
          tokens: result.pooled.tokens,
          ngrams: result.pooled.ngrams,
          ead: result.pooled.ead,
        })
      }
      ctx.progress(total, total)
      return {
        kind: 'distinct',
        // Every dataset has the same V (datasets: at least one).
        vocabulary: vocabulary ?? { size: DISTINCT_WORD_VOCABULARY, source: 'default' },
        datasets,
      }
    },
  }
}
