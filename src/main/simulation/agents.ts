import type { Message, RejectedAttempt, Speaker, TurnTrace } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import type { RefinementRule } from '@shared/simulation'
import type { ChatMessage, LlmGateway } from '../llm/gateway'
import type { EndpointSecret } from '../llm/endpointService'
import { bestAttempt, collapseLineBreaks, refinementProblems } from './replyRules'

/** What an agent produced for one turn, with everything the viewer shows about it: its message, before it is stored. */
export type AgentReply = Omit<Message, 'id' | 'dialogueId' | 'index' | 'createdAt' | 'speaker' | 'trace'> & {
  trace?: TurnTrace | null
  /** The accepted call in the call log (a trace step of a multi-agent reply names it); not stored with the message. */
  callKey?: string
}

/** A turn to store: the reply and who said it. */
export type NewTurn = AgentReply & Pick<Message, 'speaker'>

export interface TurnContext {
  /** The dialogue so far: who said what, and (stored messages) how it was made (a dynamic client reads its state). */
  history: (Pick<Message, 'speaker' | 'content'> & { trace?: TurnTrace | null })[]
  language: Language
  /** What the calls are logged under: the run (or the arena) the dialogue belongs to. */
  jobId: string | null
  dialogueId: string
  signal?: AbortSignal
}

/**
 * A speaker in the loop. The client and the three-stage counselor are LLM
 * agents over one system prompt; later counselors (MAGneT's multi-agent CBT
 * counselor, fine-tuned models) implement the same interface.
 */
export interface Agent {
  speaker: Speaker
  reply(context: TurnContext): Promise<AgentReply>
}

export interface LlmAgentSettings {
  speaker: Speaker
  systemPrompt: string
  endpoint: EndpointSecret
  temperature: number | null
  topP: number | null
  maxTokens: number | null
  seed?: number
  rule: RefinementRule
  maxResamples: number
  onExhausted: 'keep_best_and_flag' | 'fail_dialogue'
  /** What the call log names the calls (default: the speaker). */
  purpose?: string
  /** The request (default: the system prompt and the history as this speaker sees it). */
  messages?: (context: TurnContext) => ChatMessage[]
}

export class RefinementExhaustedError extends Error {}

/** The history as this speaker sees it: its own turns are `assistant`, the other side's `user`. */
export function chatFor(speaker: Speaker, systemPrompt: string, history: TurnContext['history']): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt },
    ...history.map((m): ChatMessage => ({ role: m.speaker === speaker ? 'assistant' : 'user', content: m.content })),
  ]
}

export function llmAgent(gateway: LlmGateway, s: LlmAgentSettings): Agent {
  return {
    speaker: s.speaker,
    async reply({ history, language, jobId, dialogueId, signal }) {
      const messages = s.messages
        ? s.messages({ history, language, jobId, dialogueId, signal })
        : chatFor(s.speaker, s.systemPrompt, history)
      const rejected: RejectedAttempt[] = []
      let latencyMs = 0
      let promptTokens = 0
      let completionTokens = 0
      for (let attempt = 0; attempt <= s.maxResamples; attempt++) {
        const result = await gateway.chat({
          endpoint: s.endpoint,
          messages,
          temperature: s.temperature,
          topP: s.topP,
          maxTokens: s.maxTokens,
          seed: s.seed === undefined ? undefined : s.seed + attempt,
          purpose: s.purpose ?? s.speaker,
          jobId,
          dialogueId,
          signal,
        })
        latencyMs += result.latencyMs
        promptTokens += result.promptTokens ?? 0
        completionTokens += result.completionTokens ?? 0
        const content = result.content.trim()
        const reasons = refinementProblems(content, s.rule, language)
        const base = { model: result.model, latencyMs, promptTokens, completionTokens }
        if (reasons.length === 0) return { ...base, content, flagged: false, rejected, callKey: result.callKey }
        rejected.push({ content, reasons })
        if (attempt === s.maxResamples) {
          if (s.onExhausted === 'fail_dialogue') {
            throw new RefinementExhaustedError(
              `every ${s.speaker} reply broke the refinement rules (${rejected.length} attempts; last: ${reasons.join(', ')})`,
            )
          }
          return { ...base, content: collapseLineBreaks(bestAttempt(rejected).content), flagged: true, rejected }
        }
      }
      throw new Error('unreachable')
    },
  }
}
