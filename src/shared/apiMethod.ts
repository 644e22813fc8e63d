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

/**
 * A file's bytes as base64 (standard or URL-safe alphabet; padding and line breaks optional), checked so a wrong upload
 * is not read as an empty file.
 */
export const base64Content = z.string().superRefine((text, ctx) => {
  const bad = text.search(/[^A-Za-z0-9+/_\-=\s]/)
  const compact = text.replace(/\s+/g, '')
  const padding = compact.search(/=/)
  let problem: string | null = null
  if (bad >= 0) problem = `character ${JSON.stringify(text[bad])} at position ${bad + 1} is not used by base64`
  else if (padding >= 0 && !/^={1,2}$/.test(compact.slice(padding))) problem = '"=" may only end it (one or two)'
  else if (compact.replace(/=+$/, '').length % 4 === 1)
    problem = 'its length cannot be that of a base64 text (cut short?)'
  if (problem) ctx.addIssue({ code: 'custom', message: `is not the file's bytes as base64: ${problem}` })
})
