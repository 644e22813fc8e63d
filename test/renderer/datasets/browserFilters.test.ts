import { describe, expect, it } from 'vitest'
import {
  clearedFilters,
  decimal,
  filtersFromTarget,
  hasBrowserFilters,
  NO_BROWSER_FILTERS,
  NO_SCORE_FILTER,
  percentInvalid,
  toDialogueQuery,
  type BrowserFilters,
  type ScoreFilter,
} from '../../../src/renderer/src/pages/datasets/browser/browserFilters'

const withScore = (score: Partial<ScoreFilter>, rest: Partial<BrowserFilters> = {}): BrowserFilters => ({
  ...NO_BROWSER_FILTERS,
  ...rest,
  score: { ...NO_SCORE_FILTER, evaluationId: 'ev1', metric: 'bond', ...score },
})

describe('the dataset browser’s score filter as a dialogue query', () => {
  it('sends no score until an analysis and a metric are chosen, and then counts as a filter', () => {
    expect(toDialogueQuery('ds', NO_BROWSER_FILTERS).score).toBeUndefined()
    const analysisOnly = { ...NO_BROWSER_FILTERS, score: { ...NO_SCORE_FILTER, evaluationId: 'ev1' } }
    expect(toDialogueQuery('ds', analysisOnly).score).toBeUndefined()
    expect(hasBrowserFilters(analysisOnly)).toBe(false)
    expect(hasBrowserFilters(withScore({}))).toBe(true)
    // Analysis and metric alone: the dialogues it scored on that metric.
    expect(toDialogueQuery('ds', withScore({})).score).toEqual({ evaluationId: 'ev1', metric: 'bond' })
  })

  it('sends the range typed, either end alone, a decimal comma read as a point, and leaves out what is not a number', () => {
    expect(toDialogueQuery('ds', withScore({ max: '3.999' })).score).toEqual({
      evaluationId: 'ev1',
      metric: 'bond',
      max: 3.999,
    })
    expect(toDialogueQuery('ds', withScore({ min: ' -1 ', max: '2,5' })).score).toMatchObject({ min: -1, max: 2.5 })
    expect(toDialogueQuery('ds', withScore({ min: '0', max: '' })).score).toEqual({
      evaluationId: 'ev1',
      metric: 'bond',
      min: 0,
    })
    expect(toDialogueQuery('ds', withScore({ min: 'abc', max: '4.' })).score).toEqual({
      evaluationId: 'ev1',
      metric: 'bond',
      max: 4,
    })
    expect(decimal('.25')).toBe(0.25)
    expect(decimal('1e3')).toBeUndefined()
    expect(decimal('')).toBeUndefined()
  })

  it('turns “lowest / highest N %” into a share of (0, 1], ignoring the range fields, and drops an invalid percent', () => {
    const lowest10 = toDialogueQuery('ds', withScore({ mode: 'lowest', percent: '10', max: '3' })).score
    expect(lowest10).toEqual({ evaluationId: 'ev1', metric: 'bond', lowest: 0.1 })
    expect(toDialogueQuery('ds', withScore({ mode: 'highest', percent: '7' })).score).toEqual({
      evaluationId: 'ev1',
      metric: 'bond',
      highest: 0.07,
    })
    expect(toDialogueQuery('ds', withScore({ mode: 'highest', percent: '100' })).score).toMatchObject({ highest: 1 })
    for (const bad of ['0', '101', '-5', 'ten']) {
      expect(percentInvalid(bad)).toBe(true)
      expect(toDialogueQuery('ds', withScore({ mode: 'lowest', percent: bad })).score).toEqual({
        evaluationId: 'ev1',
        metric: 'bond',
      })
    }
    expect(percentInvalid('')).toBe(false)
    expect(percentInvalid('12.5')).toBe(false)
  })

  it('sorts by the score only while there is one, and clearing the filters falls back to the order created', () => {
    expect(toDialogueQuery('ds', withScore({}, { sort: 'score', order: 'desc' }))).toMatchObject({
      datasetId: 'ds',
      sort: 'score',
      order: 'desc',
    })
    const noScore = { ...NO_BROWSER_FILTERS, sort: 'score' as const }
    expect(toDialogueQuery('ds', noScore).sort).toBe('created')
    const cleared = clearedFilters(withScore({ max: '3' }, { text: 'exam', sort: 'score', order: 'desc' }))
    expect(cleared).toEqual({ ...NO_BROWSER_FILTERS, sort: 'created', order: 'desc' })
    expect(clearedFilters({ ...NO_BROWSER_FILTERS, tag: 'x', sort: 'turns' }).sort).toBe('turns')
  })

  it('opens a link’s score as filters that give back the same query, sorted by it', () => {
    const range = filtersFromTarget({ evaluationId: 'ev1', metric: 'bond', max: 3.999 })
    expect(toDialogueQuery('ds', range)).toMatchObject({
      score: { evaluationId: 'ev1', metric: 'bond', max: 3.999 },
      sort: 'score',
      order: 'asc',
    })
    const decile = filtersFromTarget({ evaluationId: 'ev1', metric: 'bond', lowest: 0.1 })
    expect(decile.score).toMatchObject({ mode: 'lowest', percent: '10' })
    expect(toDialogueQuery('ds', decile).score).toEqual({ evaluationId: 'ev1', metric: 'bond', lowest: 0.1 })
    const top = filtersFromTarget({ evaluationId: 'ev1', metric: 'general', highest: 0.07 })
    expect(top.score.percent).toBe('7')
    expect(toDialogueQuery('ds', top)).toMatchObject({ score: { highest: 0.07 }, sort: 'score', order: 'desc' })
    expect(filtersFromTarget(undefined)).toBe(NO_BROWSER_FILTERS)
  })
})
