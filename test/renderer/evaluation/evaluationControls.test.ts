import { describe, expect, it } from 'vitest'
import { renderWithStrings } from '../../support/renderStrings'

const evaluation = (status: string) => ({
  id: 'e1',
  name: 'stats: corpus',
  kind: 'stats',
  status,
  datasetIds: ['d1'],
  progress: { done: 1, total: 1, failures: 0 },
})

const buttons = async (status: string) => {
  const html = await renderWithStrings('en', [
    {
      module: '../../src/renderer/src/pages/evaluation/EvaluationControls',
      component: 'EvaluationControls',
      props: { evaluation: evaluation(status), onUpdate: () => {}, onDeleted: () => {} },
    },
  ])
  return [...html.matchAll(/data-testid="evaluation-([a-z]+)"/g)].map((m) => m[1])
}

describe('an analysis’s controls', () => {
  it('offer only what still applies: a finished analysis can be deleted, not paused or cancelled', async () => {
    expect(await buttons('completed')).toEqual(['delete'])
    expect(await buttons('cancelled')).toEqual(['delete'])
    expect(await buttons('running')).toEqual(['pause', 'cancel', 'delete'])
    expect(await buttons('paused')).toEqual(['resume', 'cancel', 'delete'])
  })
})
