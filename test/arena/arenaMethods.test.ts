import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { MAGNET_SPECIALISTS } from '@shared/counselors/magnet'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI } from '../support/mockOpenAI'
import { arenaScript, scriptedArenaConfig } from '../support/arenaScript'
import { methodScript, methodTemplateOf } from '../support/methodScript'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

describe('arena with a MAGneT contestant', () => {
  it('keeps the trace with its candidates and makes its plan once per dialogue, across a reopen', async () => {
    const mock = await startMockOpenAI({
      reply: methodScript({
        fallback: arenaScript({ preference: ['MAG'] }),
        composer: () => '[MAG] What feels hardest right now?',
      }),
      latencyMs: 60,
    })
    closers.push(mock.close)
    ws = tempWorkspace({
      gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 10 } }),
    })
    const app = ws.open()
    const api = client(app)
    const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'm', maxConcurrency: 32 })
    for (let i = 0; i < 2; i++)
      await api.createRoleCard({ language: 'en', name: `P${i}`, pool: 'test', complaint: { body: `Problem ${i}` } })
    const config = scriptedArenaConfig(
      endpoint.id,
      ['MAG', 'ALPHA'],
      { kind: 'llm', endpointId: endpoint.id },
      {
        maxTurns: 4,
        dialoguesPerCombination: 2,
        concurrency: 2,
      },
    )
    config.contestants[0].method = { kind: 'magnet' }
    const arena = await api.startArena({ name: 'methods', config })
    // Closed once two MAGneT turns have been composed, then opened again to finish.
    const composed = () => mock.requests.filter((r) => methodTemplateOf(r) === 'magnet.composer').length
    while (composed() < 2) await new Promise((r) => setTimeout(r, 5))
    await app.close()
    const plansAtClose = mock.requests.filter((r) => methodTemplateOf(r) === 'cbt.plan').length
    // Left mid-way: not every MAGneT turn was asked for yet.
    expect(composed()).toBeLessThan(8)
    const again = ws.open({ resumeInterruptedRuns: true })
    await again.arena.waitFor(arena.id)
    const api2 = client(again)
    const done = await api2.getArena({ id: arena.id })
    expect(done.status).toBe('completed')
    expect(done.turns).toBe(8)

    const { items } = await api2.listArenaDialogues({ arenaId: arena.id })
    expect(items).toHaveLength(2)
    for (const item of items) {
      const d = await api2.getArenaDialogue({ id: item.id })
      expect(d.turns).toHaveLength(4)
      for (const turn of d.turns) {
        const mag = turn.candidates.find((c) => c.contestant === 'MAG')!
        const alpha = turn.candidates.find((c) => c.contestant === 'ALPHA')!
        expect(mag.trace!.method).toBe('magnet')
        expect(mag.trace!.steps!.map((s) => s.agent)).toEqual([...MAGNET_SPECIALISTS, 'technique', 'composer'])
        expect(mag.trace!.steps!.at(-1)!.content).toBe(mag.content)
        expect(alpha.trace).toBeUndefined()
        expect(turn.choice).toBe('MAG')
      }
    }
    // One plan per dialogue for the MAGneT contestant, all made before the close and kept with the dialogue.
    const plans = mock.requests.filter((r) => methodTemplateOf(r) === 'cbt.plan')
    expect(plansAtClose).toBe(2)
    expect(plans).toHaveLength(2)
    const conn = new Database(join(ws.dataDir, 'workspace.sqlite'), { readonly: true })
    const metas = (conn.prepare('SELECT meta FROM arena_dialogues').all() as { meta: string }[]).map((r) =>
      JSON.parse(r.meta),
    )
    conn.close()
    expect(metas).toHaveLength(2)
    for (const meta of metas) {
      expect(meta.MAG).toMatchObject({ cbt_technique: 'Decatastrophizing', cbt_plan_step: { agent: 'plan' } })
      expect(meta.ALPHA).toBeUndefined()
    }
  })
})
