import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { DATASET_FORMATS, type DatasetFormat, type DialogueDetail, type Message } from '@shared/dialogue'
import { RoleCardSchema, type RoleCard } from '@shared/roleCard'
import { describe, expect, it } from 'vitest'
import { parseDatasetFile, type ImportedDialogue } from '../../src/main/datasets/parseDataset'
import { serializeDataset } from '../../src/main/datasets/serializeDataset'

const STAMP = '2024-06-01T12:00:00.000Z'

function message(speaker: Message['speaker'], content: string, extra: Partial<Message> = {}): Message {
  return {
    id: 0,
    dialogueId: '',
    index: 0,
    speaker,
    content,
    model: null,
    latencyMs: null,
    promptTokens: null,
    completionTokens: null,
    flagged: false,
    rejected: [],
    trace: null,
    createdAt: STAMP,
    ...extra,
  }
}

function detail(id: string, messages: Message[], extra: Partial<DialogueDetail> = {}): DialogueDetail {
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
    roleCardId: null,
    sample: 0,
    language: 'en',
    status: 'completed',
    endReason: { kind: 'imported' },
    turns: 0,
    messageCount: messages.length,
    chars: 0,
    flagged: false,
    title: '',
    tags: [],
    promptTokens: 0,
    completionTokens: 0,
    updatedAt: STAMP,
    roleCard: null,
    systemPrompt: null,
    messages: messages.map((m, index) => ({ ...m, index, dialogueId: id })),
    meta: {},
    ...extra,
  }
}

const workbenchCard: RoleCard = RoleCardSchema.parse({
  id: 'card-7',
  language: 'en',
  name: 'Ann-Marie "Annie" O\'Neil',
  gender: 'female',
  age: 41,
  education: 'MSc, Chemistry',
  occupation: 'Lab technician',
  maritalStatus: 'Married',
  family: 'Husband; two daughters (9 and 12)',
  bigFive: { neuroticism: { level: 'high', description: 'Worries a lot.' } },
  resistance: { level: 'somewhat_high', description: 'Doubts that talking helps.' },
  complaint: {
    title: 'A title the intake form cannot carry',
    body: 'I freeze when my manager checks my work.\nIt started after a failed audit.\n\nMy husband asked me to get help.\n\nPast history:\nNone.\n\nSocial support:\nMy sister, sometimes.',
  },
  tags: ['anxiety'],
  createdAt: STAMP,
  updatedAt: STAMP,
})

const chineseCard: RoleCard = RoleCardSchema.parse({
  id: 'card-zh',
  language: 'zh',
  name: '李华',
  gender: '女',
  age: 23,
  occupation: '研究生',
  complaint: {
    title: '论文压力',
    body: '我的毕业论文进展很慢，导师每周都催我，我晚上经常睡不着，白天也没有精神，越来越担心自己毕不了业。',
  },
  resistance: { level: 'low', description: '' },
  createdAt: STAMP,
  updatedAt: STAMP,
})

const dialogues: DialogueDetail[] = [
  detail(
    'd-1',
    [
      message('client', 'I freeze when my manager checks my work.'),
      message('counselor', 'What goes through your mind then?\nTake your time.'),
      message('client', '  "Everything", with quotes, a tab\tand a backslash \\  '),
      message('client', 'And one more thing.'),
      message('counselor', 'Let us slow down. 🙂'),
    ],
    {
      systemPrompt: 'You are a CBT counselor.',
      roleCard: workbenchCard,
      meta: { cbt_technique: 'Decatastrophizing', cbt_plan: '1. Rapport\n2. Plan' },
    },
  ),
  detail(
    'd-2',
    [
      message('counselor', '你好，今天想聊些什么？'),
      message('client', '我的论文写不下去了。'),
      message('counselor', '能多说一点吗？'),
    ],
    { language: 'zh', roleCard: chineseCard },
  ),
]

function reimport(format: DatasetFormat, input = dialogues, systemPrompt?: string) {
  const file = serializeDataset(input, format, { systemPrompt })
  const bytes = typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content
  const parsed = parseDatasetFile(`export.${file.extension}`, bytes)
  expect(parsed.errors).toEqual([])
  expect(parsed.format).toBe(format)
  return parsed.dialogues
}

const speakersAndContent = (d: { messages: { speaker: string; content: string }[] }) =>
  d.messages.map((m) => [m.speaker, m.content])

/** The profile an intake form carries; multi-line values and the title are not carried. */
function intakeFields(card: RoleCard | ImportedDialogue['roleCard']) {
  const { name, age, gender, occupation, education, maritalStatus, family, complaint, resistance } = card!
  return {
    name,
    age,
    gender,
    occupation,
    education,
    maritalStatus,
    family,
    body: complaint.body,
    resistanceDescription: resistance.description,
  }
}

describe('export then import', () => {
  it.each(DATASET_FORMATS)('keeps messages and speakers in %s', (format) => {
    const back = reimport(format)
    expect(back.map(speakersAndContent)).toEqual(dialogues.map(speakersAndContent))
    expect(back.map((d) => d.language)).toEqual(['en', 'zh'])
  })

  it.each(['openai', 'sharegpt', 'jsonl'] as const)(
    'keeps the system prompt in %s, falling back to the export option',
    (format) => {
      expect(reimport(format).map((d) => d.systemPrompt)).toEqual(['You are a CBT counselor.', null])
      expect(reimport(format, dialogues, 'Default prompt').map((d) => d.systemPrompt)).toEqual([
        'You are a CBT counselor.',
        format === 'jsonl' ? null : 'Default prompt',
      ])
    },
  )

  it('writes OpenAI files with the system message first and no system message when there is no prompt', () => {
    const file = serializeDataset(dialogues, 'openai')
    const records = JSON.parse(file.content as string)
    expect(file).toMatchObject({ mimeType: 'application/json', extension: 'json' })
    expect(records[0].messages[0]).toEqual({ role: 'system', content: 'You are a CBT counselor.' })
    expect(records[1].messages.map((m: { role: string }) => m.role)).toEqual(['assistant', 'user', 'assistant'])
  })

  it.each(['sharegpt', 'smile', 'magnet', 'jsonl'] as const)('keeps dialogue ids as external ids in %s', (format) => {
    expect(reimport(format).map((d) => d.externalId)).toEqual(['d-1', 'd-2'])
  })

  it('writes the id from the imported source (meta.externalId) where the format has ids, except in its own JSONL', () => {
    const imported = dialogues.map((d, i) => ({ ...d, meta: { ...d.meta, externalId: `src-${i}` } }))
    for (const format of ['sharegpt', 'smile', 'magnet'] as const) {
      expect(reimport(format, imported).map((d) => d.externalId)).toEqual(['src-0', 'src-1'])
    }
    expect(reimport('jsonl', imported).map((d) => d.externalId)).toEqual(['d-1', 'd-2'])
  })

  it('carries the client profile, complaint, attitude and CBT plan through a MAGneT zip', () => {
    const file = serializeDataset(dialogues, 'magnet')
    expect(file).toMatchObject({ mimeType: 'application/zip', extension: 'zip' })
    const [english, chinese] = reimport('magnet')
    expect(intakeFields(english.roleCard)).toEqual(intakeFields(workbenchCard))
    expect(intakeFields(chinese.roleCard)).toEqual({
      ...intakeFields(chineseCard),
      occupation: '研究生',
      education: 'Not specified',
      maritalStatus: 'Not specified',
      family: 'Not specified',
    })
    // The intake form knows three attitudes: somewhat_high resistance is written as "negative", read back as high.
    expect(english.roleCard!.resistance.level).toBe('high')
    expect(chinese.roleCard!.resistance.level).toBe('low')
    expect(chinese.roleCard!.language).toBe('zh')
    expect(english.meta).toMatchObject({
      cbt_technique: 'Decatastrophizing',
      cbt_plan: '1. Rapport\n2. Plan',
      attitude: 'negative',
    })
  })

  it('gives back exactly the card a MAGneT session produced when that card is exported to MAGneT again', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../fixtures/datasets/magnet.zip'))
    const imported = parseDatasetFile('magnet.zip', source).dialogues
    const asDetails = imported.map((d, i) =>
      detail(
        `session_${i + 1}`,
        d.messages.map((m) => message(m.speaker, m.content)),
        {
          roleCard: RoleCardSchema.parse({ ...d.roleCard, id: `c${i}`, createdAt: STAMP, updatedAt: STAMP }),
          meta: d.meta,
        },
      ),
    )
    const again = reimport('magnet', asDetails)
    expect(again.map((d) => ({ ...d.roleCard, provenance: '' }))).toEqual(
      imported.map((d) => ({ ...d.roleCard, provenance: '' })),
    )
    expect(again.map((d) => d.meta.cbt_plan)).toEqual(imported.map((d) => d.meta.cbt_plan))
  })

  it("is lossless for the workbench's own JSONL: importing and exporting again gives the same file", () => {
    const rich = detail(
      'd-3',
      [
        message('counselor', 'Hello.', { model: 'm1', latencyMs: 0, promptTokens: 10, completionTokens: 2 }),
        message('client', '', { flagged: true, rejected: [{ content: '', reasons: ['empty reply'] }] }),
        message('counselor', 'Take your time.', { model: 'm1' }),
        message('client', 'OK.'),
      ],
      { status: 'failed', endReason: { kind: 'error', message: 'boom' }, meta: { nested: { a: [1, null, 'x'] } } },
    )
    const input = [...dialogues, rich, detail('d-4', [], { status: 'cancelled', endReason: { kind: 'cancelled' } })]
    const first = serializeDataset(input, 'jsonl').content as string
    const back = reimport('jsonl', input)
    const rebuilt = back.map((d) =>
      detail(
        d.externalId!,
        d.messages.map((m) => message(m.speaker, m.content, { ...m })),
        {
          language: d.language,
          status: d.status,
          endReason: d.endReason,
          systemPrompt: d.systemPrompt,
          roleCard: d.roleCard ? RoleCardSchema.parse(d.roleCard) : null,
          meta: d.meta,
        },
      ),
    )
    expect(serializeDataset(rebuilt, 'jsonl').content).toBe(first)
    expect(back[0].roleCard).toEqual(workbenchCard)
    expect(back[2].messages[1]).toEqual({
      speaker: 'client',
      content: '',
      flagged: true,
      rejected: [{ content: '', reasons: ['empty reply'] }],
    })
    expect(back[2].messages[0]).toEqual({
      speaker: 'counselor',
      content: 'Hello.',
      model: 'm1',
      latencyMs: 0,
      promptTokens: 10,
      completionTokens: 2,
    })
  })
})

describe('counselor methods in exports', () => {
  const trace = {
    method: 'magnet',
    steps: [
      {
        agent: 'reflection',
        content: 'It sounds heavy.',
        model: 'm',
        latencyMs: 12,
        promptTokens: 30,
        completionTokens: 5,
      },
      {
        agent: 'technique',
        content: 'reflection, questioning',
        model: 'm',
        latencyMs: 8,
        promptTokens: 40,
        completionTokens: 4,
        parsed: ['reflection', 'questioning'],
      },
      {
        agent: 'composer',
        content: 'It sounds heavy. What happened?',
        model: null,
        latencyMs: null,
        promptTokens: null,
        completionTokens: null,
      },
    ],
    note: 'a field from a newer method',
  }
  const traced = detail(
    'd-t',
    [
      message('counselor', 'Hello, what brings you here?'),
      message('client', 'Work.'),
      message('counselor', 'It sounds heavy. What happened?', { trace }),
      message('client', 'I feel better now.', { trace: { endToken: { token: '[/END]', counted: true } } }),
    ],
    { endReason: { kind: 'end_token', token: '[/END]', turn: 2 } },
  )

  it("keeps each message's trace and an end-token ending in the workbench JSONL", () => {
    const [back] = reimport('jsonl', [traced])
    expect(back.messages.map((m) => m.trace ?? null)).toEqual([null, null, trace, traced.messages[3].trace])
    expect(back.endReason).toEqual({ kind: 'end_token', token: '[/END]', turn: 2 })
  })

  it("keeps a dynamic client's state on its replies and the card's withheld facts and resistance", () => {
    const clientState = {
      trust: 4.5,
      emotion: 6,
      stage: 'contemplation' as const,
      how: 'judge' as const,
      resistance: 'minimising' as const,
      disclosed: 1,
    }
    const card = RoleCardSchema.parse({
      ...workbenchCard,
      withheld: [{ text: 'I lost my job', threshold: 4 }],
      resistanceBehaviours: [{ behaviour: 'minimising', frequency: 0.5 }],
    })
    const dynamic = detail(
      'd-dyn',
      [
        message('client', 'Hi.'),
        message('counselor', 'What brings you?'),
        message('client', 'Work.', { trace: { method: 'dynamic', clientState } }),
      ],
      { roleCard: card },
    )
    const [back] = reimport('jsonl', [dynamic])
    expect(back.messages[2].trace).toEqual({ method: 'dynamic', clientState })
    expect(back.roleCard).toMatchObject({ withheld: card.withheld, resistanceBehaviours: card.resistanceBehaviours })

    const broken = serializeDataset(
      [
        {
          ...dynamic,
          messages: [
            dynamic.messages[0],
            dynamic.messages[1],
            { ...dynamic.messages[2], trace: { clientState: { ...clientState, trust: 'high' } } } as unknown as Message,
          ],
        },
      ],
      'jsonl',
      {},
    )
    const parsed = parseDatasetFile('broken.jsonl', new TextEncoder().encode(broken.content as string))
    expect(parsed.dialogues).toEqual([])
    expect(parsed.errors.map((e) => e.field)).toEqual(['messages[2].trace.clientState.trust'])
  })

  it("carries the card's attitude and seed through a MAGneT zip, and marks the counselor's opening", () => {
    const seeded = RoleCardSchema.parse({
      ...workbenchCard,
      attitude: { label: 'negative', instruction: 'Answers in few words and doubts the method.' },
      seed: {
        clientInformation: 'Name:\nAnn\nAge:\n41',
        reasonForCounseling: 'My husband asked me to get help.',
        counselorOpening: 'Hello, what brings you here?',
        clientOpening: 'Work.',
      },
    })
    const [back] = reimport('magnet', [{ ...traced, roleCard: seeded }])
    expect(back.roleCard!.attitude).toEqual(seeded.attitude)
    expect(back.roleCard!.seed).toEqual(seeded.seed)
    // The release has one instruction: the importer gives it to the resistance description too.
    expect(back.roleCard!.resistance).toEqual({ level: 'high', description: seeded.attitude!.instruction })
    expect(back.meta).toMatchObject({ opening: 'seed', attitude: 'negative' })
  })
})
