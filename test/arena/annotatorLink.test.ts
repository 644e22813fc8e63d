import { afterEach, describe, expect, it } from 'vitest'
import type { AnnotationState } from '@shared/arena'
import type { Envelope } from '@shared/errors'
import type { HttpServerHandle } from '../../src/main/http/httpServer'
import { startLinkServer } from '../support/linkServer'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI } from '../support/mockOpenAI'
import { arenaScript, scriptedArenaConfig } from '../support/arenaScript'

let ws: ReturnType<typeof tempWorkspace>
let server: HttpServerHandle | null = null
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await server?.close()
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

describe('annotator access links (serve mode)', () => {
  it('open only the annotation methods, under the name the link was made for', async () => {
    const mock = await startMockOpenAI({ reply: arenaScript({ preference: [] }) })
    closers.push(mock.close)
    ws = tempWorkspace({ gateway: (calls) => createLlmGateway({ calls }) })
    const app = ws.open()
    const api = client(app)
    const endpoint = await api.saveEndpoint({
      name: 'mock',
      baseURL: mock.baseURL,
      model: 'm',
      apiKey: 'sk-secret-key',
    })
    await api.createRoleCard({ language: 'en', name: 'P', pool: 'test', complaint: { body: 'Cannot sleep.' } })
    const arena = await api.startArena({
      name: 'blind',
      config: scriptedArenaConfig(
        endpoint.id,
        ['ALPHA', 'BETA'],
        { kind: 'human' },
        {
          dialoguesPerCombination: 1,
          maxTurns: 1,
        },
      ),
    })
    await app.arena.waitFor(arena.id)
    const link = await api.createAnnotatorLink({ arenaId: arena.id, annotator: 'Dr. Zhou' })

    server = await startLinkServer(app)

    expect((await fetch(`${server.origin}/?annotator=forged`, { redirect: 'manual' })).status).toBe(401)
    const opened = await fetch(`${server.origin}${link.path}`, { redirect: 'manual' })
    expect(opened.status).toBe(302)
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]
    // As the annotator's browser sends them: from the workbench's own page.
    const call = (method: string, body: unknown) =>
      fetch(`${server!.origin}/api/${method}`, {
        method: 'POST',
        headers: { cookie, origin: server!.origin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })

    expect((await fetch(`${server.origin}/`, { headers: { cookie } })).status).toBe(200)
    // Anything but annotating is refused: endpoints, reports, events, other arenas' data.
    for (const method of ['listEndpoints', 'arenaReport', 'getArena', 'deleteArena', 'setPreferences'])
      expect((await call(method, { id: arena.id })).status).toBe(403)
    expect((await fetch(`${server.origin}/api/events`, { headers: { cookie } })).status).toBe(403)

    // The name in the request is ignored: the link decides who votes.
    const state = (
      (await (
        await call('nextAnnotation', { arenaId: 'other', annotator: 'Impostor' })
      ).json()) as Envelope<AnnotationState> & { ok: true }
    ).value
    expect(state.annotator).toBe('Dr. Zhou')
    const text = JSON.stringify(state)
    // Candidates carry their text only (the mock contestants sign it), never which model or endpoint wrote them.
    expect(text).not.toMatch(/sk-secret|endpointId|"contestant"/)
    const vote = (await (
      await call('submitVote', {
        dialogueId: state.task!.dialogueId,
        turn: state.task!.turn,
        choice: 0,
        annotator: 'Impostor',
      })
    ).json()) as Envelope
    expect(vote.ok).toBe(true)
    expect(await api.listAnnotators({ arenaId: arena.id })).toEqual([{ annotator: 'Dr. Zhou', votes: 1, dialogues: 1 }])
  })
})
