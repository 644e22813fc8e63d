import { describe, expect, it } from 'vitest'
import type { Message, Speaker } from '../../src/shared/dialogue'
import type { Agent, AgentReply, NewTurn } from '../../src/main/simulation/agents'
import { runDialogueLoop, type LoopSettings } from '../../src/main/simulation/dialogueLoop'

const reply = (content: string): AgentReply => ({
  content,
  model: 'm',
  latencyMs: 1,
  promptTokens: 1,
  completionTokens: 1,
  flagged: false,
  rejected: [],
})

/** An agent that answers with its lines in turn (then repeats the last). */
function scripted(speaker: Speaker, lines: (n: number) => string): Agent & { calls: number } {
  const agent = {
    speaker,
    calls: 0,
    async reply() {
      return reply(lines(++agent.calls))
    },
  }
  return agent
}

function store() {
  const messages: Message[] = []
  return {
    messages,
    append(m: NewTurn): Message {
      const stored: Message = {
        ...m,
        trace: m.trace ?? null,
        id: messages.length,
        dialogueId: 'd',
        index: messages.length,
        createdAt: '',
      }
      messages.push(stored)
      return stored
    },
  }
}

const seedSession: LoopSettings = {
  language: 'en',
  maxTurns: 21,
  minTurns: 20,
  opening: { kind: 'seed', counselor: 'Hi Laura, how can I help?', client: 'My running goals get me down.' },
  closingPhrases: [],
  endToken: '[/END]',
}

describe('the dialogue loop', () => {
  it('opens a seed session with the two seed lines and ends, like the released MAGneT sessions, at 42 messages', async () => {
    const s = store()
    const end = await runDialogueLoop(
      scripted('client', (n) => `client ${n}`),
      scripted('counselor', (n) => `counselor ${n}`),
      seedSession,
      { runId: null, dialogueId: 'd', history: [], append: s.append },
    )
    expect(end).toEqual({ kind: 'max_turns', turn: 21 })
    expect(s.messages).toHaveLength(42)
    expect(s.messages.slice(0, 3).map((m) => [m.speaker, m.content])).toEqual([
      ['counselor', 'Hi Laura, how can I help?'],
      ['client', 'My running goals get me down.'],
      ['counselor', 'counselor 1'],
    ])
    expect(s.messages.at(-1)!.speaker).toBe('client')
    expect(s.messages.slice(0, 2).every((m) => m.model === null)).toBe(true)
  })

  it('ignores the end token before the minimum (stripped, recorded) and ends on it after', async () => {
    const s = store()
    const end = await runDialogueLoop(
      scripted('client', (n) => (n === 3 || n === 19 ? `I think we are done. [/END]` : `client ${n}`)),
      scripted('counselor', (n) => `counselor ${n}`),
      seedSession,
      { runId: null, dialogueId: 'd', history: [], append: s.append },
    )
    expect(end).toEqual({ kind: 'end_token', token: '[/END]', turn: 20 })
    expect(s.messages).toHaveLength(40)
    const withToken = s.messages.filter((m) => m.trace?.endToken)
    expect(withToken.map((m) => [m.index, m.content, m.trace!.endToken!.counted])).toEqual([
      [7, 'I think we are done.', false],
      [39, 'I think we are done.', true],
    ])
    expect(s.messages.some((m) => m.content.includes('[/END]'))).toBe(false)
  })

  it('counts closing phrases only from the minimum turn on', async () => {
    const s = store()
    const end = await runDialogueLoop(
      scripted('client', (n) => `client ${n}`),
      scripted('counselor', () => 'Take care until next time.'),
      { ...seedSession, closingPhrases: ['take care'], minTurns: 3, endToken: null },
      { runId: null, dialogueId: 'd', history: [], append: s.append },
    )
    expect(end).toEqual({ kind: 'keyword', keyword: 'take care', turn: 3 })
    expect(s.messages.filter((m) => m.speaker === 'counselor')).toHaveLength(3)
  })

  it('resumes a seed session from stored messages without repeating the opening or an ended token', async () => {
    const first = store()
    const client = scripted('client', (n) => (n === 20 ? 'Thanks. [/END]' : `client ${n}`))
    await runDialogueLoop(
      client,
      scripted('counselor', (n) => `counselor ${n}`),
      seedSession,
      {
        runId: null,
        dialogueId: 'd',
        history: [],
        append: first.append,
      },
    )
    // The process died after the ending client reply was stored but before the status: resuming ends at once.
    const again = store()
    const counselor = scripted('counselor', () => 'never asked')
    const end = await runDialogueLoop(
      scripted('client', () => 'never asked'),
      counselor,
      seedSession,
      {
        runId: null,
        dialogueId: 'd',
        history: first.messages,
        append: again.append,
      },
    )
    expect(end).toEqual({ kind: 'end_token', token: '[/END]', turn: 21 })
    expect(again.messages).toHaveLength(0)
    expect(counselor.calls).toBe(0)
  })

  it('keeps the Interactive Agents opening and ending: greeting first, closing phrase on a counselor reply', async () => {
    const s = store()
    const end = await runDialogueLoop(
      scripted('client', (n) => `client ${n}`),
      scripted('counselor', (n) => (n === 4 ? '今天就到这里，再见。' : `counselor ${n}`)),
      {
        language: 'zh',
        maxTurns: 50,
        minTurns: 0,
        opening: { kind: 'greeting', greeting: '你好' },
        closingPhrases: ['再见'],
        endToken: null,
      },
      { runId: null, dialogueId: 'd', history: [], append: s.append },
    )
    expect(end).toEqual({ kind: 'keyword', keyword: '再见', turn: 4 })
    expect(s.messages[0]).toMatchObject({ speaker: 'client', content: '你好' })
    expect(s.messages).toHaveLength(8)
  })
})
