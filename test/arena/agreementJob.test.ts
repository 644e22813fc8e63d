import { afterEach, describe, expect, it } from 'vitest'
import type { ApiClient } from '@shared/api'
import type { ArenaAgreementView } from '@shared/arena'
import type { App } from '../../src/main/app'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { arenaScript, isRefereeRequest, scriptedArenaConfig } from '../support/arenaScript'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  await ws?.cleanup()
})

/** The LLM referee prefers GAMMA, then ALPHA, then BETA (arenaScript). */
const PREFERENCE = ['GAMMA', 'ALPHA', 'BETA']
const favourite = (names: string[]) => PREFERENCE.find((p) => names.includes(p))!

/** Holds referee requests from the n-th on (holdFrom); release() answers the held ones and stops holding. */
function refereeGate() {
  const gate = { holdFrom: Infinity, seen: 0, release: () => {}, arrived: null as null | (() => void) }
  let open: Promise<void> | null = null
  return {
    hold(request: ChatRequest): Promise<void> | null {
      if (!isRefereeRequest(request)) return null
      gate.seen++
      if (gate.seen < gate.holdFrom) return null
      gate.arrived?.()
      open ??= new Promise<void>((resolve) => (gate.release = resolve))
      return open
    },
    /** Holds referee requests from the n-th on; resolves once the n-th has arrived. */
    holdFrom(n: number): Promise<void> {
      gate.holdFrom = n
      return new Promise<void>((resolve) => (gate.arrived = resolve))
    },
    release() {
      gate.holdFrom = Infinity
      gate.release()
      open = null
    },
  }
}

/**
 * A human arena of ALPHA, BETA and GAMMA (k = 2, two dialogues per pair, one turn each) and one annotator's votes:
 * the first dialogue of each pair gets the LLM's favourite, the second the other one.
 */
async function votedArena(gate: ReturnType<typeof refereeGate>) {
  // Every contestant reply is numbered, so no two voted turns put the same question to the referee (the judge cache
  // would answer a repeated one without a request).
  const script = arenaScript({ preference: PREFERENCE })
  let replies = 0
  const reply = (request: ChatRequest) => {
    const text = script(request)
    return !isRefereeRequest(request) && text.startsWith('[') ? `${text} (#${++replies})` : text
  }
  const mock = await startMockOpenAI({ reply, hold: gate.hold })
  closers.push(() => gate.release(), mock.close)
  ws = tempWorkspace({
    gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 2, baseDelayMs: 2, maxDelayMs: 10 } }),
  })
  const app = ws.open()
  const api = client(app)
  const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'm', timeoutMs: 5000 })
  // One referee call at a time, so a cancel finds exactly one in flight.
  const referee = await api.saveEndpoint({
    name: 'referee',
    baseURL: mock.baseURL,
    model: 'judge',
    maxConcurrency: 1,
    timeoutMs: 5000,
  })
  for (let i = 0; i < 3; i++)
    await api.createRoleCard({ language: 'en', name: `P${i}`, pool: 'test', complaint: { body: `Problem ${i}` } })
  const arena = await api.startArena({
    name: 'voted',
    config: scriptedArenaConfig(
      endpoint.id,
      ['ALPHA', 'BETA', 'GAMMA'],
      { kind: 'human' },
      {
        maxTurns: 1,
        dialoguesPerCombination: 2,
      },
    ),
  })
  const seenPairs = new Set<string>()
  const human: { human: string; llm: string }[] = []
  for (;;) {
    let state = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li' })
    while (state.preparing && !state.task) {
      await app.arena.waitFor(arena.id)
      state = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li' })
    }
    const task = state.task
    if (!task) break
    const names = task.candidates.map((c) => /\[(\w+)\]/.exec(c.content)![1])
    const pair = [...names].sort().join('-')
    const llm = favourite(names)
    const want = seenPairs.has(pair) ? names.find((n) => n !== llm)! : llm
    seenPairs.add(pair)
    human.push({ human: want, llm })
    await api.submitVote({
      arenaId: arena.id,
      annotator: 'Dr. Li',
      dialogueId: task.dialogueId,
      turn: task.turn,
      choice: names.indexOf(want),
    })
  }
  await app.arena.waitFor(arena.id)
  expect(human).toHaveLength(6)
  const refereeRequests = () => mock.requests.filter(isRefereeRequest)
  expect(refereeRequests()).toHaveLength(0)
  return { app, api, mock, arena, referee, human, refereeRequests }
}

const watch = (app: App, id: string) => {
  const seen: ArenaAgreementView[] = []
  const off = app.events.subscribe((e) => {
    if (e.name === 'agreement.progress' && (e.payload as ArenaAgreementView).id === id)
      seen.push(e.payload as ArenaAgreementView)
  })
  closers.push(off)
  return seen
}

/** Each referee request by its transcript and candidates: how often each was sent. */
const sentTimes = (requests: ChatRequest[]) => {
  const counts = new Map<string, number>()
  for (const r of requests) {
    const key = JSON.stringify(r.messages)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

async function waitForDone(api: ApiClient, id: string, done: number) {
  for (let i = 0; i < 500; i++) {
    if ((await api.getArenaAgreement({ id })).progress.done >= done) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`agreement check ${id} did not reach ${done} judged turns`)
}

describe('judge–human agreement as a job', () => {
  it('returns at once, reports progress per judged turn and stores the hand-worked accuracy and kappa', async () => {
    const gate = refereeGate()
    const { app, api, arena, referee, human, refereeRequests } = await votedArena(gate)
    // Hold the first answer so the start is seen before anything is judged.
    const firstArrived = gate.holdFrom(1)
    const check = await api.startArenaAgreement({ arenaId: arena.id, referee: { endpointId: referee.id } })
    const events = watch(app, check.id)
    expect(check).toMatchObject({ status: 'running', progress: { done: 0, total: 6, failures: 0 }, result: null })
    await firstArrived
    gate.release()
    await app.agreements.waitFor(check.id)

    const final = await api.getArenaAgreement({ id: check.id })
    // Hand-worked from the votes above: pairs AB (A, B), AG (G, A), BG (G, B) against the referee's A, A, G, G, G, G.
    expect(human.filter((p) => p.human === p.llm)).toHaveLength(3)
    // p_o = 3/6; human shares A, B, G = 2/6 each; referee A 2/6, G 4/6; p_e = (2·2 + 2·4)/36 = 1/3;
    // kappa = (1/2 − 1/3) / (1 − 1/3) = 0.25.
    expect(final.status).toBe('completed')
    expect(final.result).toMatchObject({ turns: 6, compared: 6, agreed: 3, accuracy: 0.5, failures: 0 })
    expect(final.result!.kappa).toBeCloseTo(0.25, 12)
    expect(final.result!.perAnnotator).toHaveLength(1)
    expect(final.result!.perAnnotator[0]).toMatchObject({ annotator: 'Dr. Li', compared: 6, accuracy: 0.5 })
    expect(refereeRequests()).toHaveLength(6)

    // Progress: never backwards, ends at 6 of 6 with the result.
    const done = events.map((e) => e.progress.done)
    expect(done).toEqual([...done].sort((a, b) => a - b))
    expect(events.at(-1)).toMatchObject({ status: 'completed', progress: { done: 6, total: 6 } })
    expect(events.every((e) => e.progress.total === 6)).toBe(true)
    // Readable later, in the arena's list.
    const listed = await api.listArenaAgreements({ arenaId: arena.id })
    expect(listed.map((c) => c.id)).toEqual([check.id])
    expect(listed[0].result).toEqual(final.result)
  })

  it('cancels with a call in flight, then resumes without asking about the judged turns again', async () => {
    const gate = refereeGate()
    const { app, api, arena, referee, refereeRequests } = await votedArena(gate)
    const third = gate.holdFrom(3)
    const check = await api.startArenaAgreement({ arenaId: arena.id, referee: { endpointId: referee.id } })
    await third
    const cancelled = await api.cancelArenaAgreement({ id: check.id })
    expect(cancelled).toMatchObject({ status: 'cancelled', progress: { done: 2, total: 6 }, result: null })
    gate.release()
    expect(refereeRequests()).toHaveLength(3)
    const judgedBefore = [...sentTimes(refereeRequests()).keys()].slice(0, 2)

    const resumed = await api.resumeArenaAgreement({ id: check.id })
    expect(resumed.status).toBe('running')
    await app.agreements.waitFor(check.id)
    const final = await api.getArenaAgreement({ id: check.id })
    expect(final).toMatchObject({ status: 'completed', progress: { done: 6, total: 6 } })
    expect(final.result).toMatchObject({ compared: 6, agreed: 3, accuracy: 0.5 })
    // 6 turns; the one cancelled in flight was asked again, the two stored ones were not.
    const times = sentTimes(refereeRequests())
    expect(refereeRequests()).toHaveLength(7)
    expect(times.size).toBe(6)
    for (const key of judgedBefore) expect(times.get(key)).toBe(1)
    await expect(api.resumeArenaAgreement({ id: check.id })).rejects.toThrow(/complete/)
  })

  it('resumes after the workbench was closed mid-check, from the stored turns', async () => {
    const gate = refereeGate()
    const { app, api, arena, referee, refereeRequests } = await votedArena(gate)
    const fourth = gate.holdFrom(4)
    const check = await api.startArenaAgreement({ arenaId: arena.id, referee: { endpointId: referee.id } })
    await fourth
    await waitForDone(api, check.id, 3)
    await app.close()
    gate.release()
    expect(refereeRequests()).toHaveLength(4)

    const reopened = ws.open({ resumeInterruptedRuns: true })
    const again = client(reopened)
    const seen = await again.getArenaAgreement({ id: check.id })
    expect(seen).toMatchObject({ status: 'running' })
    expect(seen.progress.done).toBe(3)
    await reopened.agreements.waitFor(check.id)
    const final = await again.getArenaAgreement({ id: check.id })
    expect(final.result).toMatchObject({ compared: 6, agreed: 3, accuracy: 0.5 })
    const times = sentTimes(refereeRequests())
    // The three stored turns once each; the one cut off by the close once more.
    expect(refereeRequests()).toHaveLength(7)
    expect(times.size).toBe(6)
    expect([...times.values()].sort()).toEqual([1, 1, 1, 1, 1, 2])
  })

  it('refuses an arena without human votes to compare', async () => {
    const gate = refereeGate()
    const { api, referee } = await votedArena(gate)
    await expect(api.startArenaAgreement({ arenaId: 'nope', referee: { endpointId: referee.id } })).rejects.toThrow(
      /No arena/,
    )
  })
})
