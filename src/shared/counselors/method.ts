import type { z } from 'zod'

/** LLM calls a counselor method makes: once per session, and per counselor turn (all, and one after another). */
export interface MethodCalls {
  perSession: number
  perTurn: number
  /** Round trips a turn waits for one after another (calls that run side by side count once). */
  criticalPath: number
}

/**
 * The contract part of a counselor method (src/shared/counselors/<kind>.ts): what the run form, the API and the
 * cost estimate need to know about it. Its engine lives in src/main/simulation/counselors/<kind>/.
 */
export interface CounselorMethodInfo<S extends { kind: string } = { kind: string }> {
  kind: S['kind']
  /** The method's own settings (besides the counselor's endpoint and sampling), with defaults. */
  settings: z.ZodObject<z.ZodRawShape>
  /** Agents whose endpoint and sampling can differ from the counselor's, in the order the form shows them. */
  agents: readonly string[]
  /** The built-in prompt templates the method uses with these settings, by role; pinned when a run starts. */
  templates(settings: S): Record<string, string>
  calls(settings: S): MethodCalls
  /**
   * What a training export takes from its dialogues: the dialogue's counselor system prompt and the history
   * (system-prompt), or one sample per counselor turn from client information, reason for counseling and history
   * (seed-context, as MAGneT fine-tuned).
   */
  training: 'system-prompt' | 'seed-context'
  /** Reads the client information and reason for counseling (a seed record's, or taken from the role card). */
  usesSeedContext: boolean
}
