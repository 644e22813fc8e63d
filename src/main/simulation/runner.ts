import pLimit from 'p-limit'
import type { ParsedInput } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import { methodSettings, methodTemplates } from '@shared/counselors'
import type { RoleCard } from '@shared/roleCard'
import type { RunSummary } from '@shared/simulation'
import type { Db } from '../db/connection'
import type { DialogueRepo } from '../db/dialogueRepo'
import type { LlmCallRepo } from '../db/llmCallRepo'
import type { RoleCardRepo } from '../db/roleCardRepo'
import type { RunRecord, RunRepo } from '../db/runRepo'
import type { EventBus } from '../events'
import type { EndpointService } from '../llm/endpointService'
import type { LlmGateway } from '../llm/gateway'
import { log } from '../logger'
import type { TemplateStore } from '../prompts/templateStore'
import { createSimulatedClient } from './clients'
import { createCounselor } from './counselors'
import { pinnedText, sessionOpening } from './sessionSetup'
import { runDialogueLoop } from './dialogueLoop'
import { messageWriter } from './messageWriter'
import { ownedJobs, progressThrottle, type JobTiming, type OwnedJob, type StopMode } from '../ownedJobs'
import { sessionRepo } from '../db/sessionRepo'
import { clientWithSession, followUpSessions } from './sessions/followUp'
import { createRun, runEndpoints } from './runCreation'

export interface RunnerDeps {
  db: Db
  runs: RunRepo
  dialogues: DialogueRepo
  cards: RoleCardRepo
  templates: TemplateStore
  endpoints: EndpointService
  gateway: LlmGateway
  calls: LlmCallRepo
  events: EventBus
  /** This process's identity for run ownership. */
  owner: string
  jobTiming?: JobTiming
}

interface RunState {
  startedAt: number
  finishedHere: number
  /** Puts dialogues in line for this drive (those already in line or in flight are skipped). */
  take: (ids: string[]) => void
}
type ActiveRun = OwnedJob & RunState

/** Starts, drives, pauses, resumes and cancels simulation runs. Every message is stored the moment it exists. */
export function simulationRunner(deps: RunnerDeps) {
  const { runs, dialogues, events } = deps
  const jobs = ownedJobs<RunState>({
    noun: 'run',
    rows: runs,
    owner: deps.owner,
    timing: deps.jobTiming,
    beforeWrite: deps.calls.flush,
  })
  const messages = messageWriter(
    dialogues,
    () => deps.db.open,
    (message) => {
      const runId = runOf.get(message.dialogueId) ?? null
      events.emit('dialogue.message', { runId, dialogueId: message.dialogueId, message })
      if (runId) emitProgress(runId)
    },
  )
  const runOf = new Map<string, string>()
  const sessions = followUpSessions({
    sessions: sessionRepo(deps.db),
    gateway: deps.gateway,
    endpoints: deps.endpoints,
  })
  /**
   * Status changes go after the dialogue's messages (a dialogue is completed only with all of them), in the run's
   * fenced write when this process drives it.
   */
  const setStatus = (job: OwnedJob | null, ...args: Parameters<typeof dialogues.setStatus>) => {
    messages.flush(args[0], args[1] === 'completed')
    if (job) job.write(() => dialogues.setStatus(...args))
    else dialogues.setStatus(...args)
  }

  /** The run's endpoints that are down, while this process drives it. */
  function waiting(run: RunRecord): RunSummary['waiting'] {
    if (!jobs.has(run.id)) return []
    return runEndpoints(run.config).flatMap((id) => {
      const health = deps.gateway.health(id)
      return health?.state === 'down'
        ? [{ endpointId: id, endpointName: health.name, lastError: health.lastError ?? '', since: health.since ?? '' }]
        : []
    })
  }

  /** The run's endpoints with replicas or a lowered concurrency, while this process drives it. */
  function concurrency(run: RunRecord): RunSummary['concurrency'] {
    if (!jobs.has(run.id)) return []
    return runEndpoints(run.config).flatMap((id) => {
      const health = deps.gateway.health(id)
      const replicas = health?.replicas ?? []
      const notable =
        replicas.length > 1 || replicas.some((r) => r.effectiveConcurrency < r.maxConcurrency || r.state === 'out')
      return health && notable ? [{ endpointId: id, endpointName: health.name, replicas }] : []
    })
  }

  // An endpoint going down or up shows on the run page at once; its line of waiting calls changing, with the usual
  // throttle.
  const lastHealth = new Map<string, string>()
  deps.gateway.onHealthChange((view) => {
    const key = `${view.state}\n${view.lastError}`
    const changed = lastHealth.get(view.endpointId) !== key
    lastHealth.set(view.endpointId, key)
    for (const runId of new Set(runOf.values())) {
      const run = jobs.get(runId) && runs.get(runId)
      if (run && runEndpoints(run.config).includes(view.endpointId)) emitProgress(runId, changed)
    }
  })

  function summary(run: RunRecord): RunSummary {
    const counts = runs.counts(run.id)
    const usage = deps.calls.usageByRun(run.id)
    const a = jobs.get(run.id)
    const remaining = counts.pending + counts.running
    const elapsed = a ? (Date.now() - a.startedAt) / 1000 : 0
    const etaSeconds =
      a && a.finishedHere > 0 && remaining > 0 ? Math.round((remaining * elapsed) / a.finishedHere) : null
    const { owner: _o, heartbeatAt: _h, ...rest } = run
    return {
      ...rest,
      counts,
      usage,
      rate: { callsPerMinute: deps.calls.callsPerMinute(run.id, new Date().toISOString()), etaSeconds },
      waiting: waiting(run),
      concurrency: concurrency(run),
    }
  }

  /**
   * At most one event per run every 300 ms, and always one after the last change (a message, a status, a waiting
   * endpoint).
   */
  const progress = progressThrottle((runId) => {
    const run = deps.db.open ? runs.get(runId) : undefined
    if (run) events.emit('run.progress', summary(run))
  })
  const emitProgress = (runId: string, force = false) => progress.emit(runId, force)

  async function runOne(run: RunRecord, dialogueId: string, a: ActiveRun) {
    if (a.signal.aborted) return
    const detail = dialogues.detail(dialogueId)!
    const card = detail.roleCard as RoleCard
    const config = run.config
    const language = detail.language
    runOf.set(dialogueId, run.id)
    setStatus(a, dialogueId, 'running', null)
    events.emit('dialogue.status', { runId: run.id, dialogueId, status: 'running', endReason: null })
    emitProgress(run.id)
    try {
      const session = sessions.context(run, detail)
      const refinement = (speaker: 'client' | 'counselor') => ({
        rule: config.refinement[speaker],
        maxResamples: config.refinement.maxResamples,
        onExhausted: config.refinement.onExhausted,
      })
      const client = createSimulatedClient({
        gateway: deps.gateway,
        resolve: (id) => deps.endpoints.resolve(id),
        // A follow-up session's dynamic client starts where the one before left off (trust built up stays).
        config:
          config.client.kind === 'dynamic' && session?.clientState
            ? { ...config.client, initial: session.clientState }
            : config.client,
        template: (id) => pinnedText(run.templates.client, id, language, 'client'),
        card,
        language,
        session: config,
        refinement: refinement('client'),
        seed: config.seed,
        // A follow-up session draws afresh (its own key), the same on a resume.
        drawKey: `${card.id}#${detail.sample}${detail.sessionIndex ? `#s${detail.sessionIndex}` : ''}`,
        addToPrompt: (prompt) => clientWithSession(prompt, session),
      })
      const settings = methodSettings(config.counselor)
      const roles = methodTemplates(settings)
      let meta = detail.meta
      const counselor = createCounselor({
        gateway: deps.gateway,
        resolve: (id) => deps.endpoints.resolve(id),
        settings,
        sampling: config.counselor,
        template: (role) => pinnedText(run.templates.counselor, roles[role], language, `counselor ${role}`),
        systemPrompt: sessions.counselorPrompt(detail, session, a.write),
        card,
        language,
        maxTurns: config.maxTurns,
        refinement: refinement('counselor'),
        session,
        state: {
          get: () => meta,
          set(patch) {
            a.write(() => dialogues.mergeMeta(dialogueId, patch))
            meta = { ...meta, ...patch }
          },
        },
      })
      let index = detail.messages.length
      const said = [...detail.messages]
      const endReason = await runDialogueLoop(
        client,
        counselor,
        {
          language,
          maxTurns: config.maxTurns,
          minTurns: config.minTurns,
          opening: sessionOpening(config, card, language),
          closingPhrases: config.termination[language],
          endToken: config.endToken,
        },
        {
          runId: run.id,
          dialogueId,
          history: detail.messages,
          signal: a.signal,
          append: (m) => {
            const stored = messages.append(a, dialogueId, index++, m)
            said.push(stored)
            return stored
          },
        },
      )
      // A session with a next one is completed once its summary is stored; then the next one can start.
      const next = sessions.next(config, detail)
      if (next) await sessions.summarize(run, detail, said, { write: a.write, signal: a.signal })
      setStatus(a, dialogueId, 'completed', endReason)
      events.emit('dialogue.status', { runId: run.id, dialogueId, status: 'completed', endReason })
      a.finishedHere++
      if (next) a.take(sessions.ready([next]))
    } catch (error) {
      // Another process took the run over: its dialogues are that process's to write.
      if (a.stopping === 'lost') return
      if (a.signal.aborted) {
        // Paused dialogues go back to pending and continue from their stored messages.
        const status = a.stopping === 'cancel' ? 'cancelled' : 'pending'
        setStatus(a, dialogueId, status, status === 'cancelled' ? { kind: 'cancelled' } : null)
        events.emit('dialogue.status', { runId: run.id, dialogueId, status, endReason: null })
      } else {
        const message = error instanceof Error ? error.message : String(error)
        log.warn(`run ${run.id}: dialogue ${dialogueId} failed`, error)
        setStatus(a, dialogueId, 'failed', { kind: 'error', message })
        events.emit('dialogue.status', {
          runId: run.id,
          dialogueId,
          status: 'failed',
          endReason: { kind: 'error', message },
        })
        a.finishedHere++
      }
    } finally {
      runOf.delete(dialogueId)
      emitProgress(run.id)
    }
  }

  /** Failed dialogues back to pending (they continue from their stored messages); returns their ids. */
  function requeueFailed(job: OwnedJob, runId: string): string[] {
    const ids = runs.failedDialogues(runId)
    for (const id of ids) {
      setStatus(job, id, 'pending', null)
      events.emit('dialogue.status', { runId, dialogueId: id, status: 'pending', endReason: null })
    }
    return ids
  }

  /**
   * Drives a run until its dialogues are done, it is paused or cancelled; `retryFailed` puts its failed dialogues back
   * in line first.
   */
  function drive(runId: string, retryFailed = false): Promise<void> {
    const existing = jobs.get(runId)
    if (existing) return existing.done
    const run = runs.get(runId)
    if (!run) throw new WorkbenchError('not_found', { key: 'runs.notFound', params: { id: runId } })
    const limit = pLimit(run.config.concurrency)
    const inLine = new Map<string, Promise<void>>()
    const a = jobs.start(run, {
      busy: { key: 'runs.busy', params: { name: run.name } },
      state: {
        startedAt: Date.now(),
        finishedHere: 0,
        take(ids) {
          for (const id of ids) {
            if (inLine.has(id)) continue
            inLine.set(
              id,
              limit(() => runOne(run, id, a)).finally(() => inLine.delete(id)),
            )
          }
        },
      },
      async work(a) {
        if (retryFailed) requeueFailed(a, runId)
        a.write(() => runs.setStatus(runId, 'running'))
        // Follow-up sessions wait for the one before them (it puts them in line when it completes).
        a.take(sessions.ready(runs.unfinishedDialogues(runId)))
        // Dialogues retried while the run goes join the line.
        while (inLine.size > 0) await Promise.all(inLine.values())
        a.write(() => {
          if (a.stopping === 'cancel') {
            for (const id of runs.unfinishedDialogues(runId)) setStatus(a, id, 'cancelled', { kind: 'cancelled' })
            runs.setStatus(runId, 'cancelled')
          } else if (a.stopping === 'pause') runs.setStatus(runId, 'paused')
          else if (a.stopping === null) {
            const counts = runs.counts(runId)
            runs.setStatus(runId, counts.completed === 0 && counts.failed > 0 ? 'failed' : 'completed')
          }
        })
      },
      failed: () => runs.setStatus(runId, 'failed'),
      ended: () => emitProgress(runId, true),
    })
    emitProgress(runId, true)
    return a.done
  }

  const runner = {
    start(input: ParsedInput<'startRun'>): RunSummary {
      const runId = createRun(deps, input)
      events.emit('datasets.changed', {})
      void drive(runId).catch((e) => log.error(`run ${runId}`, e))
      return summary(runs.get(runId)!)
    },
    isActive: jobs.has,
    resume(runId: string): RunSummary {
      const run = runs.get(runId)
      if (!run) throw new WorkbenchError('not_found', { key: 'runs.notFound', params: { id: runId } })
      if (run.status === 'completed' || run.status === 'cancelled') {
        throw new WorkbenchError('conflict', {
          key: 'runs.nothingToResume',
          params: { name: run.name, status: run.status },
        })
      }
      void drive(runId).catch((e) => log.error(`run ${runId}`, e))
      return summary(runs.get(runId)!)
    },
    /**
     * Failed dialogues go back in line and continue from their last stored message: in the
     * drive under way, or in a new one (a paused or finished run runs again).
     */
    retryFailed(runId: string): RunSummary {
      const run = runs.get(runId)
      if (!run) throw new WorkbenchError('not_found', { key: 'runs.notFound', params: { id: runId } })
      if (run.status === 'cancelled')
        throw new WorkbenchError('conflict', { key: 'runs.cancelledNoRetry', params: { name: run.name } })
      if (runs.counts(runId).failed === 0)
        throw new WorkbenchError('conflict', { key: 'runs.noFailed', params: { name: run.name } })
      const active = jobs.get(runId)
      if (active) active.take(sessions.ready(requeueFailed(active, runId)))
      else void drive(runId, true).catch((e) => log.error(`run ${runId}`, e))
      emitProgress(runId, true)
      return summary(runs.get(runId)!)
    },
    /** Resume and wait until the run stops (for the CLI). */
    async resumeAndWait(runId: string): Promise<RunSummary> {
      await drive(runId)
      return summary(runs.get(runId)!)
    },
    async stop(runId: string, how: StopMode): Promise<RunSummary> {
      const run = runs.get(runId)
      if (!run) throw new WorkbenchError('not_found', { key: 'runs.notFound', params: { id: runId } })
      if (!(await jobs.stop(runId, how))) {
        if (how === 'cancel' && run.status !== 'completed') {
          for (const id of runs.unfinishedDialogues(runId)) setStatus(null, id, 'cancelled', { kind: 'cancelled' })
          runs.setStatus(runId, 'cancelled')
        } else if (how === 'pause' && run.status === 'running') runs.setStatus(runId, 'paused')
      }
      emitProgress(runId, true)
      return summary(runs.get(runId)!)
    },
    /** Runs left 'running' by a process that crashed or was killed. */
    resumeInterrupted: (): string[] =>
      jobs.resume(
        runs
          .list()
          .filter((r) => r.status === 'running')
          .map((r) => r.id),
        (id) => void drive(id).catch((e) => log.error(`run ${id}`, e)),
      ),
    summary: (runId: string) => {
      const run = runs.get(runId)
      if (!run) throw new WorkbenchError('not_found', { key: 'runs.notFound', params: { id: runId } })
      return summary(run)
    },
    list: () => runs.list().map(summary),
    waitFor: jobs.waitFor,
    /** Before the process exits: in-flight dialogues go back to pending and their runs resume at next open. */
    async shutdown() {
      await jobs.shutdown()
      progress.clear()
    },
  }
  return runner
}
export type SimulationRunner = ReturnType<typeof simulationRunner>
