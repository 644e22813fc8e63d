import { DYNAMIC_CLIENT_TEMPLATE_IDS } from '@shared/clients/dynamic'
import { DEFAULT_TEMPLATES } from '../../src/main/prompts/defaultTemplates'
import type { ChatRequest } from './mockOpenAI'
import { scriptedCounseling, type Script } from './scriptedCounseling'

const judgePrefixes = DEFAULT_TEMPLATES.filter((t) => t.id === DYNAMIC_CLIENT_TEMPLATE_IDS.state).flatMap((t) =>
  (['en', 'zh'] as const).map((language) => t[language].split('{{')[0]),
)

/** A request from the dynamic client's state judge (its one message starts with the judge template's text). */
export const isStateJudgeRequest = (request: ChatRequest) =>
  judgePrefixes.some((prefix) => request.messages[0]?.content.startsWith(prefix))

/** A request of the simulated client (not the counselor's, not the judge's). */
export const isClientRequest = (request: ChatRequest) =>
  !isStateJudgeRequest(request) &&
  !(request.messages[0]?.content ?? '').match(/virtual counselor|虚拟心理咨询师/) &&
  request.messages[0]?.role === 'system'

/** Counselor turns in a judge request's conversation (the reply it judges included). */
export const judgedTurn = (request: ChatRequest) => {
  const text = request.messages[0].content
  return (text.match(/^(Counselor: |咨询师：)/gm) ?? []).length + 1
}

/**
 * The counseling script (scriptedCounseling) with a state judge: `judge` answers for the judged counselor turn (1 for
 * the first counselor reply).
 */
export function clientScript(judge: (turn: number, request: ChatRequest) => string, script: Script = {}) {
  const counseling = scriptedCounseling(script)
  return (request: ChatRequest) =>
    isStateJudgeRequest(request) ? judge(judgedTurn(request), request) : counseling(request)
}
