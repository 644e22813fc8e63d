import { agentSampling } from '@shared/agentSettings'
import { DYNAMIC_CLIENT_TEMPLATE_IDS, type ClientState, type DynamicClientSettings } from '@shared/clients/dynamic'
import type { TraceStep, TurnTrace } from '@shared/dialogue'
import { fillTemplate } from '../../../prompts/defaultTemplates'
import { renderRoleCardText } from '../../../prompts/roleCardText'
import type { TurnContext } from '../../agents'
import { callAgent, replyStep } from '../../counselors/agentCall'
import { transcript } from '../../counselors/transcript'
import { clientAgent, type ClientEngine, type ClientEnv } from '../engine'
import { drawResistance, RESISTANCE_INSTRUCTIONS } from './resistance'
import { parseJudgeState, ruleUpdate } from './state'
import { TURN_WORDS } from './templates'

/** The state the client spoke from last (its latest reply's trace), or null before its first dynamic reply. */
export function lastClientState(history: TurnContext['history']): ClientState | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const state = history[i].trace?.clientState
    if (history[i].speaker === 'client' && state)
      return { trust: state.trust, emotion: state.emotion, stage: state.stage }
  }
  return null
}

/** The new state from the counselor's last reply: the judge's answer, or the rule (also when the answer is unread). */
async function nextState(
  env: ClientEnv<DynamicClientSettings>,
  context: TurnContext,
  previous: ClientState,
): Promise<{ state: ClientState; how: 'judge' | 'rule' | 'initial'; steps: TraceStep[]; note?: string }> {
  const last = context.history.at(-1)
  if (!last || last.speaker !== 'counselor') return { state: previous, how: 'initial', steps: [] }
  if (env.settings.update === 'rule')
    return { state: ruleUpdate(previous, last.content, env.language), how: 'rule', steps: [] }
  const step = await callAgent(env, context, {
    agent: 'state',
    purpose: 'client.state',
    sampling: agentSampling(env.config, env.settings.judge),
    prompt: fillTemplate(env.template(DYNAMIC_CLIENT_TEMPLATE_IDS.state), {
      role_card: renderRoleCardText(env.card),
      trust: previous.trust,
      emotion: previous.emotion,
      stage: previous.stage,
      history: transcript(context.history.slice(0, -1), env.language),
      counselor_reply: last.content,
    }),
  })
  const state = parseJudgeState(step.content)
  if (state)
    return {
      state,
      how: 'judge',
      steps: [{ ...step, parsed: [`trust ${state.trust}`, `emotion ${state.emotion}`, state.stage] }],
    }
  const note = "the judge's answer could not be read; the rule updated the state"
  return { state: ruleUpdate(previous, last.content, env.language), how: 'rule', steps: [{ ...step, note }], note }
}

/**
 * The dynamic client: every turn its state is updated from the counselor's last reply, the withheld facts its trust
 * has reached are added to its prompt, and a resistance behaviour may be drawn and asked for. The reply's trace keeps
 * the state, so a resumed session goes on from the stored state.
 */
export const dynamicClientEngine: ClientEngine<DynamicClientSettings> = (env) => ({
  speaker: 'client',
  async reply(context) {
    const previous = lastClientState(context.history) ?? env.settings.initial
    const { state, how, steps, note } = await nextState(env, context, previous)
    const words = TURN_WORDS[env.language]
    const disclosed = env.card.withheld.filter((f) => state.trust >= f.threshold)
    const turn = context.history.filter((m) => m.speaker === 'counselor').length
    const resistance = drawResistance(env.card.resistanceBehaviours, env.seed, env.drawKey, turn)
    const instruction = fillTemplate(env.template(DYNAMIC_CLIENT_TEMPLATE_IDS.turn), {
      trust: state.trust,
      emotion: state.emotion,
      stage: words.stages[state.stage],
      disclosed: disclosed.length ? disclosed.map((f) => `- ${f.text}`).join('\n') : words.noFacts,
      resistance: resistance ? RESISTANCE_INSTRUCTIONS[env.language][resistance] : words.noResistance,
    })
    const reply = await clientAgent(env, `${env.systemPrompt}\n\n${instruction}`).reply(context)
    const all = [...steps, replyStep('client', reply)]
    const trace: TurnTrace = {
      method: 'dynamic',
      steps: all,
      clientState: { ...state, how, resistance, disclosed: disclosed.length, ...(note && { note }) },
    }
    // Like a multi-agent counselor's reply: the turn's latency and tokens are its calls' together.
    const sum = (f: (x: TraceStep) => number | null) => all.reduce((n, x) => n + (f(x) ?? 0), 0)
    return {
      ...reply,
      latencyMs: sum((x) => x.latencyMs),
      promptTokens: sum((x) => x.promptTokens),
      completionTokens: sum((x) => x.completionTokens),
      trace,
    }
  },
})
