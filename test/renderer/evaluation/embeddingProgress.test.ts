import { describe, expect, it } from 'vitest'
import type { EvaluationSummary } from '@shared/evaluation'
import { renderWithStrings } from '../../support/renderStrings'

const summary = (config: object, rate: EvaluationSummary['progress']['rate']): EvaluationSummary => ({
  id: 'e1',
  kind: 'embedding',
  name: 'embedding',
  datasetIds: ['d1'],
  config,
  status: 'running',
  progress: { done: 120, total: 55_000, failures: 0, rate },
  result: null,
  error: null,
  createdAt: '2026-12-04T20:00:00.000Z',
  finishedAt: null,
  dialogues: 'complete',
  leftOut: [],
  spent: null,
})

const progress = (language: 'en' | 'zh', evaluation: EvaluationSummary) =>
  renderWithStrings(language, [
    {
      module: '../../src/renderer/src/pages/evaluation/EvaluationProgress',
      component: 'EvaluationProgress',
      props: { evaluation },
    },
  ])

describe('embedding progress and run note', () => {
  it('shows texts/s and the time left, and points a long local run to an endpoint, in both languages', async () => {
    const slow = summary({ backend: 'local' }, { perSecond: 0.4, etaSeconds: 137_000 })
    const en = await progress('en', slow)
    expect(en).toContain('0.40 texts/s')
    expect(en).toContain('about 38 h 3 min left')
    expect(en).toContain('data-testid="evaluation-progress-endpoint-hint"')
    const zh = await progress('zh', slow)
    expect(zh).toContain('每秒 0.40 段文本')
    expect(zh).toContain('嵌入端点')
    expect(zh).not.toMatch(/evaluations\.[a-zA-Z]+/)

    const endpoint = await progress('en', summary({ backend: 'endpoint' }, { perSecond: 40, etaSeconds: 7200 }))
    expect(endpoint).toContain('40 texts/s')
    expect(endpoint).not.toContain('evaluation-progress-endpoint-hint')
    const unknown = await progress('en', summary({ backend: 'local' }, { perSecond: null, etaSeconds: null }))
    expect(unknown).not.toContain('evaluation-progress-rate')
  })

  it('says where vectors were made, how many texts were cut, a GPU fallback and a proxy card', async () => {
    const note = (language: 'en' | 'zh') =>
      renderWithStrings(language, [
        {
          module: '../../src/renderer/src/pages/evaluation/results/EmbeddingRunNote',
          component: 'EmbeddingRunNote',
          props: {
            maxTokens: 8192,
            run: {
              backend: 'local',
              model: 'Xenova/bge-m3',
              device: 'cpu',
              fallback: 'cuda: no library; webgpu: no adapter',
              truncated: 3,
              truncationUnknown: 0,
              texts: 400,
              cardSource: 'first-client-turn',
            },
          },
        },
      ])
    const en = await note('en')
    expect(en).toContain('3 of 400 texts were longer than 8,192 tokens')
    expect(en).toContain('cuda: no library; webgpu: no adapter')
    expect(en).toContain('data-testid="embedding-run-proxy"')
    const zh = await note('zh')
    expect(zh).toContain('400 段文本中有 3 段超过 8,192 个词元')
    expect(zh).toContain('代用卡片')
  })
})
