import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { tempWorkspace, client } from '../support/workspace'
import { sessionsJsonl } from '../support/sessionsFixture'

let ws: ReturnType<typeof tempWorkspace>
afterEach(async () => {
  await ws?.cleanup()
})

describe('training export through the API', () => {
  it('writes LLaMA-Factory data, dataset_info.json and a train YAML with the paper’s settings', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const { datasetId } = await api.importDataset({
      fileName: 'sessions.jsonl',
      contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
    })
    const { files, summary } = await api.exportTrainingData({
      datasetId: datasetId!,
      systemPrompt: 'You are a counselor.',
      datasetName: 'study1',
    })
    expect(files.map((f) => f.fileName)).toEqual(['data.json', 'dataset_info.json', 'train.yaml'])
    expect(summary).toMatchObject({ dialogues: 4, samples: 4, systemPrompt: 'You are a counselor.' })

    const data = JSON.parse(files[0].content)
    expect(data[0].messages.map((m: { role: string }) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
    ])
    expect(data[0].messages[1].content).toBe('Hello')
    expect(JSON.parse(files[1].content).study1).toMatchObject({
      file_name: 'data.json',
      formatting: 'sharegpt',
      columns: { messages: 'messages' },
    })
    expect(parse(files[2].content)).toMatchObject({
      stage: 'sft',
      finetuning_type: 'full',
      model_name_or_path: 'Qwen/Qwen2-7B-Instruct',
      template: 'qwen',
      dataset: 'study1',
      learning_rate: 1e-5,
      lr_scheduler_type: 'cosine',
      num_train_epochs: 2,
      bf16: true,
      per_device_train_batch_size: 1,
      gradient_accumulation_steps: 2,
      val_size: 0.001,
    })

    const perTurn = await api.exportTrainingData({ datasetId: datasetId!, perTurnSplit: true, systemPrompt: null })
    // Two counselor turns per dialogue; the four identical opening exchanges are kept once.
    expect(perTurn.summary.samples).toBe(5)
    expect(perTurn.summary.filtered).toMatchObject({ duplicate: 3 })
    await expect(api.exportTrainingData({ datasetId: datasetId!, minTurns: 99 })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('min_turns'),
    })
  })
})
