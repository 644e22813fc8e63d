import {
  EXACT_CACHE_LIMIT,
  PANAS_PHASES,
  PANAS_POLARITIES,
  PanasConfigSchema,
  sampleCount,
  type Comparison,
  type DialogueScore,
  type PanasAttitude,
  type PanasPhase,
  type PanasPolarity,
  type PanasResult,
} from '@shared/evaluation'
import { judgeCacheRepo } from '../../db/judgeCacheRepo'
import type { JobKind, UnitSource } from '../evaluationRunner'
import { estimateJudgeCost, estimateSized, type JudgeOutcome } from '../judgeClient'
import {
  cancelDelivery,
  deliverUnits,
  requestLines,
  twoDatasets,
  type JudgeDeps,
  type JudgeJobUnit,
} from '../jobs/judgeJob'
import { tTest } from '../statistics'
import { readRatings } from './panasParse'
import {
  buildPanasMessages,
  judgePanas,
  panasUnits,
  readPanasAnswer,
  requestKey,
  sizedPanasUnits,
  type PanasDialogue,
} from './panasPrompt'
import { attitudeOf, panasAggregate } from './panasScore'

/** A unit's stored key: never change it (a resumed job skips the keys it finds). */
export const panasKey = (dialogueId: string, round: number, phase: PanasPhase) =>
  `panas:${dialogueId}:${round}:${phase}`

const NO_USAGE = { promptTokens: 0, completionTokens: 0, cost: null }

/**
 * Each dialogue with a role card, `rounds` × before and after; `attitudes` gets each one's attitude, `skipped` counts
 * those without a card per dataset.
 */
function* units(
  source: UnitSource,
  rounds: number,
  ask: (dialogue: PanasDialogue, phase: PanasPhase, round: number) => Promise<JudgeOutcome<string>>,
  attitudes: Map<string, PanasAttitude>,
  skipped: Map<string, number>,
): Generator<JudgeJobUnit> {
  for (const d of source.datasets) {
    let without = 0
    for (const dialogue of source.dialoguesOf(d.id)) {
      const roleCard = dialogue.roleCard
      if (!roleCard) {
        without++
        continue
      }
      attitudes.set(dialogue.id, attitudeOf(roleCard))
      const judged: PanasDialogue = { ...dialogue, roleCard }
      for (let round = 1; round <= rounds; round++)
        for (const phase of PANAS_PHASES)
          yield {
            key: panasKey(dialogue.id, round, phase),
            datasetId: d.id,
            dialogue,
            round,
            item: phase,
            ask: () => ask(judged, phase, round),
            request: {
              messages: buildPanasMessages(judged, phase),
              round,
              parse: readPanasAnswer,
              purpose: 'judge:panas',
            },
          }
    }
    skipped.set(d.id, without)
  }
}

/**
 * PANAS: per dialogue with a role card, `rounds` samples of the 20 ratings before (the card alone) and after (the card
 * and the session); per-polarity change, per dataset and per attitude group, compared per polarity by t-test.
 *
 * A close variant of judgeJob (same runner of units, same stored rows: `item` is the phase, `label` the 20 ratings as
 * JSON): it skips dialogues without a role card and counts them, keeps each dialogue's attitude for the grouping, and
 * asks an identical "before" request (same card, same round) once per job, whatever the cache setting, so the samples
 * of one card share their "before".
 */
export function panasJob(deps: JudgeDeps): JobKind & Required<Pick<JobKind, 'estimate'>> {
  const { db, gateway, endpoints } = deps
  return {
    cancelled: (evaluationId, config) => cancelDelivery(deps, evaluationId, config),
    batchLines(source) {
      const config = PanasConfigSchema.parse(source.config)
      const endpoint = endpoints.resolve(config.endpointId)
      const never = () => Promise.reject(new Error('listing requests only'))
      return requestLines(endpoint, config, units(source, config.rounds, never, new Map(), new Map()))
    },
    estimate(config, dialogues) {
      const c = PanasConfigSchema.parse(config)
      const endpoint = endpoints.resolve(c.endpointId)
      const cache = c.cache ? judgeCacheRepo(db) : null
      // As judgeJob's: cached answers are counted by building each request, for small sets only.
      if (cache && dialogues.count <= EXACT_CACHE_LIMIT)
        return estimateJudgeCost(endpoint, panasUnits(dialogues.details(), c.rounds), {
          temperature: c.temperature,
          cache,
        })
      return estimateSized(endpoint, sizedPanasUnits(dialogues.sizes(), c.rounds), cache ? null : 0)
    },
    // Dialogues without a role card are counted here too (the total is known before they are read).
    total: ({ config, datasets }) => {
      const c = PanasConfigSchema.parse(config)
      return datasets.reduce((n, d) => n + sampleCount(c, d.dialogueCount), 0) * c.rounds * PANAS_PHASES.length
    },
    async run(ctx) {
      const config = PanasConfigSchema.parse(ctx.config)
      const endpoint = endpoints.resolve(config.endpointId)
      const cache = judgeCacheRepo(db)
      const extra = { jobId: ctx.evaluationId, signal: ctx.signal }
      const attitudes = new Map<string, PanasAttitude>()
      const skipped = new Map<string, number>()
      const before = new Map<string, Promise<JudgeOutcome<string>>>()

      const ask = (dialogue: PanasDialogue, phase: PanasPhase, round: number): Promise<JudgeOutcome<string>> => {
        const judge = () => judgePanas(gateway, endpoint, dialogue, phase, round, config, cache, extra)
        if (phase === 'after') return judge()
        const key = requestKey(buildPanasMessages(dialogue, 'before'), round)
        const first = before.get(key)
        if (first)
          return first.then((o) =>
            o.ok ? { ...o, attempts: 0, cached: true, usage: NO_USAGE } : { ...o, attempts: 0, usage: NO_USAGE },
          )
        const asked = judge()
        before.set(key, asked)
        return asked
      }

      await deliverUnits(deps, ctx, endpoint, config, () => units(ctx, config.rounds, ask, attitudes, skipped))

      const results = ctx.results()
      const datasets: PanasResult[] = ctx.datasets.map((d) => {
        const mine = results.filter((r) => r.datasetId === d.id)
        const aggregate = panasAggregate(
          mine.map((r) => ({
            dialogueId: r.dialogueId!,
            phase: r.item as PanasPhase,
            round: r.round,
            ratings: r.status === 'ok' ? readRatings(r.label) : null,
          })),
          attitudes,
        )
        ctx.score(
          aggregate.dialogues.flatMap((dialogue) =>
            PANAS_POLARITIES.flatMap((p) =>
              (['before', 'after', 'change'] as const).map((measure): DialogueScore => ({
                datasetId: d.id,
                dialogueId: dialogue.dialogueId,
                metric: `${p} ${measure}`,
                value: dialogue[measure][p],
              })),
            ),
          ),
        )
        return {
          datasetId: d.id,
          feelings: aggregate.feelings,
          polarities: aggregate.polarities,
          attitudes: aggregate.attitudes,
          dialogues: aggregate.dialogues.length,
          skipped: skipped.get(d.id) ?? 0,
          failures: aggregate.failures,
          calls: mine.reduce((n, r) => n + r.attempts, 0),
        }
      })
      const pair = twoDatasets(datasets)
      const comparison = pair
        ? (Object.fromEntries(
            PANAS_POLARITIES.map((p) => [
              p,
              tTest(pair[0].polarities[p].perDialogue, pair[1].polarities[p].perDialogue, config.test),
            ]),
          ) as Record<PanasPolarity, Comparison>)
        : null
      return { kind: 'panas', datasets, comparison }
    },
  }
}
