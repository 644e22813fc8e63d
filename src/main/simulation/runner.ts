import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import pLimit from 'p-limit'
import type { ParsedInput } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import type { Language, RoleCard } from '@shared/roleCard'
import type { PinnedTemplate, RunSummary, SimulationConfig } from '@shared/simulation'
import type { Db } from '../db/connection'
import type { DialogueRepo } from '../db/dialogueRepo'
import type { LlmCallRepo } from '../db/llmCallRepo'
import type { RoleCardRepo } from '../db/roleCardRepo'
import type { RunRecord, RunRepo } from '../db/runRepo'
import type { EventBus } from '../events'
import type { EndpointService } from '../llm/endpointService'
import type { LlmGateway } from '../llm/gateway'
import { fillTemplate } from '../prompts/defaultTemplates'
import { renderRoleCardText } from '../prompts/roleCardText'
import type { TemplateStore } from '../prompts/templateStore'
import { llmAgent } from './agents'
import { runDialogueLoop } from './dialogueLoop'
import { messageWriter } from './messageWriter'
import { ownerIsGone } from '../processOwner'
import { selectRoleCards } from '../rolecards/selectRoleCards'

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
  log?: (line: string) => void
}

const HEARTBEAT_MS = 5000
const STALE_MS = 20000

/** pause: the run waits for the user; shutdown: the process is closing and the run resumes at next open. */
type StopMode = 'pause' | 'cancel' | 'shutdown'

interface ActiveRun {
  controller: AbortController
  stopping: StopMode | null
  startedAt: number
  finishedHere: number
  done: Promise<void>
}

/** Starts, drives, pauses, resumes and cancels simulation runs. Every message is stored the moment it exists. */
export function simulationRunner(deps: RunnerDeps) {
  const { runs, dialogues, events } = deps
  const active = new Map<string, ActiveRun>()
  let lastProgress = 0
  const messages = messageWriter(dialogues, () => deps.db.open, (message) => {
    const runId = runOf.get(message.dialogueId) ?? null
    events.emit('dialogue.message', { runId, dialogueId: message.dialogueId, message })
    if (runId) emitProgress(runId)
  })
  const runOf = new Map<string, string>()
  /** Status changes go after the dialogue's messages. */
  const setStatus: typeof dialogues.setStatus = (...args) => {
    messages.flush()
    dialogues.setStatus(...args)
  }

  const pinned = (list: PinnedTemplate[], language: Language) => {
    const t = list.find((p) => p.language === language)
    if (!t) throw new WorkbenchError('internal', `The run has no ${language} template pinned.`)
    return t
  }

  function summary(run: RunRecord): RunSummary {
    const counts = runs.counts(run.id)
    const usage = deps.calls.usageByRun(run.id)
    const a = active.get(run.id)
    const remaining = counts.pending + counts.running
    const elapsed = a ? (Date.now() - a.startedAt) / 1000 : 0
    const etaSeconds = a && a.finishedHere > 0 && remaining > 0 ? Math.round((remaining * elapsed) / a.finishedHere) : null
    const { owner: _o, heartbeatAt: _h, ...rest } = run
    return { ...rest, counts, usage, rate: { callsPerMinute: deps.calls.callsPerMinute(run.id, new Date().toISOString()), etaSeconds } }
  }

  function emitProgress(runId: string, force = false) {
    const now = Date.now()
    if (!force && now - lastProgress < 500) return
    lastProgress = now
    const run = runs.get(runId)
    if (run) events.emit('run.progress', summary(run))
  }

  async function runOne(run: RunRecord, dialogueId: string, a: ActiveRun) {
    if (a.controller.signal.aborted) return
    const detail = dialogues.detail(dialogueId)!
    const card = detail.roleCard as RoleCard
    const config = run.config
    const language = detail.language
    runOf.set(dialogueId, run.id)
    setStatus(dialogueId, 'running', null)
    events.emit('dialogue.status', { runId: run.id, dialogueId, status: 'running', endReason: null })
    emitProgress(run.id)
    try {
      const clientTemplate = pinned(run.templates.client, language)
      const agentDefaults = (speaker: 'client' | 'counselor') => ({
        speaker,
        endpoint: deps.endpoints.resolve(config[speaker].endpointId),
        temperature: config[speaker].temperature,
        topP: config[speaker].topP,
        maxTokens: config[speaker].maxTokens,
        rule: config.refinement[speaker],
        maxResamples: config.refinement.maxResamples,
        onExhausted: config.refinement.onExhausted,
      })
      const client = llmAgent(deps.gateway, {
        ...agentDefaults('client'),
        systemPrompt: fillTemplate(clientTemplate.text, { role_card: renderRoleCardText(card), max_turns: config.maxTurns }),
      })
      const counselor = llmAgent(deps.gateway, { ...agentDefaults('counselor'), systemPrompt: detail.systemPrompt ?? '' })
      let index = detail.messages.length
      const endReason = await runDialogueLoop(
        client,
        counselor,
        { language, maxTurns: config.maxTurns, greeting: config.greeting[language], closingPhrases: config.termination[language] },
        {
          runId: run.id,
          dialogueId,
          history: detail.messages,
          signal: a.controller.signal,
          append: (m) => messages.append(dialogueId, index++, m),
        },
      )
      setStatus(dialogueId, 'complete', endReason)
      events.emit('dialogue.status', { runId: run.id, dialogueId, status: 'complete', endReason })
      a.finishedHere++
    } catch (error) {
      if (a.controller.signal.aborted) {
        // Paused dialogues go back to pending and continue from their stored messages.
        const status = a.stopping === 'cancel' ? 'cancelled' : 'pending'
        setStatus(dialogueId, status, status === 'cancelled' ? { kind: 'cancelled' } : null)
        events.emit('dialogue.status', { runId: run.id, dialogueId, status, endReason: null })
      } else {
        const message = error instanceof Error ? error.message : String(error)
        setStatus(dialogueId, 'failed', { kind: 'error', message })
        events.emit('dialogue.status', { runId: run.id, dialogueId, status: 'failed', endReason: { kind: 'error', message } })
        a.finishedHere++
      }
    } finally {
      runOf.delete(dialogueId)
      emitProgress(run.id)
    }
  }

  /** Drives a run until its dialogues are done, it is paused or cancelled. */
  function drive(runId: string): Promise<void> {
    const existing = active.get(runId)
    if (existing) return existing.done
    const run = runs.get(runId)
    if (!run) throw new WorkbenchError('not_found', `No run with id ${runId}.`)
    if (!runs.claim(runId, deps.owner, ownerIsGone(run.owner) ? 0 : STALE_MS)) {
      throw new WorkbenchError('conflict', `Run "${run.name}" is being driven by another workbench process; it will be resumed here if that process stops.`)
    }
    runs.setStatus(runId, 'running')
    const a: ActiveRun = { controller: new AbortController(), stopping: null, startedAt: Date.now(), finishedHere: 0, done: Promise.resolve() }
    // Every in-flight call listens to the run's signal; hundreds at once are expected.
    setMaxListeners(0, a.controller.signal)
    active.set(runId, a)
    const heartbeat = setInterval(() => runs.heartbeat(runId, deps.owner), HEARTBEAT_MS)
    heartbeat.unref?.()
    const limit = pLimit(run.config.concurrency)
    a.done = (async () => {
      try {
        const ids = runs.unfinishedDialogues(runId)
        await Promise.all(ids.map((id) => limit(() => runOne(run, id, a))))
        if (a.stopping === 'cancel') {
          for (const id of runs.unfinishedDialogues(runId)) setStatus(id, 'cancelled', { kind: 'cancelled' })
          runs.setStatus(runId, 'cancelled')
        } else if (a.stopping === 'pause') runs.setStatus(runId, 'paused')
        else if (a.stopping === null) {
          const counts = runs.counts(runId)
          runs.setStatus(runId, counts.complete === 0 && counts.failed > 0 ? 'failed' : 'completed')
        }
      } catch (error) {
        deps.log?.(`run ${runId}: ${(error as Error).stack ?? error}`)
        runs.setStatus(runId, 'failed')
      } finally {
        clearInterval(heartbeat)
        runs.release(runId, deps.owner)
        active.delete(runId)
        emitProgress(runId, true)
      }
    })()
    emitProgress(runId, true)
    return a.done
  }

  const runner = {
    start(input: ParsedInput<'startRun'>): RunSummary {
      const config: SimulationConfig = input.config
      const cards = selectRoleCards(deps.cards, input.cards)
      deps.endpoints.resolve(config.client.endpointId)
      deps.endpoints.resolve(config.counselor.endpointId)
      const languages = [...new Set(cards.map((c) => c.language))]
      const pin = (templateId: string) =>
        languages.map((language) => {
          const t = deps.templates.latest(templateId, language)
          return { id: t.id, version: t.version, language, text: t.text }
        })
      const templates = { client: pin(config.client.templateId), counselor: pin(config.counselor.templateId) }
      const runId = randomUUID()
      const datasetId = randomUUID()
      deps.db.transaction(() => {
        dialogues.createDataset({ id: datasetId, name: input.name, kind: 'run', source: 'simulation', description: '' })
        runs.insert({ id: runId, name: input.name, datasetId, config, templates })
        let position = 0
        for (const card of cards) {
          const counselorPrompt = fillTemplate(pinned(templates.counselor, card.language).text, { max_turns: config.maxTurns })
          for (let sample = 0; sample < config.samplesPerCard; sample++) {
            dialogues.insertDialogue({
              id: randomUUID(),
              datasetId,
              runId,
              position: position++,
              roleCard: card,
              sample,
              language: card.language,
              status: 'pending',
              endReason: null,
              systemPrompt: counselorPrompt,
              meta: {},
            })
          }
        }
      })()
      events.emit('datasets.changed', {})
      void drive(runId).catch((e) => deps.log?.(String(e)))
      return summary(runs.get(runId)!)
    },
    isActive: (runId: string) => active.has(runId),
    resume(runId: string): RunSummary {
      const run = runs.get(runId)
      if (!run) throw new WorkbenchError('not_found', `No run with id ${runId}.`)
      if (run.status === 'completed' || run.status === 'cancelled') {
        throw new WorkbenchError('conflict', `Run "${run.name}" is ${run.status}; there is nothing to resume.`)
      }
      void drive(runId).catch((e) => deps.log?.(String(e)))
      return summary(runs.get(runId)!)
    },
    /** Resume and wait until the run stops (for the CLI). */
    async resumeAndWait(runId: string): Promise<RunSummary> {
      await drive(runId)
      return summary(runs.get(runId)!)
    },
    async stop(runId: string, how: StopMode): Promise<RunSummary> {
      const run = runs.get(runId)
      if (!run) throw new WorkbenchError('not_found', `No run with id ${runId}.`)
      const a = active.get(runId)
      if (a) {
        a.stopping = how
        a.controller.abort()
        await a.done
      } else if (how === 'cancel' && run.status !== 'completed') {
        for (const id of runs.unfinishedDialogues(runId)) setStatus(id, 'cancelled', { kind: 'cancelled' })
        runs.setStatus(runId, 'cancelled')
      } else if (how === 'pause' && run.status === 'running') runs.setStatus(runId, 'paused')
      emitProgress(runId, true)
      return summary(runs.get(runId)!)
    },
    /** Runs left 'running' by a process that crashed or was killed. */
    resumeInterrupted(): string[] {
      const ids = runs.list().filter((r) => r.status === 'running' && !active.has(r.id)).map((r) => r.id)
      const resumed: string[] = []
      for (const id of ids) {
        try {
          void drive(id).catch((e) => deps.log?.(String(e)))
          resumed.push(id)
        } catch (error) {
          deps.log?.(`not resuming run ${id}: ${(error as Error).message}`)
        }
      }
      return resumed
    },
    summary: (runId: string) => {
      const run = runs.get(runId)
      if (!run) throw new WorkbenchError('not_found', `No run with id ${runId}.`)
      return summary(run)
    },
    list: () => runs.list().map(summary),
    waitFor: (runId: string) => active.get(runId)?.done ?? Promise.resolve(),
    /** Before the process exits: in-flight dialogues go back to pending and their runs resume at next open. */
    async shutdown() {
      await Promise.all([...active.keys()].map((id) => runner.stop(id, 'shutdown')))
    },
  }
  return runner
}
export type SimulationRunner = ReturnType<typeof simulationRunner>
