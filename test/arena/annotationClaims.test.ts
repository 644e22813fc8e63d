import { afterEach, describe, expect, it } from 'vitest'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { arenaScript, scriptedArenaConfig } from '../support/arenaScript'
import { startMockOpenAI } from '../support/mockOpenAI'
import { client, tempWorkspace } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

const MINUTE = 60_000

/** A human-refereed arena of one dialogue (two contestants, one per combination), on a clock the test moves. */
async function oneDialogueArena(config: Record<string, unknown> = {}) {
  const mock = await startMockOpenAI({ reply: arenaScript({ preference: [] }) })
  closers.push(mock.close)
  let clock = Date.parse('2026-03-01T09:00:00.000Z')
  ws = tempWorkspace({ gateway: (calls) => createLlmGateway({ calls }), now: () => clock })
  const app = ws.open()
  const api = client(app)
  const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'm' })
  await api.createRoleCard({ language: 'en', name: 'P', pool: 'test', complaint: { body: 'Cannot sleep.' } })
  const arena = await api.startArena({
    name: 'claims',
    config: scriptedArenaConfig(
      endpoint.id,
      ['ALPHA', 'BETA'],
      { kind: 'human' },
      {
        dialoguesPerCombination: 1,
        maxTurns: 3,
        ...config,
      },
    ),
  })
  await app.arena.waitFor(arena.id)
  return { app, api, arena, advance: (ms: number) => void (clock += ms) }
}

describe('annotators’ claims on arena dialogues', () => {
  it('lets a second annotator take a dialogue the first left idle for the claim timeout (10 minutes by default)', async () => {
    const { api, arena, advance } = await oneDialogueArena()
    expect(arena.config.claimTimeoutMinutes).toBe(10)
    const first = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Ana' })
    expect(first.task).not.toBeNull()
    const { dialogueId, turn } = first.task!

    // Ana closes the tab. Bob finds nothing to vote on while her claim is fresh...
    advance(9 * MINUTE + 59_000)
    const waiting = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Bob' })
    expect(waiting.task).toBeNull()
    expect(waiting.done).toBe(false)
    // ...and gets her dialogue, at the same turn, once it has been idle for 10 minutes.
    advance(1000)
    const taken = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Bob' })
    expect(taken.task).toMatchObject({ dialogueId, turn })
    const items = (await api.listArenaDialogues({ arenaId: arena.id })).items
    expect(items[0]).toMatchObject({ annotator: 'Bob', annotatorSeenAt: '2026-03-01T09:10:00.000Z' })

    // Ana's late vote is refused and nothing changes; Bob's counts.
    await expect(api.submitVote({ arenaId: arena.id, annotator: 'Ana', dialogueId, turn, choice: 0 })).rejects.toThrow(
      /being annotated by Bob/,
    )
    const voted = await api.submitVote({ arenaId: arena.id, annotator: 'Bob', dialogueId, turn, choice: 0 })
    expect(voted.progress.mine).toBe(1)
    expect(await api.listAnnotators({ arenaId: arena.id })).toEqual([{ annotator: 'Bob', votes: 1, dialogues: 1 }])
  })

  it('keeps a claim its annotator keeps using, and honours the arena’s own timeout', async () => {
    const { app, api, arena, advance } = await oneDialogueArena({ claimTimeoutMinutes: 2, maxTurns: 3 })
    const first = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Ana' })
    advance(90_000)
    await api.submitVote({
      arenaId: arena.id,
      annotator: 'Ana',
      dialogueId: first.task!.dialogueId,
      turn: first.task!.turn,
      choice: 0,
    })
    // 90 s after her vote (3 minutes after the claim) the claim is still hers; 2 minutes after it, it is idle.
    advance(90_000)
    expect((await api.nextAnnotation({ arenaId: arena.id, annotator: 'Bob' })).task).toBeNull()
    advance(30_000)
    await app.arena.waitFor(arena.id) // the next turn, generated after her vote
    expect((await api.nextAnnotation({ arenaId: arena.id, annotator: 'Bob' })).task?.dialogueId).toBe(
      first.task!.dialogueId,
    )
  })

  it('can be released or reassigned from the arena at once', async () => {
    const { api, arena } = await oneDialogueArena()
    const first = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Ana' })
    const dialogueId = first.task!.dialogueId
    expect((await api.nextAnnotation({ arenaId: arena.id, annotator: 'Bob' })).task).toBeNull()

    const released = await api.reassignArenaDialogue({ arenaId: arena.id, dialogueId, annotator: null })
    expect(released).toMatchObject({ annotator: null, annotatorSeenAt: null })
    expect((await api.nextAnnotation({ arenaId: arena.id, annotator: 'Bob' })).task?.dialogueId).toBe(dialogueId)

    await api.reassignArenaDialogue({ arenaId: arena.id, dialogueId, annotator: 'Chen' })
    expect((await api.nextAnnotation({ arenaId: arena.id, annotator: 'Bob' })).task).toBeNull()
    expect((await api.nextAnnotation({ arenaId: arena.id, annotator: 'Chen' })).task?.dialogueId).toBe(dialogueId)

    // Bad input: a clear message, nothing changed.
    await expect(api.reassignArenaDialogue({ arenaId: arena.id, dialogueId: 'nope', annotator: null })).rejects.toThrow(
      /No dialogue nope in this arena/,
    )
    await expect(api.reassignArenaDialogue({ arenaId: arena.id, dialogueId, annotator: '  ' })).rejects.toThrow(
      /annotator/,
    )
    expect((await api.listArenaDialogues({ arenaId: arena.id })).items[0].annotator).toBe('Chen')
  })
})
