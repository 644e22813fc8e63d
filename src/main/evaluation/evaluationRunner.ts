import { randomUUID } from 'node:crypto'
import type { Dataset, DialogueDetail } from '@shared/dialogue'
import { WorkbenchError } from '@shared/errors'
import {
  isJudged,
  type EvaluationKind,
  type EvaluationResult,
  type EvaluationSummary,
  type JudgeEstimate,
  type StartEvaluationInput,
  type DialogueScore,
  type EvaluationSpent,
  type ProgressRate,
  type JudgeBatchView,
  JudgeConfigSchema,
  JUDGED_KINDS,
} from '@shared/evaluation'
import type { EvaluationScoreRepo } from '../db/evaluationScoreRepo'
import type { StatisticsDialogue } from './datasetStatistics'
import type { DialogueRepo, DialogueSize } from '../db/dialogueRepo'
import type { EvaluationRecord, EvaluationRepo, WorkItem, WorkResult } from '../db/evaluationRepo'
import type { EventBus } from '../events'
import { log } from '../logger'
import { JobLostError, ownedJobs, progressThrottle, type JobTiming, type StopMode } from '../ownedJobs'
import type { CallContext } from '@shared/api'
import type { WorkspaceWorker } from '../workspaceWorker'
import { runsOffThread } from '../workspaceWorker/tasks'
import type { EndpointSecret } from '../llm/endpointService'
import { analysisSampler, type EstimateInput } from './estimateAnalysis'
import { sampleOf } from './dialogueSample'

/** What a kind of evaluation sees while it runs. */
export interface JobContext {
  evaluationId: string
  config: unknown
  datasets: Dataset[]
  /** Dialogues of a dataset with their messages, in order. */
  dialoguesOf(datasetId: string): Iterable<DialogueDetail>
  /** The same dialogues as who said what only (id, language, messages), read in one query: much faster. */
  transcriptsOf(datasetId: string): Iterable<StatisticsDialogue>
  signal: AbortSignal
  /** Units already finished by an earlier, interrupted attempt of this job. */
  done: Set<string>
  record(result: WorkResult): void
  results(): WorkResult[]
  /** For jobs without stored units (embeddings, statistics): report progress directly, with its speed when known. */
  progress(done: number, total: number, rate?: ProgressRate): void
  /**
   * Per-dialogue results (each item, factor, overlap, count): kept until the job finishes, then stored with its result
   * (evaluation_scores), replacing any of an earlier attempt. Call it from `run`, once per dialogue and metric.
   */
  score(scores: Iterable<DialogueScore>): void
  /** A fenced write of the job's own rows (its provider batches): nothing is written once another process took it. */
  write(fn: () => void): void
  /** Tell listeners the job changed without a stored unit (a batch's status). */
  changed(): void
}

export interface JobKind {
  /** How many units the whole job has (for progress before any is done). */
  total(ctx: Pick<JobContext, 'config' | 'datasets'>): number
  run(ctx: JobContext): Promise<EvaluationResult>
  /**
   * Before the job is created: checks what it would fail on later (files it reads, which a remote caller may not be
   * allowed to name) and returns the config to store.
   */
  prepare?(config: unknown, call: CallContext, datasets?: Dataset[]): unknown
  /** A judged kind's calls, tokens and cost before it starts, over the given dialogues. */
  estimate?(config: unknown, dialogues: EstimateDialogues): JudgeEstimate
  /** A judged kind's requests as batch file lines (JSONL for `vllm run-batch`), each distinct request once. */
  batchLines?(source: UnitSource): Iterable<string>
  /** After the analysis is cancelled: stops what runs elsewhere on its behalf (provider batches). */
  cancelled?(evaluationId: string, config: unknown): Promise<void>
}

/** The largest batch file exported in one answer (OpenAI's limit per batch file is 200 MB). */
export const EXPORT_MAX_BYTES = 190 * 2 ** 20

/** What a job reads (a JobContext's config, datasets and dialogues), to list its requests without running it. */
export type UnitSource = Pick<JobContext, 'config' | 'datasets' | 'dialoguesOf'>

/** The dialogues an estimate is over: how many, and each with its text (slow: small sets only) or only its size. */
export interface EstimateDialogues {
  count: number
  details(): Iterable<DialogueDetail>
  /** Sizes summed in SQL, with role cards. */
  sizes(): Iterable<DialogueSize>
}

export interface EvaluationRunnerDeps {
  repo: EvaluationRepo
  scores: EvaluationScoreRepo
  dialogues: DialogueRepo
  events: EventBus
  /** The job of every kind (src/main/evaluation/jobs: evaluationJobs). */
  kinds: Record<EvaluationKind, JobKind>
  owner: string
  /** The batched LLM call log: a judge's calls are stored before the answers they produced. */
  calls: { flush(): void }
  /** What a judged analysis's calls have spent so far (llm_calls of the job), with its endpoint's currency. */
  spent(record: Pick<EvaluationRecord, 'id' | 'config'>): EvaluationSpent
  /** A judged analysis's provider batches (none for live delivery). */
  batches?(evaluationId: string): JudgeBatchView[]
  jobTiming?: JobTiming
  /**
   * The workspace worker: analyses that read every dialogue and compute locally (statistics, overlap) run there
   * whole; every kind's per-dialogue scores are stored there, and estimates size their dialogues there.
   */
  worker: WorkspaceWorker
  /** A judge endpoint as an estimate reads it (prices, model; no keys), or null when there is none by that id. */
  judgeEndpoint(id: string): EndpointSecret | null
}

interface EvaluationState {
  total: number
  directProgress: { done: number; total: number; rate?: ProgressRate } | null
}

export type { WorkItem }

const listOf = (ids: ReadonlySet<string> | undefined) => (ids ? [...ids] : null)

/** Starts, resumes, pauses and cancels evaluation jobs; each unit of work is stored as it finishes. */
export function evaluationRunner(deps: EvaluationRunnerDeps) {
  const { repo, events } = deps
  const jobs = ownedJobs<EvaluationState>({
    noun: 'evaluation',
    rows: repo,
    owner: deps.owner,
    timing: deps.jobTiming,
    beforeWrite: deps.calls.flush,
  })

  const datasetsOf = (ids: string[]) =>
    ids.map((id) => {
      const found = deps.dialogues.getDataset(id)
      if (!found) throw new WorkbenchError('invalid_input', { key: 'evaluations.unknownDataset', params: { id } })
      return found
    })

  const sampler = (kind: EvaluationKind, config: unknown, completeOnly: boolean) =>
    analysisSampler(deps.dialogues, kind, config, completeOnly)

  /** The judge endpoint a judged analysis's config names, as the workspace worker gets it (no keys); null if none. */
  const judgeOf = (config: unknown) => {
    const endpointId = (config as { endpointId?: unknown } | undefined)?.endpointId
    return typeof endpointId === 'string' ? deps.judgeEndpoint(endpointId) : null
  }
  /** A judged kind's method, or the error saying which kinds are judged. */
  const judgedOnly = <F>(method: F | undefined): F => {
    if (!method)
      throw new WorkbenchError('invalid_input', {
        key: 'evaluations.notJudged',
        params: { kinds: JUDGED_KINDS.join(', ') },
      })
    return method
  }

  /**
   * The datasets as an analysis reads them: the dialogues it leaves out (counted once, when its job starts, and stored
   * with it) are not counted. Summaries read the stored counts: no dataset is scanned per progress event.
   */
  const datasetsRead = (ids: string[], leftOut: EvaluationRecord['leftOut']) =>
    datasetsOf(ids).map((d) => {
      const out = leftOut.find((l) => l.datasetId === d.id)
      return out ? { ...d, dialogueCount: d.dialogueCount - out.flagged - out.unfinished } : d
    })

  function summary(record: EvaluationRecord): EvaluationSummary {
    const a = jobs.get(record.id)
    const stored = repo.progress(record.id)
    const total = a?.total ?? safeTotal(record)
    const direct = a?.directProgress
    const { owner: _o, ...rest } = record
    return {
      ...rest,
      spent: isJudged(record.kind) ? deps.spent(record) : null,
      ...(isJudged(record.kind) && deps.batches ? { batches: deps.batches(record.id) } : {}),
      progress: direct
        ? {
            done: direct.done,
            total: direct.total,
            failures: stored.failures,
            ...(direct.rate && record.status === 'running' ? { rate: direct.rate } : {}),
          }
        : {
            done: record.status === 'completed' ? total : Math.min(stored.done, total),
            total,
            failures: stored.failures,
          },
    }
  }
  function safeTotal(record: EvaluationRecord) {
    try {
      return deps.kinds[record.kind].total({
        config: record.config,
        datasets: datasetsRead(record.datasetIds, record.leftOut),
      })
    } catch {
      return 0
    }
  }
  /** At most one event per evaluation every 300 ms, and always one after the last change. */
  const { emit } = progressThrottle((id) => {
    const record = repo.get(id)
    if (record) events.emit('evaluation.progress', summary(record))
  })

  function drive(id: string): Promise<void> {
    const existing = jobs.get(id)
    if (existing) return existing.done
    const record = repo.get(id)
    if (!record) throw new WorkbenchError('not_found', { key: 'evaluations.notFound', params: { id } })
    const completeOnly = record.dialogues === 'complete'
    const leftOut = completeOnly
      ? record.datasetIds.map((datasetId) => ({ datasetId, ...deps.dialogues.leftOut(datasetId) }))
      : []
    const datasets = datasetsRead(record.datasetIds, leftOut)
    const kind = deps.kinds[record.kind]
    const sampled = sampler(record.kind, record.config, completeOnly)
    const a = jobs.start(record, {
      busy: { key: 'evaluations.busy', params: { name: record.name } },
      state: { total: kind.total({ config: record.config, datasets }), directProgress: null },
      async work(a) {
        const scores: DialogueScore[] = []
        // Finished units are stored in one fenced transaction per event-loop turn, not one each: at 64 answers in
        // flight, a transaction per answer (and the call log's before it) cost 6% of the wall time. Results read
        // them first; a unit lost to a kill before its batch landed is asked again (its answer is in the judge cache).
        let pending: WorkResult[] = []
        let scheduled = false
        const flush = () => {
          scheduled = false
          if (pending.length === 0) return
          const batch = pending
          pending = []
          a.write(() => {
            for (const r of batch) repo.record(id, r)
          })
          emit(id)
        }
        const flushLater = () => {
          try {
            flush()
          } catch (error) {
            // A job lost to another process stops by its signal; anything else is logged (the units are asked again).
            if (!(error instanceof JobLostError)) log.error(`evaluation ${id}: storing finished units`, error)
          }
        }
        const ctx: JobContext = {
          evaluationId: id,
          config: record.config,
          datasets,
          dialoguesOf: (datasetId) => deps.dialogues.iterateDetails(datasetId, sampled(datasetId), completeOnly),
          transcriptsOf: (datasetId) => deps.dialogues.iterateTranscripts(datasetId, sampled(datasetId), completeOnly),
          signal: a.signal,
          done: repo.doneKeys(id),
          record: (result) => {
            pending.push(result)
            if (!scheduled) {
              scheduled = true
              setImmediate(flushLater)
            }
          },
          results: () => {
            flush()
            return repo.results(id)
          },
          progress: (done, total, rate) => {
            a.directProgress = { done, total, rate }
            emit(id)
          },
          score: (rows) => {
            for (const row of rows) scores.push(row)
          },
          write: (fn) => a.write(fn),
          changed: () => emit(id),
        }
        if (completeOnly) a.write(() => repo.setLeftOut(id, leftOut))
        try {
          let result: EvaluationResult
          if (runsOffThread(record.kind)) {
            const only = Object.fromEntries(record.datasetIds.map((d) => [d, listOf(sampled(d))]))
            const input = { kind: record.kind, evaluationId: id, config: record.config, datasets, only, completeOnly }
            result = await deps.worker.run('evaluationJob', input, { progress: ctx.progress, signal: a.signal })
          } else {
            result = await kind.run(ctx)
            await deps.worker.run('storeScores', { evaluationId: id, scores }, { signal: a.signal })
          }
          a.write(() => repo.finish(id, 'completed', result, null))
        } catch (error) {
          if (!a.signal.aborted) throw error
          if (a.stopping !== 'lost') flushLater()
          if (a.stopping === 'cancel') a.write(() => repo.finish(id, 'cancelled', null, null))
          else if (a.stopping === 'pause') a.write(() => repo.finish(id, 'paused', null, null))
          // shutdown: stays 'running' and resumes at next open; lost: another process drives it now
        }
      },
      failed: (error) => repo.finish(id, 'failed', null, error instanceof Error ? error.message : String(error)),
      ended: () => emit(id, true),
    })
    emit(id, true)
    return a.done
  }

  const runner = {
    start(
      input: StartEvaluationInput & { config?: unknown },
      call: CallContext = { remote: false },
    ): EvaluationSummary {
      const datasets = datasetsOf(input.datasetIds)
      const given = 'config' in input ? input.config : {}
      if (isJudged(input.kind)) sampleOf(given)
      const prepare = deps.kinds[input.kind].prepare
      const config = prepare ? prepare(given, call, datasets) : given
      const id = randomUUID()
      const name = input.name || `${input.kind}: ${datasets.map((d) => d.name).join(' vs ')}`
      repo.insert({
        id,
        dialogues: input.dialogues ?? 'complete',
        kind: input.kind,
        name,
        datasetIds: input.datasetIds,
        config,
      })
      void drive(id).catch((e) => log.error(`evaluation ${id}`, e))
      return summary(repo.get(id)!)
    },
    /**
     * What a judged analysis will cost, worked out in the workspace worker (estimateAnalysis.ts) with the judge's
     * endpoint as read here (its keys stay here: an estimate does not call it), and the same calls sent as one batch
     * at the batch price (the form shows both).
     */
    async estimate(input: EstimateInput) {
      judgedOnly(deps.kinds[input.kind].estimate)
      const endpoint = judgeOf(input.config)
      const found = await deps.worker.run('estimateAnalysis', { ...input, endpoint })
      const factor = JudgeConfigSchema.shape.batchPriceFactor.parse(
        (input.config as { batchPriceFactor?: number } | undefined)?.batchPriceFactor,
      )
      return { ...found, batchCost: found.cost === null ? null : found.cost * factor }
    },
    /** A judged analysis's requests as one JSONL batch file (for `vllm run-batch`), made in the workspace worker. */
    async exportBatch(input: StartEvaluationInput & { config?: unknown }) {
      judgedOnly(deps.kinds[input.kind].batchLines)
      const datasets = datasetsOf(input.datasetIds)
      const endpoint = judgeOf(input.config)
      return deps.worker.run('exportBatch', { ...input, endpoint, datasets })
    },
    resume(id: string): EvaluationSummary {
      const record = repo.get(id)
      if (!record) throw new WorkbenchError('not_found', { key: 'evaluations.notFound', params: { id } })
      if (record.status === 'completed')
        throw new WorkbenchError('conflict', { key: 'evaluations.complete', params: { name: record.name } })
      void drive(id).catch((e) => log.error(`evaluation ${id}`, e))
      return summary(repo.get(id)!)
    },
    async stop(id: string, how: StopMode): Promise<EvaluationSummary> {
      const record = repo.get(id)
      if (!record) throw new WorkbenchError('not_found', { key: 'evaluations.notFound', params: { id } })
      if (!(await jobs.stop(id, how)) && how === 'cancel' && record.status !== 'completed')
        repo.finish(id, 'cancelled', null, null)
      if (how === 'cancel')
        await deps.kinds[record.kind]
          .cancelled?.(id, record.config)
          .catch((e) => log.warn(`evaluation ${id}: cancelling its provider batches`, e))
      emit(id, true)
      return summary(repo.get(id)!)
    },
    resumeInterrupted: () =>
      jobs.resume(
        repo
          .list()
          .filter((r) => r.status === 'running')
          .map((r) => r.id),
        (id) => void drive(id).catch((e) => log.error(`evaluation ${id}`, e)),
      ),
    summary(id: string) {
      const record = repo.get(id)
      if (!record) throw new WorkbenchError('not_found', { key: 'evaluations.notFound', params: { id } })
      return summary(record)
    },
    list: () => repo.list().map(summary),
    waitFor: jobs.waitFor,
    shutdown: jobs.shutdown,
  }
  return runner
}
export type EvaluationRunner = ReturnType<typeof evaluationRunner>
