import { agentSampling, type AgentOverride, type Sampling } from '@shared/agentSettings'
import { methodSettings, methodTemplates, type CounselorConfig, type MethodSettings } from '@shared/counselors'
import type { Language, RoleCard, RoleCardData } from '@shared/roleCard'
import type { SimulationConfig } from '@shared/simulation'
import { WorkbenchError } from '@shared/errors'
import { formatMessage } from '@shared/messages'
import { fillTemplate } from '../prompts/defaultTemplates'
import { renderRoleCardText } from '../prompts/roleCardText'
import type { Opening } from './dialogueLoop'

/** A pinned prompt: what a run (template `id`) or an arena (`templateId`, null: a custom prompt) fixed at start. */
export interface PinnedText {
  id?: string | null
  templateId?: string | null
  language: Language
  text: string
}

/** The pinned text of template `id` (null: the list's only template) in `language`. */
export function pinnedText(list: PinnedText[], id: string | null, language: Language, what: string): string {
  const found = list.find((p) => p.language === language && (id === null || (p.id ?? p.templateId) === id))
  if (!found) throw new WorkbenchError('internal', `No ${language} ${what} prompt${id ? ` "${id}"` : ''} is pinned.`)
  return found.text
}

/** The client's system prompt: its template filled with the card and the session's settings. */
export function clientPrompt(
  template: string,
  card: RoleCardData,
  settings: Pick<SimulationConfig, 'maxTurns' | 'minTurns' | 'endToken'>,
): string {
  return fillTemplate(template, {
    role_card: renderRoleCardText(card),
    max_turns: settings.maxTurns,
    min_turns: settings.minTurns,
    end_token: settings.endToken ?? '',
    attitude: card.attitude?.label ?? '',
    attitude_instruction: card.attitude?.instruction ?? '',
  })
}

/** The template ids a counselor configuration needs pinned (all of its method's roles). */
export const counselorTemplateIds = (config: CounselorConfig | MethodSettings): string[] => [
  ...new Set(Object.values(methodTemplates(methodSettings(config)))),
]

/** Every endpoint a counselor configuration calls (its own and its agents'). */
export function counselorEndpointIds(base: Sampling, settings: MethodSettings): string[] {
  const agents = 'agents' in settings ? (Object.values(settings.agents) as AgentOverride[]) : []
  return [...new Set([base.endpointId, ...agents.map((a) => agentSampling(base, a).endpointId)])]
}

/** How a session opens; a seed opening needs the card's seed lines (checked when the run starts). */
export function sessionOpening(
  config: Pick<SimulationConfig, 'opening' | 'greeting'>,
  card: RoleCard | null,
  language: Language,
): Opening {
  if (config.opening === 'greeting') return { kind: 'greeting', greeting: config.greeting[language] }
  const seed = card?.seed
  if (!seed?.counselorOpening || !seed.clientOpening)
    throw new WorkbenchError('invalid_input', { key: 'cards.noSeed', params: { id: card?.id ?? '?' } })
  return { kind: 'seed', counselor: seed.counselorOpening, client: seed.clientOpening }
}

/** Before a seed-opened run starts: every card must carry both seed lines. */
export function checkSeedOpening(cards: RoleCard[]): void {
  const missing = cards.filter((c) => !c.seed?.counselorOpening || !c.seed.clientOpening)
  if (missing.length === 0) return
  const shown = missing
    .slice(0, 5)
    .map((c) => c.id)
    .join(', ')
  const keyed = {
    key: 'cards.noSeedLines',
    params: { missing: missing.length, total: cards.length, ids: `${shown}${missing.length > 5 ? ', …' : ''}` },
  } as const
  const message = formatMessage(keyed.key, keyed.params)
  throw new WorkbenchError('invalid_input', keyed, { issues: [{ path: ['config', 'opening'], message, ...keyed }] })
}
