import { beforeAll, describe, expect, it } from 'vitest'
import i18next from 'i18next'
import type { DistinctEvaluationResult } from '@shared/evaluation'
import { useUiStrings } from '../i18n'

const result: DistinctEvaluationResult = {
  kind: 'distinct',
  vocabulary: { size: 100_000, source: 'default' },
  datasets: [
    {
      datasetId: 'a',
      dialogues: 2,
      tokens: 12,
      ngrams: [
        { n: 1, total: 12, unique: 6, distinct: 0.5 },
        { n: 2, total: 10, unique: 6, distinct: 0.6 },
        { n: 3, total: 8, unique: 6, distinct: 0.75 },
      ],
      ead: 0.500027,
    },
    {
      datasetId: 'b',
      dialogues: 1,
      tokens: 10,
      ngrams: [
        { n: 1, total: 10, unique: 5, distinct: 0.5 },
        { n: 2, total: 9, unique: 5, distinct: 5 / 9 },
        { n: 3, total: 8, unique: 5, distinct: 0.625 },
      ],
      ead: 0.500022,
    },
  ],
}
const names: Record<string, string> = { a: 'simulated', b: 'real' }

beforeAll(async () => {
  // Loaded by name, like the views below (its types need the DOM's, which the node project's check has not).
  const [reactI18next] = ['react-i18next']
  i18next.use((await import(reactI18next)).initReactI18next)
  await useUiStrings('en')
})

describe('Distinct-n result view', () => {
  it('gives the chart one row per measure with a bar per dataset', async () => {
    // Loaded by name: the node project's type check does not compile the renderer's JSX (vitest does).
    const [figure] = ['../../../src/renderer/src/pages/evaluation/results/DistinctFigure']
    const { distinctChartData } = await import(figure)
    expect(distinctChartData(result)).toEqual([
      { measure: 'Distinct-1', d0: 0.5, d1: 0.5 },
      { measure: 'Distinct-2', d0: 0.6, d1: 5 / 9 },
      { measure: 'Distinct-3', d0: 0.75, d1: 0.625 },
      { measure: 'EAD', d0: 0.500027, d1: 0.500022 },
    ])
  })

  it('writes each dataset’s values under the chart and a table row per dataset, in both UI languages', async () => {
    // Rendered to markup on the server, recharts draws no bars (it measures the page first): the chart's rows are
    // tested above.
    const [{ ResultView }, { createElement }, { renderToStaticMarkup }] = await Promise.all(
      ['../../../src/renderer/src/pages/evaluation/results/ResultView', 'react', 'react-dom/server'].map(
        (m) => import(m),
      ),
    )
    const render = () =>
      renderToStaticMarkup(
        createElement(ResultView, {
          evaluationId: 'e1',
          datasetIds: result.datasets.map((d) => d.datasetId),
          result,
          datasetName: (id: string) => names[id],
          provenance: { lines: [], evaluation: null },
        }),
      ) as string
    const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    const rows = (html: string) =>
      [...html.matchAll(/<tr data-testid="distinct-row">(.*?)<\/tr>/g)].map((m) => text(m[1]))

    const en = render()
    expect(en).toContain('data-kind="distinct"')
    expect(text(en)).toContain(
      'simulated: Distinct-1 = 0.5000, Distinct-2 = 0.6000, Distinct-3 = 0.7500, EAD = 0.5000 (12 tokens in 2 dialogues)',
    )
    expect(text(en)).toContain(
      'real: Distinct-1 = 0.5000, Distinct-2 = 0.5556, Distinct-3 = 0.6250, EAD = 0.5000 (10 tokens in 1 dialogue)',
    )
    expect(text(en)).toContain('EAD with V = 100,000 (the default for words).')
    expect(rows(en)).toEqual([
      ' simulated 2 12 0.5000 0.6000 0.7500 6 6 6 0.5000 ',
      ' real 1 10 0.5000 0.5556 0.6250 5 5 5 0.5000 ',
    ])

    await useUiStrings('zh')
    try {
      const zh = render()
      expect(text(zh)).toContain('词汇多样性（Distinct-n 与 EAD）')
      expect(text(zh)).toContain('（1 段对话，共 10 个词）')
      expect(text(zh)).toContain('不同的 3 元组')
      expect(rows(zh)).toEqual(rows(en))
    } finally {
      await useUiStrings('en')
    }
  })
})
