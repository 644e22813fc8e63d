import type { z } from 'zod'

/**
 * A schema's rule that exactly one of two optional fields is given (cards by ids or by query, a file's content or its
 * upload, …): otherwise an issue at `path` with `message`. Returns whether the rule held.
 */
export function exactlyOne(ctx: z.RefinementCtx, a: unknown, b: unknown, path: string, message: string): boolean {
  if ((a === undefined) !== (b === undefined)) return true
  ctx.addIssue({ code: 'custom', path: [path], message })
  return false
}
