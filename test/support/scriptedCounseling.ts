import type { ChatRequest } from './mockOpenAI'

/**
 * Role-aware scripted replies for the mock server: the counselor and the
 * client are told apart by their system prompts (the default templates), and
 * the counselor's turn number is the count of its earlier replies + 1.
 */
export interface Script {
  /** The counselor says a closing phrase at this turn (null = never); by default one of the language's own. */
  closeAtTurn?: (context: { clientTag: string }) => number | null
  closingPhrase?: string
  /** Make some counselor replies break the refinement rules. */
  badCounselorReply?: (turn: number, attempt: number) => 'long' | 'enumerated' | 'linebreak' | null
}

export function isCounselorRequest(request: ChatRequest): boolean {
  const system = request.messages[0]?.content ?? ''
  return system.includes('virtual counselor') || system.includes('虚拟心理咨询师')
}

/** The client's role card carries a name; the client repeats it so counselor requests can be told apart. */
const tagOf = (text: string) => text.match(/(?:Name|姓名)[:：]\s*(\S+)/)?.[1] ?? 'anon'

export function scriptedCounseling(script: Script = {}) {
  const attempts = new Map<string, number>()
  return (request: ChatRequest): string => {
    const history = request.messages.slice(1)
    const turn = history.filter((m) => m.role === 'assistant').length + 1
    if (!isCounselorRequest(request)) {
      const tag = tagOf(request.messages[0].content)
      return `[${tag}] client line ${turn}: things have been hard lately.`
    }
    const clientTag = history.map((m) => m.content.match(/^\[(\S+)\]/)?.[1]).find(Boolean) ?? 'anon'
    const key = `${clientTag}:${turn}:${history.length}`
    const attempt = (attempts.get(key) ?? 0) + 1
    attempts.set(key, attempt)
    const bad = script.badCounselorReply?.(turn, attempt)
    if (bad === 'long') return 'So tell me more. '.repeat(30)
    if (bad === 'enumerated') return 'Let us look at 1. your sleep 2. your work.'
    if (bad === 'linebreak') return 'I hear you.\nWhat happened next?'
    if (script.closeAtTurn?.({ clientTag }) === turn) {
      const chinese = request.messages[0].content.includes('虚拟心理咨询师')
      return chinese
        ? `今天就到这里，${script.closingPhrase ?? '保重'}。`
        : `Thank you for today, ${script.closingPhrase ?? 'take care'}.`
    }
    return `Counselor turn ${turn}: what was that like for you?`
  }
}
