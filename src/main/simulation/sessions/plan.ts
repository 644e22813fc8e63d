import { randomUUID } from 'node:crypto'
import type { PinnedTemplate, SimulationConfig } from '@shared/simulation'
import { SESSION_TEMPLATE_IDS } from './templates'

/**
 * The dialogues of one card, in storage order: per sample one dialogue (no case) with a single session, as in the
 * paper; otherwise a new case of `sessionsPerCard` sessions, indexed from 1, stored one after another.
 */
export function cardDialogues(
  config: Pick<SimulationConfig, 'samplesPerCard' | 'sessionsPerCard'>,
): { sample: number; caseId: string | null; sessionIndex: number | null }[] {
  return Array.from({ length: config.samplesPerCard }, (_, sample) => {
    if (config.sessionsPerCard <= 1) return [{ sample, caseId: null, sessionIndex: null }]
    const caseId = randomUUID()
    return Array.from({ length: config.sessionsPerCard }, (_, i) => ({ sample, caseId, sessionIndex: i + 1 }))
  }).flat()
}

/** A run with follow-up sessions pins the session templates (summary, client and counselor blocks) it starts with. */
export function pinSessionTemplates(
  config: Pick<SimulationConfig, 'sessionsPerCard'>,
  pin: (templateId: string) => PinnedTemplate[],
): { sessions?: PinnedTemplate[] } {
  return config.sessionsPerCard > 1 ? { sessions: SESSION_TEMPLATE_IDS.flatMap(pin) } : {}
}
