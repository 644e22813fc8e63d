import { afterEach, describe, expect, it } from 'vitest'
import type { WorkbenchEvent } from '@shared/api'
import { startMockOpenAI } from '../support/mockOpenAI'
import { client, tempWorkspace } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

/** Resolves once `condition` holds (looked at after each turn of the event loop). */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}

describe('test drive: a person chats with a card’s simulated client', () => {
  it('streams the client’s replies, cancels one mid-reply, and saves the chat as a dialogue the browser opens', async () => {
    const REPLY = 'Since the move I lie awake until three, and then work is a blur.'
    // The second client reply stalls after two pieces of text: it is cancelled while it streams.
    const mock = await startMockOpenAI({
      reply: () => REPLY,
      fault: (_request, call) => (call === 1 ? { stallAfterChunks: 3 } : null),
    })
    closers.push(mock.close)
    ws = tempWorkspace()
    const app = ws.open()
    const api = client(app)
    const deltas: { driveId: string; text: string }[] = []
    app.events.subscribe((event: WorkbenchEvent) => {
      if (event.name === 'testDrive.delta') deltas.push(event.payload as { driveId: string; text: string })
    })
    const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'client-model' })
    const card = await api.createRoleCard({ language: 'en', name: 'Lin', complaint: { body: 'Cannot sleep' } })

    const drive = await api.startTestDrive({ cardId: card.id, endpointId: endpoint.id })
    // The prompt the client sees: the client template filled with the card.
    expect(drive.clientPrompt).toContain('Cannot sleep')
    expect(drive.turns).toEqual([])

    const first = await api.testDriveSay({ id: drive.id, text: 'Hello, what brings you here today?' })
    expect(first).toMatchObject({ reply: REPLY, cancelled: false })
    expect(first.view.replying).toBe(false)
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.every((d) => d.driveId === drive.id)).toBe(true)
    expect(deltas.map((d) => d.text).join('')).toBe(REPLY)
    // The model was asked as the client: the card's prompt, the counselor's turn as the user's.
    expect(mock.requests[0].messages).toEqual([
      { role: 'system', content: drive.clientPrompt },
      { role: 'user', content: 'Hello, what brings you here today?' },
    ])

    deltas.length = 0
    const second = api.testDriveSay({ id: drive.id, text: 'How long has that been going on?' })
    await until(() => deltas.length >= 2)
    expect((await api.getTestDrive({ id: drive.id })).replying).toBe(true)
    expect(await api.cancelTestDriveReply({ id: drive.id })).toEqual({ cancelled: true })
    const cancelled = await second
    expect(cancelled.cancelled).toBe(true)
    expect(cancelled.view.replying).toBe(false)
    // The cancelled reply is dropped; the counselor's turn stays and is answered again on request.
    expect(cancelled.view.turns.map((t) => t.speaker)).toEqual(['counselor', 'client', 'counselor'])
    const again = await api.testDriveSay({ id: drive.id, text: '' })
    expect(again.reply).toBe(REPLY)
    expect(again.view.turns).toHaveLength(4)

    const saved = await api.saveTestDrive({ id: drive.id, name: 'Lin, first try' })
    const datasets = await api.listDatasets()
    expect(datasets.find((d) => d.id === saved.datasetId)).toMatchObject({ name: 'Lin, first try', dialogueCount: 1 })
    const listed = await api.listDialogues({ datasetId: saved.datasetId })
    expect(listed.items.map((d) => d.id)).toEqual([saved.dialogueId])
    const opened = await api.getDialogue({ id: saved.dialogueId })
    expect(opened.systemPrompt).toBe(drive.clientPrompt)
    expect(opened.endReason).toEqual({ kind: 'test_drive' })
    // The browser's end-reason filter finds it.
    expect((await api.listDialogues({ datasetId: saved.datasetId, endReason: 'test_drive' })).total).toBe(1)
    expect(opened.roleCard?.id).toBe(card.id)
    expect(opened.messages.map((m) => [m.speaker, m.content])).toEqual([
      ['counselor', 'Hello, what brings you here today?'],
      ['client', REPLY],
      ['counselor', 'How long has that been going on?'],
      ['client', REPLY],
    ])
    expect(opened.messages[1].model).toBe('client-model')

    // Saved again into the same dataset: a second dialogue beside the first.
    const more = await api.saveTestDrive({ id: drive.id, datasetId: saved.datasetId })
    expect(more.datasetId).toBe(saved.datasetId)
    expect((await api.listDialogues({ datasetId: saved.datasetId })).total).toBe(2)
  })

  it('lets a counselor method write the counselor’s turn, which the client then answers; the person takes over', async () => {
    const mock = await startMockOpenAI({
      reply: (request) =>
        request.messages[0].content.includes('Cannot sleep') ? 'Mostly at night, I guess.' : 'What keeps you awake?',
    })
    closers.push(mock.close)
    ws = tempWorkspace()
    const api = client(ws.open())
    const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'm' })
    const card = await api.createRoleCard({ language: 'en', name: 'Lin', complaint: { body: 'Cannot sleep' } })
    const drive = await api.startTestDrive({ cardId: card.id, endpointId: endpoint.id })

    const { view } = await api.testDriveCounselor({ id: drive.id, kind: 'three-stage', endpointId: endpoint.id })
    expect(view.turns).toEqual([{ speaker: 'counselor', content: 'What keeps you awake?' }])
    // The method was asked with its own prompt, not the client's.
    expect(mock.requests[0].messages[0].content).not.toContain('Cannot sleep')
    const answered = await api.testDriveSay({ id: drive.id, text: '' })
    expect(answered.reply).toBe('Mostly at night, I guess.')
    // The person takes over for the next turn.
    const typed = await api.testDriveSay({ id: drive.id, text: 'Tell me about the nights.' })
    expect(typed.view.turns.map((t) => t.speaker)).toEqual(['counselor', 'client', 'counselor', 'client'])

    // The other way round: the person plays the client, the method answers each turn.
    const other = await api.startTestDrive({ cardId: card.id, endpointId: endpoint.id })
    const played = await api.testDrivePlayClient({
      id: other.id,
      text: 'I have not slept well for weeks.',
      kind: 'three-stage',
      endpointId: endpoint.id,
    })
    expect(played.view.turns).toEqual([
      { speaker: 'client', content: 'I have not slept well for weeks.' },
      { speaker: 'counselor', content: 'What keeps you awake?' },
    ])
    const counselorAsked = mock.requests.at(-1)!.messages
    expect(counselorAsked.at(-1)).toMatchObject({ content: expect.stringContaining('I have not slept well') })
  })

  it('refuses what cannot be done, with a message saying why', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    await expect(api.startTestDrive({ cardId: 'nope', endpointId: 'nope' })).rejects.toThrow(
      /No role card with id nope/,
    )
    const card = await api.createRoleCard({ language: 'en', name: 'Lin', complaint: { body: 'Cannot sleep' } })
    await expect(api.startTestDrive({ cardId: card.id, endpointId: 'nope' })).rejects.toThrow(/No model endpoint/)
    const endpoint = await api.saveEndpoint({ name: 'x', baseURL: 'http://127.0.0.1:9/v1', model: 'm' })
    const drive = await api.startTestDrive({ cardId: card.id, endpointId: endpoint.id })
    await expect(api.saveTestDrive({ id: drive.id })).rejects.toThrow(/no turns/)
    await expect(api.testDriveSay({ id: drive.id, text: '' })).rejects.toThrow(/no counselor turn/i)
    await expect(api.saveTestDrive({ id: 'gone' })).rejects.toThrow(/No test drive gone/)
  })

  it('drives a dynamic client: its state each turn, withheld facts only once trust reaches them, saved with the chat', async () => {
    const mock = await startMockOpenAI({ reply: () => 'It has been hard.' })
    closers.push(mock.close)
    ws = tempWorkspace()
    const app = ws.open()
    const api = client(app)
    const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'client-model' })
    const card = await api.createRoleCard({
      language: 'en',
      name: 'Lin',
      complaint: { body: 'Cannot sleep' },
      withheld: [{ text: 'SECRET I lost my job', threshold: 4 }],
      resistanceBehaviours: [{ behaviour: 'minimising', frequency: 1 }],
    })
    // The readable rule: an open question adds 0.5 trust a turn, from 3.
    const drive = await api.startTestDrive({
      cardId: card.id,
      endpointId: endpoint.id,
      clientMethod: 'dynamic',
      clientState: 'rule',
    })
    expect(drive.clientKind).toBe('dynamic')
    const systems: string[] = []
    for (const question of ['What brings you here?', 'What keeps you awake?', 'What else is going on?']) {
      const said = await api.testDriveSay({ id: drive.id, text: question })
      expect(said).toMatchObject({ reply: 'It has been hard.', cancelled: false })
      systems.push(mock.requests.at(-1)!.messages[0].content as string)
    }
    expect(systems[0]).not.toContain('SECRET')
    expect(systems[1]).toContain('SECRET I lost my job')
    const view = await api.getTestDrive({ id: drive.id })
    expect(view.turns.filter((t) => t.speaker === 'client').map((t) => t.clientState?.trust)).toEqual([3.5, 4, 4.5])
    expect(view.turns.find((t) => t.speaker === 'client')?.clientState).toMatchObject({ resistance: 'minimising' })

    const saved = await api.saveTestDrive({ id: drive.id, name: 'Drives' })
    const dialogue = await api.getDialogue({ id: saved.dialogueId })
    expect(dialogue.messages.filter((m) => m.speaker === 'client').map((m) => m.trace?.clientState?.trust)).toEqual([
      3.5, 4, 4.5,
    ])
  })
})
