import { afterEach, describe, expect, it } from 'vitest'
import type { ClientConfigInput } from '@shared/clients'
import type { ClientStateTrace } from '@shared/clients/dynamic'
import type { RoleCardInput } from '@shared/roleCard'
import type { SimulationConfigInput } from '@shared/simulation'
import { TEMPLATE_IDS } from '@shared/templateIds'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { DEFAULT_TEMPLATES, fillTemplate } from '../../src/main/prompts/defaultTemplates'
import { renderRoleCardText } from '../../src/main/prompts/roleCardText'
import { RoleCardInputSchema } from '@shared/roleCard'
import { client, tempWorkspace } from '../support/workspace'
import { startMockOpenAI, type ChatRequest, type MockOptions } from '../support/mockOpenAI'
import { clientScript, isClientRequest, isStateJudgeRequest } from '../support/clientScript'

let ws: ReturnType<typeof tempWorkspace> | undefined
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  ws = undefined
  for (const close of closers.splice(0)) await close()
})

const CARD: RoleCardInput = {
  language: 'en',
  name: 'Anna',
  complaint: { title: 'Exam worry', body: 'I cannot sleep before exams.' },
  withheld: [
    { text: 'SECRET-LOW I failed a course last year', threshold: 3.9 },
    { text: 'SECRET-HIGH I have not told my parents', threshold: 4.4 },
  ],
  resistanceBehaviours: [{ behaviour: 'minimising', frequency: 1 }],
}

async function setup(judge: (turn: number) => string = () => 'no state here', mockOptions: MockOptions = {}) {
  const mock = await startMockOpenAI({ reply: clientScript(judge), ...mockOptions })
  closers.push(mock.close)
  ws = tempWorkspace({
    gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 10 } }),
  })
  const app = ws.open()
  const api = client(app)
  const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'm', maxConcurrency: 8 })
  await api.createRoleCard(CARD)
  const defaults = await api.simulationDefaults()
  async function run(clientConfig: Partial<ClientConfigInput> & Record<string, unknown>, maxTurns = 3) {
    const config: SimulationConfigInput = {
      ...defaults,
      client: { templateId: defaults.client.templateId, ...clientConfig, endpointId: endpoint.id } as ClientConfigInput,
      counselor: { ...defaults.counselor, endpointId: endpoint.id },
      maxTurns,
    }
    const started = await api.startRun({ name: 'client', cards: { query: {} }, config })
    await app.runner.waitFor(started.id)
    const [summary] = (await api.listDialogues({ runId: started.id })).items
    return { dialogue: await api.getDialogue({ id: summary.id }), run: await api.getRun({ id: started.id }) }
  }
  return { app, api, mock, run, defaults, endpoint }
}

const systemOf = (r: ChatRequest) => r.messages[0].content

/** The paper's client prompt for CARD, filled as the runner filled it before client methods existed. */
function staticPrompt(maxTurns: number): string {
  const template = DEFAULT_TEMPLATES.find((t) => t.id === TEMPLATE_IDS.client)!.en
  return fillTemplate(template, {
    role_card: renderRoleCardText(RoleCardInputSchema.parse(CARD)),
    max_turns: maxTurns,
    min_turns: 0,
    end_token: '',
    attitude: '',
    attitude_instruction: '',
  })
}

describe('client methods', () => {
  it('the static client stays the default: the paper prompt exactly, one call a turn, no trace', async () => {
    const { mock, run, defaults } = await setup()
    expect(defaults.client).toMatchObject({ kind: 'static', templateId: TEMPLATE_IDS.client })
    // A client configuration that names no method (every run before client methods) is the static client.
    const { dialogue, run: summary } = await run({})
    expect(dialogue.status).toBe('completed')
    expect(summary.config.client.kind).toBe('static')
    expect(summary.templates.client.map((t) => t.id)).toEqual([TEMPLATE_IDS.client])

    const expected = staticPrompt(3)
    const clientRequests = mock.requests.filter(isClientRequest)
    expect(clientRequests).toHaveLength(2)
    expect(mock.requests.filter(isStateJudgeRequest)).toHaveLength(0)
    for (const r of clientRequests) {
      expect(systemOf(r)).toBe(expected)
      expect(systemOf(r)).not.toContain('SECRET-')
    }
    // The history as chat messages, the client's own turns as the assistant's.
    expect(clientRequests[1].messages.slice(1).map((m) => m.role)).toEqual(['assistant', 'user', 'assistant', 'user'])
    for (const m of dialogue.messages.filter((x) => x.speaker === 'client')) expect(m.trace).toBeNull()
  })

  it('resumes a run stored before client methods existed (no client kind) as the static client', async () => {
    const { app, api, mock, defaults, endpoint } = await setup(undefined, { latencyMs: 15 })
    const config = {
      ...defaults,
      client: { ...defaults.client, endpointId: endpoint.id },
      counselor: { ...defaults.counselor, endpointId: endpoint.id },
      maxTurns: 10,
    }
    const started = await api.startRun({ name: 'older', cards: { query: {} }, config })
    await expect
      .poll(async () => (await api.getRun({ id: started.id })).usage.calls, { timeout: 20000 })
      .toBeGreaterThanOrEqual(2)
    await api.pauseRun({ id: started.id })
    const stored = (await api.getRun({ id: started.id })).config
    const { kind: _kind, ...olderClient } = stored.client
    app.db
      .prepare('UPDATE runs SET config = ? WHERE id = ?')
      .run(JSON.stringify({ ...stored, client: olderClient }), started.id)
    expect((await api.getRun({ id: started.id })).config.client.kind).toBe('static')
    await api.resumeRun({ id: started.id })
    await app.runner.waitFor(started.id)
    expect((await api.getRun({ id: started.id })).counts).toMatchObject({ completed: 1, failed: 0 })
    const systems = mock.requests.filter(isClientRequest).map(systemOf)
    expect(systems).toHaveLength(9)
    for (const s of systems) expect(s).toBe(staticPrompt(10))
  })

  it('the rule: withheld facts enter the prompt only once trust reaches their thresholds; states stored per turn', async () => {
    const { mock, run } = await setup()
    const { dialogue, run: summary } = await run(
      { kind: 'dynamic', update: 'rule', initial: { trust: 3, emotion: 6, stage: 'precontemplation' } },
      4,
    )
    expect(dialogue.status).toBe('completed')
    expect(summary.templates.client.map((t) => t.id)).toEqual([TEMPLATE_IDS.client, 'client.dynamic.turn'])
    expect(mock.requests.filter(isStateJudgeRequest)).toHaveLength(0)
    // Every counselor reply asks an open question ("what ... ?"): +0.5 trust a turn, from 3.
    const systems = mock.requests.filter(isClientRequest).map(systemOf)
    expect(systems).toHaveLength(3)
    expect(systems[0]).toContain('Trust in the counselor: 3.5 of 10')
    expect(systems[0]).not.toContain('SECRET-')
    expect(systems[1]).toContain('Trust in the counselor: 4 of 10')
    expect(systems[1]).toContain('SECRET-LOW')
    expect(systems[1]).not.toContain('SECRET-HIGH')
    expect(systems[2]).toContain('SECRET-LOW')
    expect(systems[2]).toContain('SECRET-HIGH')
    // Resistance drawn with chance 1 every turn, and asked for.
    for (const s of systems) expect(s).toContain('Make your problem sound smaller than it is')

    const states = dialogue.messages
      .filter((m) => m.speaker === 'client')
      .map((m) => m.trace?.clientState as ClientStateTrace | undefined)
    expect(states[0]).toBeUndefined() // the greeting
    expect(states.slice(1)).toEqual([
      { trust: 3.5, emotion: 6, stage: 'contemplation', how: 'rule', resistance: 'minimising', disclosed: 0 },
      { trust: 4, emotion: 6, stage: 'contemplation', how: 'rule', resistance: 'minimising', disclosed: 1 },
      { trust: 4.5, emotion: 6, stage: 'contemplation', how: 'rule', resistance: 'minimising', disclosed: 2 },
    ])
  })

  it('the judge: its answer sets the state; facts follow it; an unreadable answer falls back to the rule', async () => {
    const answers: Record<number, string> = {
      1: 'Here: {"trust": 2, "emotion": 8, "stage": "Precontemplation"}',
      2: '{"trust": 4.4, "emotion": 5, "stage": "contemplation"}',
      3: 'I would say trust went up.',
    }
    const { mock, run } = await setup((turn) => answers[turn])
    const { dialogue } = await run({ kind: 'dynamic' }, 4)
    expect(dialogue.status).toBe('completed')
    const judged = mock.requests.filter(isStateJudgeRequest)
    expect(judged).toHaveLength(3)
    // The judge reads the previous state and the counselor's reply; never the withheld facts.
    expect(judged[0].messages[0].content).toContain('trust 3, emotional intensity 6, stage of change contemplation')
    expect(judged[1].messages[0].content).toContain('trust 2, emotional intensity 8, stage of change precontemplation')
    expect(judged[1].messages[0].content).toContain('Counselor turn 2: what was that like for you?')
    for (const r of judged) expect(r.messages[0].content).not.toContain('SECRET-')
    expect(judged[0].temperature).toBe(0)

    const systems = mock.requests.filter(isClientRequest).map(systemOf)
    expect(systems[0]).not.toContain('SECRET-')
    expect(systems[1]).toContain('SECRET-LOW')
    expect(systems[1]).toContain('SECRET-HIGH')
    // Turn 3: the rule from 4.4 (+0.5 for the open question).
    expect(systems[2]).toContain('Trust in the counselor: 4.9 of 10')

    const traces = dialogue.messages
      .filter((m) => m.speaker === 'client')
      .slice(1)
      .map((m) => m.trace!)
    expect(traces.map((t) => t.clientState!.how)).toEqual(['judge', 'judge', 'rule'])
    expect(traces.map((t) => t.steps!.map((s) => s.agent))).toEqual([
      ['state', 'client'],
      ['state', 'client'],
      ['state', 'client'],
    ])
    expect(traces[2].clientState!.note).toMatch(/could not be read/)
    expect(traces[0].steps!.at(-1)!.content).toBe(dialogue.messages[2].content)
    // The message counts the turn's two calls (the mock answers 10 prompt and 5 completion tokens each).
    expect(dialogue.messages[2]).toMatchObject({ promptTokens: 20, completionTokens: 10 })
  })
})
