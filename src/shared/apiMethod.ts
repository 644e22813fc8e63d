import { z } from 'zod'

/**
 * One method of the API contract: its input schema (validated once, by the
 * dispatcher in src/main) and its output type.
 */
export function method<I extends z.ZodType>(input: I) {
  return { returns: <O>() => ({ input, output: undefined as unknown as O }) }
}
export const none = z.object({}).strict().default({})
export const byId = z.object({ id: z.string().min(1) })
