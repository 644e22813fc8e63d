import { afterEach, describe, expect, it } from 'vitest'
import type { DialogueDetail } from '@shared/dialogue'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI } from '../support/mockOpenAI'
import { isCounselorRequest } from '../support/scriptedCounseling'
import { isSummaryRequest, noteFor, scriptedSessions } from '../support/sessionScript'
import { cardDialogues } from '../../src/main/simulation/sessions/plan'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

const SESSIONS = 3

async function setup(counselorKind?: 'psych8k', clientKind?: 'dynamic') {
  const mock = await startMockOpenAI({ reply: scriptedSessions({ closeAtTurn: () => 2 }) })
  closers.push(mock.close)
  ws = tempWorkspace()
  const app = ws.open()
  const api = client(app)
  const endpoint = await api.saveEndpoint({
    name: 'mock',
    baseURL: mock.baseURL,
    model: 'mock-model',
    maxConcurrency: 8,
  })
  for (const [name, language] of [
    ['Anna', 'en'],
    ['小林', 'zh'],
  ] as const)
    await api.createRoleCard({ language, name, tags: ['sim'], complaint: { title: `${name}'s worry`, body: 'Sleep.' } })
  const defaults = await api.simulationDefaults()
  const counselor = { ...defaults.counselor, endpointId: endpoint.id }
  const config = {
    ...defaults,
    client: {
      ...defaults.client,
      endpointId: endpoint.id,
      ...(clientKind ? { kind: clientKind, update: 'rule' as const } : {}),
    },
    counselor: counselorKind ? { ...counselor, kind: counselorKind } : counselor,
    sessionsPerCard: SESSIONS,
    concurrency: 2,
  }
  const run = await api.startRun({ name: 'follow-up', cards: { query: { tag: 'sim' } }, config })
  await app.runner.waitFor(run.id)
  const { items } = await api.listDialogues({ runId: run.id })
  const details = await Promise.all(items.map((d) => api.getDialogue({ id: d.id })))
  return { api, mock, run: await api.getRun({ id: run.id }), details }
}

const tagOf = (d: DialogueDetail) => d.roleCard!.name!

describe('follow-up sessions', () => {
  it('runs each case as S sessions in order, each carrying the summary of the one before into both prompts', async () => {
    const { mock, run, details } = await setup()
    expect(run.status).toBe('completed')
    expect(run.counts).toMatchObject({ total: 2 * SESSIONS, completed: 2 * SESSIONS })
    expect(run.config.sessionsPerCard).toBe(SESSIONS)
    expect(run.templates.sessions!.map((t) => `${t.id}:${t.language}`).sort()).toEqual([
      'session.client:en',
      'session.client:zh',
      'session.counselor:en',
      'session.counselor:zh',
      'session.summary:en',
      'session.summary:zh',
    ])

    // Stored as a case of sessions 1..S, one after another in the dataset.
    const cases = new Map<string | null, DialogueDetail[]>()
    for (const d of details) cases.set(d.caseId, [...(cases.get(d.caseId) ?? []), d])
    expect(cases.size).toBe(2)
    for (const sessions of cases.values()) {
      expect(sessions.map((d) => d.sessionIndex)).toEqual([1, 2, 3])
      const first = sessions[0].position
      expect(sessions.map((d) => d.position)).toEqual([first, first + 1, first + 2])
      expect(sessions[0].sessions.map((s) => s.id)).toEqual(sessions.map((d) => d.id))
      const tag = tagOf(sessions[0])
      expect(sessions.map((d) => d.sessionSummary)).toEqual([noteFor(tag, 1), noteFor(tag, 2), null])
      // The counselor's stored system prompt is the one it worked with: session n + 1's carries note n.
      expect(sessions.map((d) => [1, 2].filter((n) => d.systemPrompt!.includes(noteFor(tag, n))))).toEqual([
        [],
        [1],
        [2],
      ])
    }

    // Session n+1's client and counselor requests carry session n's note (and no later one); session 1's carry none.
    const chats = mock.requests.filter((r) => !isSummaryRequest(r))
    for (const d of details) {
      const tag = tagOf(d)
      // The card's name is in the client's prompt, and the client repeats it in every line it says.
      const mine = chats.filter((r) => r.messages.some((m) => m.content.includes(tag)))
      expect(mine.length).toBeGreaterThan(0)
      for (const speaker of ['client', 'counselor'] as const) {
        const requests = mine.filter((r) => isCounselorRequest(r) === (speaker === 'counselor'))
        const carrying = (n: number) => requests.filter((r) => r.messages[0].content.includes(noteFor(tag, n)))
        // Per session: its requests carry the note before it; counted over the case's three sessions.
        expect(carrying(1).length, `${tag} ${speaker}`).toBeGreaterThan(0)
        expect(carrying(2).length, `${tag} ${speaker}`).toBeGreaterThan(0)
        expect(carrying(1).some((r) => r.messages[0].content.includes(noteFor(tag, 2)))).toBe(false)
        // Carried once, not again on top of the stored prompt.
        for (const r of carrying(1)) expect(r.messages[0].content.split(noteFor(tag, 1))).toHaveLength(2)
      }
    }
    // A summary is made after sessions 1 and 2 of each case, never after the last, each logged as session.summary.
    const summaries = mock.requests.filter(isSummaryRequest)
    expect(summaries).toHaveLength(2 * (SESSIONS - 1))
    // The second summary reads the first (notes build on each other).
    expect(summaries.filter((r) => r.messages[0].content.includes(noteFor('Anna', 1)))).toHaveLength(1)
  })

  it('the session order holds request by request: no session n+1 call before session n is summarised', async () => {
    const { mock } = await setup()
    for (const tag of ['Anna', '小林']) {
      // Where each summary of the case was asked for, and the latest note each other request carried.
      const summaryAt = new Map<number, number>()
      const carriedAt: { at: number; note: number }[] = []
      mock.requests.forEach((r, at) => {
        const text = r.messages.map((m) => m.content).join('\n')
        if (isSummaryRequest(r)) {
          if (text.includes(`[${tag}]`)) summaryAt.set(Number(text.match(/(\d+)/)?.[1]), at)
          return
        }
        const carried = [1, 2].filter((n) => r.messages[0].content.includes(noteFor(tag, n)))
        if (carried.length) carriedAt.push({ at, note: Math.max(...carried) })
      })
      expect(summaryAt.size).toBe(SESSIONS - 1)
      expect(carriedAt.length).toBeGreaterThan(0)
      for (const { at, note } of carriedAt) expect(at).toBeGreaterThan(summaryAt.get(note)!)
    }
  })

  it('reaches a method that sends its own one-message prompts (Psych8k): the note goes in as a system message', async () => {
    const { mock, details } = await setup('psych8k')
    const second = details.find((d) => d.sessionIndex === 2 && d.language === 'en')!
    expect(second.status).toBe('completed')
    const counselorCalls = mock.requests.filter(
      (r) =>
        !isSummaryRequest(r) &&
        r.messages[0].role === 'system' &&
        r.messages[0].content.includes('session 2 with this client'),
    )
    expect(counselorCalls.length).toBeGreaterThan(0)
    // The mock's psych8k client is not told apart by name: any session-1 note is the one carried.
    expect(counselorCalls[0].messages[0].content).toMatch(/NOTE\(\S+, after session 1\)/)
    expect(counselorCalls[0].messages[1].role).toBe('user')
  })
})

describe('the dialogues a card gets', () => {
  it('is one per sample with one session (the paper), and a case of S sessions per sample with more', () => {
    expect(cardDialogues({ samplesPerCard: 2, sessionsPerCard: 1 })).toEqual([
      { sample: 0, caseId: null, sessionIndex: null },
      { sample: 1, caseId: null, sessionIndex: null },
    ])
    const cases = cardDialogues({ samplesPerCard: 2, sessionsPerCard: 3 })
    expect(cases.map((d) => [d.sample, d.sessionIndex])).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 1],
      [1, 2],
      [1, 3],
    ])
    // Each sample is its own case.
    expect(new Set(cases.slice(0, 3).map((d) => d.caseId)).size).toBe(1)
    expect(new Set(cases.map((d) => d.caseId)).size).toBe(2)
  })

  it('a dynamic client starts each follow-up session where the one before left off', async () => {
    const { details } = await setup(undefined, 'dynamic')
    const cases = new Map<string | null, DialogueDetail[]>()
    for (const d of details) cases.set(d.caseId, [...(cases.get(d.caseId) ?? []), d])
    for (const sessions of cases.values()) {
      const trust = sessions.map((d) =>
        d.messages.filter((m) => m.trace?.clientState).map((m) => m.trace!.clientState!.trust),
      )
      expect(trust.every((t) => t.length > 0)).toBe(true)
      // The rule moves trust a little each turn: session n + 1's first state follows session n's last one.
      for (let n = 1; n < sessions.length; n++) {
        const step = trust[n][0] - trust[n - 1].at(-1)!
        expect(step, `session ${n + 1}`).toBeGreaterThanOrEqual(-1)
        expect(step, `session ${n + 1}`).toBeLessThanOrEqual(1)
        expect(trust[n][0], `session ${n + 1}`).not.toBe(trust[0][0])
      }
    }
  })
})
