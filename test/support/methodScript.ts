import { DEFAULT_TEMPLATES } from '../../src/main/prompts/defaultTemplates'
import type { ChatRequest } from './mockOpenAI'

/**
 * Scripted replies for the counselor methods' agents (MAGneT, CACTUS, Psych8k). A request is told apart by the text
 * its built-in template starts with (before the first placeholder); anything else (the client, a referee, a
 * single-prompt counselor) goes to `fallback`.
 */
const PREFIXES = DEFAULT_TEMPLATES.filter((t) => t.kind === 'method')
  .flatMap((t) => (['en', 'zh'] as const).map((language) => ({ id: t.id, prefix: t[language].split('{{')[0] })))
  .sort((a, b) => b.prefix.length - a.prefix.length)

/** The method template id a request was made from, or null. */
export function methodTemplateOf(request: ChatRequest): string | null {
  const text = request.messages.map((m) => m.content).join('\n')
  return PREFIXES.find((p) => text.startsWith(p.prefix))?.id ?? null
}

/** The text of a request (all its messages). */
export const requestText = (request: ChatRequest) => request.messages.map((m) => m.content).join('\n')

export const PLAN_TEXT = 'PLAN-STEPS first weigh the worst case, then how likely it is'

export interface MethodScript {
  fallback: (request: ChatRequest) => string
  /** The plan agent's answer (the n-th plan request, from 0). */
  plan?: (n: number) => string
  technique?: (request: ChatRequest) => string
  composer?: (request: ChatRequest) => string
}

export function methodScript(script: MethodScript) {
  let plans = 0
  return (request: ChatRequest): string => {
    const id = methodTemplateOf(request)
    if (!id) return script.fallback(request)
    if (id === 'cbt.plan') return script.plan?.(plans++) ?? `Technique: decatastrophizing.\nPlan: ${PLAN_TEXT}.`
    const specialist = /^magnet\.(reflection|questioning|solutions|normalization|psychoeducation)$/.exec(id)?.[1]
    // Drafts as the release's agents wrote them: a preamble, a label, quotes and a line break.
    if (specialist) return `Here is my draft.\nCounselor: "DRAFT-${specialist} I hear you,\nreally."`
    if (id.startsWith('magnet.technique')) return script.technique?.(request) ?? 'Techniques: Reflection, questioning'
    if (id.startsWith('magnet.composer')) return script.composer?.(request) ?? 'COMPOSED What feels hardest right now?'
    if (id === 'cactus.counselor') return 'CACTUS-REPLY What goes through your mind then?'
    return 'PSYCH8K-REPLY That sounds heavy to carry.'
  }
}
