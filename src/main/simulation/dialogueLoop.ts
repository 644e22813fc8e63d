import type { EndReason, Message, Speaker } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import type { Agent, AgentReply, NewTurn } from './agents'
import { findClosingPhrase } from './replyRules'

/** Who opens a session: the client's greeting, or a seed record's counselor line and the client's first line. */
export type Opening = { kind: 'greeting'; greeting: string } | { kind: 'seed'; counselor: string; client: string }

export interface LoopSettings {
  language: Language
  /** Counselor turns; with a seed opening the session ends on the client's answer to the last one. */
  maxTurns: number
  /** Counselor turns before a closing phrase or the end token counts. */
  minTurns: number
  opening: Opening
  closingPhrases: string[]
  /** The client's end token (stripped from the stored text), or null. */
  endToken: string | null
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

const openingLine = (speaker: Speaker, content: string): NewTurn => ({
  speaker,
  content,
  model: null,
  latencyMs: null,
  promptTokens: null,
  completionTokens: null,
  flagged: false,
  rejected: [],
})

/** The client reply with the end token taken out of its text and recorded (counted once the minimum is reached). */
export function stripEndToken(reply: AgentReply, token: string, counted: boolean): AgentReply {
  if (!reply.content.includes(token)) return reply
  const content = reply.content.split(token).join(' ').replace(/\s+/g, ' ').trim()
  return { ...reply, content, trace: { ...reply.trace, endToken: { token, counted } } }
}

/**
 * Algorithm 1, with the opening and endings as run settings: the opening lines are stored, then counselor and client
 * alternate until (once the minimum number of counselor turns is reached) a counselor reply contains a closing phrase
 * or a client reply the end token, or the turn limit is reached. It works from whatever is stored, so a dialogue
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
  const { opening } = settings
  const openingLines =
    opening.kind === 'greeting'
      ? [openingLine('client', opening.greeting)]
      : [openingLine('counselor', opening.counselor), openingLine('client', opening.client)]
  // The turn limit is checked after whoever did not open has answered.
  const closer: Speaker = opening.kind === 'greeting' ? 'counselor' : 'client'

  for (const line of openingLines.slice(history.length)) history.push(io.append(line))
  for (;;) {
    const last = history[history.length - 1]
    const turn = history.filter((m) => m.speaker === 'counselor').length
    if (history.length > openingLines.length) {
      if (last.speaker === 'counselor' && turn >= settings.minTurns) {
        const keyword = findClosingPhrase(last.content, settings.closingPhrases, settings.language)
        if (keyword) return { kind: 'keyword', keyword, turn }
      }
      const ended = last.speaker === 'client' ? last.trace?.endToken : undefined
      if (ended?.counted) return { kind: 'end_token', token: ended.token, turn }
    }
    if (last.speaker === closer && turn >= settings.maxTurns) return { kind: 'max_turns', turn }
    io.signal?.throwIfAborted()
    const agent = last.speaker === 'client' ? counselor : client
    let reply = await agent.reply(turnContext())
    if (agent.speaker === 'client' && settings.endToken)
      reply = stripEndToken(reply, settings.endToken, turn >= settings.minTurns)
    const { callKey: _callKey, ...stored } = reply
    history.push(io.append({ speaker: agent.speaker, ...stored }))
  }
}
