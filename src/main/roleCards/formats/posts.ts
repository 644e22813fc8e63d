import type { RowError } from '@shared/roleCard'
import { detectLanguage } from '../language'
import { describeValue, validateCard, type FormatResult } from '../validation'

/**
 * Help-seeking post titles are short questions; a "title" longer than this means the first space is inside the body.
 */
const MAX_TITLE_LENGTH = 100
/** Chinese posts may use the full-width ideographic space (U+3000) between title and body, so both count. */
const TITLE_SEPARATOR = /[ \u3000]/

/**
 * Splits "title body" at the first ASCII or ideographic space. When there is no usable title (no space, the part
 * before it is longer than MAX_TITLE_LENGTH, or nothing follows it) the title is '' and the whole post is the body,
 * so no text is ever dropped.
 */
export function splitPost(post: string): { title: string; body: string } {
  const text = post.trim()
  const at = text.search(TITLE_SEPARATOR)
  if (at < 0 || at > MAX_TITLE_LENGTH) return { title: '', body: text }
  const body = text.slice(at + 1).trim()
  if (body === '') return { title: '', body: text }
  return { title: text.slice(0, at).trim(), body }
}

/** A JSON array of strings, one post each. Rows are 1-based array positions. */
export function parsePosts(fileName: string, value: unknown): FormatResult {
  if (!Array.isArray(value)) {
    return {
      rows: 0,
      cards: [],
      errors: [
        {
          file: fileName,
          row: null,
          field: null,
          message: `expected a JSON array of post strings, got ${describeValue(value)}`,
        },
      ],
    }
  }
  const result: FormatResult = { rows: value.length, cards: [], errors: [] }
  for (const [index, post] of value.entries()) {
    const row = index + 1
    const fail = (message: string): RowError => ({ file: fileName, row, field: null, message })
    if (typeof post !== 'string') {
      result.errors.push(fail(`each post must be a string (got ${describeValue(post)})`))
      continue
    }
    if (post.trim() === '') {
      result.errors.push(fail('the post is empty'))
      continue
    }
    const validated = validateCard(
      {
        language: detectLanguage(post),
        complaint: splitPost(post),
        source: 'posts',
        provenance: `${fileName} #${row}`,
      },
      fileName,
      row,
    )
    if (validated.ok) result.cards.push({ row, card: validated.card })
    else result.errors.push(...validated.errors)
  }
  return result
}
