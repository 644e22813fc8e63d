import { z } from 'zod'
import type { CounselorMethodInfo } from './method'
import { SpeakerLabelSchema } from './transcript'

/** The prompt a completions contestant gets unless told otherwise: the labelled transcript and the counselor's cue. */
export const DEFAULT_COMPLETION_TEMPLATE = '{{transcript}}\n{{counselor_label}}'

/**
 * A completions endpoint (`/v1/completions`): a raw prompt from a template with {{transcript}} (the labelled lines),
 * {{client_label}}, {{counselor_label}} and {{last_client}}; no chat template is applied by the server.
 */
export const completionsSettings = z.object({
  kind: z.literal('completions'),
  template: z
    .string()
    .trim()
    .min(1, 'write the prompt template')
    .max(50000)
    .default(DEFAULT_COMPLETION_TEMPLATE)
    .refine(
      (t) => /\{\{\s*(transcript|last_client)\s*\}\}/.test(t),
      'the template needs {{transcript}} or {{last_client}}',
    ),
  clientLabel: SpeakerLabelSchema,
  counselorLabel: SpeakerLabelSchema,
  /** Stop where the model starts the client's next line (a new line with the client label). */
  stopAtClientLabel: z.boolean().default(true),
})
export type CompletionsSettings = z.output<typeof completionsSettings>

export const completionsMethod: CounselorMethodInfo<CompletionsSettings> = {
  kind: 'completions',
  settings: completionsSettings,
  agents: [],
  templates: () => ({}),
  calls: () => ({ perSession: 0, perTurn: 1, criticalPath: 1 }),
  training: 'system-prompt',
  usesSeedContext: false,
}
