import { afterEach, describe, expect, it } from 'vitest'
import { counselorConfigFor, type CounselorConfig } from '@shared/counselors'
import { MAGNET_SPECIALISTS } from '@shared/counselors/magnet'
import type { SimulationConfigInput } from '@shared/simulation'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { client, tempWorkspace } from '../support/workspace'
import { startMockOpenAI, type ChatRequest, type MockOptions } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'
import { methodScript, methodTemplateOf, PLAN_TEXT, requestText, type MethodScript } from '../support/methodScript'

let ws: ReturnType<typeof tempWorkspace> | undefined
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  ws = undefined
  for (const close of closers.splice(0)) await close()
})

const SEED = {
  clientInformation: 'CI-MARK Anna, 21, student',
  reasonForCounseling: 'REASON-MARK cannot sleep before exams',
  counselorOpening: 'SEED-COUNSELOR Hi Anna, what brings you here today?',
  clientOpening: 'SEED-CLIENT I keep lying awake before exams.',
}

async function setup(script: Partial<MethodScript> = {}, mockOptions: MockOptions = {}) {
  const reply = methodScript({ fallback: scriptedCounseling(), ...script })
  const mock = await startMockOpenAI({ reply, ...mockOptions })
  closers.push(mock.close)
  ws = tempWorkspace({
    gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 10 } }),
  })
  const app = ws.open()
  const api = client(app)
  const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'm', maxConcurrency: 32 })
  await api.createRoleCard({
    language: 'en',
    name: 'Anna',
    complaint: { title: 'Exam worry', body: 'COMPLAINT-BODY I cannot sleep.' },
    attitude: { label: 'neutral', instruction: 'Answer plainly.' },
    seed: SEED,
  })
  const defaults = await api.simulationDefaults()
  /** Runs the one card with this counselor to its end; returns the dialogue and the requests by template id. */
  async function run(counselor: Partial<CounselorConfig> & { kind: CounselorConfig['kind'] }, extra = {}) {
    const config: SimulationConfigInput = {
      ...defaults,
      client: { ...defaults.client, endpointId: endpoint.id },
      counselor: {
        ...counselorConfigFor(counselor.kind, { endpointId: endpoint.id }),
        ...counselor,
      } as CounselorConfig,
      maxTurns: 2,
      ...extra,
    }
    const started = await api.startRun({ name: counselor.kind, cards: { query: {} }, config })
    await app.runner.waitFor(started.id)
    const [summary] = (await api.listDialogues({ runId: started.id })).items
    const dialogue = await api.getDialogue({ id: summary.id })
    const by = (id: string) => mock.requests.filter((r) => methodTemplateOf(r) === id)
    return { dialogue, by, run: await api.getRun({ id: started.id }) }
  }
  return { app, api, mock, endpoint, run, defaults }
}

const texts = (requests: ChatRequest[]) => requests.map(requestText)
const SPECIALIST_IDS = MAGNET_SPECIALISTS.map((s) => `magnet.${s}`)

describe('MAGneT counselor', () => {
  it('makes 7 calls a turn and 1 plan call a session, each agent seeing exactly its inputs', async () => {
    const { run } = await setup()
    const { dialogue, by } = await run({ kind: 'magnet' })
    expect(dialogue.status).toBe('completed')

    expect(by('cbt.plan')).toHaveLength(1)
    for (const id of [...SPECIALIST_IDS, 'magnet.technique', 'magnet.composer']) expect(by(id)).toHaveLength(2)
    for (const id of ['magnet.technique-no-plan', 'magnet.composer-plan', 'magnet.composer-history'])
      expect(by(id)).toHaveLength(0)

    const [plan] = texts(by('cbt.plan'))
    expect(plan).toContain('CI-MARK')
    expect(plan).toContain('REASON-MARK')
    expect(plan).toContain('Client: Hello')
    expect(plan).toContain('- Systematic Exposure')

    for (const text of texts(SPECIALIST_IDS.flatMap(by))) {
      expect(text).toContain('CI-MARK')
      expect(text).toContain('REASON-MARK')
      expect(text).toContain('Client: Hello')
      expect(text).not.toContain('PLAN-STEPS')
      expect(text).not.toContain('Decatastrophizing')
      expect(text).not.toContain('DRAFT-')
    }
    // The second turn's history holds the first reply and the client's answer.
    expect(requestText(by('magnet.reflection')[1])).toMatch(
      /Client: Hello\nCounselor: COMPOSED What feels hardest right now\?\nClient: \[Anna\] client line 2/,
    )
    for (const text of texts(by('magnet.technique'))) {
      expect(text).toContain(PLAN_TEXT)
      expect(text).toContain('Decatastrophizing')
      expect(text).toContain('Client: Hello')
      expect(text).not.toMatch(/CI-MARK|REASON-MARK|DRAFT-/)
    }
    for (const text of texts(by('magnet.composer'))) {
      // Cleaned drafts: after the last "Counselor:", no line breaks or quotes.
      for (const s of ['Reflection', 'Questioning', 'Solutions', 'Normalization', 'Psycho-education'])
        expect(text).toMatch(new RegExp(`^${s}: DRAFT-\\w+ I hear you, really\\.$`, 'm'))
      expect(text).toContain('Techniques to use: Reflection, Questioning')
      expect(text).not.toMatch(/Client: |CI-MARK|REASON-MARK|PLAN-STEPS|Decatastrophizing|Here is my draft/)
    }
  })

  it.each([
    {
      ablation: 'no technique agent',
      settings: { techniqueAgent: false },
      perTurn: 6,
      plan: 1,
      technique: null,
      composer: 'magnet.composer-plan',
      composerSees: ['DRAFT-reflection', PLAN_TEXT, 'Decatastrophizing', 'Client: Hello'],
      composerNot: ['CI-MARK', 'REASON-MARK', 'Techniques to use'],
    },
    {
      ablation: 'no CBT plan',
      settings: { cbtPlan: false },
      perTurn: 7,
      plan: 0,
      technique: 'magnet.technique-no-plan',
      composer: 'magnet.composer',
      composerSees: ['DRAFT-reflection', 'Techniques to use: Reflection, Questioning'],
      composerNot: ['Client: ', 'CI-MARK', 'PLAN-STEPS'],
    },
    {
      ablation: 'neither',
      settings: { techniqueAgent: false, cbtPlan: false },
      perTurn: 6,
      plan: 0,
      technique: null,
      composer: 'magnet.composer-history',
      composerSees: ['DRAFT-reflection', 'Client: Hello'],
      composerNot: ['CI-MARK', 'PLAN-STEPS', 'Decatastrophizing', 'Techniques to use'],
    },
  ])('ablation $ablation: $perTurn calls a turn, $plan a session', async (c) => {
    const { run, mock } = await setup()
    const { dialogue, by } = await run({ kind: 'magnet', ...c.settings })
    expect(dialogue.status).toBe('completed')
    const methodCalls = mock.requests.filter((r) => methodTemplateOf(r) !== null)
    expect(methodCalls).toHaveLength(2 * c.perTurn + c.plan)
    expect(by('cbt.plan')).toHaveLength(c.plan)
    for (const id of SPECIALIST_IDS) {
      expect(by(id)).toHaveLength(2)
      for (const text of texts(by(id))) expect(text).not.toContain('PLAN-STEPS')
    }
    if (c.technique) {
      expect(by(c.technique)).toHaveLength(2)
      for (const text of texts(by(c.technique))) {
        expect(text).toContain('Client: Hello')
        expect(text).not.toMatch(/PLAN-STEPS|Decatastrophizing|CI-MARK|DRAFT-/)
      }
    }
    expect(by(c.composer)).toHaveLength(2)
    for (const text of texts(by(c.composer))) {
      for (const s of c.composerSees) expect(text).toContain(s)
      for (const s of c.composerNot) expect(text).not.toContain(s)
    }
    const steps = dialogue.messages.find((m) => m.speaker === 'counselor')!.trace!.steps!
    expect(steps.map((s) => s.agent)).toEqual([
      ...MAGNET_SPECIALISTS,
      ...(c.technique ? ['technique'] : []),
      'composer',
    ])
    expect('cbt_technique' in dialogue.meta).toBe(c.plan === 1)
  })

  it('runs the five specialists and the technique agent side by side, then the composer', async () => {
    // The six first-stage requests of a turn are answered only once all six have arrived (or after 5 s, when the
    // engine would have sent them one after another and the assertions below fail).
    const firstStage = new Set<string>([...SPECIALIST_IDS, 'magnet.technique'])
    let batch: (() => void)[] = []
    const hold = (request: ChatRequest) => {
      const id = methodTemplateOf(request)
      if (!id || !firstStage.has(id)) return null
      return new Promise<void>((resolve) => {
        if (batch.length === 0) {
          const mine = batch
          setTimeout(() => {
            mine.forEach((r) => r())
            if (batch === mine) batch = []
          }, 5000).unref()
        }
        batch.push(resolve)
        if (batch.length === firstStage.size) {
          batch.forEach((r) => r())
          batch = []
        }
      })
    }
    const { run, mock } = await setup({}, { hold })
    await run({ kind: 'magnet' })
    const span = (id: string, turn: number) => mock.spans.filter((s) => methodTemplateOf(s.request) === id)[turn]
    for (const turn of [0, 1]) {
      const six = [...SPECIALIST_IDS, 'magnet.technique'].map((id) => span(id, turn))
      const composer = span('magnet.composer', turn)
      const lastStart = Math.max(...six.map((s) => s.start))
      const firstEnd = Math.min(...six.map((s) => s.end!))
      const lastEnd = Math.max(...six.map((s) => s.end!))
      // All six were open at once, and the composer was asked only after every one of them had answered.
      expect(lastStart).toBeLessThan(firstEnd)
      expect(composer.start).toBeGreaterThan(lastEnd)
    }
  })

  it('stores every agent of a turn in the reply trace, and the plan and technique in the dialogue meta', async () => {
    const { run } = await setup()
    const { dialogue } = await run({ kind: 'magnet' })
    const replies = dialogue.messages.filter((m) => m.speaker === 'counselor')
    expect(replies).toHaveLength(2)
    for (const m of replies) {
      expect(m.content).toBe('COMPOSED What feels hardest right now?')
      expect(m.model).toBe('m')
      expect(m.promptTokens).toBe(70)
      expect(m.completionTokens).toBe(35)
      expect(m.trace!.method).toBe('magnet')
      const steps = m.trace!.steps!
      expect(steps.map((s) => s.agent)).toEqual([...MAGNET_SPECIALISTS, 'technique', 'composer'])
      for (const [i, s] of MAGNET_SPECIALISTS.entries())
        expect(steps[i]).toMatchObject({ content: `DRAFT-${s} I hear you, really.`, model: 'm' })
      expect(steps[5]).toMatchObject({ content: 'Techniques: Reflection, questioning' })
      expect(steps[5].parsed).toEqual(['reflection', 'questioning'])
      expect(steps[6].content).toBe(m.content)
      for (const s of steps) {
        expect(s.model).toBe('m')
        expect(s.latencyMs).toEqual(expect.any(Number))
        expect(s).toMatchObject({ promptTokens: 10, completionTokens: 5 })
      }
    }
    expect(dialogue.meta).toMatchObject({
      cbt_technique: 'Decatastrophizing',
      cbt_plan: `${PLAN_TEXT}.`,
      cbt_plan_step: { agent: 'plan', parsed: ['Decatastrophizing'], model: 'm', promptTokens: 10 },
    })
    // The call log names each agent.
    const purposes = dialogue.calls.map((c) => c.purpose)
    expect(purposes.filter((p) => p === 'magnet.plan')).toHaveLength(1)
    for (const p of ['magnet.reflection', 'magnet.psychoeducation', 'magnet.technique', 'magnet.composer'])
      expect(purposes.filter((x) => x === p)).toHaveLength(2)
    // Each step names its own call in the log: the one the transcript links to.
    for (const m of replies)
      for (const step of m.trace!.steps!) {
        const call = dialogue.calls.find((c) => c.callKey === step.callKey && !c.errorKind)
        expect(call?.purpose).toBe(`magnet.${step.agent}`)
        expect(call?.latencyMs).toBe(step.latencyMs)
      }
  })

  it('reads answers tolerantly: a Chinese plan naming the English technique; no technique named means all five', async () => {
    const { run } = await setup({
      plan: (n) => (n === 0 ? '我还没想好。' : '技术：Pros & cons analysis\n计划：列出利弊，再一起权衡。'),
      technique: () => 'I would go with whatever seems kind.',
    })
    const { dialogue, by } = await run({ kind: 'magnet' })
    expect(dialogue.status).toBe('completed')
    expect(by('cbt.plan')).toHaveLength(2)
    expect(dialogue.meta).toMatchObject({ cbt_technique: 'Pros and Cons Analysis', cbt_plan: '列出利弊，再一起权衡。' })
    const technique = dialogue.messages[1].trace!.steps![5]
    expect(technique.parsed).toEqual([...MAGNET_SPECIALISTS])
    expect(technique.note).toMatch(/all five/)
    expect(requestText(by('magnet.composer')[0])).toContain(
      'Techniques to use: Reflection, Questioning, Solutions, Normalization, Psycho-education',
    )
  })

  it('fails the dialogue with a clear message when the plan names no technique three times', async () => {
    const { run } = await setup({ plan: () => 'Let us just talk.' })
    const { dialogue, by } = await run({ kind: 'magnet' })
    expect(by('cbt.plan')).toHaveLength(3)
    expect(by('magnet.reflection')).toHaveLength(0)
    expect(dialogue.status).toBe('failed')
    expect(dialogue.endReason).toEqual({
      kind: 'error',
      message: expect.stringMatching(
        /CBT plan agent named none of the 12 CBT techniques in 3 answers.*Let us just talk/,
      ),
    })
  })

  it('sends the technique agent to its own endpoint, at temperature 0 unless set otherwise', async () => {
    const { api, run, mock } = await setup()
    const other = await startMockOpenAI({ reply: () => 'Techniques: Normalization' })
    closers.push(other.close)
    const tech = await api.saveEndpoint({ name: 'tech', baseURL: other.baseURL, model: 'tech-model' })
    const base = counselorConfigFor('magnet', { endpointId: 'x', temperature: 0.7 }) as { agents: object }
    const { dialogue } = await run({
      kind: 'magnet',
      temperature: 0.7,
      agents: {
        ...base.agents,
        technique: { ...(base.agents as { technique: object }).technique, endpointId: tech.id },
      },
    } as Partial<CounselorConfig> & { kind: 'magnet' })
    expect(other.requests).toHaveLength(2)
    for (const r of other.requests) {
      expect(methodTemplateOf(r)).toBe('magnet.technique')
      expect(r).toMatchObject({ model: 'tech-model', temperature: 0 })
    }
    expect(mock.requests.some((r) => methodTemplateOf(r) === 'magnet.technique')).toBe(false)
    for (const r of mock.requests.filter((x) => methodTemplateOf(x)?.startsWith('magnet.')))
      expect(r).toMatchObject({ model: 'm', temperature: 0.7 })
    const steps = dialogue.messages[1].trace!.steps!
    expect(steps[5]).toMatchObject({ model: 'tech-model', parsed: ['normalization'] })
    expect(requestText(mock.requests.find((r) => methodTemplateOf(r) === 'magnet.composer')!)).toContain(
      'Techniques to use: Normalization',
    )
  })

  it('in a seed-opened session, ignores the end token before the minimum and ends on it after', async () => {
    const clientLines = scriptedCounseling()
    const { run } = await setup({
      fallback: (request) => {
        const line = clientLines(request)
        const turn = request.messages.filter((m) => m.role === 'assistant').length + 1
        return turn === 2 || turn === 4 ? `${line} [/END]` : line
      },
    })
    const { dialogue } = await run(
      { kind: 'magnet' },
      {
        opening: 'seed',
        endToken: '[/END]',
        minTurns: 3,
        maxTurns: 10,
        termination: { zh: [], en: [] },
      },
    )
    expect(dialogue.messages.slice(0, 2).map((m) => m.content)).toEqual([SEED.counselorOpening, SEED.clientOpening])
    expect(dialogue.endReason).toEqual({ kind: 'end_token', token: '[/END]', turn: 4 })
    const clients = dialogue.messages.filter((m) => m.speaker === 'client')
    expect(clients).toHaveLength(4)
    expect(clients[1].content).toBe('[Anna] client line 2: things have been hard lately.')
    expect(clients[1].trace).toEqual({ endToken: { token: '[/END]', counted: false } })
    expect(clients[3].trace).toEqual({ endToken: { token: '[/END]', counted: true } })
    expect(dialogue.messages.every((m) => !m.content.includes('[/END]'))).toBe(true)
    expect(dialogue.messages.at(-1)!.speaker).toBe('client')
  })
})

describe('CACTUS and Psych8k counselors', () => {
  it('CACTUS: one plan call a session, then one call a turn with the plan, client information and history', async () => {
    const { run, mock } = await setup()
    const { dialogue, by } = await run({ kind: 'cactus' })
    expect(dialogue.status).toBe('completed')
    expect(mock.requests.filter((r) => methodTemplateOf(r) !== null)).toHaveLength(3)
    expect(by('cbt.plan')).toHaveLength(1)
    expect(by('cactus.counselor')).toHaveLength(2)
    for (const text of texts(by('cactus.counselor'))) {
      for (const s of ['CI-MARK', 'REASON-MARK', PLAN_TEXT, 'Decatastrophizing', 'Client: Hello'])
        expect(text).toContain(s)
    }
    const reply = dialogue.messages[1]
    expect(reply.content).toBe('CACTUS-REPLY What goes through your mind then?')
    expect(reply.trace).toMatchObject({
      method: 'cactus',
      steps: [
        { agent: 'plan', parsed: ['Decatastrophizing'], content: `${PLAN_TEXT}.` },
        { agent: 'counselor', content: reply.content, model: 'm' },
      ],
    })
    expect(dialogue.meta).toMatchObject({ cbt_technique: 'Decatastrophizing' })
    expect(dialogue.calls.map((c) => c.purpose).filter((p) => p.startsWith('cactus.'))).toEqual([
      'cactus.plan',
      'cactus.counselor',
      'cactus.counselor',
    ])
  })

  it('Psych8k: one call a turn from the history alone', async () => {
    const { run, mock } = await setup()
    const { dialogue, by } = await run({ kind: 'psych8k' })
    expect(dialogue.status).toBe('completed')
    expect(mock.requests.filter((r) => methodTemplateOf(r) !== null)).toHaveLength(2)
    const [first, second] = texts(by('psych8k.counselor'))
    expect(first).toContain('Client: Hello')
    expect(second).toContain('Counselor: PSYCH8K-REPLY')
    for (const text of [first, second]) expect(text).not.toMatch(/CI-MARK|REASON-MARK|COMPLAINT-BODY/)
  })
})

describe('adapter methods in a run', () => {
  it('flattened transcript: one user message a turn, the labelled lines inside the wrapper, the cue last', async () => {
    const { run, mock } = await setup()
    const { dialogue } = await run({
      kind: 'transcript',
      clientLabel: 'User: ',
      cue: 'Therapist:',
      wrapper: 'Continue this session as the counselor.\n\n{{transcript}}',
    })
    expect(dialogue.status).toBe('completed')
    const asked = mock.requests.filter((r) => r.messages.length === 1 && r.messages[0].role === 'user')
    expect(asked).toHaveLength(2)
    expect(asked[0].messages[0].content).toBe('Continue this session as the counselor.\n\nUser: Hello\nTherapist:')
    const second = asked[1].messages[0].content.split('\n')
    // the counselor's own earlier line carries the session language's label (none set)
    expect(second.slice(2, 5).map((l) => l.replace(/ .*/, ''))).toEqual(['User:', 'Counselor:', 'User:'])
    expect(second.at(-1)).toBe('Therapist:')
  })

  it('completions endpoint: the raw prompt on /v1/completions each turn, the reply stored as the counselor turn', async () => {
    const { run, mock } = await setup({}, { completion: () => ' How long has this been going on?\nClient: a while' })
    const { dialogue } = await run({
      kind: 'completions',
      template: 'A counseling session.\n{{transcript}}\nCounselor:',
    })
    expect(dialogue.status).toBe('completed')
    expect(mock.completions).toHaveLength(2)
    expect(mock.completions[0]).toMatchObject({
      prompt: 'A counseling session.\nClient: Hello\nCounselor:',
      stop: ['\nClient:'],
    })
    const counselor = dialogue.messages.filter((m) => m.speaker === 'counselor')
    expect(counselor.map((m) => m.content)).toEqual([
      'How long has this been going on?',
      'How long has this been going on?',
    ])
    expect(mock.completions[1].prompt).toContain('\nCounselor: How long has this been going on?\nClient: ')
  })
})
