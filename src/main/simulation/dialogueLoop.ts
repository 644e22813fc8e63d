import type { EndReason, Message } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import type { Agent, NewTurn } from './agents'
import { findClosingPhrase } from './replyRules'

export interface LoopSettings {
  language: Language
  maxTurns: number
  greeting: string
  closingPhrases: string[]
}

export interface LoopIo {
  runId: string | null
  dialogueId: string
  /** Messages already stored (a resumed dialogue continues after them). */
  history: Message[]
  /** Persists one message the moment it exists and returns it as stored. */
  append(message: NewTurn): Message
  signal?: AbortSignal
}

/**
 * Algorithm 1: the client opens with the greeting, then counselor and client
 * alternate until a counselor reply contains a closing phrase or the turn
 * limit is reached. It works from whatever is stored, so a dialogue
 * interrupted at any point resumes where it stopped.
 */
export async function runDialogueLoop(
  client: Agent,
  counselor: Agent,
  settings: LoopSettings,
  io: LoopIo,
): Promise<EndReason> {
  const history = [...io.history]
  const turnContext = () => ({
    history,
    language: settings.language,
    jobId: io.runId,
    dialogueId: io.dialogueId,
    signal: io.signal,
  })

  if (history.length === 0) {
    history.push(
      io.append({
        speaker: 'client',
        content: settings.greeting,
        model: null,
        latencyMs: null,
        promptTokens: null,
        completionTokens: null,
        flagged: false,
        rejected: [],
      }),
    )
  }
  for (;;) {
    const last = history[history.length - 1]
    if (last.speaker === 'counselor') {
      const turn = history.filter((m) => m.speaker === 'counselor').length
      const keyword = findClosingPhrase(last.content, settings.closingPhrases, settings.language)
      if (keyword) return { kind: 'keyword', keyword, turn }
      if (turn >= settings.maxTurns) return { kind: 'max_turns', turn }
    }
    io.signal?.throwIfAborted()
    const agent = last.speaker === 'client' ? counselor : client
    const reply = await agent.reply(turnContext())
    history.push(io.append({ speaker: agent.speaker, ...reply }))
  }
}
