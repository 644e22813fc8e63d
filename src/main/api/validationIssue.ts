import type { KeyedMessage } from '@shared/errors'
import { formatMessage } from '@shared/messages'

/** What a zod issue (raw, as an error map gets it, or final with `reportInput`) says, as keyed fields of it. */
interface IssueLike {
  code?: string
  input?: unknown
  origin?: string
  minimum?: unknown
  maximum?: unknown
  inclusive?: boolean
  expected?: unknown
  values?: unknown[]
  format?: string
  divisor?: unknown
  keys?: unknown[]
}

const SIZED = new Set(['array', 'set', 'map', 'file'])

/** The message key and parameters for a zod issue kind: 'validation.tooShort' with the minimum, and so on. */
export function validationIssue(issue: IssueLike): KeyedMessage {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { key: 'validation.required' }
        : { key: 'validation.wrongType', params: { expected: String(issue.expected) } }
    case 'too_small': {
      const minimum = Number(issue.minimum)
      if (issue.origin === 'string')
        return minimum === 1 ? { key: 'validation.empty' } : { key: 'validation.tooShort', params: { count: minimum } }
      if (SIZED.has(issue.origin ?? ''))
        return minimum === 1 ? { key: 'validation.empty' } : { key: 'validation.tooFew', params: { count: minimum } }
      return { key: issue.inclusive === false ? 'validation.above' : 'validation.atLeast', params: { minimum } }
    }
    case 'too_big': {
      const maximum = Number(issue.maximum)
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { count: maximum } }
      if (SIZED.has(issue.origin ?? '')) return { key: 'validation.tooMany', params: { count: maximum } }
      return { key: issue.inclusive === false ? 'validation.below' : 'validation.atMost', params: { maximum } }
    }
    case 'invalid_value':
      return {
        key: 'validation.oneOf',
        params: { values: (issue.values ?? []).map((v) => JSON.stringify(v)).join(', ') },
      }
    case 'invalid_format':
      return issue.format === 'regex'
        ? { key: 'validation.pattern' }
        : { key: 'validation.format', params: { format: String(issue.format) } }
    case 'not_multiple_of':
      return { key: 'validation.multipleOf', params: { divisor: String(issue.divisor) } }
    case 'unrecognized_keys':
      return { key: 'validation.unknownKeys', params: { keys: (issue.keys ?? []).map(String).join(', ') } }
    default:
      return { key: 'validation.invalid' }
  }
}

/** The English message of an issue that its schema did not word itself (a zod error map). */
export const validationMessage = (issue: IssueLike): string => {
  const { key, params } = validationIssue(issue)
  return formatMessage(key, params)
}
