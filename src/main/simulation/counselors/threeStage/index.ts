import type { ThreeStageSettings } from '@shared/counselors/threeStage'
import { llmAgent } from '../../agents'
import type { CounselorEngine } from '../engine'

/** One system prompt and the history as chat messages: the Interactive Agents counselor (and any single-prompt one). */
export const threeStageEngine: CounselorEngine<ThreeStageSettings> = (env) =>
  llmAgent(env.gateway, {
    speaker: 'counselor',
    systemPrompt: env.systemPrompt ?? '',
    endpoint: env.resolve(env.sampling.endpointId),
    temperature: env.sampling.temperature,
    topP: env.sampling.topP,
    maxTokens: env.sampling.maxTokens,
    rule: env.refinement.rule,
    maxResamples: env.refinement.maxResamples,
    onExhausted: env.refinement.onExhausted,
  })
