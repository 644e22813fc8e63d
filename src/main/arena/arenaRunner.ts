import { randomUUID } from 'node:crypto'
import pLimit, { type LimitFunction } from 'p-limit'
import { LETTER_REFEREE_MAX_TOKENS, type ArenaSummary, type StartArenaSchema } from '@shared/arena'
import { WorkbenchError } from '@shared/errors'
import type { z } from 'zod'
import type { Db } from '../db/connection'
import type { ArenaPinned, ArenaRecord, ArenaRepo } from '../db/arenaRepo'
import type { RoleCardRepo } from '../db/roleCardRepo'
import type { EventBus } from '../events'
import type { EndpointService } from '../llm/endpointService'
import type { LlmGateway } from '../llm/gateway'
import { log } from '../logger'
import { ownedJobs, progressThrottle, type JobTiming, type OwnedJob, type StopMode } from '../ownedJobs'
import type { TemplateStore } from '../prompts/templateStore'
import { selectRoleCards } from '../roleCards/selectRoleCards'
import { advanceArenaDialogue } from './arenaDialogue'
import { clientPrefetch } from './clientPrefetch'
import { planArena } from './matchmaking'
import { refereePromptVersion } from './refereePrompt'
import { refereeTemplateId } from '@shared/templateIds'
import { effectiveAgent } from '../llm/effectiveAgent'
import { counselorEndpointIds, counselorTemplateIds } from '../simulation/sessionSetup'

export interface ArenaRunnerDeps {
  db: Db
  repo: ArenaRepo
  cards: RoleCardRepo
  templates: TemplateStore
  endpoints: EndpointService
  gateway: LlmGateway
  events: EventBus
  owner: string
  /** The batched LLM call log: calls are stored before the candidates and verdicts they produced. */
  calls: { flush(): void }
  jobTiming?: JobTiming
}

interface ArenaState {
  /** Its configuration and pinned prompts never change once it has started. */
  arena: ArenaRecord
  limit: LimitFunction
  /** Dialogues queued or in flight. */
  queued: Map<string, Promise<void>>
}
type ArenaJob = OwnedJob & ArenaState

/** Starts, drives, pauses, resumes and cancels arenas; every candidate, order and verdict is stored per turn. */
export function arenaRunner(deps: ArenaRunnerDeps) {
  const { repo, events } = deps
  const prefetch = clientPrefetch()
  /** Told at once when a dialogue waits for a vote (annotators waiting for their next turn; progress is throttled). */
  const awaitingVote = new Set<(arenaId: string, dialogueId: string) => void>()
  const jobs = ownedJobs<ArenaState>({
    noun: 'arena',
    rows: repo,
    owner: deps.owner,
    timing: deps.jobTiming,
    beforeWrite: deps.calls.flush,
  })

  function summary(arena: ArenaRecord): ArenaSummary {
    const stats = repo.turnStats(arena.id)
    return {
      id: arena.id,
      name: arena.name,
      status: arena.status,
      referee: arena.config.referee.kind,
      contestants: arena.config.contestants.map((c) => c.name),
      k: arena.config.k,
      dialogues: repo.counts(arena.id),
      turns: stats.turns,
      refereeFailures: stats.failures,
      swapChecks: { made: stats.swapsMade, inconsistent: stats.swapsInconsistent },
      createdAt: arena.createdAt,
      finishedAt: arena.finishedAt,
      error: arena.error,
      config: arena.config,
      effective: arena.pinned.effective ?? null,
      cards: arena.pinned.cards ?? null,
    }
  }
  const get = (id: string) => {
    const arena = repo.get(id)
    if (!arena) throw new WorkbenchError('not_found', { key: 'arena.notFound', params: { id } })
    return arena
  }
  const progress = progressThrottle((id) => {
    const arena = deps.db.open ? repo.get(id) : undefined
    if (arena) events.emit('arena.progress', summary(arena))
  })

  async function runOne(job: ArenaJob, dialogueId: string) {
    if (job.signal.aborted) return
    const arenaId = job.arena.id
    try {
      job.write(() => repo.setDialogueStatus(dialogueId, 'running'))
      progress.emit(arenaId)
      const outcome = await advanceArenaDialogue(
        { ...deps, write: job.write, prefetch },
        job.arena,
        dialogueId,
        job.signal,
      )
      if (outcome.kind === 'ended')
        job.write(() => repo.setDialogueStatus(dialogueId, 'completed', { endReason: outcome.endReason }))
      else {
        job.write(() => repo.setDialogueStatus(dialogueId, 'awaiting_vote'))
        for (const listener of awaitingVote) listener(arenaId, dialogueId)
      }
    } catch (error) {
      // Another process took the arena over: its dialogues are that process's to write.
      if (job.stopping === 'lost') return
      if (job.signal.aborted)
        job.write(() => repo.setDialogueStatus(dialogueId, job.stopping === 'cancel' ? 'cancelled' : 'pending'))
      else {
        const message = error instanceof Error ? error.message : String(error)
        log.warn(`arena ${arenaId}: dialogue ${dialogueId} failed`, error)
        job.write(() =>
          repo.setDialogueStatus(dialogueId, 'failed', { endReason: { kind: 'error', message }, error: message }),
        )
      }
    } finally {
      progress.emit(arenaId)
    }
  }

  function schedule(job: ArenaJob, dialogueId: string) {
    if (job.queued.has(dialogueId) || job.signal.aborted) return
    job.queued.set(
      dialogueId,
      job.limit(() => runOne(job, dialogueId)).finally(() => job.queued.delete(dialogueId)),
    )
  }

  /** The arena's status once nothing runs (in the job's fenced write when this process drives it). */
  function settle(id: string, stopping: OwnedJob['stopping']) {
    if (stopping === 'cancel') {
      repo.cancelUnfinished(id)
      repo.setStatus(id, 'cancelled')
    } else if (stopping === 'pause') repo.setStatus(id, 'paused')
    else if (stopping === null) {
      const counts = repo.counts(id)
      // A human-refereed arena stays running while dialogues wait for votes.
      if (counts.awaitingVote + counts.pending + counts.running > 0) return
      repo.setStatus(id, counts.completed === 0 && counts.failed > 0 ? 'failed' : 'completed')
    }
  }

  /** Drives an arena until no dialogue can move on without a vote, or it is paused or cancelled. */
  function drive(id: string): ArenaJob {
    const existing = jobs.get(id)
    if (existing) return existing
    const arena = get(id)
    const job = jobs.start(arena, {
      busy: { key: 'arena.busy', params: { name: arena.name } },
      state: { arena, limit: pLimit(arena.config.concurrency), queued: new Map() },
      async work(job) {
        if (arena.status !== 'running') job.write(() => repo.setStatus(id, 'running'))
        for (const dialogueId of repo.drivable(id)) schedule(job, dialogueId)
        // Votes may schedule more dialogues while earlier ones run.
        while (job.queued.size) await Promise.allSettled([...job.queued.values()])
        job.write(() => settle(id, job.stopping))
      },
      failed: (error) => repo.setStatus(id, 'failed', (error as Error).message),
      ended: () => progress.emit(id, true),
    })
    progress.emit(id, true)
    return job
  }
  const driveInBackground = (id: string) => {
    drive(id).done.catch((e) => log.error(`arena ${id}`, e))
  }

  function pin(config: ArenaRecord['config'], languages: ArenaPinned['client'][number]['language'][]): ArenaPinned {
    const latest = (templateId: string) =>
      languages.map((language) => {
        const t = deps.templates.latest(templateId, language)
        return { language, templateId, version: t.version, text: t.text }
      })
    return {
      client: latest(config.client.templateId),
      contestants: config.contestants.flatMap((c): ArenaPinned['contestants'] =>
        c.method && c.method.kind !== 'three-stage'
          ? counselorTemplateIds(c.method).flatMap((id) => latest(id).map((t) => ({ name: c.name, ...t })))
          : c.prompt.kind === 'template'
            ? latest(c.prompt.templateId).map((t) => ({
                name: c.name,
                language: t.language,
                text: t.text,
                templateId: t.templateId,
                version: t.version,
              }))
            : languages.map((language) => ({
                name: c.name,
                language,
                text: (c.prompt as { text: string }).text,
                templateId: null,
                version: null,
              })),
      ),
      referee: config.referee.kind === 'llm' ? latest(refereeTemplateId(config.referee.variant)) : null,
      refereePromptVersion: refereePromptVersion(config.referee.kind === 'llm' ? config.referee.answerMode : undefined),
      effective: {
        client: effectiveAgent(deps.endpoints.resolve(config.client.endpointId), config.client),
        contestants: config.contestants.map((c) => ({
          name: c.name,
          agent: effectiveAgent(deps.endpoints.resolve(c.endpointId), c),
        })),
        referee:
          config.referee.kind === 'llm'
            ? effectiveAgent(deps.endpoints.resolve(config.referee.endpointId), {
                temperature: config.referee.temperature,
                maxTokens:
                  config.referee.maxTokens ??
                  (config.referee.answerMode === 'letter' ? LETTER_REFEREE_MAX_TOKENS : null),
              })
            : null,
      },
    }
  }

  const runner = {
    summary: (id: string) => summary(get(id)),
    list: () => repo.list().map(summary),
    start(input: z.output<typeof StartArenaSchema>): ArenaSummary {
      const { config } = input
      const { cards, record: cardSelection } = selectRoleCards(deps.cards, input.cards)
      const contestantEndpoints = config.contestants.flatMap((c) =>
        c.method ? counselorEndpointIds(c, c.method) : [c.endpointId],
      )
      for (const endpointId of [config.client.endpointId, ...contestantEndpoints]) deps.endpoints.resolve(endpointId)
      if (config.referee.kind === 'llm') deps.endpoints.resolve(config.referee.endpointId)
      const pinned = { ...pin(config, [...new Set(cards.map((c) => c.language))]), cards: cardSelection }
      const plan = planArena(
        config.contestants.map((c) => c.name),
        config.k,
        config.dialoguesPerCombination,
        cards,
        config.seed,
        config.focal ?? null,
      )
      const id = randomUUID()
      deps.db
        .transaction(() => {
          repo.insertArena({ id, name: input.name, config, pinned })
          for (const d of plan) {
            repo.insertDialogue({
              id: randomUUID(),
              arenaId: id,
              position: d.position,
              roleCardId: d.card.id,
              roleCard: d.card,
              language: d.card.language,
              contestants: d.contestants,
            })
          }
        })
        .immediate()
      driveInBackground(id)
      return summary(get(id))
    },
    resume(id: string): ArenaSummary {
      const arena = get(id)
      if (arena.status === 'completed' || arena.status === 'cancelled')
        throw new WorkbenchError('conflict', {
          key: 'arena.nothingToResume',
          params: { name: arena.name, status: arena.status },
        })
      driveInBackground(id)
      return summary(get(id))
    },
    waitFor: jobs.waitFor,
    /** Calls `listener` whenever one of this process's dialogues starts waiting for a vote; returns the unsubscribe. */
    onAwaitingVote(listener: (arenaId: string, dialogueId: string) => void): () => void {
      awaitingVote.add(listener)
      return () => awaitingVote.delete(listener)
    },
    /** Client lines prepared for annotators and not taken yet. */
    preparedLines: () => prefetch.size,
    /** A vote freed a dialogue: continue it (in this process). */
    continueDialogue(id: string, dialogueId: string) {
      const arena = get(id)
      if (arena.status !== 'running') return
      const job = jobs.get(id)
      if (!job) driveInBackground(id)
      else if (!job.stopping) schedule(job, dialogueId)
    },
    async stop(id: string, how: StopMode): Promise<ArenaSummary> {
      const arena = get(id)
      if (!(await jobs.stop(id, how))) {
        if (how === 'cancel' && arena.status !== 'completed' && arena.status !== 'cancelled') settle(id, 'cancel')
        else if (how === 'pause' && arena.status === 'running') settle(id, 'pause')
      }
      progress.emit(id, true)
      return summary(get(id))
    },
    delete(id: string): boolean {
      if (jobs.has(id)) throw new WorkbenchError('conflict', { key: 'arena.deleteRunning' })
      return repo.delete(id)
    },
    /** Arenas a crashed or killed process left running. */
    resumeInterrupted: (): string[] =>
      jobs.resume(
        repo
          .list()
          .filter((a) => a.status === 'running')
          .map((a) => a.id),
        driveInBackground,
      ),
    async shutdown() {
      await jobs.shutdown()
      prefetch.clear()
      progress.clear()
    },
  }
  return runner
}
export type ArenaRunner = ReturnType<typeof arenaRunner>
