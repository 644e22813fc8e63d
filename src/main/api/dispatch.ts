import { z } from 'zod'
import { api, type ApiHandlers, type CallContext, type MethodName } from '@shared/api'
import { WorkbenchError, type Envelope } from '@shared/errors'
import { validationIssue, validationMessage } from './validationIssue'

/** `call` says who is calling (default: a local caller, the desktop app or the CLI). */
export type Dispatch = (method: string, input: unknown, call?: CallContext) => Promise<Envelope>

const LOCAL: CallContext = { remote: false }

const isMethod = (name: string): name is MethodName => Object.hasOwn(api, name)

/** "complaint.body: must not be empty; age: must be a whole number of years" */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}

export function toErrorInfo(error: unknown): Envelope & { ok: false } {
  if (error instanceof WorkbenchError) return { ok: false, error: error.toInfo() }
  if (error instanceof z.ZodError) {
    // An issue worded by the contract's own template (not by its schema) carries its key, for the renderer to word.
    const issues = error.issues.map((issue) => {
      const path = issue.path.map(String)
      const keyed = validationIssue(issue)
      return validationMessage(issue) === issue.message
        ? { path, message: issue.message, ...keyed, params: keyed.params ?? {} }
        : { path, message: issue.message }
    })
    return { ok: false, error: { code: 'invalid_input', message: describeZodError(error), details: { issues } } }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { ok: false, error: { code: 'internal', message } }
}

/**
 * The single entry every adapter goes through: method lookup, input
 * validation against the contract, and errors turned into envelopes.
 */
export function createDispatch(
  handlers: ApiHandlers,
  onInternalError?: (method: string, error: unknown) => void,
): Dispatch {
  return async (method, input, call = LOCAL) => {
    if (!isMethod(method))
      return { ok: false, error: { code: 'unknown_method', message: `Unknown API method "${method}".` } }
    try {
      // `reportInput` tells a missing field from a wrong one; the input does not leave toErrorInfo.
      const parsed = api[method].input.parse(input ?? {}, { error: validationMessage, reportInput: true })
      const handler = handlers[method] as (input: unknown, call: CallContext) => unknown
      return { ok: true, value: await handler(parsed, call) }
    } catch (error) {
      const envelope = toErrorInfo(error)
      if (envelope.error.code === 'internal') onInternalError?.(method, error)
      return envelope
    }
  }
}
