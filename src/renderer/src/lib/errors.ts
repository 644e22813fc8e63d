import i18next from 'i18next'
import { WorkbenchError, type ErrorCode } from '@shared/errors'
import type { MessageParams } from '@shared/messages'
import { localizeMessage } from './localizeMessage'

/** A status named in a message ("Run "x" is paused") in the interface language; any other parameter as it is. */
function wordParams(params: MessageParams = {}): MessageParams {
  const status = params.status
  return typeof status === 'string'
    ? { ...params, status: i18next.t(`serverStatus.${status}`, { defaultValue: status }) }
    : params
}

/**
 * A server message (src/shared/messages.ts) in the interface language: its key's wording with its parameters, or
 * `fallback` (the server's English) when this renderer has no wording for the key.
 */
export function wordServerMessage(key: string, params: MessageParams | undefined, fallback: string): string {
  const path = `server.${key}`
  const values = { ...wordParams(params), interpolation: { escapeValue: false } }
  return i18next.exists(path, values) ? i18next.t(path, values) : fallback
}

interface Issue {
  path?: unknown
  message?: unknown
  key?: unknown
  params?: unknown
}

/** One validation issue (an item of `details.issues`) in the interface language, without its path. */
export function wordIssue(issue: Issue): string {
  const message = String(issue.message ?? '')
  return typeof issue.key === 'string'
    ? wordServerMessage(issue.key, issue.params as MessageParams | undefined, localizeMessage(message))
    : localizeMessage(message)
}

function keyedIssues(details: unknown): Issue[] | null {
  const issues = (details as { issues?: unknown } | null | undefined)?.issues
  if (!Array.isArray(issues) || !issues.some((i: Issue) => typeof i?.key === 'string')) return null
  return issues as Issue[]
}

/** What an error says, in the interface language when the server gave its message a key the renderer words. */
export function errorMessage(error: unknown): string {
  if (error instanceof WorkbenchError) {
    if (error.key) return wordServerMessage(error.key, error.params, error.message)
    const issues = error.code === 'invalid_input' ? keyedIssues(error.details) : null
    if (issues)
      return issues
        .map((issue) => {
          const path = Array.isArray(issue.path) ? issue.path.join('.') : ''
          const text = wordIssue(issue)
          return path ? wordServerMessage('validation.at', { path, issue: text }, `${path}: ${text}`) : text
        })
        .join('; ')
  }
  if (error instanceof Error) return error.message
  return String(error)
}

export function hasErrorCode(error: unknown, code: ErrorCode): error is WorkbenchError {
  return error instanceof WorkbenchError && error.code === code
}
