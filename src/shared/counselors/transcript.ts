import { z } from 'zod'
import type { CounselorMethodInfo } from './method'

/** A speaker label ('来访者：', 'Client: '); empty = the session language's own (来访者：/咨询师：, Client: /Counselor: ). */
export const SpeakerLabelSchema = z.string().max(40).default('')

const hasTranscript = (text: string) => text === '' || /\{\{\s*transcript\s*\}\}/.test(text)

/**
 * A model that is not a chat model (ChatGLM-style `.chat` without history, as the Interactive Agents arena called
 * MeChat, PsyChat, SoulChat and CPsyCounX): the dialogue flattened into one transcript with speaker labels, sent as a
 * single user message, optionally inside a wrapper instruction, and ending with a cue label that asks for the
 * counselor's line.
 */
export const transcriptSettings = z.object({
  kind: z.literal('transcript'),
  clientLabel: SpeakerLabelSchema,
  counselorLabel: SpeakerLabelSchema,
  /** Appended on its own line at the end of the message (e.g. 咨询师：); empty = none. */
  cue: z.string().max(40).default(''),
  /** An instruction around the transcript, with {{transcript}} where it goes; empty = the transcript alone. */
  wrapper: z
    .string()
    .max(20000)
    .default('')
    .refine(hasTranscript, 'the wrapper needs a {{transcript}} placeholder where the transcript goes'),
})
export type TranscriptSettings = z.output<typeof transcriptSettings>

export const transcriptMethod: CounselorMethodInfo<TranscriptSettings> = {
  kind: 'transcript',
  settings: transcriptSettings,
  agents: [],
  templates: () => ({}),
  calls: () => ({ perSession: 0, perTurn: 1, criticalPath: 1 }),
  training: 'system-prompt',
  usesSeedContext: false,
}
