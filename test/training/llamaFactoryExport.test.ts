import { describe, expect, it } from 'vitest'
import type { DialogueDetail, Message, Speaker } from '@shared/dialogue'
import { RoleCardSchema } from '@shared/roleCard'
import { buildTrainingExport, defaultSystemPrompt } from '../../src/main/training/llamaFactoryExport'

const SYSTEM = 'You are a counselor.'

function dialogue(
  id: string,
  lines: [Speaker, string][],
  extra: Partial<DialogueDetail> & { pool?: string } = {},
): DialogueDetail {
  const { pool, ...rest } = extra
  const messages: Message[] = lines.map(([speaker, content], index) => ({
    id: index,
    dialogueId: id,
    index,
    speaker,
    content,
    model: null,
    latencyMs: null,
    promptTokens: null,
    completionTokens: null,
    flagged: false,
    rejected: [],
    trace: null,
    createdAt: '',
  }))
  const roleCard =
    pool === undefined
      ? null
      : RoleCardSchema.parse({
          id: `card-${id}`,
          language: 'en',
          complaint: { body: 'x' },
          pool,
          createdAt: '',
          updatedAt: '',
        })
  return {
    id,
    datasetId: 'ds',
    runId: null,
    caseId: null,
    sessionIndex: null,
    sessionSummary: null,
    sessions: [],
    position: 0,
    excerpt: '',
    roleCardId: roleCard?.id ?? null,
    sample: 0,
    language: 'en',
    status: 'completed',
    endReason: { kind: 'keyword', keyword: 'bye', turn: 2 },
    turns: lines.filter(([s]) => s === 'counselor').length,
    messageCount: lines.length,
    chars: 0,
    flagged: false,
    title: '',
    tags: [],
    promptTokens: 0,
    completionTokens: 0,
    updatedAt: '',
    roleCard,
    systemPrompt: SYSTEM,
    messages,
    meta: {},
    ...rest,
  }
}

const two = (id: string, extra: Partial<DialogueDetail> & { pool?: string } = {}) =>
  dialogue(
    id,
    [
      ['client', `hi ${id}`],
      ['counselor', `hello ${id}`],
      ['client', `sad ${id}`],
      ['counselor', `why ${id}`],
    ],
    extra,
  )

describe('buildTrainingExport layout', () => {
  it('writes system first, user/assistant alternating, ending on assistant (trailing client dropped)', () => {
    const d = dialogue('a', [
      ['client', 'hi'],
      ['counselor', 'hello'],
      ['client', 'I feel low'],
      ['counselor', 'Tell me more'],
      ['client', 'bye'],
    ])
    const out = buildTrainingExport([d], { systemPrompt: SYSTEM })
    expect(out.train).toEqual([
      {
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello' },
          { role: 'user', content: 'I feel low' },
          { role: 'assistant', content: 'Tell me more' },
        ],
      },
    ])
    expect(out.validation).toEqual([])
    expect(out.summary).toMatchObject({
      dialogues: 1,
      samples: 1,
      trainSamples: 1,
      validationSamples: 0,
      counselorTurns: 2,
    })
    // (20 + 2 + 5 + 10 + 12 chars) / 4 for en
    expect(out.summary.estimatedTokens).toBe(Math.ceil(49 / 4))
  })

  it('writes the dataset_info entry exactly', () => {
    const out = buildTrainingExport([two('a')], { systemPrompt: SYSTEM, datasetName: 'simpsy_sft' })
    expect(out.datasetInfo).toEqual({
      simpsy_sft: {
        file_name: 'data.json',
        formatting: 'sharegpt',
        columns: { messages: 'messages' },
        tags: {
          role_tag: 'role',
          content_tag: 'content',
          user_tag: 'user',
          assistant_tag: 'assistant',
          system_tag: 'system',
        },
      },
    })
  })

  it('writes classic ShareGPT on request', () => {
    const out = buildTrainingExport([two('a')], { systemPrompt: SYSTEM, layout: 'sharegpt', datasetName: 'x' })
    expect(out.train).toEqual([
      {
        system: SYSTEM,
        conversations: [
          { from: 'human', value: 'hi a' },
          { from: 'gpt', value: 'hello a' },
          { from: 'human', value: 'sad a' },
          { from: 'gpt', value: 'why a' },
        ],
      },
    ])
    expect(out.datasetInfo).toEqual({
      x: { file_name: 'data.json', formatting: 'sharegpt', columns: { messages: 'conversations', system: 'system' } },
    })
  })

  it('omits the system message when the chosen prompt is null, and defaultSystemPrompt finds the shared one', () => {
    expect(buildTrainingExport([two('a')], { systemPrompt: null }).train[0]).toEqual({
      messages: expect.not.arrayContaining([expect.objectContaining({ role: 'system' })]),
    })
    expect(defaultSystemPrompt([two('a'), two('b')])).toBe(SYSTEM)
    expect(defaultSystemPrompt([two('a'), two('b', { systemPrompt: 'other' })])).toBeNull()
    expect(defaultSystemPrompt([two('a'), two('b', { systemPrompt: null })])).toBeNull()
    expect(defaultSystemPrompt([])).toBeNull()
  })
})

describe('per-turn split', () => {
  it('gives one sample per counselor turn, each the history up to that reply', () => {
    const out = buildTrainingExport([two('a')], { systemPrompt: SYSTEM, perTurnSplit: true })
    const contents = (out.train as { messages: { content: string }[] }[]).map((s) => s.messages.map((m) => m.content))
    expect(contents).toEqual([
      [SYSTEM, 'hi a', 'hello a'],
      [SYSTEM, 'hi a', 'hello a', 'sad a', 'why a'],
    ])
    expect(out.summary).toMatchObject({ dialogues: 1, samples: 2, counselorTurns: 2 })
  })
})

describe('filters', () => {
  const cases: [string, DialogueDetail, Parameters<typeof buildTrainingExport>[1]][] = [
    ['incomplete', two('x', { status: 'failed' }), { systemPrompt: SYSTEM }],
    ['flagged', two('x', { flagged: true }), { systemPrompt: SYSTEM }],
    ['language', two('x', { language: 'zh' }), { systemPrompt: SYSTEM, language: 'en' }],
    ['pool', two('x', { pool: 'test' }), { systemPrompt: SYSTEM, pools: ['train'] }],
    ['min_turns', two('x', { turns: 1 }), { systemPrompt: SYSTEM, minTurns: 2 }],
    ['no_counselor_turn', dialogue('x', [['client', 'hi']]), { systemPrompt: SYSTEM }],
    [
      'not_alternating',
      dialogue('x', [
        ['counselor', 'welcome'],
        ['client', 'hi'],
        ['counselor', 'hello'],
      ]),
      { systemPrompt: SYSTEM },
    ],
  ]
  it.each(cases)('drops a dialogue for %s and counts it', (reason, bad, options) => {
    const out = buildTrainingExport([two('ok', { pool: 'train' }), bad], options)
    expect(out.summary.filtered).toEqual({ [reason]: 1 })
    expect(out.summary.dialogues).toBe(1)
    expect(out.train).toHaveLength(1)
  })

  it('drops a dialogue with a flagged message, and keeps flagged/incomplete ones when asked', () => {
    const d = two('x')
    d.messages[1].flagged = true
    expect(buildTrainingExport([d], { systemPrompt: SYSTEM }).summary.filtered).toEqual({ flagged: 1 })
    const loose = buildTrainingExport([d, two('y', { status: 'cancelled' })], {
      systemPrompt: SYSTEM,
      excludeFlagged: false,
      onlyComplete: false,
    })
    expect(loose.summary).toMatchObject({ dialogues: 2, filtered: {} })
  })

  it('dedupes identical message sequences unless asked not to', () => {
    const dupes = [two('a'), two('a'), two('b')]
    expect(buildTrainingExport(dupes, { systemPrompt: SYSTEM }).summary).toMatchObject({
      samples: 2,
      filtered: { duplicate: 1 },
    })
    expect(buildTrainingExport(dupes, { systemPrompt: SYSTEM, dedupe: false }).summary).toMatchObject({
      samples: 3,
      filtered: {},
    })
    // Per turn, a shared opening exchange is one sample.
    const shared = [
      two('a'),
      dialogue('b', [
        ['client', 'hi a'],
        ['counselor', 'hello a'],
        ['client', 'other'],
        ['counselor', 'ok'],
      ]),
    ]
    expect(buildTrainingExport(shared, { systemPrompt: SYSTEM, perTurnSplit: true }).summary).toMatchObject({
      samples: 3,
      filtered: { duplicate: 1 },
    })
  })
})

describe('validation split', () => {
  const many = Array.from({ length: 40 }, (_, i) => two(`d${i}`))
  const ids = (samples: object[]) =>
    (samples as { messages: { content: string }[] }[]).map((s) => s.messages[1].content)

  it('holds out nothing by default', () => {
    const out = buildTrainingExport(many, { systemPrompt: SYSTEM })
    expect(out.summary).toMatchObject({ trainSamples: 40, validationSamples: 0 })
    expect(Object.keys(out.datasetInfo)).toEqual(['simpsy'])
  })

  it('is deterministic for a seed, sized by the share, and keeps a dialogue on one side', () => {
    const options = { systemPrompt: SYSTEM, validationShare: 0.25, seed: 7, perTurnSplit: true }
    const a = buildTrainingExport(many, options)
    const b = buildTrainingExport(many, options)
    expect(ids(a.validation)).toEqual(ids(b.validation))
    expect(a.summary).toMatchObject({ dialogues: 40, validationSamples: 20, trainSamples: 60 })
    const trainIds = new Set(ids(a.train))
    expect(ids(a.validation).some((id) => trainIds.has(id))).toBe(false)
    expect(ids(buildTrainingExport(many, { ...options, seed: 8 }).validation)).not.toEqual(ids(a.validation))
    expect(a.datasetInfo).toMatchObject({ simpsy_validation: { file_name: 'validation.json' } })
  })

  it('holds out at least one dialogue for a tiny share, and rejects shares above 0.5', () => {
    expect(buildTrainingExport(many, { systemPrompt: SYSTEM, validationShare: 0.001 }).summary.validationSamples).toBe(
      1,
    )
    expect(() => buildTrainingExport(many, { systemPrompt: SYSTEM, validationShare: 0.6 })).toThrow(/validationShare/)
  })
})

describe('seed-context samples', () => {
  it('writes Chinese sessions with Chinese labels, one sample per counselor turn', () => {
    const card = RoleCardSchema.parse({
      id: 'card-zh',
      language: 'zh',
      complaint: { body: '我总担心配错药。' },
      seed: {
        clientInformation: '姓名：李华',
        reasonForCounseling: '加班太多。',
        counselorOpening: '',
        clientOpening: '',
      },
      createdAt: '',
      updatedAt: '',
    })
    const d = dialogue(
      'zh',
      [
        ['counselor', '你好，今天想聊什么？'],
        ['client', '我总担心配错药。'],
        ['counselor', '这种担心什么时候开始的？'],
        ['client', '去年。'],
      ],
      { language: 'zh', roleCard: card, systemPrompt: null },
    )
    const out = buildTrainingExport([d], { systemPrompt: null, sampleStyle: 'seed-context' })
    expect(out.train).toHaveLength(2)
    expect(out.train[1]).toEqual({
      instruction: expect.stringContaining('认知行为疗法'),
      input:
        '来访者信息：\n姓名：李华\n\n咨询原因：\n加班太多。\n\n咨询对话：\n咨询师：你好，今天想聊什么？\n来访者：我总担心配错药。',
      output: '这种担心什么时候开始的？',
    })
    expect(out.summary).toMatchObject({
      dialogues: 1,
      samples: 2,
      counselorTurns: 2,
      seedContext: { seed: 1, derived: 0, none: 0 },
    })
  })
})
