import type { Sampling } from '@shared/agentSettings'
import type { MethodSettings } from '@shared/counselors'
import type { Language, RoleCard } from '@shared/roleCard'
import type { RefinementRule } from '@shared/simulation'
import type { EndpointSecret } from '../../llm/endpointService'
import type { LlmGateway } from '../../llm/gateway'
import type { Agent } from '../agents'
import type { SessionContext } from '../sessions/followUp'

/**
 * A method's state for one session, kept with the dialogue (a run dialogue's meta, an arena contestant's entry), so
 * a session resumed after a crash keeps what was decided once (MAGneT's and CACTUS's CBT plan).
 */
export interface SessionState {
  get(): Record<string, unknown>
  /** Stores these keys at once (the other keys stay). */
  set(patch: Record<string, unknown>): void
}

/** Everything a counselor method's engine gets for one session. */
export interface CounselorEnv<S extends MethodSettings = MethodSettings> {
  gateway: LlmGateway
  resolve: (endpointId: string) => EndpointSecret
  settings: S
  /** The counselor's endpoint and sampling (agents of the method use them unless set apart). */
  sampling: Sampling
  /** The pinned text of the method's template for `role` (methodTemplates(settings)) in the session's language. */
  template: (role: string) => string
  /** The counselor system prompt of the session (three-stage: the filled template or a contestant's own prompt). */
  systemPrompt: string | null
  card: RoleCard | null
  language: Language
  maxTurns: number
  /** The run's refinement of counselor replies: the reply the client hears goes through it. */
  refinement: {
    rule: RefinementRule
    maxResamples: number
    onExhausted: 'keep_best_and_flag' | 'fail_dialogue'
  }
  state: SessionState
  /**
   * A follow-up session: what it carries from the one before (the summary). Every method's requests get its counselor
   * block (createCounselor adds it), whatever prompts the method builds; absent or null: a first or single session.
   */
  session?: SessionContext | null
}

/** A method's engine: builds the counselor of one session. */
export type CounselorEngine<S extends MethodSettings = MethodSettings> = (env: CounselorEnv<S>) => Agent
