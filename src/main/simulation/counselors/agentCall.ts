import type { Sampling } from '@shared/agentSettings'
import type { TraceStep } from '@shared/dialogue'
import type { ChatMessage } from '../../llm/gateway'
import { llmAgent, type AgentReply, type TurnContext } from '../agents'
import type { CounselorEnv } from './engine'

/** A method agent's request: its filled template as the one message (the releases prompt each agent this way). */
export const promptMessages = (prompt: string): ChatMessage[] => [{ role: 'user', content: prompt }]

/** One call of a method's agent (no refinement: drafts, choices, plans), as the trace keeps it. */
export async function callAgent(
  env: Pick<CounselorEnv, 'gateway' | 'resolve'>,
  context: TurnContext,
  call: { agent: string; purpose: string; sampling: Sampling; prompt: string },
): Promise<TraceStep> {
  const { sampling } = call
  const result = await env.gateway.chat({
    endpoint: env.resolve(sampling.endpointId),
    messages: promptMessages(call.prompt),
    temperature: sampling.temperature,
    topP: sampling.topP,
    maxTokens: sampling.maxTokens,
    purpose: call.purpose,
    jobId: context.jobId,
    dialogueId: context.dialogueId,
    signal: context.signal,
  })
  return {
    agent: call.agent,
    content: result.content.trim(),
    model: result.model,
    latencyMs: result.latencyMs,
    promptTokens: result.promptTokens,
    completionTokens: result.completionTokens,
    callKey: result.callKey,
  }
}

/** The call that writes the reply the client hears: through the run's refinement rules (resampled, flagged). */
export function refinedReply(
  env: CounselorEnv,
  context: TurnContext,
  call: { purpose: string; sampling: Sampling; prompt: string },
): Promise<AgentReply> {
  const { sampling } = call
  return llmAgent(env.gateway, {
    speaker: 'counselor',
    systemPrompt: '',
    endpoint: env.resolve(sampling.endpointId),
    temperature: sampling.temperature,
    topP: sampling.topP,
    maxTokens: sampling.maxTokens,
    rule: env.refinement.rule,
    maxResamples: env.refinement.maxResamples,
    onExhausted: env.refinement.onExhausted,
    purpose: call.purpose,
    messages: () => promptMessages(call.prompt),
  }).reply(context)
}

/** The trace step of a refined reply. */
export const replyStep = (agent: string, reply: AgentReply): TraceStep => ({
  agent,
  content: reply.content,
  model: reply.model,
  latencyMs: reply.latencyMs,
  promptTokens: reply.promptTokens,
  completionTokens: reply.completionTokens,
  ...(reply.callKey && { callKey: reply.callKey }),
})
