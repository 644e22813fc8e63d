import type { ArenaConfigInput } from '@shared/arena'
import { TEMPLATE_IDS } from '@shared/templateIds'
import type { ChatRequest } from './mockOpenAI'

/**
 * Scripted replies for arena tests. Contestants are custom prompts "You are
 * counselor <NAME>." and sign their replies "[NAME]"; the referee (any request
 * whose system prompt is a referee template) picks the candidate signed by the
 * first name in `preference` found among the shown candidates, or answers with
 * garbage when `garbage` says so. Clients answer plainly.
 */
export interface ArenaScript {
  preference: string[]
  /** Referee answers without a readable choice for these requests. */
  garbage?: (request: ChatRequest) => boolean
  /** The named contestant closes the session at this turn. */
  closeAt?: { name: string; turn: number }
}

export const contestantPrompt = (name: string) => `You are counselor ${name}. Answer briefly.`

export const isRefereeRequest = (request: ChatRequest) => /supervis|督导/.test(request.messages[0]?.content ?? '')

export function arenaScript(script: ArenaScript) {
  return (request: ChatRequest): string => {
    const system = request.messages[0]?.content ?? ''
    if (isRefereeRequest(request)) {
      if (script.garbage?.(request)) return 'Both replies have merits; I cannot decide.'
      const user = request.messages[1]?.content ?? ''
      const shown = [...user.matchAll(/^\[([A-D])\] \[(\w+)\]/gm)].map((m) => ({ letter: m[1], name: m[2] }))
      const pick = script.preference.map((name) => shown.find((s) => s.name === name)).find(Boolean) ?? shown[0]
      return `Reply ${pick?.letter} listens more closely.\n\nChoice: ${pick?.letter}`
    }
    const turn = request.messages.filter((m) => m.role === 'assistant').length + 1
    const contestant = system.match(/You are counselor (\w+)\./)?.[1]
    if (contestant) {
      if (script.closeAt?.name === contestant && script.closeAt.turn === turn)
        return `[${contestant}] Thank you for today, take care.`
      return `[${contestant}] turn ${turn}: what was that like for you?`
    }
    return `client line ${turn}: things have been hard lately.`
  }
}

/**
 * An arena of the scripted contestants `names`, all on one endpoint (the simulated client too), refereed by
 * `referee`; `extra` sets the rest (turns, dialogues per combination …).
 */
export const scriptedArenaConfig = (
  endpointId: string,
  names: string[],
  referee: ArenaConfigInput['referee'],
  extra: Partial<ArenaConfigInput> = {},
): ArenaConfigInput => ({
  contestants: names.map((name) => ({
    name,
    endpointId,
    prompt: { kind: 'custom' as const, text: contestantPrompt(name) },
  })),
  client: { endpointId, templateId: TEMPLATE_IDS.client },
  referee,
  ...extra,
})
