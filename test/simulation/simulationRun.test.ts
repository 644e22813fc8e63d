import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ApiClient } from '@shared/api'
import { SEED_SESSION_PRESET } from '@shared/counselors'
import { isCounselorRequest } from '../support/scriptedCounseling'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling, type Script } from '../support/scriptedCounseling'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

async function setup(script: Script, mockOptions: Parameters<typeof startMockOpenAI>[0] = {}) {
  const mock = await startMockOpenAI({ reply: scriptedCounseling(script), ...mockOptions })
  closers.push(mock.close)
  ws = tempWorkspace()
  const app = ws.open()
  const api = client(app)
  const endpoint = await api.saveEndpoint({
    name: 'mock',
    baseURL: mock.baseURL,
    model: 'mock-model',
    maxConcurrency: 16,
  })
  for (const [name, language] of [
    ['Anna', 'en'],
    ['Ben', 'en'],
    ['小林', 'zh'],
  ] as const) {
    await api.createRoleCard({
      language,
      name,
      tags: ['sim'],
      complaint: { title: `${name}'s worry`, body: 'Cannot sleep before exams.' },
    })
  }
  const defaults = await api.simulationDefaults()
  const config = {
    ...defaults,
    client: { ...defaults.client, endpointId: endpoint.id },
    counselor: { ...defaults.counselor, endpointId: endpoint.id },
  }
  return { app, api, mock, config }
}

async function finished(api: ApiClient, app: { runner: { waitFor(id: string): Promise<void> } }, runId: string) {
  await app.runner.waitFor(runId)
  return api.getRun({ id: runId })
}

describe('simulation runs (Algorithm 1)', () => {
  it('opens with the greeting, alternates, and ends on the closing phrase with the turn recorded', async () => {
    const { app, api, config } = await setup({
      closeAtTurn: ({ clientTag }) => (clientTag === 'Ben' ? 2 : 4),
      closingPhrase: 'take care',
    })
    const run = await api.startRun({
      name: 'first',
      cards: { query: { tag: 'sim' } },
      config: { ...config, concurrency: 3 },
    })
    const done = await finished(api, app, run.id)
    expect(done.status).toBe('completed')
    expect(done.counts).toMatchObject({ total: 3, completed: 3, failed: 0 })
    const { items } = await api.listDialogues({ runId: run.id })
    const byName = Object.fromEntries(
      await Promise.all(items.map(async (d) => [d.title.split("'")[0], await api.getDialogue({ id: d.id })])),
    )

    const anna = byName.Anna
    expect(anna.messages.map((m: { speaker: string }) => m.speaker)).toEqual([
      'client',
      'counselor',
      'client',
      'counselor',
      'client',
      'counselor',
      'client',
      'counselor',
    ])
    expect(anna.messages[0]).toMatchObject({ content: 'Hello', model: null })
    expect(anna.endReason).toEqual({ kind: 'keyword', keyword: 'take care', turn: 4 })
    expect(anna.turns).toBe(4)
    expect(byName.Ben.endReason).toEqual({ kind: 'keyword', keyword: 'take care', turn: 2 })
    // An English closing phrase does not end a Chinese session: it runs to the default limit of 50.
    expect(byName['小林'].messages[0].content).toBe('你好')
    expect(byName['小林'].endReason).toEqual({ kind: 'max_turns', turn: 50 })
    // Calls were logged with tokens; usage adds up per run.
    expect(done.usage.calls).toBe(items.reduce((n, d) => n + d.messageCount - 1, 0))
    expect(done.usage.promptTokens).toBeGreaterThan(0)
  })

  it('stops at the turn limit and records it', async () => {
    const { app, api, config } = await setup({})
    const run = await api.startRun({
      name: 'limit',
      cards: { query: { language: 'en' } },
      config: { ...config, maxTurns: 3 },
    })
    await finished(api, app, run.id)
    const { items } = await api.listDialogues({ runId: run.id })
    expect(items.map((d) => [d.status, d.endReason, d.turns])).toEqual([
      ['completed', { kind: 'max_turns', turn: 3 }, 3],
      ['completed', { kind: 'max_turns', turn: 3 }, 3],
    ])
  })

  it('records the model and the sampling settings each agent actually used, endpoint defaults resolved', async () => {
    const { app, api, config } = await setup({ closeAtTurn: () => 1 })
    const run = await api.startRun({
      name: 'effective',
      cards: { query: { language: 'en', text: 'Anna' } },
      config: {
        ...config,
        client: { ...config.client, temperature: null },
        counselor: { ...config.counselor, temperature: 0.3 },
      },
    })
    await finished(api, app, run.id)
    const summary = await api.getRun({ id: run.id })
    // The client's temperature came from the endpoint (0.7 by default); the counselor's from the run.
    expect(summary.effective).toEqual({
      client: expect.objectContaining({
        endpointName: 'mock',
        model: 'mock-model',
        temperature: 0.7,
        topP: 1,
        maxTokens: 1024,
      }),
      counselor: expect.objectContaining({ endpointName: 'mock', model: 'mock-model', temperature: 0.3 }),
    })
    expect(JSON.stringify(summary)).not.toMatch(/apiKey|sk-/)
  })

  it('resamples replies that break the refinement rules and keeps every rejected attempt', async () => {
    const { app, api, config } = await setup({
      closeAtTurn: () => 3,
      badCounselorReply: (turn, attempt) =>
        turn === 2 && attempt === 1 ? 'long' : turn === 2 && attempt === 2 ? 'enumerated' : null,
    })
    const run = await api.startRun({ name: 'refine', cards: { query: { language: 'en', text: 'Anna' } }, config })
    await finished(api, app, run.id)
    const [summary] = (await api.listDialogues({ runId: run.id })).items
    const dialogue = await api.getDialogue({ id: summary.id })
    const turn2 = dialogue.messages.filter((m) => m.speaker === 'counselor')[1]
    expect(turn2.content).toBe('Counselor turn 2: what was that like for you?')
    expect(turn2.rejected.map((r) => r.reasons)).toEqual([
      ['too long (120 > 118 words)'],
      ['contains enumerated items'],
    ])
    expect(turn2.flagged).toBe(false)
    expect(dialogue.flagged).toBe(false)
  })

  it('accepts only replies that pass: by default it resamples 10 times, then fails the dialogue, which can be retried', async () => {
    let broken = true
    const { app, api, config } = await setup({
      closeAtTurn: () => 2,
      badCounselorReply: (turn) => (broken && turn === 1 ? 'linebreak' : null),
    })
    expect(config.refinement).toMatchObject({ maxResamples: 10, onExhausted: 'fail_dialogue' })
    const run = await api.startRun({ name: 'strict', cards: { query: { language: 'en', text: 'Anna' } }, config })
    const done = await finished(api, app, run.id)
    expect(done.counts).toMatchObject({ failed: 1, flagged: 0 })
    const [failed] = (await api.listDialogues({ runId: run.id, status: 'failed' })).items
    expect(failed.endReason).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/11 attempts.*line breaks/),
    })
    expect(failed.messageCount).toBe(1) // the greeting; no reply that broke the rules was kept
    // The endpoint behaves again: the dialogue continues from its greeting and completes.
    broken = false
    await api.retryFailedDialogues({ id: run.id })
    const retried = await finished(api, app, run.id)
    expect(retried.counts).toMatchObject({ completed: 1, failed: 0, flagged: 0 })
  })

  it('keeps the best attempt and flags the dialogue when every resample fails, if asked to', async () => {
    const {
      app,
      api,
      config: defaults,
    } = await setup({
      closeAtTurn: () => 2,
      badCounselorReply: (turn) => (turn === 1 ? 'linebreak' : null),
    })
    const config = {
      ...defaults,
      refinement: { ...defaults.refinement, maxResamples: 3, onExhausted: 'keep_best_and_flag' as const },
    }
    const run = await api.startRun({ name: 'flag', cards: { query: { language: 'en', text: 'Anna' } }, config })
    const done = await finished(api, app, run.id)
    const [summary] = (await api.listDialogues({ runId: run.id, flagged: true })).items
    const dialogue = await api.getDialogue({ id: summary.id })
    expect(dialogue.messages[1]).toMatchObject({ content: 'I hear you. What happened next?', flagged: true })
    expect(dialogue.messages[1].rejected).toHaveLength(4) // first try + 3 resamples
    expect(dialogue.status).toBe('completed')
    expect(done.counts.flagged).toBe(1)
  })

  it('pins the prompt template versions and the whole configuration to the run', async () => {
    const { app, api, config } = await setup({ closeAtTurn: () => 1 })
    await api.saveTemplate({
      id: 'counselor.three-stage',
      language: 'en',
      text: 'You are a virtual counselor. Edited for this study.',
      note: 'study 2',
    })
    const run = await api.startRun({
      name: 'pinned',
      cards: { query: { language: 'en' } },
      config: { ...config, maxTurns: 7, seed: 9 },
    })
    await finished(api, app, run.id)
    await api.saveTemplate({
      id: 'counselor.three-stage',
      language: 'en',
      text: 'You are a virtual counselor. Edited again later.',
      note: '',
    })
    const stored = await api.getRun({ id: run.id })
    expect(stored.config).toMatchObject({ maxTurns: 7, seed: 9, greeting: { en: 'Hello' } })
    expect(stored.templates.counselor).toEqual([
      expect.objectContaining({ language: 'en', version: 2, text: expect.stringContaining('Edited for this study') }),
    ])
    const { items } = await api.listDialogues({ runId: run.id })
    expect((await api.getDialogue({ id: items[0].id })).systemPrompt).toContain('Edited for this study')
  })

  it('refuses a run with no matching cards or an unknown endpoint, and creates nothing', async () => {
    const { api, config } = await setup({})
    await expect(
      api.startRun({ name: 'none', cards: { query: { text: 'no such words' } }, config }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/^cards: /) })
    await expect(
      api.startRun({
        name: 'bad',
        cards: { query: {} },
        config: { ...config, client: { ...config.client, endpointId: 'nope' } },
      }),
    ).rejects.toMatchObject({ code: 'not_found' })
    expect(await api.listRuns()).toEqual([])
    expect(await api.listDatasets()).toEqual([])
  })

  it('sends the seed-record client its attitude, the end token and the minimum of turns (client.cactus)', async () => {
    const { app, api, mock, config } = await setup({})
    const seeds = readFileSync(resolve(import.meta.dirname, '../fixtures/roleCards/cactus-seeds.json'))
    await api.importRoleCards({ fileName: 'seeds.json', contentBase64: seeds.toString('base64') })
    const { clientTemplateId, termination: _none, ...session } = SEED_SESSION_PRESET
    const run = await api.startRun({
      name: 'seeded',
      cards: { query: { source: 'cactus' } },
      config: {
        ...config,
        ...session,
        termination: { zh: [], en: [] },
        maxTurns: 3,
        client: { ...config.client, templateId: clientTemplateId },
      },
    })
    await finished(api, app, run.id)
    const clientPrompts = [
      ...new Set(mock.requests.filter((r) => !isCounselorRequest(r)).map((r) => r.messages[0].content)),
    ]
    const english = clientPrompts.find((p) => p.startsWith('You are playing a client'))!
    expect(english).toContain(
      "Your attitude toward counseling: positive. In practice this means: Engaged and cooperative; asks questions and builds on the counselor's ideas.",
    )
    expect(english).toContain('by including [/END] in your reply')
    expect(english).toContain('The session must last at least 20 turns')
    expect(english).toContain('I believe I am a failure because my bakery lost two big customers this year.')
    const chinese = clientPrompts.find((p) => p.startsWith('你将扮演'))!
    expect(chinese).toContain(
      '你对这次咨询的态度：negative。具体表现为：Guarded; doubts that talking will change anything and sometimes changes the subject.',
    )
    expect(chinese).toContain('写上 [/END] 来结束咨询')
    expect(chinese).toContain('咨询至少要进行 20 轮')
    expect(clientPrompts).toHaveLength(2)
    for (const prompt of clientPrompts) {
      expect(prompt).not.toMatch(/\{\{|Client:/)
    }
    // The sessions open with the seed's own lines, in the card's language.
    const { items } = await api.listDialogues({ runId: run.id })
    const openings = await Promise.all(items.map(async (d) => (await api.getDialogue({ id: d.id })).messages[0]))
    expect(openings.map((m) => [m.speaker, m.content]).sort()).toEqual([
      ['counselor', 'Hello Ivo, welcome. What brings you here today?'],
      ['counselor', '你好，Ivo，欢迎你。今天是什么让你来这里？'],
    ])
  })
})
