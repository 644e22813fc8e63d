import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '@shared/api'
import type { MessageInput } from '@shared/dialogue'
import { WorkbenchError } from '@shared/errors'
import type { RoleCard } from '@shared/roleCard'
import { TEMPLATE_IDS } from '@shared/templateIds'
import type { TestDriveView } from '@shared/testDriveApi'
import { nowIso, type Db } from '../db/connection'
import type { DialogueRepo } from '../db/dialogueRepo'
import type { EventBus } from '../events'
import type { EndpointService } from '../llm/endpointService'
import type { ChatMessage, LlmGateway } from '../llm/gateway'
import type { TemplateStore } from '../prompts/templateStore'
import { counselorConfigFor, methodSettings, methodTemplates, type CounselorKind } from '@shared/counselors'
import { REFINEMENT_RULES } from '@shared/simulation'
import { fillTemplate } from '../prompts/defaultTemplates'
import { chatFor, type Agent } from './agents'
import { createCounselor } from './counselors/index'
import { createSimulatedClient } from './clients/index'
import { ClientConfigSchema, clientConfigFor } from '@shared/clients'
import { clientPrompt } from './sessionSetup'

export interface TestDriveDeps {
  db: Db
  cards: { get(id: string): RoleCard | undefined | null }
  templates: TemplateStore
  endpoints: EndpointService
  gateway: LlmGateway
  dialogues: DialogueRepo
  events: EventBus
}

/**
 * The simulated client of a card, as a run builds it: its system prompt, the request for its next turn (the static
 * client's, streamed), and — for another method — its agent, which makes the turn itself (a dynamic client: the state
 * judge, then the reply, not streamed).
 */
interface SimulatedClient {
  prompt: string
  template: { id: string; version: number }
  request(history: TestDriveView['turns']): ChatMessage[]
  agent: Agent | null
}

/**
 * The one place a test drive builds its client (the default client template filled with the card, the history as
 * the client sees it), so it can follow the simulation's own client construction.
 */
function simulatedClient(
  deps: TestDriveDeps,
  card: RoleCard,
  input: ParsedInput<'startTestDrive'>,
  driveId: string,
): SimulatedClient {
  const template = deps.templates.latest(TEMPLATE_IDS.client, card.language)
  const session = { maxTurns: input.maxTurns, minTurns: 0, endToken: null }
  const prompt = clientPrompt(template.text, card, session)
  const agent =
    input.clientMethod === 'static'
      ? null
      : createSimulatedClient({
          gateway: deps.gateway,
          resolve: (id) => deps.endpoints.resolve(id),
          config: ClientConfigSchema.parse({
            ...clientConfigFor(input.clientMethod, {
              endpointId: input.endpointId,
              temperature: null,
              topP: null,
              maxTokens: null,
              templateId: TEMPLATE_IDS.client,
            }),
            ...(input.clientMethod === 'dynamic' ? { update: input.clientState } : {}),
          }),
          template: (id) => deps.templates.latest(id, card.language).text,
          card,
          language: card.language,
          session,
          refinement: {
            rule: { ...REFINEMENT_RULES.client, enabled: false },
            maxResamples: 0,
            onExhausted: 'keep_best_and_flag',
          },
          seed: 42,
          drawKey: driveId,
        })
  return {
    prompt,
    template: { id: template.id, version: template.version },
    request: (history) => chatFor('client', prompt, history),
    agent,
  }
}

interface Drive {
  view: Omit<TestDriveView, 'turns' | 'replying'>
  client: SimulatedClient
  turns: MessageInput[]
  reply: AbortController | null
  maxTurns: number
  /** What a multi-agent counselor method keeps between its turns (a CBT plan, ...). */
  counselorState: Record<string, unknown>
}

/** A counselor method of a test drive, built as a run builds its counselor (default settings, newest templates). */
function methodCounselor(deps: TestDriveDeps, drive: Drive, card: RoleCard, kind: CounselorKind, endpointId: string) {
  const config = counselorConfigFor(kind, { endpointId })
  const settings = methodSettings(config)
  const roles = methodTemplates(settings)
  const text = (templateId: string) => deps.templates.latest(templateId, card.language).text
  const single = Object.values(roles)[0]
  return createCounselor({
    gateway: deps.gateway,
    resolve: (id) => deps.endpoints.resolve(id),
    settings,
    sampling: config,
    template: (role) => text(roles[role]),
    // A single-prompt counselor's system prompt, as a run fills it.
    systemPrompt: kind === 'three-stage' && single ? fillTemplate(text(single), { max_turns: drive.maxTurns }) : null,
    card,
    language: card.language,
    maxTurns: drive.maxTurns,
    refinement: { rule: REFINEMENT_RULES.counselor, maxResamples: 3, onExhausted: 'keep_best_and_flag' },
    state: {
      get: () => drive.counselorState,
      set: (patch) => (drive.counselorState = { ...drive.counselorState, ...patch }),
    },
  }) satisfies Agent
}

/** Test drives: live chats with a card's simulated client, kept in memory until saved as a dialogue. */
export function testDriveService(deps: TestDriveDeps) {
  const drives = new Map<string, Drive>()

  const viewOf = (d: Drive): TestDriveView => ({
    ...d.view,
    turns: d.turns.map((t) => ({
      speaker: t.speaker,
      content: t.content,
      ...(t.trace?.clientState ? { clientState: t.trace.clientState } : {}),
    })),
    replying: d.reply !== null,
  })
  /**
   * A client method's turn (the dynamic client: its state judged from the counselor's last turn, then its reply),
   * made by its agent as in a run and shown whole when it is done; cancelled like a streamed reply.
   */
  const clientMethodTurn = async (drive: Drive, agent: Agent, controller: AbortController) => {
    try {
      const turn = await agent.reply({
        history: drive.turns,
        language: drive.view.language,
        jobId: null,
        dialogueId: drive.view.id,
        signal: controller.signal,
      })
      const { callKey: _key, ...message } = turn
      drive.turns.push({ ...message, speaker: 'client' })
      deps.events.emit('testDrive.delta', { driveId: drive.view.id, text: message.content, attempt: 1 })
      return { reply: message.content, cancelled: false, view: viewOf({ ...drive, reply: null }) }
    } catch (error) {
      if (controller.signal.aborted) return { reply: null, cancelled: true, view: viewOf({ ...drive, reply: null }) }
      throw error
    } finally {
      drive.reply = null
    }
  }
  const driveOf = (id: string) => {
    const found = drives.get(id)
    if (!found) throw new WorkbenchError('not_found', { key: 'testDrive.notFound', params: { id } })
    return found
  }

  const service = {
    start(input: ParsedInput<'startTestDrive'>): TestDriveView {
      const card = deps.cards.get(input.cardId)
      if (!card) throw new WorkbenchError('not_found', { key: 'cards.notFound', params: { id: input.cardId } })
      deps.endpoints.resolve(input.endpointId)
      const id = randomUUID()
      const client = simulatedClient(deps, card, input, id)
      const drive: Drive = {
        view: {
          id,
          cardId: card.id,
          endpointId: input.endpointId,
          language: card.language,
          clientPrompt: client.prompt,
          template: client.template,
          clientKind: input.clientMethod,
        },
        client,
        turns: [],
        reply: null,
        maxTurns: input.maxTurns,
        counselorState: {},
      }
      drives.set(id, drive)
      return viewOf(drive)
    },

    get: (id: string) => viewOf(driveOf(id)),

    /** The counselor's turn (unless empty), then the client's reply, streamed as events; a cancelled one is dropped. */
    async say({ id, text }: ParsedInput<'testDriveSay'>) {
      const drive = driveOf(id)
      if (drive.reply) throw new WorkbenchError('conflict', { key: 'testDrive.busy' })
      if (text) drive.turns.push({ speaker: 'counselor', content: text })
      if (drive.turns.at(-1)?.speaker !== 'counselor')
        throw new WorkbenchError('invalid_input', { key: 'testDrive.noTurn' })
      const controller = new AbortController()
      drive.reply = controller
      if (drive.client.agent) return clientMethodTurn(drive, drive.client.agent, controller)
      let result
      try {
        result = await deps.gateway.chat({
          endpoint: deps.endpoints.resolve(drive.view.endpointId),
          messages: drive.client.request(drive.turns),
          purpose: 'client',
          signal: controller.signal,
          onDelta: (piece, attempt) => deps.events.emit('testDrive.delta', { driveId: id, text: piece, attempt }),
        })
      } catch (error) {
        drive.reply = null
        if (controller.signal.aborted) return { reply: null, cancelled: true, view: viewOf(drive) }
        throw error
      }
      // Before the view is taken: the reply is over.
      drive.reply = null
      const reply = result.content.trim()
      drive.turns.push({
        speaker: 'client',
        content: reply,
        model: result.model,
        latencyMs: result.latencyMs,
        promptTokens: result.promptTokens,
        completionTokens: result.completionTokens,
      })
      return { reply, cancelled: false, view: viewOf(drive) }
    },

    /** A counselor method writes the counselor's next turn (cancellable like a client reply). */
    async counselor({ id, kind, endpointId }: ParsedInput<'testDriveCounselor'>) {
      const drive = driveOf(id)
      if (drive.reply) throw new WorkbenchError('conflict', { key: 'testDrive.busy' })
      const card = deps.cards.get(drive.view.cardId)
      if (!card) throw new WorkbenchError('not_found', { key: 'cards.notFound', params: { id: drive.view.cardId } })
      deps.endpoints.resolve(endpointId)
      const counselor = methodCounselor(deps, drive, card, kind, endpointId)
      const controller = new AbortController()
      drive.reply = controller
      try {
        const turn = await counselor.reply({
          history: drive.turns,
          language: card.language,
          jobId: null,
          dialogueId: drive.view.id,
          signal: controller.signal,
        })
        const { callKey: _key, ...message } = turn
        drive.turns.push({ ...message, speaker: 'counselor' })
      } catch (error) {
        if (!controller.signal.aborted) throw error
      } finally {
        drive.reply = null
      }
      return { view: viewOf(drive) }
    },

    /** The person's client turn (unless empty), then the counselor method's answer. */
    playClient({ id, text, kind, endpointId }: ParsedInput<'testDrivePlayClient'>) {
      const drive = driveOf(id)
      if (drive.reply) throw new WorkbenchError('conflict', { key: 'testDrive.busy' })
      if (text) drive.turns.push({ speaker: 'client', content: text })
      return service.counselor({ id, kind, endpointId })
    },

    cancel(id: string) {
      const reply = driveOf(id).reply
      reply?.abort()
      return { cancelled: reply !== null }
    },

    /** Stores the chat so far as one dialogue, in the dataset given or in a new one. */
    save({ id, datasetId, name }: ParsedInput<'saveTestDrive'>) {
      const drive = driveOf(id)
      if (drive.turns.length === 0) throw new WorkbenchError('invalid_input', { key: 'testDrive.empty' })
      const card = deps.cards.get(drive.view.cardId)
      if (datasetId && !deps.dialogues.getDataset(datasetId))
        throw new WorkbenchError('not_found', { key: 'datasets.notFound', params: { id: datasetId } })
      const target = datasetId ?? randomUUID()
      const dialogueId = randomUUID()
      deps.db
        .transaction(() => {
          if (!datasetId)
            deps.dialogues.createDataset({
              id: target,
              name: name || `Test drive: ${card?.name ?? drive.view.cardId}`,
              kind: 'import',
              source: 'test drive',
              description: '',
            })
          deps.dialogues.insertDialogue({
            id: dialogueId,
            datasetId: target,
            runId: null,
            position: deps.dialogues.countDialogues(target),
            roleCard: card ?? null,
            sample: 0,
            language: drive.view.language,
            status: 'completed',
            endReason: { kind: 'test_drive' },
            systemPrompt: drive.view.clientPrompt,
            meta: {
              testDrive: { endpointId: drive.view.endpointId, template: drive.view.template, savedAt: nowIso() },
            },
          })
          deps.dialogues.appendMessages(drive.turns.map((message, index) => ({ dialogueId, index, message })))
        })
        .immediate()
      deps.dialogues.syncSearchIndex()
      deps.events.emit('datasets.changed', {})
      return { datasetId: target, dialogueId }
    },

    close(id: string) {
      const drive = drives.get(id)
      drive?.reply?.abort()
      return { closed: drives.delete(id) }
    },

    /** Stops every reply under way (app exit). */
    shutdown() {
      for (const drive of drives.values()) drive.reply?.abort()
      drives.clear()
    },
  }
  return service
}
export type TestDriveService = ReturnType<typeof testDriveService>
