import type { z } from 'zod'

/**
 * The contract part of a client method (src/shared/clients/<kind>.ts): what the run form, the API and the CLI need
 * to know about it. Its engine lives in src/main/simulation/clients/<kind>/.
 */
export interface ClientMethodInfo<S extends { kind: string } = { kind: string }> {
  kind: S['kind']
  /** The method's own settings (besides the client's endpoint, sampling and prompt template), with defaults. */
  settings: z.ZodObject<z.ZodRawShape>
  /** Built-in templates the method uses besides the client template, by role; pinned when a run starts. */
  templates(settings: S): Record<string, string>
  /** LLM calls per client turn (the reply included). */
  callsPerTurn(settings: S): number
  /** The method of the paper (Interactive Agents): the default. */
  paper: boolean
}
