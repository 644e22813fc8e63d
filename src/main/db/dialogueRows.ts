import type { DialogueStatus, DialogueSummary, Message, Speaker } from '@shared/dialogue'
import { storedCard, type Language, type RoleCard } from '@shared/roleCard'

/*
 * Dialogue and message rows as SQLite holds them, and how they read as the API's types: shared by the repository
 * (storage, details) and the listing (pages of summaries).
 */

export interface DialogueRow {
  id: string
  dataset_id: string
  run_id: string | null
  position: number
  excerpt: string | null
  role_card_id: string | null
  role_card: string | null
  sample: number
  language: Language
  status: DialogueStatus
  end_reason: string | null
  turns: number
  message_count: number
  chars: number
  flagged: number
  system_prompt: string | null
  meta: string
  prompt_tokens: number
  completion_tokens: number
  updated_at: string
  case_id: string | null
  session_index: number | null
  session_summary: string | null
}
export interface MessageRow {
  id: number
  dialogue_id: string
  idx: number
  speaker: Speaker
  content: string
  model: string | null
  latency_ms: number | null
  prompt_tokens: number | null
  completion_tokens: number | null
  flagged: number
  rejected: string
  trace: string | null
  created_at: string
}

// Greetings ("你好", "Hello") say nothing about a dialogue: prefer the first substantial client message.
export const EXCERPT = `coalesce(
  (SELECT substr(content, 1, 120) FROM messages m WHERE m.dialogue_id = dialogues.id AND m.speaker = 'client' AND length(content) > 12 ORDER BY idx LIMIT 1),
  (SELECT substr(content, 1, 120) FROM messages m WHERE m.dialogue_id = dialogues.id ORDER BY idx LIMIT 1)) AS excerpt`

export const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  dialogueId: r.dialogue_id,
  index: r.idx,
  speaker: r.speaker,
  content: r.content,
  model: r.model,
  latencyMs: r.latency_ms,
  promptTokens: r.prompt_tokens,
  completionTokens: r.completion_tokens,
  flagged: r.flagged === 1,
  rejected: JSON.parse(r.rejected),
  trace: r.trace ? JSON.parse(r.trace) : null,
  createdAt: r.created_at,
})

export const roleCardOf = (r: Pick<DialogueRow, 'role_card'>): RoleCard | null =>
  r.role_card ? storedCard(JSON.parse(r.role_card)) : null

/** Characters of the first client line a dialogue without a role card is titled by. */
const TITLE_CHARS = 60

/**
 * What the list calls a dialogue: its card's complaint; without one (imports), the start of its first substantial
 * client line; without messages, the id it had in its source file. Worked out when read, so dialogues stored before
 * this rule get it too. '' when there is nothing (the UI then names it by its id).
 */
function titleOf(r: Pick<DialogueRow, 'excerpt' | 'meta'>, card: RoleCard | null): string {
  const fromCard = card ? card.complaint.title || card.complaint.body.slice(0, 80) : ''
  if (fromCard) return fromCard
  const line = [...(r.excerpt ?? '').replace(/\s+/g, ' ').trim()]
  if (line.length)
    return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS).join('').trimEnd()}…` : line.join('')
  const sourceId = (JSON.parse(r.meta) as { externalId?: unknown }).externalId
  return typeof sourceId === 'string' || typeof sourceId === 'number' ? String(sourceId) : ''
}

export function toSummary(r: DialogueRow, card: RoleCard | null): DialogueSummary {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    runId: r.run_id,
    position: r.position,
    excerpt: (r.excerpt ?? '').slice(0, 120),
    roleCardId: r.role_card_id,
    sample: r.sample,
    language: r.language,
    status: r.status,
    endReason: r.end_reason ? JSON.parse(r.end_reason) : null,
    turns: r.turns,
    messageCount: r.message_count,
    chars: r.chars,
    flagged: r.flagged === 1,
    title: titleOf(r, card),
    tags: card?.tags ?? [],
    promptTokens: r.prompt_tokens,
    completionTokens: r.completion_tokens,
    updatedAt: r.updated_at,
    caseId: r.case_id ?? null,
    sessionIndex: r.session_index ?? null,
  }
}
