import {
  CLIENT_STAGES,
  ClientStateSchema,
  RULE_DELTAS,
  RULE_STAGE_TRUST,
  STATE_SCALE,
  type ClientState,
} from '@shared/clients/dynamic'
import type { Language } from '@shared/roleCard'

/** The phrases the readable rule looks for in a counselor reply (docs/client-methods.md lists them). */
export const RULE_CUES: Record<Language, Record<Exclude<keyof typeof RULE_DELTAS, 'neutral'>, RegExp>> = {
  en: {
    empathy:
      /\b(it )?(sounds|seems) like\b|\bI (hear|understand|can see)\b|\bthat must\b|\bmakes sense\b|\bno wonder\b/i,
    openQuestion: /\b(what|how|which|tell me)\b[^?]*\?/i,
    directive: /\byou (should|must|need to|have to|ought to)\b|\bjust (try|stop|do)\b/i,
  },
  zh: {
    empathy: /听起来|我(能)?理解|感受到|不容易|辛苦了|难怪|可以理解/,
    openQuestion: /(什么|怎么|怎样|如何|哪些|哪里)[^？?]*[？?]/,
    directive: /你(应该|必须|需要|得|要去)|一定要|赶紧/,
  },
}

const clamp = (n: number) => Math.min(STATE_SCALE, Math.max(0, Math.round(n * 100) / 100))

/**
 * The readable rule: each kind of cue the counselor's reply holds adds its deltas (RULE_DELTAS), none adds the neutral
 * one; values stay within 0 to 10. The stage of change moves on by one when trust reaches the next stage's level
 * (RULE_STAGE_TRUST) and never moves back.
 */
export function ruleUpdate(previous: ClientState, counselorReply: string, language: Language): ClientState {
  const cues = RULE_CUES[language]
  const hits = (Object.keys(cues) as (keyof typeof cues)[]).filter((k) => cues[k].test(counselorReply))
  const deltas = hits.length ? hits.map((k) => RULE_DELTAS[k]) : [RULE_DELTAS.neutral]
  const trust = clamp(previous.trust + deltas.reduce((s, d) => s + d.trust, 0))
  const emotion = clamp(previous.emotion + deltas.reduce((s, d) => s + d.emotion, 0))
  const at = CLIENT_STAGES.indexOf(previous.stage)
  const next = CLIENT_STAGES[at + 1]
  const stage = next && trust >= RULE_STAGE_TRUST[next] ? next : previous.stage
  return { trust, emotion, stage }
}

/**
 * The judge's answer as a state: the last JSON object in it (after any reasoning) with trust, emotion and stage
 * (numbers 0 to 10, a stage of change by name); null when there is none or a value is out of range.
 */
export function parseJudgeState(answer: string): ClientState | null {
  const objects = [...answer.replace(/<think>[\s\S]*?<\/think>/g, '').matchAll(/\{[^{}]*\}/g)].reverse()
  for (const [text] of objects) {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      continue
    }
    if (value && typeof value === 'object' && 'stage' in value && typeof value.stage === 'string')
      value = { ...value, stage: value.stage.trim().toLowerCase() }
    const parsed = ClientStateSchema.safeParse(value)
    if (parsed.success) return parsed.data
  }
  return null
}
