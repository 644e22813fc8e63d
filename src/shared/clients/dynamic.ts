import { z } from 'zod'
import { AgentOverrideSchema } from '../agentSettings'
import { RESISTANCE_BEHAVIOURS } from '../roleCard'
import type { ClientMethodInfo } from './method'

/** Stages of change (transtheoretical model), from not yet considering a change to keeping it up. */
export const CLIENT_STAGES = ['precontemplation', 'contemplation', 'preparation', 'action', 'maintenance'] as const
export type ClientStage = (typeof CLIENT_STAGES)[number]

/** Trust and emotional intensity run from 0 to this. */
export const STATE_SCALE = 10

const level = (what: string) =>
  z
    .number({ message: `${what} must be a number from 0 to ${STATE_SCALE}` })
    .min(0, `${what} must be from 0 to ${STATE_SCALE}`)
    .max(STATE_SCALE, `${what} must be from 0 to ${STATE_SCALE}`)

/** The client's state between turns: trust in the counselor, how strongly it feels, its stage of change. */
export const ClientStateSchema = z.object({
  trust: level('trust'),
  emotion: level('emotional intensity'),
  stage: z.enum(CLIENT_STAGES, { message: `stage must be one of ${CLIENT_STAGES.join(', ')}` }),
})
export type ClientState = z.output<typeof ClientStateSchema>

export const DYNAMIC_CLIENT_TEMPLATE_IDS = {
  /** The judge that reads the counselor's last reply and gives the new state. */
  state: 'client.dynamic.state',
  /** The per-turn instruction added to the client's system prompt: its state, what it may disclose, its resistance. */
  turn: 'client.dynamic.turn',
} as const

/**
 * The readable rule (update: 'rule', and the fallback when the judge's answer cannot be read): the deltas a
 * counselor reply adds to trust and emotional intensity by what it contains (see docs/client-methods.md).
 */
export const RULE_DELTAS = {
  /** Reflects or validates feelings ("it sounds like", "I understand", "听起来", "理解"). */
  empathy: { trust: 1, emotion: -0.5 },
  /** Asks an open question (what / how / 什么 / 怎么 ... ?). */
  openQuestion: { trust: 0.5, emotion: 0 },
  /** Tells the client what to do ("you should", "you must", "应该", "必须"). */
  directive: { trust: -1, emotion: 1 },
  /** None of these. */
  neutral: { trust: 0.25, emotion: 0 },
} as const

/** Trust at which the rule moves the stage of change on (one stage a turn, never back). */
export const RULE_STAGE_TRUST: Record<ClientStage, number> = {
  precontemplation: 0,
  contemplation: 3,
  preparation: 5,
  action: 7,
  maintenance: 9,
}

/**
 * The dynamic client: a state (trust, emotional intensity, stage of change) updated every client turn from the
 * counselor's last reply, by a judge call or the readable rule; the card's withheld facts enter its prompt once trust
 * reaches their threshold; each turn one of the card's resistance behaviours may be drawn (seeded) and acted out.
 */
export const dynamicClientSettings = z.object({
  kind: z.literal('dynamic'),
  /** How the state is updated: a judge call per turn (`client.state`), or the readable rule. */
  update: z.enum(['judge', 'rule']).default('judge'),
  /** The state before the first counselor reply. */
  initial: ClientStateSchema.default({ trust: 3, emotion: 6, stage: 'contemplation' }),
  /** The judge's endpoint and sampling, when set apart from the client's (temperature 0 by default). */
  judge: AgentOverrideSchema.default({ temperature: 0 }),
})
export type DynamicClientSettings = z.output<typeof dynamicClientSettings>

export const dynamicClient: ClientMethodInfo<DynamicClientSettings> = {
  kind: 'dynamic',
  settings: dynamicClientSettings,
  templates: (s) =>
    s.update === 'judge' ? { ...DYNAMIC_CLIENT_TEMPLATE_IDS } : { turn: DYNAMIC_CLIENT_TEMPLATE_IDS.turn },
  callsPerTurn: (s) => (s.update === 'judge' ? 2 : 1),
  paper: false,
}

/**
 * What a dynamic client's reply stores in its trace: the state it spoke from and what shaped the reply (checked when
 * a dataset is imported; fields a newer version adds are kept).
 */
export const ClientStateTraceSchema = ClientStateSchema.extend({
  /** How the state was reached this turn: the judge's answer, the rule, or the initial state (no counselor reply). */
  how: z.enum(['judge', 'rule', 'initial']),
  /** The resistance behaviour drawn for this turn, or null. */
  resistance: z.enum(RESISTANCE_BEHAVIOURS).nullable(),
  /** How many of the card's withheld facts the prompt held (trust at or above their thresholds). */
  disclosed: z.number().int().min(0),
  /** Why the rule stood in for the judge (its answer could not be read). */
  note: z.string().optional(),
}).loose()
export type ClientStateTrace = z.output<typeof ClientStateTraceSchema>
