import { afterEach, describe, expect, it } from 'vitest'
import type { ApiClient } from '@shared/api'
import type { ArenaConfigInput } from '@shared/arena'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI } from '../support/mockOpenAI'
import { arenaScript, isRefereeRequest, type ArenaScript, scriptedArenaConfig } from '../support/arenaScript'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

async function setup(script: ArenaScript, latencyMs = 0) {
  const mock = await startMockOpenAI({ reply: arenaScript(script), latencyMs })
  closers.push(mock.close)
  ws = tempWorkspace({
    gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 10 } }),
  })
  const app = ws.open()
  const api = client(app)
  const endpoint = await api.saveEndpoint({
    name: 'mock',
    baseURL: mock.baseURL,
    model: 'm',
    maxConcurrency: 32,
    timeoutMs: 5000,
  })
  for (let i = 0; i < 4; i++)
    await api.createRoleCard({ language: 'en', name: `P${i}`, pool: 'test', complaint: { body: `Problem ${i}` } })
  const config = (
    names: string[],
    referee: ArenaConfigInput['referee'],
    extra: Partial<ArenaConfigInput> = {},
  ): ArenaConfigInput =>
    scriptedArenaConfig(endpoint.id, names, referee, { maxTurns: 3, dialoguesPerCombination: 2, ...extra })
  return { app, api, mock, endpoint, config }
}

/** Every dialogue: alternating from the greeting without gaps; one verdict per counselor turn with k candidates. */
async function expectWholeArenaDialogues(api: ApiClient, arenaId: string, k: number) {
  const { items } = await api.listArenaDialogues({ arenaId })
  for (const item of items) {
    const d = await api.getArenaDialogue({ id: item.id })
    expect(d.status).toBe('completed')
    expect(d.messages.map((m) => m.index)).toEqual([...d.messages.keys()])
    expect(d.messages.every((m, i) => m.speaker === (i % 2 === 0 ? 'client' : 'counselor'))).toBe(true)
    const counselorTurns = d.messages.filter((m) => m.speaker === 'counselor')
    expect(d.turns.map((t) => t.turn)).toEqual(counselorTurns.map((_, i) => i + 1))
    for (const [i, turn] of d.turns.entries()) {
      expect(turn.candidates).toHaveLength(k)
      expect([...turn.shownOrder].sort()).toEqual([...Array(k).keys()])
      if (turn.choice && turn.refereeStatus === 'ok') {
        expect(counselorTurns[i].contestant).toBe(turn.choice)
        expect(counselorTurns[i].content).toBe(turn.candidates.find((c) => c.contestant === turn.choice)!.content)
      }
    }
  }
  return items
}

describe('arena (Algorithm 2)', () => {
  it('ranks three contestants by an LLM referee that prefers one, with balanced battles and recorded orders', async () => {
    const { app, api, endpoint, config } = await setup({ preference: ['ALPHA', 'BETA', 'GAMMA'] })
    const arena = await api.startArena({
      name: 'three',
      config: config(['GAMMA', 'ALPHA', 'BETA'], { kind: 'llm', endpointId: endpoint.id }),
    })
    expect(arena.dialogues.total).toBe(6)
    await app.arena.waitFor(arena.id)
    const done = await api.getArena({ id: arena.id })
    expect(done.status).toBe('completed')
    expect(done.dialogues.completed).toBe(6)
    expect(done.turns).toBe(18)
    expect(done.refereeFailures).toBe(0)
    await expectWholeArenaDialogues(api, arena.id, 2)
    // What each agent actually used, endpoint defaults resolved (the contestants leave temperature to the endpoint).
    expect(done.effective?.contestants.map((c) => [c.name, c.agent.model, c.agent.temperature])).toEqual([
      ['GAMMA', 'm', 0.7],
      ['ALPHA', 'm', 0.7],
      ['BETA', 'm', 0.7],
    ])
    expect(done.effective?.referee).toMatchObject({ endpointName: 'mock', model: 'm', temperature: 0 })
    expect(done.effective?.client).toMatchObject({ model: 'm' })

    const report = await api.arenaReport({ arenaIds: [arena.id] })
    expect(report.rows.map((r) => r.contestant)).toEqual(['ALPHA', 'BETA', 'GAMMA'])
    expect(report.rows[0].bt).toBeGreaterThan(report.rows[1].bt)
    expect(report.rows[1].bt).toBeGreaterThan(report.rows[2].bt)
    // ALPHA is in 4 dialogues × 3 turns and always chosen.
    expect(report.rows[0]).toMatchObject({ dialogues: 4, selections: 12, selectionsPerDialogue: 3 })
    const i = (name: string) => report.contestants.indexOf(name)
    expect(report.battleCounts[i('ALPHA')][i('BETA')]).toBe(6)
    expect(report.battleCounts[i('BETA')][i('GAMMA')]).toBe(6)
    expect(report.winRates[i('ALPHA')][i('GAMMA')]).toBe(1)
    expect(report.battles).toBe(18)
    // ALPHA never lost and GAMMA never won: no finite Bradley–Terry estimate, and the report says so.
    expect(report.unbounded.sort()).toEqual(['ALPHA', 'GAMMA'])

    // The shown order differs between turns (it is shuffled per turn), and the choice does not depend on it.
    const dialogues = await api.listArenaDialogues({ arenaId: arena.id })
    const orders = new Set<string>()
    for (const item of dialogues.items)
      for (const t of (await api.getArenaDialogue({ id: item.id })).turns) orders.add(JSON.stringify(t.shownOrder))
    expect(orders.size).toBe(2)

    const table = await api.exportArenaReport({ arenaIds: [arena.id], format: 'latex' })
    expect(table.content).toContain('\\toprule')
    expect(table.content).toContain('ALPHA')
    // Provenance names models, not endpoint ids, and says what the arena spent.
    const markdown = (await api.exportArenaReport({ arenaIds: [arena.id], format: 'markdown' })).content
    const endpointId = (await api.listEndpoints())[0].id
    expect(markdown).toContain('ALPHA: mock (m)')
    expect(markdown).not.toContain(endpointId)
    const spent = /spent: (\d+) calls, (\d+) prompt \+ (\d+) completion tokens/.exec(markdown)
    // 4 dialogues × 3 turns: 3 contestant calls and 1 referee call a turn, 2 client replies a dialogue (at least).
    expect(Number(spent?.[1])).toBeGreaterThanOrEqual(4 * 3 * 4 + 4 * 2)
  })

  it('supports k = 3 and counts a three-way choice as beating both others', async () => {
    const { app, api, endpoint, config } = await setup({ preference: ['BETA', 'ALPHA', 'GAMMA'] })
    const arena = await api.startArena({
      name: 'k3',
      config: config(
        ['ALPHA', 'BETA', 'GAMMA'],
        { kind: 'llm', endpointId: endpoint.id },
        { k: 3, dialoguesPerCombination: 2 },
      ),
    })
    await app.arena.waitFor(arena.id)
    await expectWholeArenaDialogues(api, arena.id, 3)
    const report = await api.arenaReport({ arenaIds: [arena.id] })
    expect(report.rows[0]).toMatchObject({ contestant: 'BETA', selections: 6 })
    // A three-way choice compares only the winner with each other candidate: ALPHA and GAMMA never win.
    expect(report.unbounded.sort()).toEqual(['ALPHA', 'BETA', 'GAMMA'])
    expect(report.battles).toBe(6)
    expect(report.winRates[report.contestants.indexOf('BETA')][report.contestants.indexOf('GAMMA')]).toBe(1)

    // The verdicts as DPO data: each three-way choice gives two pairs, BETA's reply over each other candidate, after
    // the history the candidates answered (ending on the client's line).
    const { files, summary } = await api.exportArenaPreferences({ arenaIds: [arena.id], systemPrompt: 'Be kind.' })
    expect(summary).toEqual({ pairs: 12, turns: 6, dialogues: 2, skipped: { tie: 0, both_bad: 0 } })
    const file = (name: string) => files.find((f) => f.fileName === name)!.content
    const pairs = JSON.parse(file('preferences.json')) as {
      system: string
      messages: { role: string; content: string }[]
      chosen: { role: string; content: string }
      rejected: { role: string; content: string }
    }[]
    expect(pairs).toHaveLength(12)
    for (const pair of pairs) {
      expect(pair.system).toBe('Be kind.')
      expect(pair.chosen.content).toMatch(/^\[BETA\]/)
      expect(pair.rejected.content).toMatch(/^\[(ALPHA|GAMMA)\]/)
      expect(pair.messages.at(-1)!.role).toBe('user')
      expect(pair.messages.map((m) => m.role)).toEqual(pair.messages.map((_, i) => (i % 2 ? 'assistant' : 'user')))
      const turn = Number(/turn (\d+)/.exec(pair.chosen.content)![1])
      expect(pair.messages).toHaveLength(2 * turn - 1)
    }
    expect(JSON.parse(file('dataset_info.json')).simpsy_dpo).toMatchObject({
      file_name: 'preferences.json',
      formatting: 'sharegpt',
      ranking: true,
      columns: { messages: 'messages', chosen: 'chosen', rejected: 'rejected', system: 'system' },
    })
    expect(file('train.yaml')).toMatch(/^stage: dpo$/m)
    expect(file('train.yaml')).toMatch(/^pref_beta: 0.1$/m)
    expect(file('train.yaml')).toMatch(/^dataset: simpsy_dpo$/m)
  })

  it('counts referee answers without a readable choice as failures after retrying, and keeps going', async () => {
    let garbageCalls = 0
    const { app, api, endpoint, config, mock } = await setup({
      preference: ['ALPHA'],
      garbage: (request) => {
        // The referee cannot decide turn 1; later turns get a proper verdict.
        const bad = /^\[[A-D]\] \[ALPHA\] turn 1:/m.test(request.messages[1].content)
        if (bad) garbageCalls++
        return bad
      },
    })
    const arena = await api.startArena({
      name: 'garbage',
      cards: { ids: [(await api.listRoleCards({ text: 'P0' })).items[0].id] },
      config: config(
        ['ALPHA', 'BETA'],
        { kind: 'llm', endpointId: endpoint.id, parseRetries: 2 },
        { dialoguesPerCombination: 1 },
      ),
    })
    await app.arena.waitFor(arena.id)
    const done = await api.getArena({ id: arena.id })
    expect(done.status).toBe('completed')
    expect(done.refereeFailures).toBe(1)
    expect(garbageCalls).toBe(3)
    const d = await api.getArenaDialogue({ id: (await api.listArenaDialogues({ arenaId: arena.id })).items[0].id })
    const failed = d.turns.find((t) => t.refereeStatus === 'failed')!
    expect(failed).toMatchObject({ turn: 1, choice: null })
    expect(failed.refereeRaw).toContain('cannot decide')
    expect(failed.refereeError).toMatch(/no_answer/)
    const report = await api.arenaReport({ arenaIds: [arena.id] })
    expect(report.failures).toBe(1)
    expect(report.battles).toBe(2)
    expect(mock.requests.filter(isRefereeRequest)).toHaveLength(5)
  })

  it('records position-swap checks', async () => {
    const { app, api, endpoint, config } = await setup({ preference: ['ALPHA'] })
    const arena = await api.startArena({
      name: 'swap',
      config: config(
        ['ALPHA', 'BETA'],
        { kind: 'llm', endpointId: endpoint.id, positionSwap: true },
        { dialoguesPerCombination: 1 },
      ),
    })
    await app.arena.waitFor(arena.id)
    const done = await api.getArena({ id: arena.id })
    expect(done.swapChecks).toEqual({ made: 3, inconsistent: 0 })
  })

  it('resumes after the workbench closes mid-arena, without repeating or losing turns', async () => {
    const { app, api, endpoint, config } = await setup({ preference: ['ALPHA'] }, 30)
    const arena = await api.startArena({
      name: 'resume',
      config: config(
        ['ALPHA', 'BETA', 'GAMMA'],
        { kind: 'llm', endpointId: endpoint.id },
        { maxTurns: 4, concurrency: 2 },
      ),
    })
    // Closed once its progress events report three decided turns (no deadline of its own: the test's timeout applies).
    await new Promise<void>((reached) => {
      const stop = app.events.subscribe((e) => {
        if (
          e.name === 'arena.progress' &&
          (e.payload as { id: string; turns: number }).id === arena.id &&
          (e.payload as { turns: number }).turns >= 3
        ) {
          stop()
          reached()
        }
      })
    })
    await app.close()
    // Left mid-way: not every turn decided yet.
    const closed = ws.open()
    expect((await client(closed).getArena({ id: arena.id })).turns).toBeLessThan(24)
    await closed.close()
    const midway = ws.open({ resumeInterruptedRuns: true })
    await midway.arena.waitFor(arena.id)
    const api2 = client(midway)
    const done = await api2.getArena({ id: arena.id })
    expect(done.status).toBe('completed')
    expect(done.turns).toBe(24)
    await expectWholeArenaDialogues(api2, arena.id, 2)
  })
})

describe('human referees', () => {
  it('serves shuffled candidates without names, stores each vote, continues the dialogue and rates by votes', async () => {
    const { app, api, config } = await setup({ preference: [] })
    const arena = await api.startArena({
      name: 'people',
      config: config(['ALPHA', 'BETA'], { kind: 'human' }, { dialoguesPerCombination: 2, maxTurns: 2 }),
    })
    await app.arena.waitFor(arena.id)
    expect((await api.getArena({ id: arena.id })).dialogues.awaitingVote).toBe(2)

    const first = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li' })
    const task = first.task!
    expect(task.candidates.map((c) => c.label)).toEqual(['A', 'B'])
    expect(JSON.stringify(task)).not.toMatch(/endpoint|"contestant"/)
    await expect(api.submitVote({ ...task, annotator: 'Dr. Li', choice: 'tie' })).rejects.toThrow(/not offered/)
    // Vote for whichever shown candidate is BETA.
    const beta = task.candidates.findIndex((c) => c.content.includes('[BETA]'))
    let state = await api.submitVote({
      arenaId: arena.id,
      annotator: 'Dr. Li',
      dialogueId: task.dialogueId,
      turn: task.turn,
      choice: beta,
    })
    expect(state.progress.mine).toBe(1)
    // The same turn cannot be voted twice; another annotator cannot take Dr. Li's dialogue.
    await expect(
      api.submitVote({
        arenaId: arena.id,
        annotator: 'Dr. Li',
        dialogueId: task.dialogueId,
        turn: task.turn,
        choice: 0,
      }),
    ).rejects.toThrow(/already been decided/)

    const other = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Ms. Wang' })
    expect(other.task!.dialogueId).not.toBe(task.dialogueId)

    // Dr. Li continues the same dialogue once its next turn is ready.
    for (;;) {
      state = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li' })
      if (!state.preparing) break
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(state.task!.dialogueId).toBe(task.dialogueId)
    expect(state.task!.turn).toBe(2)
    expect(state.task!.history.at(-2)!.content).toContain('[BETA]')
    const beta2 = state.task!.candidates.findIndex((c) => c.content.includes('[BETA]'))
    await api.submitVote({
      arenaId: arena.id,
      annotator: 'Dr. Li',
      dialogueId: task.dialogueId,
      turn: 2,
      choice: beta2,
    })

    const votes = await api.listAnnotators({ arenaId: arena.id })
    expect(votes).toEqual([{ annotator: 'Dr. Li', votes: 2, dialogues: 1 }])
    const report = await api.arenaReport({ arenaIds: [arena.id], referee: 'human' })
    expect(report.rows[0]).toMatchObject({ contestant: 'BETA', selections: 2 })
    expect((await api.arenaReport({ arenaIds: [arena.id], referee: 'human', annotator: 'Ms. Wang' })).battles).toBe(0)
  })

  it('keeps votes while the arena is paused and continues the dialogue when it resumes', async () => {
    const { app, api, config } = await setup({ preference: [] })
    const arena = await api.startArena({
      name: 'paused',
      config: config(['ALPHA', 'BETA'], { kind: 'human' }, { dialoguesPerCombination: 1, maxTurns: 2 }),
    })
    await app.arena.waitFor(arena.id)
    await api.pauseArena({ id: arena.id })
    const { task } = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li' })
    const after = await api.submitVote({
      arenaId: arena.id,
      annotator: 'Dr. Li',
      dialogueId: task!.dialogueId,
      turn: 1,
      choice: 0,
    })
    // Nothing is generated while paused: not "preparing", not done, and the vote is kept.
    expect(after).toMatchObject({ task: null, preparing: false, done: false, progress: { mine: 1 } })
    await api.resumeArena({ id: arena.id })
    await app.arena.waitFor(arena.id)
    const next = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li' })
    expect(next.task).toMatchObject({ dialogueId: task!.dialogueId, turn: 2 })
  })

  it('takes a tie when the arena offers it: counted as a tie, half a win each, and the dialogue goes on', async () => {
    const { app, api, config } = await setup({ preference: [] })
    const arena = await api.startArena({
      name: 'ties',
      config: config(['ALPHA', 'BETA'], { kind: 'human', allowTie: true }, { dialoguesPerCombination: 1, maxTurns: 2 }),
    })
    await app.arena.waitFor(arena.id)
    const { task } = await api.nextAnnotation({ arenaId: arena.id, annotator: 'Dr. Li' })
    expect(task!.allowTie).toBe(true)
    await expect(
      api.submitVote({
        arenaId: arena.id,
        annotator: 'Dr. Li',
        dialogueId: task!.dialogueId,
        turn: 1,
        choice: 'both_bad',
      }),
    ).rejects.toThrow(/not offered/)
    await api.submitVote({
      arenaId: arena.id,
      annotator: 'Dr. Li',
      dialogueId: task!.dialogueId,
      turn: 1,
      choice: 'tie',
    })
    await app.arena.waitFor(arena.id)
    const d = await api.getArenaDialogue({ id: task!.dialogueId })
    expect(d.turns[0]).toMatchObject({ choice: 'tie', decidedBy: 'Dr. Li' })
    expect(d.turns).toHaveLength(2)
    const report = await api.arenaReport({ arenaIds: [arena.id], referee: 'human' })
    expect(report).toMatchObject({ battles: 1, ties: 1 })
    expect(report.winRates[0][1]).toBe(0.5)
    expect(report.rows.every((r) => r.selections === 0)).toBe(true)
    // A tie prefers no reply: no preference pair, and the message says why.
    await expect(api.exportArenaPreferences({ arenaIds: [arena.id], referee: 'human' })).rejects.toThrow(
      /No preference pair.*ties: 1/,
    )
  })

  it('measures how often an LLM referee agrees with the human votes', async () => {
    const { app, api, endpoint, config } = await setup({ preference: ['ALPHA'] })
    const arena = await api.startArena({
      name: 'agree',
      config: config(['ALPHA', 'BETA'], { kind: 'human' }, { dialoguesPerCombination: 2, maxTurns: 1 }),
    })
    await app.arena.waitFor(arena.id)
    // One vote for ALPHA (agrees with the LLM), one for BETA (disagrees).
    for (const want of ['ALPHA', 'BETA']) {
      const { task } = await api.nextAnnotation({ arenaId: arena.id, annotator: `coder-${want}` })
      const choice = task!.candidates.findIndex((c) => c.content.includes(`[${want}]`))
      await api.submitVote({
        arenaId: arena.id,
        annotator: `coder-${want}`,
        dialogueId: task!.dialogueId,
        turn: task!.turn,
        choice,
      })
    }
    await app.arena.waitFor(arena.id)
    expect((await api.getArena({ id: arena.id })).status).toBe('completed')
    const check = await api.startArenaAgreement({ arenaId: arena.id, referee: { endpointId: endpoint.id } })
    await app.agreements.waitFor(check.id)
    const agreement = (await api.getArenaAgreement({ id: check.id })).result!
    expect(agreement).toMatchObject({ turns: 2, compared: 2, agreed: 1, accuracy: 0.5, failures: 0 })
    expect(agreement.perAnnotator).toEqual([
      { annotator: 'coder-ALPHA', compared: 1, accuracy: 1, kappa: null },
      // Hand-worked: p_o = 0, p_e = 1·0 + 0·1 = 0, kappa = 0. One label on both sides (ALPHA above): p_e = 1,
      // undefined.
      { annotator: 'coder-BETA', compared: 1, accuracy: 0, kappa: 0 },
    ])
  })
})
