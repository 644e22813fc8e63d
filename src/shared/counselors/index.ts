import { z } from 'zod'
import { SamplingSchema } from '../agentSettings'
import { cactus, cactusSettings } from './cactus'
import { completionsMethod, completionsSettings } from './completions'
import { magnet, magnetSettings } from './magnet'
import type { CounselorMethodInfo } from './method'
import { psych8k, psych8kSettings } from './psych8k'
import { threeStage, threeStageSettings } from './threeStage'
import { transcriptMethod, transcriptSettings } from './transcript'

export type { CounselorMethodInfo, MethodCalls } from './method'
export { SEED_SESSION_PRESET } from './sessionPreset'

/**
 * The registry of counselor methods. Adding one: its contract file here (settings schema, agents, templates, calls,
 * training export), one line in each list below, and its engine folder under src/main/simulation/counselors
 * (docs/counselor-methods.md).
 */
export const METHOD_SETTINGS = [
  threeStageSettings,
  magnetSettings,
  cactusSettings,
  psych8kSettings,
  transcriptSettings,
  completionsSettings,
] as const
export const COUNSELOR_METHODS = {
  'three-stage': threeStage,
  magnet,
  cactus,
  psych8k,
  transcript: transcriptMethod,
  completions: completionsMethod,
} as const

/** A method and its own settings (no endpoint): what an arena contestant adds to its endpoint and prompt. */
export const MethodSettingsSchema = z.discriminatedUnion('kind', METHOD_SETTINGS)
export type MethodSettings = z.output<typeof MethodSettingsSchema>
export type CounselorKind = MethodSettings['kind']
export const COUNSELOR_KINDS = Object.keys(COUNSELOR_METHODS) as CounselorKind[]

/** A run's counselor: the method, its settings, and the endpoint and sampling its agents use unless set apart. */
export const CounselorConfigSchema = z.preprocess(
  // Configurations from before methods existed name no kind: the three-stage counselor.
  (value) => (value && typeof value === 'object' && !('kind' in value) ? { ...value, kind: 'three-stage' } : value),
  z.discriminatedUnion(
    'kind',
    METHOD_SETTINGS.map((s) => SamplingSchema.extend(s.shape)) as unknown as [
      ReturnType<typeof SamplingSchema.extend<typeof threeStageSettings.shape>>,
      ReturnType<typeof SamplingSchema.extend<typeof magnetSettings.shape>>,
      ReturnType<typeof SamplingSchema.extend<typeof cactusSettings.shape>>,
      ReturnType<typeof SamplingSchema.extend<typeof psych8kSettings.shape>>,
      ReturnType<typeof SamplingSchema.extend<typeof transcriptSettings.shape>>,
      ReturnType<typeof SamplingSchema.extend<typeof completionsSettings.shape>>,
    ],
  ),
)
export type CounselorConfig = z.output<typeof CounselorConfigSchema>

export function methodInfo<K extends CounselorKind>(
  kind: K,
): CounselorMethodInfo<Extract<MethodSettings, { kind: K }>> {
  return COUNSELOR_METHODS[kind] as unknown as CounselorMethodInfo<Extract<MethodSettings, { kind: K }>>
}

/** The method's settings out of a counselor configuration (endpoint and sampling left out). */
export function methodSettings(config: CounselorConfig | MethodSettings): MethodSettings {
  const { endpointId: _e, temperature: _t, topP: _p, maxTokens: _m, ...rest } = config as CounselorConfig
  return rest as MethodSettings
}

export const methodTemplates = (settings: MethodSettings) =>
  (COUNSELOR_METHODS[settings.kind] as CounselorMethodInfo).templates(settings)
export const methodCalls = (settings: MethodSettings) =>
  (COUNSELOR_METHODS[settings.kind] as CounselorMethodInfo).calls(settings)

/** A counselor of this method with its default settings, calling the given endpoint and sampling. */
export const counselorConfigFor = (
  kind: CounselorKind,
  sampling: { endpointId: string; temperature?: number | null; topP?: number | null; maxTokens?: number | null },
): CounselorConfig => CounselorConfigSchema.parse({ ...sampling, kind }) as CounselorConfig
