import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import pLimit from 'p-limit'
import type { ArenaSummary, StartArenaSchema } from '@shared/arena'
import { WorkbenchError } from '@shared/errors'
import type { z } from 'zod'
import type { Db } from '../db/connection'
import type { ArenaPinned, ArenaRecord, ArenaRepo } from '../db/arenaRepo'
import type { RoleCardRepo } from '../db/roleCardRepo'
import type { EventBus } from '../events'
import type { EndpointService } from '../llm/endpointService'
import type { LlmGateway } from '../llm/gateway'
import { ownerIsGone } from '../processOwner'
import type { TemplateStore } from '../prompts/templateStore'
import { selectRoleCards } from '../rolecards/selectRoleCards'
import { advanceArenaDialogue } from './arenaDialogue'
import { planArena } from './matchmaking'
import { REFEREE_PROMPT_VERSION } from './refereePrompt'

export interface ArenaRunnerDeps {
  db: Db
  repo: ArenaRepo
  cards: RoleCardRepo
  templates: TemplateStore
  endpoints: EndpointService
  gateway: LlmGateway
  events: EventBus
  owner: string
  log?: (line: string) => void
}

const HEARTBEAT_MS = 5000
const STALE_MS = 20000
type StopMode = 'pause' | 'cancel' | 'shutdown'

interface ActiveArena {
  controller: AbortController
  stopping: StopMode | null
  schedule(dialogueId: string): void
  done: Promise<void>
}

/** Starts, drives, pauses, resumes and cancels arenas; every candidate, order and verdict is stored per turn. */
export function arenaRunner(deps: ArenaRunnerDeps) {
  const { repo, events } = deps
  const active = new Map<string, ActiveArena>()
  let lastProgress = 0

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
    }
  }
  const get = (id: string) => {
    const arena = repo.get(id)
    if (!arena) throw new WorkbenchError('not_found', `No arena with id ${id}.`)
    return arena
  }
  const trailing = new Map<string, NodeJS.Timeout>()
  /** At most one event per 300 ms, and always one after the last change of a burst. */
  function emitProgress(id: string, force = false) {
    const now = Date.now()
    if (!force && now - lastProgress < 300) {
      if (!trailing.has(id)) trailing.set(id, setTimeout(() => deps.db.open && emitProgress(id, true), 300).unref())
      return
    }
    clearTimeout(trailing.get(id))
    trailing.delete(id)
    lastProgress = now
    const arena = repo.get(id)
    if (arena) events.emit('arena.progress', summary(arena))
  }

  async function runOne(arena: ArenaRecord, dialogueId: string, a: ActiveArena) {
    if (a.controller.signal.aborted) return
    repo.setDialogueStatus(dialogueId, 'running')
    emitProgress(arena.id)
    try {
      const outcome = await advanceArenaDialogue(deps, arena, dialogueId, a.controller.signal)
      if (outcome.kind === 'ended') repo.setDialogueStatus(dialogueId, 'completed', { endReason: outcome.endReason })
      else repo.setDialogueStatus(dialogueId, 'awaiting_vote')
    } catch (error) {
      if (a.controller.signal.aborted) repo.setDialogueStatus(dialogueId, a.stopping === 'cancel' ? 'cancelled' : 'pending')
      else {
        const message = error instanceof Error ? error.message : String(error)
        repo.setDialogueStatus(dialogueId, 'failed', { endReason: { kind: 'error', message }, error: message })
      }
    } finally {
      emitProgress(arena.id)
    }
  }

  function settle(id: string, a: ActiveArena) {
    if (a.stopping === 'cancel') {
      repo.cancelUnfinished(id)
      repo.setStatus(id, 'cancelled')
    } else if (a.stopping === 'pause') repo.setStatus(id, 'paused')
    else if (a.stopping === null) {
      const counts = repo.counts(id)
      // A human-refereed arena stays running while dialogues wait for votes.
      if (counts.awaitingVote + counts.pending + counts.running > 0) return
      repo.setStatus(id, counts.completed === 0 && counts.failed > 0 ? 'failed' : 'completed')
    }
  }

  /** Drives an arena until no dialogue can move on without a vote, or it is paused or cancelled. */
  function drive(id: string): ActiveArena {
    const existing = active.get(id)
    if (existing) return existing
    const arena = get(id)
    if (!repo.claim(id, deps.owner, ownerIsGone(arena.owner) ? 0 : STALE_MS)) {
      throw new WorkbenchError('conflict', `Arena "${arena.name}" is being driven by another workbench process; it will be resumed here if that process stops.`)
    }
    if (arena.status !== 'running') repo.setStatus(id, 'running')
    const limit = pLimit(arena.config.concurrency)
    const inflight = new Set<Promise<void>>()
    const queued = new Set<string>()
    const a: ActiveArena = {
      controller: new AbortController(),
      stopping: null,
      schedule(dialogueId) {
        if (queued.has(dialogueId) || a.controller.signal.aborted) return
        queued.add(dialogueId)
        const p: Promise<void> = limit(() => runOne(repo.get(id) ?? arena, dialogueId, a)).finally(() => {
          inflight.delete(p)
          queued.delete(dialogueId)
        })
        inflight.add(p)
      },
      done: Promise.resolve(),
    }
    setMaxListeners(0, a.controller.signal)
    active.set(id, a)
    const heartbeat = setInterval(() => repo.heartbeat(id, deps.owner), HEARTBEAT_MS)
    heartbeat.unref?.()
    for (const dialogueId of repo.drivable(id)) a.schedule(dialogueId)
    a.done = (async () => {
      try {
        // Votes may schedule more dialogues while earlier ones run.
        while (inflight.size) await Promise.allSettled([...inflight])
        settle(id, a)
      } catch (error) {
        deps.log?.(`arena ${id}: ${(error as Error).stack ?? error}`)
        repo.setStatus(id, 'failed', (error as Error).message)
      } finally {
        clearInterval(heartbeat)
        repo.release(id, deps.owner)
        active.delete(id)
        emitProgress(id, true)
      }
    })()
    emitProgress(id, true)
    return a
  }
  const driveInBackground = (id: string) => {
    const a = drive(id)
    a.done.catch((e) => deps.log?.(String(e)))
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
        c.prompt.kind === 'template'
          ? latest(c.prompt.templateId).map((t) => ({ name: c.name, language: t.language, text: t.text, templateId: t.templateId, version: t.version }))
          : languages.map((language) => ({ name: c.name, language, text: (c.prompt as { text: string }).text, templateId: null, version: null })),
      ),
      referee: config.referee.kind === 'llm' ? latest(`referee.${config.referee.variant}`) : null,
      refereePromptVersion: REFEREE_PROMPT_VERSION,
    }
  }

  const runner = {
    summary: (id: string) => summary(get(id)),
    list: () => repo.list().map(summary),
    start(input: z.output<typeof StartArenaSchema>): ArenaSummary {
      const { config } = input
      const cards = selectRoleCards(deps.cards, input.cards)
      for (const endpointId of [config.client.endpointId, ...config.contestants.map((c) => c.endpointId)]) deps.endpoints.resolve(endpointId)
      if (config.referee.kind === 'llm') deps.endpoints.resolve(config.referee.endpointId)
      const pinned = pin(config, [...new Set(cards.map((c) => c.language))])
      const plan = planArena(
        config.contestants.map((c) => c.name),
        config.k,
        config.dialoguesPerCombination,
        cards,
        config.seed,
      )
      const id = randomUUID()
      deps.db.transaction(() => {
        repo.insertArena({ id, name: input.name, config, pinned })
        for (const d of plan) {
          repo.insertDialogue({ id: randomUUID(), arenaId: id, position: d.position, roleCardId: d.card.id, roleCard: d.card, language: d.card.language, contestants: d.contestants })
        }
      })()
      driveInBackground(id)
      return summary(get(id))
    },
    resume(id: string): ArenaSummary {
      const arena = get(id)
      if (arena.status === 'completed' || arena.status === 'cancelled') throw new WorkbenchError('conflict', `Arena "${arena.name}" is ${arena.status}; there is nothing to resume.`)
      driveInBackground(id)
      return summary(get(id))
    },
    /** Resume and wait until nothing can move without a vote (for the CLI and tests). */
    async resumeAndWait(id: string): Promise<ArenaSummary> {
      await drive(id).done
      return summary(get(id))
    },
    waitFor: (id: string) => active.get(id)?.done ?? Promise.resolve(),
    /** A vote freed a dialogue: continue it (in this process). */
    continueDialogue(id: string, dialogueId: string) {
      const arena = get(id)
      if (arena.status !== 'running') return
      const a = active.get(id)
      if (a && !a.stopping) a.schedule(dialogueId)
      else if (!a) driveInBackground(id)
    },
    async stop(id: string, how: StopMode): Promise<ArenaSummary> {
      const arena = get(id)
      const a = active.get(id)
      if (a) {
        a.stopping = how
        a.controller.abort()
        await a.done
      } else if (how === 'cancel' && arena.status !== 'completed' && arena.status !== 'cancelled') {
        repo.cancelUnfinished(id)
        repo.setStatus(id, 'cancelled')
      } else if (how === 'pause' && arena.status === 'running') repo.setStatus(id, 'paused')
      emitProgress(id, true)
      return summary(get(id))
    },
    delete(id: string): boolean {
      if (active.has(id)) throw new WorkbenchError('conflict', 'Cancel or pause the arena before deleting it.')
      return repo.delete(id)
    },
    /** Arenas a crashed or killed process left running. */
    resumeInterrupted(): string[] {
      const resumed: string[] = []
      for (const arena of repo.list().filter((x) => x.status === 'running' && !active.has(x.id))) {
        try {
          driveInBackground(arena.id)
          resumed.push(arena.id)
        } catch (error) {
          deps.log?.(`not resuming arena ${arena.id}: ${(error as Error).message}`)
        }
      }
      return resumed
    },
    async shutdown() {
      await Promise.all([...active.keys()].map((id) => runner.stop(id, 'shutdown')))
      for (const timer of trailing.values()) clearTimeout(timer)
      trailing.clear()
    },
  }
  return runner
}
export type ArenaRunner = ReturnType<typeof arenaRunner>
