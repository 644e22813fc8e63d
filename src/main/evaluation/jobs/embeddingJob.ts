import { isAbsolute, join } from 'node:path'
import { EmbeddingConfigSchema, type FidelityResult } from '@shared/evaluation'
import type { PathPolicy } from '../../pathPolicy'
import type { Db } from '../../db/connection'
import { embeddingCacheRepo } from '../../db/embeddingCacheRepo'
import type { JobKind } from '../evaluationRunner'
import { cardSourceKey, roleCardFidelityText } from '../cardText'
import { cosineSimilarity } from '../cosine'
import { seededControlPartners } from '../derangement'
import { embedWithCache } from '../embeddingCache'
import { checkModelFolder, createEmbedder } from '../embeddings'
import { clientText, fidelityScores } from '../overlap'
import { tTest } from '../statistics'

/**
 * Cosine similarity between the embeddings of each dialogue's card and its client
 * utterances, against a deranged card. Vectors are cached by (model, text), so a
 * resumed or repeated job embeds only what it has not seen.
 */
export function embeddingJob(db: Db, dataDir: string, paths: PathPolicy): JobKind {
  return {
    // A model folder must be one the caller may name (serve mode: the data folder or --allow-path) and hold a complete
    // model, so a wrong path is an error now, not a failed job. Hub ids are checked by the schema; they download into
    // <dataDir>/models.
    prepare(given, call) {
      const config = EmbeddingConfigSchema.parse(given)
      if (!isAbsolute(config.model)) return given
      const model = paths.check(config.model, 'config.model', call)
      checkModelFolder(model, config.quantized)
      return { ...(given as object), model }
    },
    total: ({ datasets }) => datasets.reduce((n, d) => n + d.dialogueCount * 2, 0),
    async run(ctx) {
      const config = EmbeddingConfigSchema.parse(ctx.config)
      // Only the texts are kept, not the dialogues.
      const pairs = ctx.datasets.map((d) => {
        const cards: string[] = []
        const clients: string[] = []
        const groups: string[] = []
        const ids: string[] = []
        for (const x of ctx.dialoguesOf(d.id)) {
          if (!x.roleCard) continue
          ids.push(x.id)
          groups.push(cardSourceKey(x.roleCard))
          cards.push(roleCardFidelityText(x.roleCard, config.cardText))
          clients.push(clientText(x.messages))
        }
        return { datasetId: d.id, skipped: d.dialogueCount - cards.length, cards, clients, groups, ids }
      })
      const texts = pairs.flatMap((p) => [...p.cards, ...p.clients])
      const embedder = await createEmbedder({
        model: config.model,
        modelsDir: join(dataDir, 'models'),
        pooling: config.pooling,
        normalize: config.normalize,
        maxTokens: config.maxTokens,
        quantized: config.quantized,
        onProgress: () => ctx.progress(0, texts.length),
      })
      try {
        const vectors = await embedWithCache(embedder, embeddingCacheRepo(db), texts, {
          signal: ctx.signal,
          onProgress: (p) => ctx.progress(p.done, p.total),
        })
        let offset = 0
        const datasets: FidelityResult[] = pairs.map((p) => {
          const n = p.cards.length
          if (n < 2)
            throw new Error(
              `cosine similarity needs at least 2 dialogues with a role card in a dataset (for the random-mapping control); found ${n}`,
            )
          const card = (i: number) => vectors[offset + i]
          const client = (i: number) => vectors[offset + n + i]
          const other = seededControlPartners(p.groups, config.seed)
          const mapping = Array.from({ length: n }, (_, i) => cosineSimilarity(card(i), client(i)))
          const random = Array.from({ length: n }, (_, i) => cosineSimilarity(card(other[i]), client(i)))
          offset += 2 * n
          ctx.score(fidelityScores({ datasetId: p.datasetId, dialogueIds: p.ids, mapping, random }))
          return {
            datasetId: p.datasetId,
            mapping,
            random,
            comparison: tTest(mapping, random, config.test),
            skipped: p.skipped,
          }
        })
        return { kind: 'embedding', datasets }
      } finally {
        await embedder.dispose()
      }
    },
  }
}
