import { isAbsolute, join } from 'node:path'
import type { Dataset, DialogueDetail } from '@shared/dialogue'
import { WorkbenchError } from '@shared/errors'
import {
  EmbeddingConfigSchema,
  type EmbeddingEvaluationResult,
  type FidelityResult,
  type CardSource,
} from '@shared/evaluation'
import type { PathPolicy } from '../../pathPolicy'
import type { Db } from '../../db/connection'
import { embeddingCacheRepo } from '../../db/embeddingCacheRepo'
import { roleCardRepo, type RoleCardRepo } from '../../db/roleCardRepo'
import type { EndpointService } from '../../llm/endpointService'
import type { LlmGateway } from '../../llm/gateway'
import type { JobContext, JobKind } from '../evaluationRunner'
import { cardSourceKey, roleCardFidelityText } from '../cardText'
import { cosineSimilarity } from '../cosine'
import { seededControlPartners } from '../derangement'
import { embedWithCache } from '../embeddingCache'
import { checkModelFolder, createEmbedder, type Embedder } from '../embeddings'
import { createEndpointEmbedder } from '../endpointEmbedder'
import { clientText, fidelityScores } from '../overlap'
import { tTest } from '../statistics'

export interface EmbeddingJobDeps {
  db: Db
  /** The workspace's data folder: hub models download into <dataDir>/models. */
  dataDir: string
  paths: PathPolicy
  /** Endpoint records and the gateway, for the embeddings-endpoint backend. */
  endpoints: Pick<EndpointService, 'resolve'>
  gateway: LlmGateway
  /** Options of the local embedder a test sets (e.g. a stand-in hub). */
  local?: { hubHost?: string; thread?: 'worker' | 'here' }
}

/**
 * Cosine similarity between the embeddings of each dialogue's card and its client
 * utterances, against a deranged card. Vectors are cached by (model, text), so a
 * resumed or repeated job embeds only what it has not seen.
 */
export function embeddingJob(deps: EmbeddingJobDeps): JobKind {
  const { db, paths } = deps
  return {
    // A model folder must be one the caller may name (serve mode: the data folder or --allow-path) and hold a complete
    // model, so a wrong path is an error now, not a failed job. Hub ids are checked by the schema; they download into
    // <dataDir>/models. An endpoint must exist; datasets must have cards (or the proxy is chosen).
    prepare(given, call, datasets) {
      const config = EmbeddingConfigSchema.parse(given)
      if (config.backend === 'endpoint') {
        if (!config.endpointId)
          throw new WorkbenchError('invalid_input', { key: 'evaluations.embeddingEndpointMissing' })
        deps.endpoints.resolve(config.endpointId)
      }
      if (datasets) checkCards(datasets, config.cardSource)
      if (config.backend !== 'local' || !isAbsolute(config.model)) return given
      const model = paths.check(config.model, 'config.model', call)
      checkModelFolder(model, config.quantized)
      return { ...(given as object), model }
    },
    total: ({ datasets }) => datasets.reduce((n, d) => n + d.dialogueCount * 2, 0),
    async run(ctx) {
      const config = EmbeddingConfigSchema.parse(ctx.config)
      // Before reading a dialogue: a corpus without cards fails now, saying what to do.
      checkCards(ctx.datasets, config.cardSource)
      const roleCards = roleCardRepo(db)
      const pairs = ctx.datasets.map((d) => textsOf(ctx, d, config, roleCards))
      const short = pairs.find((p) => p.cards.length < 2)
      if (short && config.cardSource === 'card-by-id') {
        const dataset = ctx.datasets.find((d) => d.id === short.datasetId)!
        throw new WorkbenchError('invalid_input', {
          key: 'evaluations.embeddingNoCardIds',
          params: { name: dataset.name, field: config.cardIdField, found: short.cards.length },
        })
      }
      const texts = pairs.flatMap((p) => [...p.cards, ...p.clients])
      const embedder = await openEmbedder(deps, ctx, config, texts.length)
      try {
        const outcome = await embedWithCache(embedder, embeddingCacheRepo(db), texts, {
          signal: ctx.signal,
          // An endpoint answers many requests at once: steps big enough to keep them all busy.
          chunkSize: embedder.backend === 'endpoint' ? Math.max(256, config.batchSize * 16) : 256,
          onProgress: (p) => ctx.progress(p.done, p.total, { perSecond: p.perSecond, etaSeconds: p.etaSeconds }),
        })
        const { vectors } = outcome
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
        const result: EmbeddingEvaluationResult = {
          kind: 'embedding',
          datasets,
          run: {
            backend: embedder.backend,
            model: embedder.modelId,
            device: embedder.device,
            fallback: embedder.fallback,
            truncated: outcome.truncated,
            ...(embedder.maxTokens !== null ? { maxTokens: embedder.maxTokens } : {}),
            truncationUnknown: outcome.truncationUnknown,
            texts: new Set(texts).size,
            cardSource: config.cardSource,
          },
        }
        return result
      } finally {
        await embedder.dispose()
      }
    },
  }
}

type EmbeddingConfig = ReturnType<typeof EmbeddingConfigSchema.parse>

function openEmbedder(deps: EmbeddingJobDeps, ctx: JobContext, config: EmbeddingConfig, texts: number) {
  if (config.backend === 'endpoint') {
    return createEndpointEmbedder(deps.gateway, deps.endpoints.resolve(config.endpointId), {
      normalize: config.normalize,
      batchSize: config.batchSize,
      jobId: ctx.evaluationId,
      signal: ctx.signal,
    })
  }
  return createEmbedder({
    model: config.model,
    modelsDir: join(deps.dataDir, 'models'),
    pooling: config.pooling,
    normalize: config.normalize,
    maxTokens: config.maxTokens,
    quantized: config.quantized,
    device: config.device,
    ...deps.local,
    onProgress: () => ctx.progress(0, texts),
  }) as Promise<Embedder>
}

/**
 * The texts of a dataset: each dialogue's card (its role card, or the client's first turn as a proxy) and the client's
 * utterances (with the proxy: the later ones). Only the texts are kept, not the dialogues.
 */
function textsOf(ctx: JobContext, d: Dataset, config: EmbeddingConfig, workspaceCards: RoleCardRepo) {
  /** The workspace card the dialogue's id field names (a card of its own comes second). */
  const attached = (x: DialogueDetail) => {
    const id = config.cardIdField === 'id' ? x.id : x.meta[config.cardIdField]
    const found = typeof id === 'string' || typeof id === 'number' ? workspaceCards.get(String(id)) : null
    return found ?? x.roleCard
  }
  const cards: string[] = []
  const clients: string[] = []
  const groups: string[] = []
  const ids: string[] = []
  for (const x of ctx.dialoguesOf(d.id)) {
    const pair =
      config.cardSource === 'first-client-turn'
        ? proxyPair(x)
        : cardPair(config.cardSource === 'card-by-id' ? { ...x, roleCard: attached(x) } : x, config)
    if (!pair) continue
    ids.push(x.id)
    groups.push(pair.group)
    cards.push(pair.card)
    clients.push(pair.client)
  }
  return { datasetId: d.id, skipped: d.dialogueCount - cards.length, cards, clients, groups, ids }
}

function cardPair(x: DialogueDetail, config: EmbeddingConfig) {
  if (!x.roleCard) return null
  return {
    group: cardSourceKey(x.roleCard),
    card: roleCardFidelityText(x.roleCard, config.cardText),
    client: clientText(x.messages),
  }
}

/** The client's first turn stands for the card; a dialogue with fewer than two client turns has nothing to compare. */
function proxyPair(x: DialogueDetail) {
  const turns = x.messages.filter((m) => m.speaker === 'client')
  if (turns.length < 2) return null
  return { group: x.id, card: turns[0].content, client: clientText(turns.slice(1)) }
}

/** With role cards as R, every dataset needs at least two dialogues with one (the random control pairs them). */
function checkCards(datasets: Pick<Dataset, 'name' | 'withRoleCards' | 'dialogueCount'>[], source: CardSource) {
  if (source !== 'role-card') return
  const short = datasets.find((d) => d.withRoleCards < 2)
  if (short)
    throw new WorkbenchError('invalid_input', {
      key: 'evaluations.embeddingNoCards',
      params: { name: short.name, cards: short.withRoleCards, dialogues: short.dialogueCount },
    })
}
