import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ApiClient } from '@shared/api'
import { counselorConfigFor } from '@shared/counselors'
import { SimulationConfigSchema } from '@shared/simulation'
import { runRepo } from '../../src/main/db/runRepo'
import { client, tempWorkspace } from '../support/workspace'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

const file = (files: { fileName: string; content: string }[], name: string) =>
  files.find((f) => f.fileName === name)!.content
const asFile = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/** A workspace with a scripted endpoint and one English card. */
async function workspace() {
  const mock = await startMockOpenAI({ reply: scriptedCounseling({ closeAtTurn: () => 2 }) })
  closers.push(mock.close)
  ws = tempWorkspace()
  const app = ws.open()
  const api = client(app)
  const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'mock-model' })
  await api.createRoleCard({
    language: 'en',
    name: 'Anna',
    complaint: { title: 'Exams', body: 'I panic before exams.' },
  })
  const defaults = await api.simulationDefaults()
  const config = {
    ...defaults,
    client: { ...defaults.client, endpointId: endpoint.id },
    counselor: { ...defaults.counselor, endpointId: endpoint.id },
  }
  const run = async (counselor = config.counselor) => {
    const started = await api.startRun({ name: 'run', cards: { query: {} }, config: { ...config, counselor } })
    await app.runner.waitFor(started.id)
    return started.datasetId
  }
  return { app, api, run, config }
}

async function importMagnetZip(api: ApiClient) {
  const zip = readFileSync(resolve(import.meta.dirname, '../fixtures/datasets/magnet.zip'))
  const { datasetId } = await api.importDataset({ fileName: 'magnet.zip', contentBase64: zip.toString('base64') })
  return datasetId!
}

describe('training export by counselor method', () => {
  it('exports a three-stage run as before: system prompt and alternating messages, whatever the style default', async () => {
    const { api, run } = await workspace()
    const datasetId = await run()
    const [summary] = (await api.listDialogues({ datasetId })).items
    const { systemPrompt } = await api.getDialogue({ id: summary.id })
    const auto = await api.exportTrainingData({ datasetId })
    const explicit = await api.exportTrainingData({ datasetId, sampleStyle: 'system-prompt' })
    expect(auto.files).toEqual(explicit.files)
    expect(auto.summary).toMatchObject({ sampleStyle: 'system-prompt', dialogues: 1, samples: 1 })
    expect(auto.summary.seedContext).toBeUndefined()
    expect(file(auto.files, 'data.json')).toBe(
      asFile([
        {
          messages: [
            { role: 'system', content: systemPrompt },
            { role: 'user', content: 'Hello' },
            { role: 'assistant', content: 'Counselor turn 1: what was that like for you?' },
            { role: 'user', content: '[Anna] client line 2: things have been hard lately.' },
            { role: 'assistant', content: 'Thank you for today, take care.' },
          ],
        },
      ]),
    )
    expect(file(auto.files, 'dataset_info.json')).toBe(
      asFile({
        simpsy: {
          file_name: 'data.json',
          formatting: 'sharegpt',
          columns: { messages: 'messages' },
          tags: {
            role_tag: 'role',
            content_tag: 'content',
            user_tag: 'user',
            assistant_tag: 'assistant',
            system_tag: 'system',
          },
        },
      }),
    )
  })

  it('writes one alpaca sample per counselor turn from the seed and the history (MAGneT sessions)', async () => {
    const { api } = await workspace()
    const datasetId = await importMagnetZip(api)
    const [paula] = (await api.listDialogues({ datasetId })).items.filter((d) => d.title.includes('accident'))
    const session = await api.getDialogue({ id: paula.id })
    const counselorTurns = session.messages.filter((m) => m.speaker === 'counselor')

    // An import has no run: the default keeps the system-prompt style, which needs client-first sessions.
    await expect(api.exportTrainingData({ datasetId })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('seed-context'),
      details: { sampleStyle: 'system-prompt', filtered: { not_alternating: 2 } },
    })

    const out = await api.exportTrainingData({ datasetId, sampleStyle: 'seed-context', datasetName: 'magnet' })
    const data = JSON.parse(file(out.files, 'data.json')) as Record<string, string>[]
    expect(out.summary).toMatchObject({
      sampleStyle: 'seed-context',
      dialogues: 2,
      seedContext: { seed: 2, derived: 0, none: 0 },
      systemPrompt: null,
    })
    expect(out.summary.samples).toBe(data.length)
    const fromPaula = data.filter((s) => s.input.includes('Paula Greer'))
    expect(fromPaula.map((s) => s.output)).toEqual(counselorTurns.map((m) => m.content))
    const card = session.roleCard!.seed!
    const instruction =
      "You are a counselor practicing cognitive behavioral therapy. Using the client's information, their reason " +
      'for seeking counseling and the conversation so far, write the counselor’s next utterance.'
    expect(fromPaula[0]).toEqual({
      instruction,
      input: `Client information:\n${card.clientInformation}\n\nReason for counseling:\n${card.reasonForCounseling}\n\nCounseling dialogue:\n(the session has not started yet)`,
      output: 'Hi Paula, thank you for coming in. How are you today?',
    })
    const history = session.messages
      .slice(0, session.messages.indexOf(counselorTurns[1]))
      .map((m) => `${m.speaker === 'counselor' ? 'Counselor' : 'Client'}: ${m.content}`)
    expect(fromPaula[1].input.endsWith(`Counseling dialogue:\n${history.join('\n')}`)).toBe(true)
    expect(JSON.parse(file(out.files, 'dataset_info.json'))).toEqual({
      magnet: {
        file_name: 'data.json',
        formatting: 'alpaca',
        columns: { prompt: 'instruction', query: 'input', response: 'output' },
      },
    })
  })

  it('derives the context from a card without a seed, says so, and adds a given system prompt', async () => {
    const { api, run } = await workspace()
    const datasetId = await run()
    const out = await api.exportTrainingData({ datasetId, sampleStyle: 'seed-context', systemPrompt: 'Be kind.' })
    expect(out.summary).toMatchObject({ dialogues: 1, samples: 2, seedContext: { seed: 0, derived: 1, none: 0 } })
    const [first] = JSON.parse(file(out.files, 'data.json')) as Record<string, string>[]
    expect(first.input).toBe(
      'Client information:\nName: Anna\n\nReason for counseling:\nExams\nI panic before exams.\n\n' +
        'Counseling dialogue:\nClient: Hello',
    )
    expect(first).toMatchObject({ output: 'Counselor turn 1: what was that like for you?', system: 'Be kind.' })
    expect(JSON.parse(file(out.files, 'dataset_info.json')).simpsy.columns).toEqual({
      prompt: 'instruction',
      query: 'input',
      response: 'output',
      system: 'system',
    })
  })

  it('takes the style from the method of the run that made the dataset when none is chosen', async () => {
    const { app, api, config } = await workspace()
    const datasetId = await importMagnetZip(api)
    // The dataset as a MAGneT run would have made it (the run row is what the export looks at).
    runRepo(app.db).insert({
      id: 'run-magnet',
      name: 'magnet',
      datasetId,
      config: SimulationConfigSchema.parse({ ...config, counselor: counselorConfigFor('magnet', config.counselor) }),
      templates: { client: [], counselor: [] },
      effective: null,
    })
    const out = await api.exportTrainingData({ datasetId })
    expect(out.summary).toMatchObject({ sampleStyle: 'seed-context', seedContext: { seed: 2, derived: 0, none: 0 } })
    expect(JSON.parse(file(out.files, 'dataset_info.json')).simpsy.formatting).toBe('alpaca')
    // Chosen explicitly, the system-prompt style still applies.
    await expect(api.exportTrainingData({ datasetId, sampleStyle: 'system-prompt' })).rejects.toMatchObject({
      details: { sampleStyle: 'system-prompt' },
    })
  })
})
