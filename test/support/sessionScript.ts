import type { ChatRequest } from './mockOpenAI'
import { scriptedCounseling, type Script } from './scriptedCounseling'

/** Whether a request is the one that summarises a session (the built-in session.summary template, en or zh). */
export const isSummaryRequest = (request: ChatRequest) =>
  request.messages.some((m) => m.content.includes('Write a short session note') || m.content.includes('简短的会谈记录'))

/** The note the script writes after session `index` of the client tagged `tag` (the client repeats its name). */
export const noteFor = (tag: string, index: number) =>
  `NOTE(${tag}, after session ${index}): homework is to walk daily.`

/**
 * The scripted counseling of scriptedCounseling, and a recognisable note for each summary request (who the client
 * is, read from the transcript; which session, from the prompt).
 */
export function scriptedSessions(script: Script = {}) {
  const counseling = scriptedCounseling(script)
  return (request: ChatRequest): string => {
    if (!isSummaryRequest(request)) return counseling(request)
    const prompt = request.messages.map((m) => m.content).join('\n')
    const tag = prompt.match(/\[(\S+)\] client line/)?.[1] ?? 'anon'
    const index = Number(prompt.match(/(?:finished session|第) ?(\d+)/)?.[1] ?? 0)
    return noteFor(tag, index)
  }
}
