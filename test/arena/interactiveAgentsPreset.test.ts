import { afterEach, describe, expect, it } from 'vitest'
import type { ArenaConfigInput } from '@shared/arena'
import { INTERACTIVE_AGENTS_PRESET, withAdapter, type ReleasedAdapterId } from '@shared/arenaPresets'
import { TEMPLATE_IDS } from '@shared/templateIds'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { client, tempWorkspace } from '../support/workspace'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

/** Six served models: the model under test, three released baselines, a base model on /v1/completions, the referee. */
const MODELS = ['simpsybot', 'mechat', 'soulchat', 'cpsycounx', 'base', 'deepseek', 'client']

function reply(request: ChatRequest): string {
  if (request.model === 'deepseek') return 'B'
  if (request.model === 'client') return '最近工作压力很大，晚上睡不着。'
  return `[${request.model}] 听起来你很辛苦，能多说一点吗？`
}

describe('the Interactive Agents (2024) preset', () => {
  it('calls every contestant, the referee and the client the way the release did', async () => {
    const mock = await startMockOpenAI({
      models: MODELS,
      reply,
      completion: () => ' 这种情况持续多久了？\n来访者：',
    })
    closers.push(mock.close)
    ws = tempWorkspace({
      gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 } }),
    })
    const app = ws.open()
    const api = client(app)
    const ids: Record<string, string> = {}
    for (const model of MODELS)
      ids[model] = (await api.saveEndpoint({ name: model, baseURL: mock.baseURL, model, maxConcurrency: 8 })).id
    for (let i = 0; i < 2; i++)
      await api.createRoleCard({ language: 'zh', name: `卡片${i}`, pool: 'test', complaint: { body: `问题 ${i}` } })

    const adapted = (name: string, model: string, adapter: ReleasedAdapterId) =>
      withAdapter(
        {
          name,
          endpointId: ids[model],
          prompt: { kind: 'template' as const, templateId: TEMPLATE_IDS.counselor },
          temperature: null,
          topP: null,
          maxTokens: null,
        },
        adapter,
      )
    const p = INTERACTIVE_AGENTS_PRESET
    const contestants = [
      adapted('simpsybot_D', 'simpsybot', 'simpsybot-d'),
      adapted('MeChat', 'mechat', 'mechat'),
      adapted('SoulChat', 'soulchat', 'soulchat'),
      adapted('CPsyCounX', 'cpsycounx', 'cpsycounx'),
      {
        name: 'Base',
        endpointId: ids.base,
        prompt: { kind: 'template' as const, templateId: TEMPLATE_IDS.counselor },
        temperature: 0.7,
        topP: 0.9,
        maxTokens: 64,
        method: { kind: 'completions' as const },
      },
    ]
    const config: ArenaConfigInput = {
      contestants,
      k: p.k,
      focal: contestants[0].name,
      dialoguesPerCombination: 1,
      maxTurns: 2,
      client: { endpointId: ids.client, templateId: TEMPLATE_IDS.client, maxTokens: p.clientMaxTokens },
      referee: { kind: 'llm', endpointId: ids.deepseek, ...p.referee },
      concurrency: 3,
    }
    const started = await api.startArena({ name: 'IA 2024', config })
    await app.arena.waitFor(started.id)
    const arena = await api.getArena({ id: started.id })
    expect(arena.status).toBe('completed')

    // Focal match-making: 1 + 2 of the 4 others = 6 combinations, the model under test in every one.
    expect(arena.dialogues.total).toBe(6)
    const { items } = await api.listArenaDialogues({ arenaId: started.id })
    const combos = items.map((d) => d.contestants)
    for (const c of combos) {
      expect(c).toHaveLength(3)
      expect(c).toContain('simpsybot_D')
    }
    expect(new Set(combos.map((c) => [...c].sort().join(','))).size).toBe(6)

    const to = (model: string) => mock.requests.filter((r) => r.model === model)
    // MeChat: one user message, the flattened labelled transcript inside the wrapper, temperature 0.8, top_p 0.8.
    expect(to('mechat').length).toBeGreaterThan(0)
    for (const r of to('mechat')) {
      expect(r.messages).toHaveLength(1)
      expect(r.messages[0].role).toBe('user')
      const text = r.messages[0].content
      expect(text).toMatch(/^下面是一段心理咨询对话。/)
      expect(text).toMatch(/\n来访者：你好/)
      expect(r).toMatchObject({ temperature: 0.8, top_p: 0.8 })
    }
    // SoulChat: 用户：/心理咨询师： labels, the cue last, temperature 0.95, top_p 0.75.
    for (const r of to('soulchat')) {
      expect(r.messages).toHaveLength(1)
      const lines = r.messages[0].content.split('\n')
      expect(lines[0]).toBe('用户：你好')
      expect(lines.at(-1)).toBe('心理咨询师：')
      expect(lines.slice(0, -1).every((l) => /^(用户|心理咨询师)：./.test(l))).toBe(true)
      expect(r).toMatchObject({ temperature: 0.95, top_p: 0.75 })
    }
    // CPsyCounX: 来访者：/心理咨询师： lines, cue 咨询师：; a later turn shows the chosen counselor line.
    const cpsy = to('cpsycounx')
    for (const r of cpsy) {
      const lines = r.messages[0].content.split('\n')
      expect(r.messages).toHaveLength(1)
      expect(lines.at(-1)).toBe('咨询师：')
      expect(lines.slice(0, -1).every((l) => /^(来访者|心理咨询师)：./.test(l))).toBe(true)
    }
    expect(cpsy.some((r) => r.messages[0].content.includes('\n心理咨询师：['))).toBe(true)
    // The model under test: chat messages with the counselor system prompt, 100 new tokens.
    for (const r of to('simpsybot')) {
      expect(r.messages[0].role).toBe('system')
      expect(r.messages.slice(1).map((m) => m.role)).toEqual(
        r.messages.slice(1).map((_, i) => (i % 2 === 0 ? 'user' : 'assistant')),
      )
      expect(r.max_tokens).toBe(100)
    }
    // The completions contestant: a raw prompt on /v1/completions with its own sampling, stopped at the client label.
    const base = mock.completions.filter((r) => r.model === 'base')
    expect(base.length).toBeGreaterThan(0)
    for (const r of base) {
      expect(r.prompt).toMatch(/^来访者：你好\n/)
      expect(r.prompt.endsWith('\n咨询师：')).toBe(true)
      expect(r).toMatchObject({ temperature: 0.7, top_p: 0.9, max_tokens: 64, stop: ['\n来访者：'] })
    }
    expect(to('base')).toHaveLength(0)
    // The referee: one system message with the instruction, the 来访者：/咨询师： transcript, lettered candidates and
    // the bare-letter request; temperature 1.0, 10 tokens.
    const referee = to('deepseek')
    expect(referee).toHaveLength(arena.turns)
    for (const r of referee) {
      expect(r.messages).toHaveLength(1)
      expect(r.messages[0].role).toBe('system')
      const text = r.messages[0].content
      expect(text).toMatch(/\n来访者：你好\n/)
      expect(text).toMatch(/回复：\nA\. .+\nB\. .+\nC\. .+\n\n/)
      expect(text).toContain('只回答一个字母')
      expect(r).toMatchObject({ temperature: 1, max_tokens: 10 })
    }
    // The simulated client: 100 tokens.
    expect(to('client').length).toBeGreaterThan(0)
    for (const r of to('client')) expect(r.max_tokens).toBe(100)

    // Bare letters were read: every turn decided, none failed; the completion is logged like any call.
    expect(arena.refereeFailures).toBe(0)
    const d = await api.getArenaDialogue({ id: items[0].id })
    for (const turn of d.turns) expect(turn.refereeStatus).toBe('ok')
    const logged = app.db
      .prepare("SELECT request, response FROM llm_calls WHERE purpose = 'completions.counselor'")
      .all() as { request: string; response: string }[]
    expect(logged).toHaveLength(base.length)
    expect(JSON.parse(logged[0].request)).toMatchObject({
      prompt: base[0].prompt,
      stop: ['\n来访者：'],
      max_tokens: 64,
    })
    expect(logged[0].response).toBe(' 这种情况持续多久了？')
  })

  it('refuses a wrapper without {{transcript}} and an unknown focal contestant, saying where, starting nothing', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const endpoint = await api.saveEndpoint({ name: 'm', baseURL: 'http://127.0.0.1:9/v1', model: 'm' })
    await api.createRoleCard({ language: 'zh', name: '卡片', pool: 'test', complaint: { body: '问题' } })
    const contestant = (name: string) => ({
      name,
      endpointId: endpoint.id,
      prompt: { kind: 'template' as const, templateId: TEMPLATE_IDS.counselor },
    })
    const config = (over: Partial<ArenaConfigInput>): ArenaConfigInput => ({
      contestants: [contestant('A'), contestant('B')],
      client: { endpointId: endpoint.id, templateId: TEMPLATE_IDS.client },
      referee: { kind: 'llm', endpointId: endpoint.id },
      ...over,
    })
    await expect(
      api.startArena({
        name: 'x',
        config: config({
          contestants: [contestant('A'), { ...contestant('B'), method: { kind: 'transcript', wrapper: '请回复。' } }],
        }),
      }),
    ).rejects.toThrow(/contestants\.1\.method\.wrapper.*\{\{transcript\}\} placeholder/)
    await expect(api.startArena({ name: 'x', config: config({ focal: 'C' }) })).rejects.toThrow(
      /focal.*"C" is not one of the contestants \(A, B\)/,
    )
    expect(await api.listArenas()).toEqual([])
  })
})
