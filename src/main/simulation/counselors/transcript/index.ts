import type { Speaker } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import type { TranscriptSettings } from '@shared/counselors/transcript'
import { fillTemplate } from '../../../prompts/defaultTemplates'
import { refinedReply } from '../agentCall'
import type { CounselorEngine } from '../engine'
import { speakerLabel } from '../transcript'

export interface SpeakerLabels {
  clientLabel: string
  counselorLabel: string
}

/** The labels a flattened transcript uses: the given ones, or (empty) the session language's. */
export const labelsFor = (labels: SpeakerLabels, language: Language): Record<Speaker, string> => ({
  client: labels.clientLabel || speakerLabel('client', language),
  counselor: labels.counselorLabel || speakerLabel('counselor', language),
})

/** The dialogue as labelled lines, one per message (line breaks inside a message become spaces). */
export function labelledTranscript(
  history: { speaker: Speaker; content: string }[],
  labels: Record<Speaker, string>,
): string {
  return history.map((m) => `${labels[m.speaker]}${m.content.trim().replace(/\s*\n\s*/g, ' ')}`).join('\n')
}

/** The one user message a transcript contestant gets: the wrapper around the labelled transcript, then the cue. */
export function transcriptMessage(
  settings: TranscriptSettings,
  history: { speaker: Speaker; content: string }[],
  language: Language,
): string {
  const lines = labelledTranscript(history, labelsFor(settings, language))
  const body = settings.wrapper ? fillTemplate(settings.wrapper, { transcript: lines }) : lines
  return settings.cue ? `${body}\n${settings.cue}` : body
}

/** A model called with one flattened transcript in a single user message (no chat history): 1 call per turn. */
export const transcriptEngine: CounselorEngine<TranscriptSettings> = (env) => ({
  speaker: 'counselor',
  reply: (context) =>
    refinedReply(env, context, {
      purpose: 'transcript.counselor',
      sampling: env.sampling,
      prompt: transcriptMessage(env.settings, context.history, env.language),
    }),
})
