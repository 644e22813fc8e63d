import type { Message, Speaker } from '@shared/dialogue'

/**
 * An arena message or history line in the shape the transcript's MessageBubble draws (no cost data: the candidates
 * carry it).
 */
export function asMessage(
  dialogueId: string,
  index: number,
  speaker: Speaker,
  content: string,
  model: string | null = null,
): Message {
  return {
    id: index,
    dialogueId,
    index,
    speaker,
    content,
    model,
    latencyMs: null,
    promptTokens: null,
    completionTokens: null,
    flagged: false,
    rejected: [],
    trace: null,
    createdAt: '',
  }
}
