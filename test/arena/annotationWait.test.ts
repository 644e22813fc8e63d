import { afterEach, describe, expect, it } from 'vitest'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { arenaScript, isRefereeRequest, scriptedArenaConfig } from '../support/arenaScript'

/** Human referees should not wait for more than the next turn's generation (issue 16, "Annotators should not wait"). */
let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

const isContestant = (r: ChatRequest) => /You are counselor \w+\./.test(r.messages[0]?.content ?? '')
const isClient = (r: ChatRequest) => !isContestant(r) && !isRefereeRequest(r)

async function humanArena(prefetch: boolean) {
  const mock = await startMockOpenAI({ reply: arenaScript({ preference: [] }), latencyMs: 30 })
  closers.push(mock.close)
  ws = tempWorkspace({
    gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 10 } }),
  })
  const app = ws.open()
  const api = client(app)
  const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'm', timeoutMs: 5000 })
  await api.createRoleCard({ language: 'en', name: 'P', pool: 'test', complaint: { body: 'Problem' } })
  const arena = await api.startArena({
    name: 'people',
    config: scriptedArenaConfig(
      endpoint.id,
      ['ALPHA', 'BETA'],
      { kind: 'human', prefetch },
      { maxTurns: 3, dialoguesPerCombination: 1 },
    ),
  })
  await app.arena.waitFor(arena.id)
  const first = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li' })
  return { app, api, mock, arena, task: first.task! }
}

describe('annotators waiting for their next turn', () => {
  it('gets the next turn in one request that waits for it, instead of "preparing"', async () => {
    const { api, arena, task } = await humanArena(false)
    const afterVote = await api.submitVote({ ...task, annotator: 'Dr. Li', choice: 0 })
    expect(afterVote.preparing).toBe(true)
    const next = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li', waitMs: 20_000 })
    expect(next.preparing).toBe(false)
    expect(next.task).toMatchObject({ dialogueId: task.dialogueId, turn: 2 })
    // Without waitMs the answer is immediate, as before.
    const now = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li' })
    expect(now.task?.turn).toBe(2)
  })

  it('prepares the client line after each candidate while the annotator reads, and asks only contestants after the vote', async () => {
    const { api, mock, arena, task } = await humanArena(true)
    // While the annotator reads turn 1: one client request per candidate, each ending with that candidate's reply.
    await expect.poll(() => mock.requests.filter(isClient).length).toBe(2)
    const prepared = mock.requests.filter(isClient).map((r) => r.messages.at(-1)!.content)
    expect(prepared.sort()).toEqual(task.candidates.map((c) => c.content).sort())

    const beta = task.candidates.findIndex((c) => c.content.includes('[BETA]'))
    const seen = mock.requests.length
    await api.submitVote({ ...task, annotator: 'Dr. Li', choice: beta })
    const next = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li', waitMs: 20_000 })
    expect(next.task?.turn).toBe(2)
    // After the vote, the contestants only: the client's line was ready.
    const afterVote = mock.requests.slice(seen)
    expect(afterVote.filter(isContestant).length).toBeGreaterThanOrEqual(2)
    expect(afterVote.slice(0, 2).every(isContestant)).toBe(true)
    // The client line in the transcript follows BETA's reply.
    const history = next.task!.history
    expect(history.at(-2)!.content).toContain('[BETA]')
    expect(history.at(-1)!.speaker).toBe('client')

    // Every prepared line is a logged call of the dialogue, the unchosen one included.
    const dialogue = await api.getArenaDialogue({ id: task.dialogueId })
    expect(dialogue.messages.filter((m) => m.speaker === 'client')).toHaveLength(2)
    await expect.poll(() => mock.requests.filter(isClient).length).toBe(4) // turn 2's two lines, prepared
  })

  it('does not prepare lines after the last turn', async () => {
    const { api, mock, arena, task } = await humanArena(true)
    await expect.poll(() => mock.requests.filter(isClient).length).toBe(2)
    await api.submitVote({ ...task, annotator: 'Dr. Li', choice: 0 })
    for (const turn of [2, 3]) {
      const next = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li', waitMs: 20_000 })
      expect(next.task?.turn).toBe(turn)
      if (turn === 2) await expect.poll(() => mock.requests.filter(isClient).length).toBe(4)
      await api.submitVote({ ...next.task!, annotator: 'Dr. Li', choice: 0 })
    }
    const state = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li', waitMs: 20_000 })
    expect(state.done).toBe(true)
    expect(mock.requests.filter(isClient)).toHaveLength(4)
  })
})
