import type { Speaker } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import type { CompletionsSettings } from '@shared/counselors/completions'
import type { LlmGateway } from '../../../llm/gateway'
import { fillTemplate } from '../../../prompts/defaultTemplates'
import { llmAgent } from '../../agents'
import type { CounselorEngine } from '../engine'
import { labelledTranscript, labelsFor } from '../transcript/index'

/** The raw prompt of a completions contestant: its template filled from the labelled transcript. */
export function completionPrompt(
  settings: CompletionsSettings,
  history: { speaker: Speaker; content: string }[],
  language: Language,
): string {
  const labels = labelsFor(settings, language)
  return fillTemplate(settings.template, {
    transcript: labelledTranscript(history, labels),
    client_label: labels.client,
    counselor_label: labels.counselor,
    last_client: history.findLast((m) => m.speaker === 'client')?.content.trim() ?? '',
  })
}

/**
 * A completions endpoint (`/v1/completions`) with a raw prompt: 1 call per turn. The reply still goes through the
 * run's refinement rules (the agent's chat call is sent as a completion of the prompt).
 */
export const completionsEngine: CounselorEngine<CompletionsSettings> = (env) => {
  const labels = labelsFor(env.settings, env.language)
  const stop = env.settings.stopAtClientLabel && labels.client.trim() ? [`\n${labels.client.trim()}`] : []
  // The prompt travels as the agent's one message and is sent as a completions prompt.
  const gateway: LlmGateway = {
    ...env.gateway,
    chat: ({ messages, ...call }) => env.gateway.complete({ ...call, prompt: messages[0].content, stop }),
  }
  return {
    speaker: 'counselor',
    reply: (context) =>
      llmAgent(gateway, {
        speaker: 'counselor',
        systemPrompt: '',
        endpoint: env.resolve(env.sampling.endpointId),
        temperature: env.sampling.temperature,
        topP: env.sampling.topP,
        maxTokens: env.sampling.maxTokens,
        rule: env.refinement.rule,
        maxResamples: env.refinement.maxResamples,
        onExhausted: env.refinement.onExhausted,
        purpose: 'completions.counselor',
        messages: () => [{ role: 'user', content: completionPrompt(env.settings, context.history, env.language) }],
      }).reply(context),
  }
}
