import { z } from 'zod'

/** Where an agent's calls go and how they are sampled; null = the endpoint's default. */
export const SamplingSchema = z.object({
  endpointId: z.string().min(1, 'choose a model endpoint'),
  temperature: z.number().min(0).max(2).nullable().default(null),
  topP: z.number().min(0).max(1).nullable().default(null),
  maxTokens: z.number().int().min(1).max(200000).nullable().default(null),
})
export type Sampling = z.output<typeof SamplingSchema>

export const AgentSettingsSchema = SamplingSchema.extend({
  /** Prompt template id; its current version is pinned when the run starts. */
  templateId: z.string().min(1),
})
export type AgentSettings = z.infer<typeof AgentSettingsSchema>

/**
 * One agent of a multi-agent counselor set apart from the counselor's settings: a field left out takes the
 * counselor's value (endpoint, temperature, top-p, max tokens).
 */
export const AgentOverrideSchema = z.object({
  endpointId: z.string().min(1, 'choose a model endpoint').optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  topP: z.number().min(0).max(1).nullable().optional(),
  maxTokens: z.number().int().min(1).max(200000).nullable().optional(),
})
export type AgentOverride = z.output<typeof AgentOverrideSchema>

/** The settings one agent of a method calls with: the counselor's, with the agent's own where it has them. */
export function agentSampling(base: Sampling, override: AgentOverride | undefined): Sampling {
  return {
    endpointId: override?.endpointId ?? base.endpointId,
    temperature: override?.temperature !== undefined ? override.temperature : base.temperature,
    topP: override?.topP !== undefined ? override.topP : base.topP,
    maxTokens: override?.maxTokens !== undefined ? override.maxTokens : base.maxTokens,
  }
}
