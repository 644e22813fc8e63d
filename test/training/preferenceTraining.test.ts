import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { ApiClient } from '@shared/api'
import type { TrainingJobView } from '@shared/training'
import { client, tempWorkspace } from '../support/workspace'
import { startMockOpenAI } from '../support/mockOpenAI'
import { arenaScript, scriptedArenaConfig } from '../support/arenaScript'
import { startSshd, type TestSshd } from '../support/sshd'
import { trustedProfile, until } from '../support/remoteTraining'

let sshd: TestSshd
let ws: ReturnType<typeof tempWorkspace>
let api: ApiClient
let app: ReturnType<ReturnType<typeof tempWorkspace>['open']>
let closeMock: () => Promise<void>

beforeAll(async () => {
  sshd = await startSshd()
  const mock = await startMockOpenAI({ reply: arenaScript({ preference: ['ALPHA', 'BETA', 'GAMMA'] }) })
  closeMock = mock.close
  ws = tempWorkspace({ training: { follow: true, pollMs: 200, cancelGraceMs: 1000 } })
  app = ws.open()
  api = client(app)
  const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'm' })
  await api.createRoleCard({ language: 'en', name: 'P', pool: 'test', complaint: { body: 'Problem' } })
  arenaId = (
    await api.startArena({
      name: 'finished',
      config: scriptedArenaConfig(
        endpoint.id,
        ['ALPHA', 'BETA', 'GAMMA'],
        { kind: 'llm', endpointId: endpoint.id },
        {
          maxTurns: 2,
          dialoguesPerCombination: 1,
        },
      ),
    })
  ).id
  await app.arena.waitFor(arenaId)
})
afterAll(async () => {
  await ws?.cleanup()
  await closeMock?.()
  await sshd?.stop()
})

let arenaId: string
const ended = (job: TrainingJobView) => !['uploading', 'running'].includes(job.status)

describe('training on arena preferences through the remote flow', () => {
  it('uploads the pairs with a ranking dataset entry and a stage: dpo YAML, and the trainer runs to completion', async () => {
    expect((await api.getArena({ id: arenaId })).status).toBe('completed')
    // 3 dialogues (ALPHA-BETA, ALPHA-GAMMA, BETA-GAMMA) × 2 turns, each decided: 6 pairs (k = 2: one per turn).
    const profile = await trustedProfile(api, sshd)
    const config = await api.trainingConfigDefaults({ model: 'qwen2-7b-instruct', stage: 'dpo' })
    expect(config).toMatchObject({ stage: 'dpo', dataset: 'simpsy_dpo', pref_beta: 0.1, finetuning_type: 'lora' })
    const job = await api.launchTraining({
      name: 'dpo from the arena',
      profileId: profile.id,
      preferences: { arenaIds: [arenaId], referee: 'llm', systemPrompt: 'You are a counselor.' },
      config: { ...config, logging_steps: 1 },
    })
    expect(job.exportSummary).toMatchObject({
      samples: 6,
      trainSamples: 6,
      validationSamples: 0,
      counselorTurns: 6,
      dialogues: 3,
      systemPrompt: 'You are a counselor.',
      preferences: { arenaIds: [arenaId], referee: 'llm', annotator: null },
    })

    const dir = job.remoteDir
    const pairs = JSON.parse(readFileSync(join(dir, 'data', 'preferences.json'), 'utf8'))
    expect(pairs).toHaveLength(6)
    // The referee prefers ALPHA, then BETA: every chosen reply is the better one of its pair.
    const rank = (content: string) => ['ALPHA', 'BETA', 'GAMMA'].indexOf(/\[(\w+)\]/.exec(content)![1])
    for (const p of pairs) {
      expect(p.system).toBe('You are a counselor.')
      expect(p.messages[0]).toEqual({ role: 'user', content: expect.any(String) })
      expect(rank(p.chosen.content)).toBeLessThan(rank(p.rejected.content))
    }
    const info = JSON.parse(readFileSync(join(dir, 'data', 'dataset_info.json'), 'utf8'))
    expect(info).toEqual({
      simpsy_dpo: expect.objectContaining({
        file_name: 'preferences.json',
        ranking: true,
        columns: expect.objectContaining({ chosen: 'chosen', rejected: 'rejected', system: 'system' }),
      }),
    })
    const yaml = parse(readFileSync(join(dir, 'train.yaml'), 'utf8'))
    expect(yaml).toMatchObject({
      stage: 'dpo',
      pref_beta: 0.1,
      pref_loss: 'sigmoid',
      finetuning_type: 'lora',
      dataset: 'simpsy_dpo',
      dataset_dir: join(dir, 'data'),
      output_dir: join(dir, 'saves/simpsy-counselor-dpo'),
    })
    // The stand-in trainer refuses a ranking dataset outside a preference stage, as LLaMA-Factory does.
    const done = await until(() => api.getTrainingJob({ id: job.id }), ended)
    expect(done).toMatchObject({ status: 'completed', exitCode: 0 })
  })

  it('writes stage: dpo for preference data whatever stage the form says, and wants exactly one kind of data', async () => {
    const profile = (await api.listSshProfiles())[0]
    const sft = await api.trainingConfigDefaults({ model: 'qwen2-7b-instruct' })
    const job = await api.launchTraining({
      name: 'dpo with the sft form',
      profileId: profile.id,
      preferences: { arenaIds: [arenaId], referee: 'llm' },
      config: sft,
    })
    expect(parse(readFileSync(join(job.remoteDir, 'train.yaml'), 'utf8'))).toMatchObject({
      stage: 'dpo',
      pref_beta: 0.1,
      dataset: 'simpsy_dpo',
    })
    expect(await until(() => api.getTrainingJob({ id: job.id }), ended)).toMatchObject({ status: 'completed' })

    await expect(api.launchTraining({ name: 'no data', profileId: profile.id, config: sft })).rejects.toThrow(
      /either a dataset export or arena preferences/,
    )
    // Human votes of an LLM-refereed arena: none, and the message says so before anything is uploaded.
    await expect(
      api.launchTraining({
        name: 'no votes',
        profileId: profile.id,
        preferences: { arenaIds: [arenaId], referee: 'human' },
        config: sft,
      }),
    ).rejects.toThrow(/No preference pair/)
  })
})
