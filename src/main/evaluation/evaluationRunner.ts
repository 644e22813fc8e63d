import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import type { Dataset, DialogueDetail } from '@shared/dialogue'
import { WorkbenchError } from '@shared/errors'
import type { EvaluationKind, EvaluationResult, EvaluationSummary, StartEvaluationInput } from '@shared/evaluation'
import type { DialogueRepo } from '../db/dialogueRepo'
import type { EvaluationRecord, EvaluationRepo, WorkItem, WorkResult } from '../db/evaluationRepo'
import type { EventBus } from '../events'
import { ownerIsGone } from '../processOwner'

/** What a kind of evaluation sees while it runs. */
export interface JobContext {
  evaluationId: string
  config: unknown
  datasets: Dataset[]
  /** Dialogues of a dataset with their messages, in order. */
  dialoguesOf(datasetId: string): Iterable<DialogueDetail>
  signal: AbortSignal
  /** Units already finished by an earlier, interrupted attempt of this job. */
  done: Set<string>
  record(result: WorkResult): void
  results(): WorkResult[]
  /** For jobs without stored units (embeddings, statistics): report progress directly. */
  progress(done: number, total: number): void
}

export interface JobKind {
  /** How many units the whole job has (for progress before any is done). */
  total(ctx: Pick<JobContext, 'config' | 'datasets'>): number
  run(ctx: JobContext): Promise<EvaluationResult>
}

export interface EvaluationRunnerDeps {
  repo: EvaluationRepo
  dialogues: DialogueRepo
  events: EventBus
  kinds: Record<EvaluationKind, JobKind>
  owner: string
  log?: (line: string) => void
}

interface Active {
  controller: AbortController
  stopping: 'pause' | 'cancel' | 'shutdown' | null
  total: number
  directProgress: { done: number; total: number } | null
  done: Promise<void>
}

export type { WorkItem }

/** Starts, resumes, pauses and cancels evaluation jobs; each unit of work is stored as it finishes. */
export function evaluationRunner(deps: EvaluationRunnerDeps) {
  const { repo, events } = deps
  const active = new Map<string, Active>()
  const lastEmit = new Map<string, number>()
  const trailing = new Map<string, NodeJS.Timeout>()

  const datasetsOf = (ids: string[]) => {
    const all = deps.dialogues.listDatasets()
    return ids.map((id) => {
      const found = all.find((d) => d.id === id)
      if (!found) throw new WorkbenchError('invalid_input', `datasetIds: no dataset with id ${id}`)
      return found
    })
  }

  function summary(record: EvaluationRecord): EvaluationSummary {
    const a = active.get(record.id)
    const stored = repo.progress(record.id)
    const total = a?.total ?? safeTotal(record)
    const direct = a?.directProgress
    const { owner: _o, ...rest } = record
    return {
      ...rest,
      progress: direct
        ? { done: direct.done, total: direct.total, failures: stored.failures }
        : { done: record.status === 'completed' ? total : Math.min(stored.done, total), total, failures: stored.failures },
    }
  }
  function safeTotal(record: EvaluationRecord) {
    try {
      return deps.kinds[record.kind].total({ config: record.config, datasets: datasetsOf(record.datasetIds) })
    } catch {
      return 0
    }
  }
  /** At most one event per evaluation every 300 ms, and always one after the last change. */
  function emit(id: string, force = false) {
    const wait = 300 - (Date.now() - (lastEmit.get(id) ?? 0))
    if (!force && wait > 0) {
      if (!trailing.has(id)) trailing.set(id, setTimeout(() => emit(id, true), wait).unref())
      return
    }
    clearTimeout(trailing.get(id))
    trailing.delete(id)
    lastEmit.set(id, Date.now())
    const record = repo.get(id)
    if (record) events.emit('evaluation.progress', summary(record))
  }

  function drive(id: string): Promise<void> {
    const existing = active.get(id)
    if (existing) return existing.done
    const record = repo.get(id)
    if (!record) throw new WorkbenchError('not_found', `No evaluation with id ${id}.`)
    if (!repo.claim(id, deps.owner, ownerIsGone(record.owner) ? 0 : 20000)) throw new WorkbenchError('conflict', `Evaluation "${record.name}" is running in another workbench process.`)
    const datasets = datasetsOf(record.datasetIds)
    const kind = deps.kinds[record.kind]
    const a: Active = { controller: new AbortController(), stopping: null, total: kind.total({ config: record.config, datasets }), directProgress: null, done: Promise.resolve() }
    setMaxListeners(0, a.controller.signal)
    active.set(id, a)
    const heartbeat = setInterval(() => repo.heartbeat(id, deps.owner), 5000)
    heartbeat.unref?.()
    const ctx: JobContext = {
      evaluationId: id,
      config: record.config,
      datasets,
      dialoguesOf: (datasetId) => deps.dialogues.iterateDetails(datasetId),
      signal: a.controller.signal,
      done: repo.doneKeys(id),
      record: (result) => {
        repo.record(id, result)
        emit(id)
      },
      results: () => repo.results(id),
      progress: (done, total) => {
        a.directProgress = { done, total }
        emit(id)
      },
    }
    a.done = (async () => {
      try {
        const result = await kind.run(ctx)
        repo.finish(id, 'completed', result, null)
      } catch (error) {
        if (a.controller.signal.aborted) {
          if (a.stopping === 'cancel') repo.finish(id, 'cancelled', null, null)
          else if (a.stopping === 'pause') repo.finish(id, 'paused', null, null)
          // shutdown: stays 'running' and resumes at next open
        } else {
          deps.log?.(`evaluation ${id}: ${(error as Error).stack ?? error}`)
          repo.finish(id, 'failed', null, error instanceof Error ? error.message : String(error))
        }
      } finally {
        clearInterval(heartbeat)
        active.delete(id)
        emit(id, true)
      }
    })()
    emit(id, true)
    return a.done
  }

  const runner = {
    start(input: StartEvaluationInput & { config?: unknown }): EvaluationSummary {
      const datasets = datasetsOf(input.datasetIds)
      const id = randomUUID()
      const name = input.name || `${input.kind}: ${datasets.map((d) => d.name).join(' vs ')}`
      repo.insert({ id, kind: input.kind, name, datasetIds: input.datasetIds, config: 'config' in input ? input.config : {} })
      void drive(id).catch((e) => deps.log?.(String(e)))
      return summary(repo.get(id)!)
    },
    resume(id: string): EvaluationSummary {
      const record = repo.get(id)
      if (!record) throw new WorkbenchError('not_found', `No evaluation with id ${id}.`)
      if (record.status === 'completed') throw new WorkbenchError('conflict', `Evaluation "${record.name}" is complete.`)
      void drive(id).catch((e) => deps.log?.(String(e)))
      return summary(repo.get(id)!)
    },
    async stop(id: string, how: 'pause' | 'cancel' | 'shutdown'): Promise<EvaluationSummary> {
      const record = repo.get(id)
      if (!record) throw new WorkbenchError('not_found', `No evaluation with id ${id}.`)
      const a = active.get(id)
      if (a) {
        a.stopping = how
        a.controller.abort()
        await a.done
      } else if (how === 'cancel' && record.status !== 'completed') repo.finish(id, 'cancelled', null, null)
      emit(id, true)
      return summary(repo.get(id)!)
    },
    resumeInterrupted() {
      for (const r of repo.list()) {
        if (r.status !== 'running' || active.has(r.id)) continue
        try {
          void drive(r.id).catch((e) => deps.log?.(String(e)))
        } catch (error) {
          deps.log?.(`not resuming evaluation ${r.id}: ${(error as Error).message}`)
        }
      }
    },
    summary(id: string) {
      const record = repo.get(id)
      if (!record) throw new WorkbenchError('not_found', `No evaluation with id ${id}.`)
      return summary(record)
    },
    list: () => repo.list().map(summary),
    waitFor: (id: string) => active.get(id)?.done ?? Promise.resolve(),
    async shutdown() {
      await Promise.all([...active.keys()].map((id) => runner.stop(id, 'shutdown')))
    },
  }
  return runner
}
export type EvaluationRunner = ReturnType<typeof evaluationRunner>
