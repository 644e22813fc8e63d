import { describe, expect, it } from 'vitest'
import type { ClientStateTrace } from '@shared/clients/dynamic'
import type { Message } from '@shared/dialogue'
import { renderWithStrings } from '../../support/renderStrings'

const message = (index: number, speaker: Message['speaker'], clientState?: ClientStateTrace): Message => ({
  id: index + 1,
  dialogueId: 'd',
  index,
  speaker,
  content: `line ${index}`,
  model: 'm',
  latencyMs: null,
  promptTokens: null,
  completionTokens: null,
  flagged: false,
  rejected: [],
  trace: clientState ? { method: 'dynamic', clientState } : null,
  createdAt: '2026-01-01T00:00:00.000Z',
})

const state = (trust: number, emotion: number, resistance: ClientStateTrace['resistance']): ClientStateTrace => ({
  trust,
  emotion,
  stage: 'contemplation',
  how: 'judge',
  resistance,
  disclosed: 0,
})

const messages = [
  message(0, 'client'),
  message(1, 'counselor'),
  message(2, 'client', state(3.5, 7, null)),
  message(3, 'counselor'),
  message(4, 'client', state(5.25, 6, 'minimising')),
]
const dir = '../../src/renderer/src/pages/datasets/transcript'

const render = (language: 'en' | 'zh', parts: { module: string; component: string; props: object }[]) =>
  renderWithStrings(language, parts)

describe('the transcript’s client state', () => {
  it('draws trust and emotion across turns with its values per turn, in English and Chinese', async () => {
    const parts = [{ module: `${dir}/ClientState`, component: 'ClientStateChart', props: { messages } }]
    const en = await render('en', parts)
    expect(en).toContain('Client state across turns')
    // The chart itself draws in a browser (recharts measures); the e2e test looks at its lines.
    expect(en).toContain('role="img" aria-label="Client state across turns"')
    const rows = [...en.matchAll(/<tr data-testid="client-state-row">(.*?)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '')),
    )
    expect(rows).toEqual([
      ['1', '3.5', '7', 'Contemplation', '—'],
      ['2', '5.25', '6', 'Contemplation', 'Minimising'],
    ])
    // Each turn leads to its message.
    expect(en).toContain('title="Show message #5"')
    expect(en).not.toMatch(/clients\.[a-zA-Z.]+/)
    const zh = await render('zh', parts)
    expect(zh).toContain('来访者状态变化')
    expect(zh).toContain('<td>意向期</td>')
    expect(zh).toContain('<td>淡化问题</td>')
    expect(zh).not.toMatch(/clients\.[a-zA-Z.]+/)
  })

  it('draws nothing for a dialogue without a state trace (the static client)', async () => {
    const html = await render('en', [
      {
        module: `${dir}/ClientState`,
        component: 'ClientStateChart',
        props: { messages: [message(0, 'client'), message(1, 'counselor'), message(2, 'client')] },
      },
    ])
    expect(html).toBe('')
  })

  it('tags a client message with its state and the resistance drawn', async () => {
    const props = { state: state(5.25, 6, 'minimising') }
    const parts = [{ module: `${dir}/ClientState`, component: 'ClientStateTags', props }]
    const en = await render('en', parts)
    expect(en).toContain('Trust 5.25 · emotion 6 · Contemplation')
    expect(en).toContain('Resistance: Minimising')
    const zh = await render('zh', parts)
    expect(zh).toContain('信任 5.25 · 情绪 6 · 意向期')
    expect(zh).toContain('阻抗：淡化问题')
  })
})
