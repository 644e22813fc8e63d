import { randomUUID } from 'node:crypto'
import type { PinnedTemplate, SimulationConfig } from '@shared/simulation'
import { SESSION_TEMPLATE_IDS } from './templates'

/**
 * The dialogues of one card and sample: one (no case) with a single session, as in the paper; otherwise a new case
 * of `sessionsPerCard` sessions, indexed from 1, stored one after another.
 */
export function caseSessions(
  config: Pick<SimulationConfig, 'sessionsPerCard'>,
): { caseId: string | null; sessionIndex: number | null }[] {
  if (config.sessionsPerCard <= 1) return [{ caseId: null, sessionIndex: null }]
  const caseId = randomUUID()
  return Array.from({ length: config.sessionsPerCard }, (_, i) => ({ caseId, sessionIndex: i + 1 }))
}

/** A run with follow-up sessions pins the session templates (summary, client and counselor blocks) it starts with. */
export function pinSessionTemplates(
  config: Pick<SimulationConfig, 'sessionsPerCard'>,
  pin: (templateId: string) => PinnedTemplate[],
): { sessions?: PinnedTemplate[] } {
  return config.sessionsPerCard > 1 ? { sessions: SESSION_TEMPLATE_IDS.flatMap(pin) } : {}
}
